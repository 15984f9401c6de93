import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  compareSloUrgency,
  type SloState,
  type TeamService,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { STATE_LABEL, formatBudgetLeftLabel } from './format';
import { FreezeChip } from './PolicyState';
import { formatLoad } from './responsibility';
import { StateIndicator } from './StateIndicator';

/**
 * Most urgent first, as the org-wide list (compareSloUrgency: paging, exhausted, ticket, at
 * risk, healthy, no data, then least budget left); services without SLOs last.
 */
function mostUrgentFirst(services: TeamService[]): TeamService[] {
  return [...services].sort((a, b) => {
    if (a.sloState === null || b.sloState === null) {
      return (a.sloState === null ? 1 : 0) - (b.sloState === null ? 1 : 0);
    }
    return compareSloUrgency(
      { state: a.sloState, remaining: a.remaining },
      { state: b.sloState, remaining: b.remaining },
    );
  });
}

function SloCell(props: { service: TeamService }) {
  const { sloState, remaining } = props.service;
  if (sloState === null) {
    return (
      <Typography variant="body2" color="textSecondary">
        no SLOs
      </Typography>
    );
  }
  return (
    <>
      {sloState in STATE_LABEL ? (
        <StateIndicator state={sloState as SloState} />
      ) : (
        sloState
      )}
      {remaining !== null && (
        <Typography variant="caption" display="block" color="textSecondary">
          {formatBudgetLeftLabel(remaining)}
        </Typography>
      )}
    </>
  );
}

/**
 * The state the service's error-budget policy recommends. The team view has the state's name
 * but not the policy's list of states, so the usual names get their colours and any other
 * (in-between) state is amber.
 */
function PolicyCell(props: { service: TeamService }) {
  const { policyState, frozen } = props.service;
  let state = <>—</>;
  if (policyState === 'healthy') state = <StatusOK>{policyState}</StatusOK>;
  else if (policyState === 'exhausted') {
    state = <StatusError>{policyState}</StatusError>;
  } else if (policyState) {
    state = <StatusWarning>{policyState}</StatusWarning>;
  }
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 4, whiteSpace: 'nowrap' }}
    >
      {state}
      {frozen && <FreezeChip />}
    </Box>
  );
}

/**
 * Services with their tier, engagement, SLO state and policy state, most urgent first, each
 * linked to its page: a team's owned and supported services, a System's or
 * Domain's components.
 */
export function ServiceTable(props: {
  label: string;
  services: TeamService[];
  /** Their weight in the SRE team's load. */
  showWeight?: boolean;
  /** The System each belongs to (a Domain's components). */
  showSystem?: boolean;
}) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>Service</TableCell>
          {props.showSystem && <TableCell>System</TableCell>}
          <TableCell>Tier</TableCell>
          <TableCell>Engagement</TableCell>
          <TableCell>SLOs</TableCell>
          <TableCell>Policy</TableCell>
          {props.showWeight && <TableCell align="right">Weight</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {mostUrgentFirst(props.services).map(s => (
          <TableRow key={s.entityRef}>
            <TableCell component="th" scope="row">
              <EntityRefLink entityRef={s.entityRef} hideIcon>
                {s.title || undefined}
              </EntityRefLink>
            </TableCell>
            {props.showSystem && (
              <TableCell>
                {s.systemRef ? (
                  <EntityRefLink
                    entityRef={s.systemRef}
                    defaultKind="system"
                    hideIcon
                  />
                ) : (
                  '—'
                )}
              </TableCell>
            )}
            <TableCell>{s.tier ?? '—'}</TableCell>
            <TableCell>{s.engagement ?? '—'}</TableCell>
            <TableCell>
              <SloCell service={s} />
            </TableCell>
            <TableCell>
              <PolicyCell service={s} />
            </TableCell>
            {props.showWeight && (
              <TableCell align="right">{formatLoad(s.weight)}</TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
