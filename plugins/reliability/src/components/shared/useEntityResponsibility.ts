import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';

/**
 * The responsibility model of the entity on the current page, with inheritance from its
 * System and Domain resolved by the backend, and the RACI matrix of its engagement model.
 */
export function useEntityResponsibility() {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsync(
    () => api.getEntityResponsibility(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  return { entity, ...state };
}
