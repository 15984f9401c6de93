import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ResponsibilityMatrix } from '../shared/ResponsibilityMatrix';
import { ResponsibilityTable } from '../shared/ResponsibilityTable';
import { useEntityResponsibility } from '../../hooks';

/**
 * Two cards side by side: who is responsible for the entity (inherited values say from which
 * System or Domain) and the responsibility matrix of its engagement model.
 */
export function ResponsibilityCards() {
  const { value, loading, error } = useEntityResponsibility();
  return (
    <>
      <Grid item xs={12} md={5}>
        <InfoCard title="Ownership and shared responsibility">
          {loading && <Progress />}
          {error && <ResponseErrorPanel error={error} />}
          {value && <ResponsibilityTable value={value} />}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard
          title="Responsibility matrix"
          subheader="Who does what, by the engagement model"
        >
          {loading && <Progress />}
          {error && (
            <Typography variant="body2" color="error">
              Not available: the responsibility model could not be loaded (
              {error.message}).
            </Typography>
          )}
          {value && <ResponsibilityMatrix value={value} />}
        </InfoCard>
      </Grid>
    </>
  );
}
