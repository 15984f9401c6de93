import type { SreTimeMonth } from '@reliability-suite/plugin-reliability-common';
import Paper from '@material-ui/core/Paper';
import { useTheme } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatHours, formatMonth, formatShare } from '../shared/format';

const NOWRAP = {
  whiteSpace: 'nowrap',
  paddingLeft: 6,
  paddingRight: 6,
} as const;

/**
 * The operational share of the team's time by month against the cap (a dashed line), and
 * the breakdown behind each month in a table under it, readable without the chart. The
 * current month is marked "so far": its share is the pace up to now.
 */
export function TimeBudgetChart(props: {
  months: SreTimeMonth[];
  cap: number;
}) {
  const theme = useTheme();
  const { months, cap } = props;
  const pct = (share: number | null) =>
    share === null ? null : Number((share * 100).toFixed(1));
  // The complete months as a solid line; the current month's pace so far as a dashed
  // segment from the last complete one, so an early-month dip does not read as a trend.
  const data = months.map((m, i) => {
    const next = months[i + 1];
    return {
      month: m.month,
      partial: m.partial,
      share: m.partial ? null : pct(m.share),
      pace: m.partial || next?.partial ? pct(m.share) : null,
    };
  });
  const top = Math.max(
    100,
    ...months.map(m =>
      m.share === null ? 0 : Math.ceil((m.share * 100) / 25) * 25,
    ),
  );
  return (
    <div data-testid="time-budget-chart">
      <div
        role="img"
        aria-label="Operational share of the team's time by month chart"
        style={{ width: '100%', height: 220 }}
      >
        <ResponsiveContainer>
          <LineChart
            data={data}
            margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" tickFormatter={formatMonth} />
            <YAxis unit="%" width={56} domain={[0, top]} />
            <Tooltip
              // One line per month, whichever series carries it.
              content={({ active, payload }: any) => {
                const point = active ? payload?.[0]?.payload : undefined;
                if (!point) return null;
                const value = point.share ?? point.pace;
                return (
                  <Paper style={{ padding: 8 }}>
                    <Typography variant="body2">
                      {formatMonth(point.month)}: {value}%
                      {point.partial ? ' so far' : ''} operational
                    </Typography>
                  </Paper>
                );
              }}
            />
            <ReferenceLine
              y={cap * 100}
              stroke={theme.palette.error.main}
              strokeDasharray="6 3"
              label={{
                value: `cap ${formatShare(cap, 0)}`,
                position: 'insideTopRight',
              }}
            />
            <Line
              type="monotone"
              name="Operational share"
              dataKey="share"
              stroke={theme.palette.primary.main}
              isAnimationActive={false}
              connectNulls={false}
              dot
            />
            <Line
              type="monotone"
              name="This month so far"
              dataKey="pace"
              stroke={theme.palette.primary.main}
              strokeDasharray="4 4"
              isAnimationActive={false}
              connectNulls={false}
              dot
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Time budget by month">
          <TableHead>
            <TableRow>
              <TableCell style={NOWRAP}>Month</TableCell>
              <TableCell style={NOWRAP} align="right">
                Pages
              </TableCell>
              <TableCell style={NOWRAP} align="right">
                Tickets
              </TableCell>
              <TableCell style={NOWRAP} align="right">
                Incidents
              </TableCell>
              <TableCell style={NOWRAP} align="right">
                Open items
              </TableCell>
              <TableCell style={NOWRAP} align="right">
                Done (toil red.)
              </TableCell>
              <TableCell style={NOWRAP} align="right">
                Ops / team hours
              </TableCell>
              <TableCell style={NOWRAP} align="right">
                Share
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {months.map(m => (
              <TableRow
                key={m.month}
                data-testid={`time-budget-month-${m.month}`}
                data-share={m.share ?? ''}
                data-over-cap={m.overCap}
              >
                <TableCell component="th" scope="row" style={NOWRAP}>
                  {formatMonth(m.month)}
                  {m.partial ? ' (so far)' : ''}
                </TableCell>
                <TableCell align="right">{m.pages}</TableCell>
                <TableCell align="right">{m.tickets}</TableCell>
                <TableCell align="right" style={NOWRAP}>
                  {m.incidents} · {formatHours(m.incidentHours)}
                </TableCell>
                <TableCell align="right">{m.openItems}</TableCell>
                <TableCell align="right">
                  {m.closedItems} ({m.closedToilReductionItems})
                </TableCell>
                <TableCell align="right" style={NOWRAP}>
                  {formatHours(m.operationalHours)} / {formatHours(m.teamHours)}
                </TableCell>
                <TableCell
                  align="right"
                  style={{
                    ...NOWRAP,
                    color: m.overCap ? theme.palette.error.main : undefined,
                    fontWeight: m.overCap ? 600 : undefined,
                  }}
                >
                  {formatShare(m.share, 0)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
