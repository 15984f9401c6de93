import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatPercent } from '../shared/format';
import { ResponsibilityTable } from '../shared/ResponsibilityTable';
import { StateIndicator } from '../shared/StateIndicator';
import { useEntitySummary } from '../shared/useEntitySummary';

const WORST_FIRST = ['exhausted', 'critical', 'warning', 'healthy', 'no-data'];

/** The overview card: every objective's state and budget at a glance, and responsibility. */
export function EntityReliabilityCard() {
  const { entity, value: summary, loading, error } = useEntitySummary();
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
    <InfoCard title="Reliability">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {summary && summary.slos.length === 0 && (
        <Typography variant="body2" paragraph>
          No SLOs defined yet: the Reliability tab shows how to add one.
        </Typography>
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
              {status.dataQuality === 'no-data'
                ? ''
                : `${formatPercent(
                    status.errorBudget.remaining,
                    1,
                  )} budget left`}
            </Typography>
            <StateIndicator state={status.state} />
          </Box>
        </Box>
      ))}
      <ResponsibilityTable entity={entity} />
    </InfoCard>
  );
}
