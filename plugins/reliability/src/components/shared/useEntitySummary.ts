import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';

/** The reliability summary of the entity on the current page. */
export function useEntitySummary() {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsync(
    () => api.getEntitySummary(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  return { entity, ...state };
}
