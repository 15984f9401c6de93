import {
  CompoundEntityRef,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useReliabilityQuery } from './useReliabilityApi';

/** The parts of an entity reference a request depends on: a new entity, a new request. */
const refDeps = (ref: CompoundEntityRef) => [ref.kind, ref.namespace, ref.name];

/** The entity on the current page as the API addresses it. */
function useEntityAddress() {
  const { entity } = useEntity();
  return { entity, ref: getCompoundEntityRef(entity) };
}

/** The error-budget policy of an entity: state, freeze, exceptions. */
export function useEntityPolicyOf(ref: CompoundEntityRef) {
  return useReliabilityQuery(api => api.getEntityPolicy(ref), refDeps(ref));
}

/** An entity's production-readiness checklist and review. */
export function useReadinessOf(ref: CompoundEntityRef) {
  return useReliabilityQuery(api => api.getReadiness(ref), refDeps(ref));
}

/** The reliability summary (SLOs, statuses, components) of the entity on the current page. */
export function useEntitySummary() {
  const { entity, ref } = useEntityAddress();
  const state = useReliabilityQuery(
    api => api.getEntitySummary(ref),
    refDeps(ref),
  );
  return { entity, ...state };
}

/** The error-budget policy of the entity on the current page: state, freeze, exceptions. */
export function useEntityPolicy() {
  const { entity, ref } = useEntityAddress();
  return { entity, ...useEntityPolicyOf(ref) };
}

/**
 * The responsibility model of the entity on the current page, with inheritance from its
 * System and Domain resolved by the backend, and the RACI matrix of its engagement model.
 */
export function useEntityResponsibility() {
  const { entity, ref } = useEntityAddress();
  const state = useReliabilityQuery(
    api => api.getEntityResponsibility(ref),
    refDeps(ref),
  );
  return { entity, ...state };
}

/** The production-readiness checklist and review of the entity on the current page. */
export function useEntityReadiness() {
  const { entity, ref } = useEntityAddress();
  return { entity, ...useReadinessOf(ref) };
}

/** The postmortems and burn episodes of the entity on the current page. */
export function useEntityPostmortems() {
  const { entity, ref } = useEntityAddress();
  const state = useReliabilityQuery(
    api => api.getEntityPostmortems(ref),
    refDeps(ref),
  );
  return { entity, ...state };
}

/** The group on the current page as a team: the services it owns and supports, its load. */
export function useEntityTeam() {
  const { entity, ref } = useEntityAddress();
  const { namespace, name } = ref;
  const state = useReliabilityQuery(
    api => api.getTeam({ namespace, name }),
    [namespace, name],
  );
  return { entity, ...state };
}

/** The time budget of the SRE team on the current page: operational share by month. */
export function useEntitySreTimeBudget() {
  const { entity, ref } = useEntityAddress();
  const { namespace, name } = ref;
  const state = useReliabilityQuery(
    api => api.getSreTimeBudget({ namespace, name }),
    [namespace, name],
  );
  return { entity, ...state };
}
