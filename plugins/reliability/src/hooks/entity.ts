import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useReliabilityQuery } from './useReliabilityApi';

/** The entity on the current page as the API addresses it. */
function useEntityAddress() {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  return { entity, ref, deps: [ref.kind, ref.namespace, ref.name] };
}

/** The reliability summary (SLOs, statuses, components) of the entity on the current page. */
export function useEntitySummary() {
  const { entity, ref, deps } = useEntityAddress();
  const state = useReliabilityQuery(api => api.getEntitySummary(ref), deps);
  return { entity, ...state };
}

/** The error-budget policy of the entity on the current page: state, freeze, exceptions. */
export function useEntityPolicy() {
  const { entity, ref, deps } = useEntityAddress();
  const state = useReliabilityQuery(api => api.getEntityPolicy(ref), deps);
  return { entity, ...state };
}

/**
 * The responsibility model of the entity on the current page, with inheritance from its
 * System and Domain resolved by the backend, and the RACI matrix of its engagement model.
 */
export function useEntityResponsibility() {
  const { entity, ref, deps } = useEntityAddress();
  const state = useReliabilityQuery(
    api => api.getEntityResponsibility(ref),
    deps,
  );
  return { entity, ...state };
}
