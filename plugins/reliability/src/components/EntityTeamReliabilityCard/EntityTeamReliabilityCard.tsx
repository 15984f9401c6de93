import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { ANNOTATION_SRE_TEAM } from '@reliability-suite/plugin-reliability-common';
import type {
  SloState,
  SreTeamLoad,
  TeamService,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { monthLabel } from '../Postmortems/postmortem';
import { formatPercent, STATE_LABEL } from '../shared/format';
import { FreezeChip } from '../shared/PolicyState';
import { formatLoad } from '../shared/responsibility';
import { SreLoadBar } from '../shared/SreLoad';
import { StateIndicator } from '../shared/StateIndicator';

const WORST_FIRST = ['exhausted', 'critical', 'warning', 'healthy', 'no-data'];

function rank(state: string | null): number {
  const i = state === null ? -1 : WORST_FIRST.indexOf(state);
  return i < 0 ? WORST_FIRST.length : i;
}

/** Worst SLO state first; services without SLOs last. */
function worstFirst(services: TeamService[]): TeamService[] {
  return [...services].sort((a, b) => rank(a.sloState) - rank(b.sloState));
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
          {formatPercent(remaining, 1)} budget left
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

function ServiceTable(props: {
  label: string;
  services: TeamService[];
  showWeight?: boolean;
}) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>Service</TableCell>
          <TableCell>Tier</TableCell>
          <TableCell>Engagement</TableCell>
          <TableCell>SLOs</TableCell>
          <TableCell>Policy</TableCell>
          {props.showWeight && <TableCell align="right">Weight</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {worstFirst(props.services).map(s => (
          <TableRow key={s.entityRef}>
            <TableCell component="th" scope="row">
              <EntityRefLink entityRef={s.entityRef}>
                {s.title || undefined}
              </EntityRefLink>
            </TableCell>
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

function SreLoadSection(props: { sre: SreTeamLoad }) {
  const { sre } = props;
  return (
    <Box mb={3}>
      <Typography variant="subtitle2" gutterBottom>
        SRE load
      </Typography>
      {sre.overCapacity && (
        <Box mb={1}>
          <Alert severity="error">
            <AlertTitle>Over capacity</AlertTitle>
            {sre.capacity !== null && sre.load > sre.capacity && (
              <>
                {sre.title} carries a load of {formatLoad(sre.load)} against a
                capacity of {formatLoad(sre.capacity)}. Decline or hand back
                services (move them to consulting), or raise the capacity.{' '}
              </>
            )}
            {sre.overTimeCap && sre.timeCap && (
              <>
                Operational work took {formatPercent(sre.timeCap.share, 0)} of
                its time in {monthLabel(sre.timeCap.month)}, over its cap of{' '}
                {formatPercent(sre.timeCap.cap, 0)}: it cannot take more until
                toil comes down (see its time budget).
              </>
            )}
          </Alert>
        </Box>
      )}
      <SreLoadBar load={sre} />
      <Typography variant="caption" color="textSecondary" display="block">
        {sre.services} supported service{sre.services === 1 ? '' : 's'}; each
        counts with its weight.
      </Typography>
    </Box>
  );
}

/**
 * The group page card: the services the team owns and those it supports as an SRE team, with
 * their state, tier, engagement and policy, and — for an SRE team — its load against its
 * capacity, flagged when over.
 */
export function EntityTeamReliabilityCard() {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;
  const { value, loading, error } = useAsync(
    () => api.getTeam({ namespace, name }),
    [api, namespace, name],
  );
  const title = value?.title || entity.metadata.title || name;
  return (
    <InfoCard
      title="Reliability"
      subheader="Services the team owns and supports as SRE team"
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          {value.sre && <SreLoadSection sre={value.sre} />}
          <Typography variant="subtitle2" gutterBottom>
            Owns ({value.owned.length})
          </Typography>
          {value.owned.length === 0 ? (
            <Typography variant="body2" color="textSecondary" paragraph>
              {title} owns no services.
            </Typography>
          ) : (
            <Box mb={3}>
              <ServiceTable label="Owned services" services={value.owned} />
            </Box>
          )}
          <Typography variant="subtitle2" gutterBottom>
            Supports as SRE team ({value.supported.length})
          </Typography>
          {value.supported.length === 0 && !value.sre && (
            <Typography variant="body2" color="textSecondary">
              {title} is no SRE team: no service names it with the{' '}
              <code>{ANNOTATION_SRE_TEAM}</code> annotation.
            </Typography>
          )}
          {value.supported.length === 0 && value.sre && (
            <Typography variant="body2" color="textSecondary">
              {title} supports no services yet.
            </Typography>
          )}
          {value.supported.length > 0 && (
            <ServiceTable
              label="Supported services"
              services={value.supported}
              showWeight
            />
          )}
        </>
      )}
    </InfoCard>
  );
}
