import { parseEntityRef } from '@backstage/catalog-model';
import { ResolvedDataSource } from '@reliability-suite/plugin-reliability-node';
import type { SloRecord } from '../store/SloStore';
import type { DataSourceResolver } from './DataSourceResolver';
import { metricSourceRefsOf, ResolvedRefs, SyncTarget } from './syncTargets';

/** Resolutions shared by the SLOs of one pass, by namespace and name. */
export type ResolutionMemo = Map<string, Promise<ResolvedDataSource | Error>>;

/**
 * The edge of {@link syncTargets}: resolves each data source an SLO's `metricSourceRef`s
 * name, in the SLO's namespace, keeping a failure as its value rather than throwing, so
 * that the pure part can say which field it was for. A memo shared by the SLOs of one
 * sync pass asks the catalog once per data source, not once per SLO.
 */
export async function resolveMetricSourceRefs(
  slo: SloRecord,
  resolver: Pick<DataSourceResolver, 'resolve'>,
  memo: ResolutionMemo = new Map(),
): Promise<ResolvedRefs> {
  const names = metricSourceRefsOf(slo);
  if (names.length === 0) return new Map();
  const namespace = parseEntityRef(slo.sloRef).namespace;
  const entries = await Promise.all(
    names.map(async name => {
      const key = `${namespace}\u0000${name}`;
      let resolution = memo.get(key);
      if (!resolution) {
        resolution = resolver
          .resolve(name, namespace)
          .catch(e => (e instanceof Error ? e : new Error(String(e))));
        memo.set(key, resolution);
      }
      return [name, await resolution] as const;
    }),
  );
  return new Map(entries);
}

/**
 * The data source a target reads from: the one resolved with its SLO's sync targets, else
 * the one its `metricSourceRef` names (resolved now), else none (the source's defaults).
 */
export async function dataSourceOf(
  target: SyncTarget,
  resolver: Pick<DataSourceResolver, 'resolve'>,
): Promise<ResolvedDataSource | undefined> {
  if (target.dataSource) return target.dataSource;
  if (!target.metricSourceRef) return undefined;
  return resolver.resolve(
    target.metricSourceRef,
    parseEntityRef(target.slo.sloRef).namespace,
  );
}
