import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { PolicyBanner } from '../PolicyBanner';
import { EntityPostmortems } from '../Postmortems';
import { ReadinessChecklist } from '../Readiness';
import { AuditTrail } from '../shared/AuditTrail';
import { HowToAddAnSlo } from '../shared/HowToAddAnSlo';
import { PolicyHistory } from '../shared/PolicyHistory';
import { SloSection } from '../SloCards/SloSection';
import { useEntitySummary } from '../../hooks';
import { ResponsibilityCards } from './ResponsibilityCards';

/** The SLOs section: a card per objective with its burn rates and chart. */
export function SlosSection() {
  const { entity, value: summary, loading, error } = useEntitySummary();
  const entityRef = stringifyEntityRef(entity);
  return (
    <>
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
      {summary && summary.slos.length > 0 && <SloSection slos={summary.slos} />}
    </>
  );
}

/**
 * The Policy section: the error-budget policy with the verdict, freeze, exceptions,
 * escalation and their dialogs, and the entity's policy history below (reloaded after an
 * action).
 */
export function PolicySection(props: {
  changes: number;
  onChange: () => void;
}) {
  const { entity, value: summary } = useEntitySummary();
  const entityRef = stringifyEntityRef(entity);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <PolicyBanner summary={summary} onChange={props.onChange} />
      </Grid>
      <Grid item xs={12}>
        <PolicyHistory
          // A new key after an action reloads the history from its first page.
          key={props.changes}
          title="Policy history"
          entityRef={entityRef}
          pageSize={10}
          emptyContent="Nothing enacted yet: release freezes, exceptions, leadership decisions and policy state changes appear here with who, when, why and the budget at that moment."
        />
      </Grid>
    </Grid>
  );
}

/** Ownership: who is responsible (with inheritance) and the responsibility matrix. */
export function OwnershipSection() {
  return (
    <Grid container spacing={3} alignItems="stretch">
      <ResponsibilityCards />
    </Grid>
  );
}

export function ReadinessSection(props: { onChange: () => void }) {
  return <ReadinessChecklist onChange={props.onChange} />;
}

export function PostmortemsSection(props: { onChange: () => void }) {
  return <EntityPostmortems onChange={props.onChange} />;
}

export function AuditSection(props: { changes: number }) {
  const { entity } = useEntity();
  return (
    <AuditTrail
      entityRef={stringifyEntityRef(entity)}
      refreshKey={props.changes}
    />
  );
}
