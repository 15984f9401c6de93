import { parseEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityDisplayName,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { SloSection } from '../SloCards/SloSection';

/**
 * The reliability content of an SLO entity's page: the service it measures (a link to the
 * service's Reliability tab, with its policy and every SLO of it), then one card per
 * objective (state, SLI, budget and its burn-down) and the SLO's history of changes.
 */
export function EntitySloContent() {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const namespace = entity.metadata.namespace ?? 'default';
  const { name } = entity.metadata;
  const { value, loading, error } = useAsync(
    () => api.getSlo({ namespace, name }),
    [api, namespace, name],
  );
  // The SLO's own document names the service, so the link is there before the first
  // evaluation; default kind and namespace as the catalog module reads spec.service.
  const serviceRef =
    value?.serviceRef ??
    parseEntityRef(String(entity.spec?.service ?? ''), {
      defaultKind: 'component',
      defaultNamespace: namespace,
    });
  const service =
    typeof serviceRef === 'string' ? parseEntityRef(serviceRef) : serviceRef;
  const serviceTab = `${entityRoute({
    kind: service.kind.toLocaleLowerCase('en-US'),
    namespace: service.namespace,
    name: service.name,
  })}/reliability`;
  const notYet = ResponseError.is(error) && error.statusCode === 404;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Service level objective">
          <Typography variant="body1">
            Measures{' '}
            <Link to={serviceTab}>
              <EntityDisplayName entityRef={service} hideIcon disableTooltip />
            </Link>
            ; the service’s Reliability tab has its error-budget policy and all
            its SLOs.
          </Typography>
          {loading && <Progress />}
          {error && !notYet && <ResponseErrorPanel error={error} />}
          {notYet && (
            <Typography variant="body2" color="textSecondary">
              Not evaluated yet: the suite picks an SLO up within a minute of
              the catalog ingesting it.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      {value && (
        <Grid item xs={12}>
          <SloSection slos={[value]} />
        </Grid>
      )}
    </Grid>
  );
}
