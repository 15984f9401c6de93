import { parseEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type {
  SloDetail,
  SloSummary,
} from '@reliability-suite/plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useReliabilityApi, useSloRevisions } from '../../hooks';
import { SloHistory } from '../SloHistory';
import { BurnDownChart } from './BurnDownChart';
import { ObjectiveCard } from './ObjectiveCard';
import { SourceAlertState, sourceAlertLoader } from './SourceAlertState';

function ObjectiveChart(props: {
  load: () => Promise<SloDetail>;
  objective: string;
  unit: 'events' | 'ms';
}) {
  const { value, loading, error } = useAsync(props.load, [props.load]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const series = value?.series.find(s => s.objective === props.objective);
  if (!series) return null;
  return <BurnDownChart points={series.points} unit={props.unit} />;
}

/**
 * The SLO's refinement history, only once it has been refined: a card saying "not refined
 * since it was first defined" adds nothing to the page.
 */
function RefinementHistory(props: { sloRef: string; title: string }) {
  const { namespace, name } = parseEntityRef(props.sloRef);
  const { value, error } = useSloRevisions(
    { namespace, name },
    { limit: 1, offset: 0 },
  );
  // On an error the history card shows it (it asks again); while loading, nothing.
  if (!error && (!value || value.totalCount < 2)) return null;
  return (
    <Grid item xs={12} lg={6}>
      <SloHistory sloRef={props.sloRef} title={props.title} />
    </Grid>
  );
}

/** One card per objective of each SLO of the entity. */
export function SloSection(props: { slos: SloSummary[] }) {
  const api = useReliabilityApi();
  // One request per SLO, shared by the charts of its objectives (the answer holds them all).
  const loaders = useMemo(
    () =>
      new Map(
        props.slos.map(slo => {
          let detail: Promise<SloDetail> | undefined;
          const { namespace, name } = parseEntityRef(slo.sloRef);
          return [
            slo.sloRef,
            () => (detail ??= api.getSlo({ namespace, name })),
          ] as const;
        }),
      ),
    [api, props.slos],
  );
  const alertLoaders = useMemo(
    () =>
      new Map(props.slos.map(slo => [slo.sloRef, sourceAlertLoader(api, slo)])),
    [api, props.slos],
  );
  return (
    <Grid container spacing={3}>
      {props.slos.flatMap(slo => {
        if (slo.objectives.length === 0) {
          return [
            <Grid item xs={12} md={6} key={slo.sloRef}>
              <Typography variant="body2">
                {slo.title}: waiting for its first evaluation (within a minute
                of the catalog picking it up).
              </Typography>
            </Grid>,
          ];
        }
        return slo.objectives.map(status => (
          <Grid item xs={12} lg={6} key={`${slo.sloRef}/${status.name}`}>
            <ObjectiveCard
              title={
                slo.objectives.length > 1
                  ? `${slo.title} — ${status.name}`
                  : slo.title
              }
              subheader={`${slo.window ?? ''} · ${
                slo.budgetingMethod ?? ''
              } · target ${(status.target * 100).toString()}%`}
              sloRef={slo.sloRef}
              status={status}
              sourceAlerts={
                alertLoaders.get(slo.sloRef) && (
                  <SourceAlertState
                    load={alertLoaders.get(slo.sloRef)!}
                    status={status}
                  />
                )
              }
              chart={
                <ObjectiveChart
                  load={loaders.get(slo.sloRef)!}
                  objective={status.name}
                  unit={status.errorBudget.unit}
                />
              }
            />
          </Grid>
        ));
      })}
      {props.slos.map(slo => (
        <RefinementHistory
          key={`${slo.sloRef}/history`}
          sloRef={slo.sloRef}
          title={slo.title}
        />
      ))}
    </Grid>
  );
}
