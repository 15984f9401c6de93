import type { MonthlyIncidentFigures } from '@reliability-suite/plugin-reliability-common';
import { useTheme } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDuration, formatMonth } from '../shared/format';

// Narrow cells: the chart's card is a third of the page wide, and a figure broken over two
// lines ("1 h 25\nmin") reads worse than a tighter table.
const NOWRAP = {
  whiteSpace: 'nowrap',
  paddingLeft: 6,
  paddingRight: 6,
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Hours once the longest mean passes two hours, else minutes. */
function unitOf(months: MonthlyIncidentFigures[]): {
  ms: number;
  label: string;
} {
  const longest = Math.max(
    0,
    ...months.flatMap(m => [m.mttdMs ?? 0, m.mttrMs ?? 0]),
  );
  return longest >= 2 * HOUR
    ? { ms: HOUR, label: 'h' }
    : { ms: MINUTE, label: 'min' };
}

/**
 * Mean time to detect and to resolve by month (UTC month of the incident start) as a line
 * chart, and the same figures as a small table under it — month, incidents, MTTD, MTTR — so
 * they can be read without the chart (screen readers, browser tests). A month without a
 * detection (or resolution) time leaves a gap rather than a zero.
 */
export function MttrTrendChart(props: { monthly: MonthlyIncidentFigures[] }) {
  const theme = useTheme();
  const { monthly } = props;
  const unit = unitOf(monthly);
  const round = (ms: number | null) =>
    ms === null ? null : Number((ms / unit.ms).toFixed(1));
  const data = monthly.map(m => ({
    month: m.month,
    mttd: round(m.mttdMs),
    mttdMs: m.mttdMs,
    mttr: round(m.mttrMs),
    mttrMs: m.mttrMs,
  }));
  if (monthly.length === 0) {
    return (
      <div data-testid="mttr-chart">
        <Typography variant="body2" color="textSecondary">
          No incidents to chart yet.
        </Typography>
      </div>
    );
  }
  return (
    <div data-testid="mttr-chart">
      <div
        role="img"
        aria-label="MTTD and MTTR by month chart"
        style={{ width: '100%', height: 220 }}
      >
        <ResponsiveContainer>
          <LineChart
            data={data}
            margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" tickFormatter={formatMonth} />
            <YAxis unit={` ${unit.label}`} width={64} allowDecimals />
            <Tooltip
              labelFormatter={l => formatMonth(String(l))}
              formatter={(_v: unknown, name: unknown, item: any) => [
                formatDuration(
                  name === 'MTTD'
                    ? item?.payload?.mttdMs
                    : item?.payload?.mttrMs,
                ),
                String(name),
              ]}
            />
            <Legend />
            <Line
              type="monotone"
              name="MTTD"
              dataKey="mttd"
              stroke={theme.palette.secondary.main}
              isAnimationActive={false}
              connectNulls={false}
              dot
            />
            <Line
              type="monotone"
              name="MTTR"
              dataKey="mttr"
              stroke={theme.palette.primary.main}
              isAnimationActive={false}
              connectNulls={false}
              dot
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="MTTD and MTTR by month">
          <TableHead>
            <TableRow>
              <TableCell style={NOWRAP}>Month</TableCell>
              <TableCell style={NOWRAP} align="right">
                Incidents
              </TableCell>
              <TableCell style={NOWRAP} align="right">
                MTTD
              </TableCell>
              <TableCell style={NOWRAP} align="right">
                MTTR
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {monthly.map(m => (
              <TableRow
                key={m.month}
                data-testid={`mttr-month-${m.month}`}
                data-month={m.month}
                data-mttd-ms={m.mttdMs ?? ''}
                data-mttr-ms={m.mttrMs ?? ''}
              >
                <TableCell component="th" scope="row" style={NOWRAP}>
                  {formatMonth(m.month)}
                </TableCell>
                <TableCell align="right" data-testid="incidents">
                  {m.incidents}
                </TableCell>
                <TableCell
                  align="right"
                  data-testid="mttd"
                  style={NOWRAP}
                  title={`${m.detectedCount} of ${m.incidents} with a detection time`}
                >
                  {formatDuration(m.mttdMs)}
                </TableCell>
                <TableCell
                  align="right"
                  data-testid="mttr"
                  style={NOWRAP}
                  title={`${m.resolvedCount} of ${m.incidents} with a resolution time`}
                >
                  {formatDuration(m.mttrMs)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
