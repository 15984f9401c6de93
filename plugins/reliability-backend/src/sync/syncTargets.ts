import type {
  MetricSource,
  OpenSloOperator,
  OpenSloSliSpec,
} from '@reliability-suite/plugin-reliability-common';
import {
  ResolvedDataSource,
  SliSourceError,
  SliSourceErrorKind,
} from '@reliability-suite/plugin-reliability-node';
import type { SloRecord } from '../store/SloStore';

/** One objective whose data is pulled from a registered source. */
export interface SyncTarget {
  slo: SloRecord;
  objective: string;
  sourceType: string;
  indicator: OpenSloSliSpec;
  threshold?: { op: OpenSloOperator; value: number };
  metricSourceRef?: string;
  /** The data source `metricSourceRef` names, when it was resolved already. */
  dataSource?: ResolvedDataSource;
}

/**
 * Each `metricSourceRef` an SLO names, resolved in the SLO's namespace (see
 * {@link resolveMetricSourceRefs}): the data source, or why it could not be found.
 */
export type ResolvedRefs = ReadonlyMap<string, ResolvedDataSource | Error>;

/**
 * The SLI an SLO is synced by, with the path its fields are named by in faults: the inline
 * `spec.indicator`, or the SLI entity `spec.indicatorRef` names (resolved by the caller,
 * see {@link resolveSyncInputs}), or why that SLI could not be found.
 */
export type ResolvedIndicator =
  | { spec: OpenSloSliSpec; path: string }
  | { indicatorRef: string; error: Error };

/** Why an SLO that names a data source is not synced, for its sync record and alert state. */
export interface SyncProblem {
  /** The type the SLO names inline, when it names one. */
  sourceType?: string;
  /** The data source it names, when it names one. */
  metricSourceRef?: string;
  /** The SLI it names in `indicatorRef`, when that SLI could not be found. */
  indicatorRef?: string;
  kind: SliSourceErrorKind;
  /** Starts with the field at fault, e.g. `spec.indicator.spec.ratioMetric.good.metricSource.type`. */
  message: string;
}

/**
 * The objectives of an SLO that a registered source serves (none for pushed data), or the
 * problem that keeps an SLO naming a data source from being synced.
 */
export interface SyncPlan {
  targets: SyncTarget[];
  problem?: SyncProblem;
}

function metricSourcesOf({
  spec: sli,
  path: indicatorPath,
}: {
  spec: OpenSloSliSpec;
  path: string;
}): Array<{ source: MetricSource; path: string }> {
  const ratio = sli.ratioMetric;
  const metrics = [
    ['ratioMetric.good', ratio?.good],
    ['ratioMetric.bad', ratio?.bad],
    ['ratioMetric.total', ratio?.total],
    ['ratioMetric.raw', ratio?.raw],
    ['thresholdMetric', sli.thresholdMetric],
  ] as const;
  return metrics.flatMap(([field, m]) =>
    m?.metricSource
      ? [
          {
            source: m.metricSource,
            path: `${indicatorPath}.${field}.metricSource`,
          },
        ]
      : [],
  );
}

/**
 * The kind of fault a failed resolution is: the resolver's own kind, `unreachable` for
 * anything else thrown (the catalog could not be asked), `configuration` when the caller
 * resolved nothing for the name.
 */
function failureKind(failure: Error | undefined): SliSourceErrorKind {
  if (failure instanceof SliSourceError) return failure.kind;
  return failure === undefined ? 'configuration' : 'unreachable';
}

function specOf(slo: SloRecord) {
  return slo.spec as
    | {
        indicator?: { spec?: OpenSloSliSpec };
        indicatorRef?: unknown;
        objectives?: Array<{ op?: OpenSloOperator; value?: number }>;
      }
    | undefined;
}

/**
 * The SLI an SLO names in `spec.indicatorRef` instead of an inline `spec.indicator`, as the
 * generator reads it (the inline one wins when both are written).
 */
export function indicatorRefOf(slo: SloRecord): string | undefined {
  const spec = specOf(slo);
  if (spec?.indicator?.spec) return undefined;
  return typeof spec?.indicatorRef === 'string' && spec.indicatorRef !== ''
    ? spec.indicatorRef
    : undefined;
}

/**
 * Whether an SLO is composite: no indicator of its own, one on each objective instead. Only
 * an SLO's own indicator is pulled (see the backend README).
 */
export function isCompositeSlo(slo: SloRecord): boolean {
  const spec = slo.spec as
    | {
        indicator?: unknown;
        indicatorRef?: unknown;
        objectives?: Array<{ indicator?: unknown; indicatorRef?: unknown }>;
      }
    | undefined;
  if (!spec || spec.indicator || spec.indicatorRef) return false;
  return (spec.objectives ?? []).some(o => o?.indicator || o?.indicatorRef);
}

/** The SLO's inline `spec.indicator`, with the path its fields are named by. */
export function inlineIndicatorOf(
  slo: SloRecord,
): { spec: OpenSloSliSpec; path: string } | undefined {
  const spec = specOf(slo)?.indicator?.spec;
  return spec ? { spec, path: 'spec.indicator.spec' } : undefined;
}

