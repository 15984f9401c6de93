import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  EntitySummary,
  ObjectiveStatus,
  SloState,
  TeamService,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { budgetLeftText } from '../shared/dataCoverage';
import { formatBudgetLeftLabel } from '../shared/format';
import { errorText } from '../shared/policy';
import { FreezeChip, VerdictIndicator } from '../shared/PolicyState';
import { usePolicyLink } from '../shared/usePageLinks';
import { ResponsibilityTable } from '../shared/ResponsibilityTable';
import { StateIndicator } from '../shared/StateIndicator';
import {
  useEntityPolicy,
  useEntityResponsibility,
  useEntitySummary,
} from '../../hooks';
import { useVerdict } from '../shared/verdict';
import { useWordWrapStyles } from '../shared/wordWrap';

const WORST_FIRST = ['exhausted', 'critical', 'warning', 'healthy', 'no-data'];

/**
 * The entity's error-budget policy in one line with the entity's verdict (a freeze in force,
 * an alert, an exhausted budget or the policy state, whichever is worst).
 */
function PolicyLine(props: { summary?: EntitySummary }) {
  const policyLink = usePolicyLink();
  const { value, error } = useEntityPolicy();
  const verdict = useVerdict(value, props.summary);
  if (error) {
    return (
      <Typography variant="caption" color="error" display="block" paragraph>
        Error-budget policy: {errorText(error).message}
      </Typography>
    );
  }
  if (!value || !verdict) return null;
  const href = policyLink?.(value.policy.ref);
  return (
    <Box
      display="flex"
      justifyContent="space-between"
      alignItems="center"
      mb={1}
      pb={1}
      borderBottom={1}
      borderColor="divider"
    >
      <Typography variant="body2">
        Policy:{' '}
        {href ? (
          <Link to={href}>{value.policy.title}</Link>
        ) : (
          value.policy.title
        )}
      </Typography>
      <VerdictIndicator verdict={verdict} />
    </Box>
  );
}

/** A System's or Domain's components, worst first (as the backend sorts them), linked. */
function Components(props: { components: TeamService[] }) {
  return (
    <Box mb={1} pb={1} borderBottom={1} borderColor="divider">
      <Typography variant="subtitle2" gutterBottom>
        Components ({props.components.length})
      </Typography>
      <ul aria-label="Components" style={{ margin: 0, padding: 0 }}>
        {props.components.map(c => (
          <Box
            component="li"
            key={c.entityRef}
            display="flex"
            justifyContent="space-between"
            alignItems="center"
            flexWrap="wrap"
            mb={0.5}
            style={{ listStyle: 'none', gap: 8 }}
          >
            <Typography variant="body2">
              <EntityRefLink entityRef={c.entityRef}>
                {c.title || undefined}
              </EntityRefLink>
            </Typography>
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              {c.remaining !== null && (
                <Typography variant="body2">
                  {formatBudgetLeftLabel(c.remaining)}
                </Typography>
              )}
              {c.frozen && <FreezeChip />}
              {c.sloState === null ? (
                <Typography variant="body2" color="textSecondary">
                  no SLOs
                </Typography>
              ) : (
                <StateIndicator state={c.sloState as SloState} />
              )}
            </Box>
          </Box>
        ))}
      </ul>
    </Box>
  );
}

/** Who is responsible, as resolved with inheritance from the System and Domain. */
function Responsibility() {
  const { value, loading, error } = useEntityResponsibility();
  if (loading) return <Progress />;
  if (error) {
    return (
      <Typography variant="caption" color="error" display="block">
        Responsibility: {errorText(error).message}
      </Typography>
    );
  }
  return value ? <ResponsibilityTable value={value} /> : null;
}

/**
 * The overview card: the error-budget policy's state and any release freeze, every objective's
 * state and budget at a glance, and responsibility.
 */
export function EntityReliabilityCard() {
  const { value: summary, loading, error } = useEntitySummary();
  const wordWrap = useWordWrapStyles();
  const objectives: Array<{ title: string; status: ObjectiveStatus }> = (
    summary?.slos ?? []
  )
    .flatMap(slo =>
      slo.objectives.map(status => ({
        title:
          slo.objectives.length > 1
            ? `${slo.title} — ${status.name}`
            : slo.title,
        status,
      })),
    )
    .sort(
      (a, b) =>
        WORST_FIRST.indexOf(a.status.state) -
        WORST_FIRST.indexOf(b.status.state),
    );
  return (
    <InfoCard title="Reliability" className={wordWrap.root}>
      <PolicyLine summary={summary} />
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {summary && summary.slos.length === 0 && !summary.components?.length && (
        <Typography variant="body2" paragraph>
          No SLOs defined yet: the Reliability tab shows how to add one.
        </Typography>
      )}
      {summary?.components && summary.components.length > 0 && (
        <Components components={summary.components} />
      )}
      {objectives.map(({ title, status }) => (
        <Box
          key={title}
          display="flex"
          justifyContent="space-between"
          alignItems="center"
          mb={1}
        >
          <Typography variant="body2">{title}</Typography>
          <Box display="flex" alignItems="center">
            <Typography variant="body2" style={{ marginRight: 16 }}>
              {budgetLeftText(status)}
            </Typography>
            <StateIndicator
              state={status.state}
              dataQuality={status.dataQuality}
            />
          </Box>
        </Box>
      ))}
      <Responsibility />
    </InfoCard>
  );
}
