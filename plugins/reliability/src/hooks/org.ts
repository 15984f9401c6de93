import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { queryKey } from './queryKey';
import { useReliabilityQuery } from './useReliabilityApi';

type QueryOf<M extends keyof ReliabilityApi> = NonNullable<
  Parameters<ReliabilityApi[M]>[0]
>;

/** Every error-budget policy in use or in the catalog, with its entities by state. */
export function usePolicies() {
  return useReliabilityQuery(api => api.listPolicies(), []);
}

/** One error-budget policy with its entities and history. */
export function usePolicy(ref: { namespace: string; name: string }) {
  return useReliabilityQuery(
    api => api.getPolicy(ref),
    [ref.namespace, ref.name],
  );
}

/** Leadership decisions (freezes, exceptions, escalations) of the last months. */
export function useDecisions(query: QueryOf<'getDecisions'>) {
  return useReliabilityQuery(api => api.getDecisions(query), [queryKey(query)]);
}

/** Every SRE team with the load of the services it supports against its capacity. */
export function useSreTeams() {
  return useReliabilityQuery(api => api.listSreTeams(), []);
}

/** Every SRE team's time budget: its operational share against the cap. */
export function useSreTimeBudgets(query: QueryOf<'listSreTimeBudgets'>) {
  return useReliabilityQuery(
    api => api.listSreTimeBudgets(query),
    [queryKey(query)],
  );
}

/** The audit trail (state changes, with who made them), a page at a time. */
export function useAuditEvents(
  query: QueryOf<'listAuditEvents'>,
  /** Changing it asks again (after an action on the page added to the trail). */
  reloadKey?: unknown,
) {
  return useReliabilityQuery(
    api => api.listAuditEvents(query),
    [queryKey(query), reloadKey],
  );
}

/** The ownership audit's findings counted by owning team. */
export function useAuditSummary() {
  return useReliabilityQuery(api => api.getAuditSummary(), []);
}

/** The ownership audit's findings, filtered and a page at a time. */
export function useAuditFindings(query: QueryOf<'listAuditFindings'>) {
  return useReliabilityQuery(
    api => api.listAuditFindings(query),
    [queryKey(query)],
  );
}

/** Production-readiness reviews across the organisation, filtered and a page at a time. */
export function useReviews(query: QueryOf<'listReviews'>) {
  return useReliabilityQuery(api => api.listReviews(query), [queryKey(query)]);
}

/** The organisation's postmortems, filtered and a page at a time. */
export function usePostmortems(query: QueryOf<'listPostmortems'>) {
  return useReliabilityQuery(
    api => api.listPostmortems(query),
    [queryKey(query)],
  );
}

/** MTTD and MTTR by month and open action items by team (of one team, or of all). */
export function usePostmortemFigures(query: QueryOf<'getPostmortemFigures'>) {
  return useReliabilityQuery(
    api => api.getPostmortemFigures(query),
    [queryKey(query)],
  );
}

/** One postmortem by id; undefined (no request) for what cannot be an id. */
export function usePostmortem(id: string | undefined) {
  return useReliabilityQuery(
    async api => (id === undefined ? undefined : api.getPostmortem(id)),
    [id],
  );
}