/** Where the fields of the SLI an indicatorRef names are, in faults (as the generator says). */
export function indicatorRefPath(indicatorRef: string): string {
  return `spec.indicatorRef(SLI ${indicatorRef}).spec`;
}

/** The data source names an SLO's indicator gives in `metricSourceRef`. */
export function metricSourceRefsOf(
  slo: SloRecord,
  indicator: ResolvedIndicator | undefined = inlineIndicatorOf(slo),
): string[] {
  if (!indicator || 'error' in indicator) return [];
  const refs = metricSourcesOf(indicator).map(m => m.source.metricSourceRef);
  return [...new Set(refs.filter((r): r is string => typeof r === 'string'))];
}

/**
 * Which objectives of an SLO a registered source serves, and through which source type.
 * Pure: the SLI its `indicatorRef` names and the data sources its `metricSourceRef`s name
 * are resolved by the caller (see {@link resolveSyncInputs}); an SLI that could not be found
 * is a problem naming `spec.indicatorRef`.
 *
 * A metric source's type is its inline `type` when written, else the type of the data
 * source its `metricSourceRef` names (OpenSLO lets `type` be left out then). An SLO is
 * synced when every metric source has the same type and a source of that type is
 * registered; one without any type, or of an unregistered type, is fed by the push API.
 * A data source that cannot be resolved (for a metric source without inline type), an
 * inline type that differs from its data source's, or metric sources of different
 * types one of which is registered, are problems: the SLO is not synced and the caller
 * says why.
 */
export function syncTargets(
  slo: SloRecord,
  sourceTypes: ReadonlySet<string>,
  refs: ResolvedRefs = new Map(),
  resolvedIndicator: ResolvedIndicator | undefined = inlineIndicatorOf(slo),
): SyncPlan {
  if (!resolvedIndicator) return { targets: [] };
  if ('error' in resolvedIndicator) {
    const { indicatorRef, error } = resolvedIndicator;
    return {
      targets: [],
      problem: {
        indicatorRef,
        kind: failureKind(error),
        message: `spec.indicatorRef: ${error.message}`,
      },
    };
  }
  const indicator = resolvedIndicator.spec;
  const written = specOf(slo)?.objectives;
  const sources = metricSourcesOf(resolvedIndicator);
  if (sources.length === 0) return { targets: [] };
  const metricSourceRef = sources.find(m => m.source.metricSourceRef)?.source
    .metricSourceRef;

  const typed: Array<{ type: string | undefined; path: string }> = [];
  for (const { source, path } of sources) {
    const ref = source.metricSourceRef;
    const resolved = ref === undefined ? undefined : refs.get(ref);
    if (source.type !== undefined) {
      if (resolved && !(resolved instanceof Error)) {
        if (resolved.type !== source.type) {
          return {
            targets: [],
            problem: {
              sourceType: source.type,
              metricSourceRef: ref,
              kind: 'configuration',
              message: `${path}.type: '${source.type}' differs from the type '${resolved.type}' of data source '${ref}' that metricSourceRef names; leave type out or make the two agree`,
            },
          };
        }
      }
      typed.push({ type: source.type, path });
    } else if (ref !== undefined) {
      if (resolved === undefined || resolved instanceof Error) {
        return {
          targets: [],
          problem: {
            metricSourceRef: ref,
            kind: failureKind(resolved),
            message: `${path}.metricSourceRef: ${
              resolved?.message ?? `data source '${ref}' was not resolved`
            } (without metricSource.type, the data source tells the type)`,
          },
        };
      }
      typed.push({ type: resolved.type, path });
    } else {
      typed.push({ type: undefined, path });
    }
  }

  const types = new Set(typed.map(t => t.type));
  if (types.size !== 1) {
    const registered = [...types].find(t => t && sourceTypes.has(t));
    if (registered === undefined) return { targets: [] };
    return {
      targets: [],
      problem: {
        sourceType: registered,
        metricSourceRef,
        kind: 'configuration',
        message: `the metric sources name different types (${typed
          .map(t => `${t.path}: ${t.type ?? 'none'}`)
          .join(
            ', ',
          )}); an objective is read from one source, so all must be of type ${registered}`,
      },
    };
  }
  const [sourceType] = [...types];
  if (!sourceType || !sourceTypes.has(sourceType)) return { targets: [] };
  const resolved = metricSourceRef ? refs.get(metricSourceRef) : undefined;
  const dataSource =
    resolved && !(resolved instanceof Error) ? resolved : undefined;
  return {
    targets: slo.definition.objectives.map((objective, i) => {
      const objectiveSpec = written?.[i];
      return {
        slo,
        objective: objective.name,
        sourceType,
        indicator,
        threshold:
          indicator.thresholdMetric &&
          objectiveSpec?.op &&
          objectiveSpec.value !== undefined
            ? { op: objectiveSpec.op, value: objectiveSpec.value }
            : undefined,
        metricSourceRef,
        ...(dataSource ? { dataSource } : {}),
      };
    }),
  };
}
