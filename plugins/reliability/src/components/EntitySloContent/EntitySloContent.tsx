import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { SloPageContent } from '../SloPage';
import { useSloLink } from '../shared/usePageLinks';

/**
 * The reliability content of an SLO entity's page: the same as the SLO's page in
 * `/reliability` (service, owner, policy, charts, alerts, budget, data, history), with a
 * link to that page when the app mounts it.
 */
export function EntitySloContent() {
  const { entity } = useEntity();
  const sloLink = useSloLink();
  const namespace = entity.metadata.namespace ?? 'default';
  const { name } = entity.metadata;
  // The SLO's own document names the service, so the link is there before the first
  // evaluation; default kind and namespace as the catalog module reads spec.service.
  const service = String(entity.spec?.service ?? '');
  const serviceRef = service
    ? stringifyEntityRef(
        parseEntityRef(service, {
          defaultKind: 'component',
          defaultNamespace: namespace,
        }),
      )
    : undefined;
  return (
    <SloPageContent
      namespace={namespace}
      name={name}
      serviceRef={serviceRef}
      extra={
        sloLink && (
          <Box alignSelf="center">
            <Link to={sloLink(`slo:${namespace}/${name}`)}>
              Open as a page in Reliability
            </Link>
          </Box>
        )
      }
    />
  );
}
