import { parseEntityRef } from '@backstage/catalog-model';
import type { OpenSloSliSpec } from '@reliability-suite/plugin-reliability-common';
import { ResolvedDataSource } from '@reliability-suite/plugin-reliability-node';
import type { SloRecord } from '../store/SloStore';
import type { DataSourceResolver } from './DataSourceResolver';
import type { SliResolver } from './SliResolver';
import {
  indicatorRefOf,
  indicatorRefPath,
  inlineIndicatorOf,
  metricSourceRefsOf,
  ResolvedIndicator,
  ResolvedRefs,
  SyncTarget,
} from './syncTargets';

/**
 * Resolutions shared by the SLOs of one pass (data sources and SLIs), by kind, namespace
 * and name; a failure is kept as the value.
 */
export type ResolutionMemo = Map<string, Promise<unknown>>;

/** What the edge resolves an SLO's references with. */
export interface SyncResolvers {
  dataSources: Pick<DataSourceResolver, 'resolve'>;
  slis: Pick<SliResolver, 'resolve'>;
}

function memoized<T>(
  memo: ResolutionMemo,
  key: string,
  resolve: () => Promise<T>,
): Promise<T | Error> {
  let resolution = memo.get(key) as Promise<T | Error> | undefined;
  if (!resolution) {
    resolution = resolve().catch(e =>
      e instanceof Error ? e : new Error(String(e)),
    );
    memo.set(key, resolution);
  }
  return resolution;
}

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
  indicator: ResolvedIndicator | undefined = inlineIndicatorOf(slo),
): Promise<ResolvedRefs> {
  const names = metricSourceRefsOf(slo, indicator);
  if (names.length === 0) return new Map();
  const namespace = parseEntityRef(slo.sloRef).namespace;
  const entries = await Promise.all(
    names.map(
      async name =>
        [
          name,
          await memoized(
            memo,
            `datasource\u0000${namespace}\u0000${name}`,
            () => resolver.resolve(name, namespace),
          ),
        ] as const,
    ),
  );
  return new Map(entries);
}

/**
 * The SLI an SLO is synced by: its inline `spec.indicator`, else the SLI entity its
 * `spec.indicatorRef` names, in the SLO's namespace (or why it could not be found); none
 * for an SLO that names neither.
 */
export async function resolveIndicator(
  slo: SloRecord,
  resolver: Pick<SliResolver, 'resolve'>,
  memo: ResolutionMemo = new Map(),
): Promise<ResolvedIndicator | undefined> {
  const inline = inlineIndicatorOf(slo);
  if (inline) return inline;
  const ref = indicatorRefOf(slo);
  if (ref === undefined) return undefined;
  const namespace = parseEntityRef(slo.sloRef).namespace;
  const spec = await memoized<OpenSloSliSpec>(
    memo,
    `sli\u0000${namespace}\u0000${ref}`,
    () => resolver.resolve(ref, namespace),
  );
  return spec instanceof Error
    ? { indicatorRef: ref, error: spec }
    : { spec, path: indicatorRefPath(ref) };
}

/**
 * Everything {@link syncTargets} needs beyond the SLO, resolved the one way the SLI sync
 * and the alert state share: the SLI (inline or through `indicatorRef`), then the data
 * sources its metric sources name.
 */
export async function resolveSyncInputs(
  slo: SloRecord,
  resolvers: SyncResolvers,
  memo: ResolutionMemo = new Map(),
): Promise<{ indicator?: ResolvedIndicator; refs: ResolvedRefs }> {
  const indicator = await resolveIndicator(slo, resolvers.slis, memo);
  const refs = await resolveMetricSourceRefs(
    slo,
    resolvers.dataSources,
    memo,
    indicator,
  );
  return { indicator, refs };
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
