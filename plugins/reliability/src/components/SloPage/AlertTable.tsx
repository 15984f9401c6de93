import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { formatBurnRate } from '../shared/format';

const TIER: Record<'page' | 'ticket', string> = {
  page: 'Page',
  ticket: 'Ticket',
};

/** A burn over one window, in bold when it is at or over the tier's threshold. */
function Burn(props: { rate: number | null | undefined; factor: number }) {
  // Compared as shown, so a burn never reads as over a threshold it is rounded to.
  const over =
    props.rate !== null &&
    props.rate !== undefined &&
    props.rate >= props.factor;
  return (
    <span style={{ fontWeight: over ? 700 : undefined }}>
      {formatBurnRate(props.rate)}
    </span>
  );
}

/**
 * The objective's multi-window burn-rate alerts: each tier, its two windows, the threshold
 * both must reach, the burn now over each, and whether it fires.
 */
export function AlertTable(props: { status: ObjectiveStatus }) {
  const { status } = props;
  return (
    <Table size="small" aria-label="Burn-rate alerts">
      <TableHead>
        <TableRow>
          <TableCell>Tier</TableCell>
          <TableCell>Windows</TableCell>
          <TableCell align="right">Threshold</TableCell>
          <TableCell align="right">Burn, long window</TableCell>
          <TableCell align="right">Burn, short window</TableCell>
          <TableCell>Now</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {status.alerts.map(a => {
          let now = <StatusOK>Not firing</StatusOK>;
          if (a.firing) {
            now =
              a.severity === 'page' ? (
                <StatusError>Firing: pages</StatusError>
              ) : (
                <StatusWarning>Firing: ticket</StatusWarning>
              );
          }
          return (
            <TableRow key={`${a.severity}-${a.longWindow}-${a.shortWindow}`}>
              <TableCell>{TIER[a.severity]}</TableCell>
              <TableCell>
                {a.longWindow} and {a.shortWindow}
              </TableCell>
              <TableCell align="right">{formatBurnRate(a.factor)}</TableCell>
              <TableCell align="right">
                {a.longWindow}:{' '}
                <Burn rate={status.burnRates[a.longWindow]} factor={a.factor} />
              </TableCell>
              <TableCell align="right">
                {a.shortWindow}:{' '}
                <Burn
                  rate={status.burnRates[a.shortWindow]}
                  factor={a.factor}
                />
              </TableCell>
              <TableCell>{now}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
