import { InfoCard } from '@backstage/core-components';
import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import {
  formatBurnRate,
  formatCount,
  formatDuration,
  formatPercent,
} from '../shared/format';
import { partialDataText } from '../shared/dataCoverage';
import { sourceProblemSentence } from '../shared/sourceProblem';
import { NoDataHelp } from '../shared/HowToPushData';
import { StateIndicator } from '../shared/StateIndicator';
import { alertLabel, alertRule } from './alertLabel';
import { forecastText } from './forecastText';
import { Figure } from '../shared/Figure';

const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

function budgetLine(status: ObjectiveStatus): string {
  const b = status.errorBudget;
  return b.unit === 'events'
    ? `${formatCount(b.spent)} of ${formatCount(
        b.total,
      )} bad events allowed so far`
    : `${formatDuration(b.spent)} of ${formatDuration(
        b.total,
      )} bad time in the window`;
}

/**
 * Says that the target changed inside the window and how each period was judged, so a
 * budget that does not match "SLI against today's target" is not a surprise.
 */
function DefinitionPeriods(props: { status: ObjectiveStatus }) {
  const { status } = props;
  const periods = status.definitionPeriods ?? [];
  const amount = (v: number) =>
    status.errorBudget.unit === 'events'
      ? `${formatCount(v)} bad events`
      : formatDuration(v);
  return (
    <Box mt={1} data-testid="definition-periods">
      <Typography variant="body2">
        The target changed in this window; each period is judged by the target
        then in force:
      </Typography>
      {periods.map(p => (
        <Typography
          key={p.from}
          variant="caption"
          display="block"
          color="textSecondary"
        >
          {formatPercent(p.target)}
          {p.timeSliceTarget !== undefined
            ? ` (good slice ≥ ${formatPercent(p.timeSliceTarget)})`
            : ''}{' '}
          from {new Date(p.from).toLocaleDateString()}
          {Date.parse(p.to) < Date.parse(status.windowEnd)
            ? ` to ${new Date(p.to).toLocaleDateString()}`
            : ''}
          : spent {amount(p.spent)} of the {amount(p.budget)} it allows
        </Typography>
      ))}
    </Box>
  );
}

/**
 * One SLO objective: attainment against target, budget remaining, burn rates, the firing
 * alert tier and the burn-down chart.
 */
export function ObjectiveCard(props: {
  title: string;
  subheader: string;
  sloRef: string;
  status: ObjectiveStatus;
  chart?: ReactNode;
  /** What the SLO's source says about its generated alerts (SourceAlertState). */
  sourceAlerts?: ReactNode;
}) {
  const { status } = props;
  const firing = status.alerts.filter(a => a.firing);
  const remaining = status.errorBudget.remaining;
  return (
    <InfoCard title={props.title} subheader={props.subheader}>
      <Box display="flex" alignItems="center" mb={2}>
        <Box flexShrink={0}>
          <StateIndicator
            state={status.state}
            dataQuality={status.dataQuality}
          />
        </Box>
        {status.source && status.source.state !== 'ok' && (
          <Box ml={2} minWidth={0}>
            {/* A source's reason is a sentence: it wraps inside the card, never clipped. */}
            <Chip
              size="small"
              color="secondary"
              style={{ height: 'auto', maxWidth: '100%' }}
              label={
                <span style={{ whiteSpace: 'normal', display: 'block' }}>
                  {sourceProblemSentence(status.source)}
                </span>
              }
            />
          </Box>
        )}
        {status.dataQuality === 'partial' && (
          <Box ml={2}>
            <Chip
              size="small"
              label={`${partialDataText(
                status,
              )}: the figures are those of the data so far`}
            />
          </Box>
        )}
      </Box>
      {status.dataQuality === 'no-data' ? (
        <>
          <NoDataHelp sloRef={props.sloRef} status={status} />
          {status.source ? props.sourceAlerts : null}
        </>
      ) : null}
      {status.dataQuality === 'no-data' ? null : (
        <>
          <Box display="flex" flexWrap="wrap">
            <Figure
              label="SLI / target"
              value={`${formatPercent(status.sli)} / ${formatPercent(
                status.target,
              )}`}
            />
            <Figure
              label={
                status.dataQuality === 'partial'
                  ? 'Error budget remaining, of the data so far'
                  : 'Error budget remaining'
              }
              value={formatPercent(remaining, 1)}
            />
            <Figure label="Budget runs out" {...forecastText(status)} />
          </Box>
          <LinearProgress
            variant="determinate"
            value={Math.max(0, Math.min(100, remaining * 100))}
            color={remaining > 0.25 ? 'primary' : 'secondary'}
            aria-label="Error budget remaining"
          />
          <Typography variant="caption" color="textSecondary">
            {budgetLine(status)}
          </Typography>
          {status.definitionPeriods && <DefinitionPeriods status={status} />}
          {props.sourceAlerts}
          {firing.length > 0 && (
            <Box mt={2}>
              {firing.map(a => (
                <Chip
                  key={`${a.longWindow}-${a.shortWindow}`}
                  color={a.severity === 'page' ? 'secondary' : 'default'}
                  label={alertLabel(status, a)}
                  title={alertRule(status, a)}
                  style={{ marginRight: 8 }}
                />
              ))}
            </Box>
          )}
          <Table
            size="small"
            aria-label="Burn rates"
            style={{ whiteSpace: 'nowrap', marginTop: 8 }}
          >
            <TableHead>
              <TableRow>
                <TableCell style={{ padding: '4px 8px' }}>
                  Burn rate over
                </TableCell>
                {BURN_WINDOWS.map(w => (
                  <TableCell
                    key={w}
                    align="right"
                    style={{ padding: '4px 8px' }}
                  >
                    {w}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              <TableRow>
                <TableCell
                  component="th"
                  scope="row"
                  style={{ padding: '4px 8px' }}
                >
                  × budget rate
                </TableCell>
                {BURN_WINDOWS.map(w => (
                  <TableCell
                    key={w}
                    align="right"
                    style={{ padding: '4px 8px' }}
                  >
                    {formatBurnRate(status.burnRates[w] ?? null)}
                  </TableCell>
                ))}
              </TableRow>
            </TableBody>
          </Table>
          {props.chart}
        </>
      )}
    </InfoCard>
  );
}
