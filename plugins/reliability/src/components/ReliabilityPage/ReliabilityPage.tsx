import {
  Header,
  InfoCard,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import { Route, Routes } from 'react-router-dom';
import { DecisionsTab } from '../Decisions';
import { PolicyPage } from '../PolicyPage';
import { PostmortemPage } from '../Postmortems/PostmortemPage';
import { SloPage } from '../SloPage';
import { AuditTrail } from '../shared/AuditTrail';
import { HowToAddAnSlo } from '../shared/HowToAddAnSlo';
import { PolicyHistory } from '../shared/PolicyHistory';
import { SloRefinements } from '../SloHistory';
import { AuditTab } from './AuditTab';
import { PoliciesTable } from './PoliciesTable';
import { PostmortemsTab } from './PostmortemsTab';
import { ReviewQueue } from './ReviewQueue';
import { SloTable } from './SloTable';
import { SreTeamsTable } from './SreTeamsTable';
import { SreTimeBudgetTable } from '../SreTimeBudget';
import { useWordWrapStyles } from '../shared/wordWrap';

function Overview() {
  return (
    <Page themeId="tool">
      <Header
        title="Reliability"
        subtitle="SLOs, error budgets and shared responsibility across the organisation"
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="SLOs">
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
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/policies" title="Policies">
          <PoliciesTable />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/enactments" title="Enactments">
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <PolicyHistory
                title="Policy enactments across the organisation"
                emptyContent="Nothing enacted yet. Release freezes, exceptions, leadership decisions and policy state changes appear here with who, when, why and the budget at that moment — enact them from an entity's Reliability tab."
              />
            </Grid>
            <Grid item xs={12}>
              <SloRefinements />
            </Grid>
          </Grid>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/audit" title="Audit">
          <AuditTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/sre-teams" title="SRE teams">
          <>
            <SreTeamsTable />
            <Box mt={3}>
              <SreTimeBudgetTable />
            </Box>
          </>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/reviews" title="Reviews">
          <ReviewQueue />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/postmortems" title="Postmortems">
          <PostmortemsTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/decisions" title="Decisions">
          <DecisionsTab />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}

/**
 * `/reliability`: the organisation's view — tabs for SLOs (`/reliability`), error-budget
 * policies (`/reliability/policies`), policy enactments and SLO refinements
 * (`/reliability/enactments`), the
 * ownership audit (`/reliability/audit`), the SRE teams' load (`/reliability/sre-teams`),
 * the readiness review queue (`/reliability/reviews`) and every postmortem with MTTD/MTTR
 * (`/reliability/postmortems`) —
 * and one policy's page at `/reliability/policies/:namespace/:name`.
 */
export function ReliabilityPage() {
  const classes = useWordWrapStyles();
  return (
    // Scopes React Router to the page in the new frontend system; a pass-through elsewhere.
    <ReactRouterV6PageRouter>
      <div className={classes.root}>
        <Routes>
          <Route path="/policies/:namespace/:name" element={<PolicyPage />} />
          <Route path="/postmortems/:id" element={<PostmortemPage />} />
          <Route path="/slos/:namespace/:name" element={<SloPage />} />
          <Route path="/*" element={<Overview />} />
        </Routes>
      </div>
    </ReactRouterV6PageRouter>
  );
}
