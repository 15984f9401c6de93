import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { PolicyBanner } from '../PolicyBanner';
import { EntityPostmortems } from '../Postmortems';
import { ReadinessChecklist } from '../Readiness';
import { AuditTrail } from '../shared/AuditTrail';
import { HowToAddAnSlo } from '../shared/HowToAddAnSlo';
import { ServiceTable } from '../shared/ServiceTable';
import { useWordWrapStyles } from '../shared/wordWrap';
import { useEntitySummary } from '../../hooks';
import { SloSection } from '../SloCards/SloSection';
import { ResponsibilityCards } from './ResponsibilityCards';

/**
 * The "Reliability" tab: the entity's error-budget policy (state, freeze, escalation), for a
 * System or Domain its components with their SLO and policy states, its SLOs and error budgets, who is responsible for it (inherited from its System and Domain where
 * it says nothing itself) with the responsibility matrix of its engagement model, its
 * production-readiness checklist and review, its postmortems (with the burn episodes that need
 * one and MTTD/MTTR by month), and the audit trail of reliability decisions about it.
 */
export function EntityReliabilityContent() {
  const { entity, value: summary, loading, error } = useEntitySummary();
  const entityRef = stringifyEntityRef(entity);
  // A policy action (freeze, exception, decision) adds to the audit trail: reload it.
  const [changes, setChanges] = useState(0);
  const wordWrap = useWordWrapStyles();

  return (
    <Grid container spacing={3} alignItems="stretch" className={wordWrap.root}>
      <Grid item xs={12}>
        <PolicyBanner
          summary={summary}
          onChange={() => setChanges(c => c + 1)}
        />
      </Grid>
      {summary?.components && summary.components.length > 0 && (
        <Grid item xs={12}>
          <InfoCard
            title={`Components (${summary.components.length})`}
            subheader="Worst SLO state first; each is judged by its own SLOs and error-budget policy"
          >
            <ServiceTable
              label="Components"
              services={summary.components}
              showSystem={entity.kind.toLocaleLowerCase('en-US') === 'domain'}
            />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {summary && summary.slos.length === 0 && (
          <InfoCard title="Service level objectives">
            <Typography variant="h6" gutterBottom>
              No SLOs for {entity.metadata.title ?? entity.metadata.name}
              {summary.components?.length ? ' itself' : ''} yet
            </Typography>
            <HowToAddAnSlo serviceRef={entityRef} name={entity.metadata.name} />
          </InfoCard>
        )}
        {summary && summary.slos.length > 0 && (
          <SloSection slos={summary.slos} />
        )}
      </Grid>
      <ResponsibilityCards />
      <Grid item xs={12}>
        <ReadinessChecklist onChange={() => setChanges(c => c + 1)} />
      </Grid>
      <Grid item xs={12}>
        <EntityPostmortems onChange={() => setChanges(c => c + 1)} />
      </Grid>
      <Grid item xs={12}>
        <AuditTrail entityRef={entityRef} refreshKey={changes} />
      </Grid>
    </Grid>
  );
}
