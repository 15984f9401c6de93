import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { AuditTrail } from '../shared/AuditTrail';
import { HowToAddAnSlo } from '../shared/HowToAddAnSlo';
import { SloTable } from './SloTable';

/**
 * `/reliability`: the organisation's view of SLOs, error budgets, ownership, onboarding
 * reviews and postmortems.
 */
export function ReliabilityPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Reliability"
        subtitle="SLOs, error budgets and shared responsibility across the organisation"
      />
      <Content>
        <ContentHeader title="Organisation overview" />
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <SloTable
              onEmpty={
                <InfoCard title="Service level objectives">
                  <Typography variant="h6" gutterBottom>
                    No SLOs in the catalog yet
                  </Typography>
                  <HowToAddAnSlo />
                </InfoCard>
              }
            />
          </Grid>
          <Grid item xs={12}>
            <AuditTrail title="Recent reliability decisions" />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
