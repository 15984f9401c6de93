import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLinks } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { AuditTrail } from '../shared/AuditTrail';
import { HowToAddAnSlo } from '../shared/HowToAddAnSlo';

/**
 * `/reliability`: the organisation's view of SLOs, error budgets, ownership, onboarding
 * reviews and postmortems.
 */
export function ReliabilityPage() {
  const catalogApi = useApi(catalogApiRef);
  const slos = useAsync(
    async () =>
      (
        await catalogApi.getEntities({
          filter: { kind: 'SLO' },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        })
      ).items,
    [catalogApi],
  );
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
            <InfoCard title="Service level objectives">
              {slos.loading && <Progress />}
              {slos.error && <ResponseErrorPanel error={slos.error} />}
              {slos.value?.length === 0 && (
                <>
                  <Typography variant="h6" gutterBottom>
                    No SLOs in the catalog yet
                  </Typography>
                  <HowToAddAnSlo />
                </>
              )}
              {!!slos.value?.length && (
                <Typography variant="body1" component="div">
                  {slos.value.length} SLO
                  {slos.value.length === 1 ? '' : 's'} in the catalog:{' '}
                  <EntityRefLinks entityRefs={slos.value} defaultKind="SLO" />
                </Typography>
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <AuditTrail title="Recent reliability decisions" />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
