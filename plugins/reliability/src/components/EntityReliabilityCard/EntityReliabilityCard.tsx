import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ResponsibilityTable } from '../shared/ResponsibilityTable';
import { useEntitySummary } from '../shared/useEntitySummary';

/** The overview card: SLO count and responsibility at a glance. */
export function EntityReliabilityCard() {
  const { entity, value: summary, loading, error } = useEntitySummary();
  return (
    <InfoCard title="Reliability">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {summary && (
        <Typography variant="body2" paragraph>
          {summary.slos.length === 0
            ? 'No SLOs defined yet: the Reliability tab shows how to add one.'
            : `${summary.slos.length} SLO${
                summary.slos.length === 1 ? '' : 's'
              } defined.`}
        </Typography>
      )}
      <ResponsibilityTable entity={entity} />
    </InfoCard>
  );
}
