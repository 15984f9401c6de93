import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { queryKey } from './queryKey';
import { useReliabilityQuery } from './useReliabilityApi';

type Ref = { namespace: string; name: string };
type QueryOf<M extends keyof ReliabilityApi> = NonNullable<
  Parameters<ReliabilityApi[M]>[0]
>;

/** One SLO with its objectives' statuses and series (`query.range`: the chart's span). */
export function useSlo(
  ref: Ref,
  query?: Parameters<ReliabilityApi['getSlo']>[1],
) {
  return useReliabilityQuery(
    api => api.getSlo(ref, query),
    [ref.namespace, ref.name, queryKey(query)],
  );
}

/** An SLO's definitions over time, newest first, a page at a time. */
export function useSloRevisions(
  ref: Ref,
  query?: Parameters<ReliabilityApi['getSloRevisions']>[1],
) {
  return useReliabilityQuery(
    api => api.getSloRevisions(ref, query),
    [ref.namespace, ref.name, queryKey(query)],
  );
}

/** The organisation's objectives, most urgent first, filtered and a page at a time. */
export function useSloList(query: QueryOf<'listSlos'>) {
  return useReliabilityQuery(api => api.listSlos(query), [queryKey(query)]);
}

/** Changes of SLO definitions across the organisation, newest first. */
export function useSloRefinements(query: QueryOf<'listSloRefinements'>) {
  return useReliabilityQuery(
    api => api.listSloRefinements(query),
    [queryKey(query)],
  );
}
