import type {
  MetricSource,
  OpenSloMetricSpec,
  OpenSloSli,
  OpenSloSliSpec,
  OpenSloSlo,
} from '../openslo/types';
import { formatPromDuration } from './period';

/** The source type whose queries the rules can run. */
export const PROMETHEUS_SOURCE_TYPE = 'Prometheus';

/** A query with its placeholders still in it, rendered per window. */
export type WindowQuery = (windowMs: number) => string;

/**
 * An SLI as PromQL, per window:
 * - `events`: bad and total events in the window (`bad` is `total - good` for a good/total
 *   ratio);
 * - `raw`: the query of a precomputed ratio, with whether it is a success or failure ratio;
 * - `threshold`: one value per window, compared with the objective's `op` and `value`.
 */
export type PrometheusSli =
  | {
      kind: 'events';
      good?: WindowQuery;
      bad?: WindowQuery;
      total: WindowQuery;
    }
  | { kind: 'raw'; ratio: WindowQuery; rawType: 'success' | 'failure' }
  | { kind: 'threshold'; value: WindowQuery };

export interface FieldProblem {
  path: string;
  message: string;
  kind: 'not-prometheus' | 'invalid';
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const KNOWN_PLACEHOLDERS = ['bucket', 'bucketSeconds'];

/**
 * `{{bucket}}` → the window as a Prometheus duration, `{{bucketSeconds}}` → its seconds:
 * the placeholders the Prometheus SLI source fills with its bucket length, filled here with
 * each rule's window, so one query serves both the portal and the rules. The query is
 * wrapped in `sum()`: the source requires it to return one series, and without labels on
 * both sides `bad / total` always matches.
 */
function windowQuery(query: string): WindowQuery {
  return windowMs =>
    `sum(${query.replace(PLACEHOLDER, (_match, name: string) =>
      name === 'bucket'
        ? formatPromDuration(windowMs)
        : String(windowMs / 1000),
    )})`;
}

interface ResolveContext {
  dataSourceTypes: Readonly<Record<string, string>>;
  problems: FieldProblem[];
}

function sourceType(
  source: MetricSource,
  path: string,
  context: ResolveContext,
): string | undefined {
  const ref = source.metricSourceRef;
  const type = ref === undefined ? undefined : context.dataSourceTypes[ref];
  if (source.type !== undefined) {
    // The portal's SLI sync refuses the same disagreement: which one holds is anyone's guess.
    if (type !== undefined && type !== source.type) {
      context.problems.push({
        kind: 'invalid',
        path: `${path}.type`,
        message: `'${source.type}' differs from the type '${type}' of data source '${ref}' that metricSourceRef names; leave type out or make the two agree`,
      });
    }
    return source.type;
  }
  if (ref === undefined) return undefined;
  if (type === undefined) {
    context.problems.push({
      kind: 'invalid',
      path: `${path}.metricSourceRef`,
      message: `data source '${ref}' is not known (no DataSource document or reliability.dataSources entry of that name), so its type cannot be told; add it or set metricSource.type: Prometheus`,
    });
  }
  return type;
}

/** The query of one metric of the SLI, or undefined with a problem added. */
function prometheusQuery(
  metric: OpenSloMetricSpec,
  path: string,
  needsPlaceholder: boolean,
  context: ResolveContext,
): WindowQuery | undefined {
  const sourcePath = `${path}.metricSource`;
  const source = metric.metricSource;
  const problemsBefore = context.problems.length;
  const type = sourceType(source, sourcePath, context);
  if (context.problems.length > problemsBefore) return undefined;
  if (type !== PROMETHEUS_SOURCE_TYPE) {
    context.problems.push({
      kind: type === undefined ? 'invalid' : 'not-prometheus',
      path: `${sourcePath}.type`,
      message: `${
        type === undefined
          ? 'no source type (neither metricSource.type nor a metricSourceRef)'
          : `source type '${type}'${
              source.type === undefined
                ? ` (of data source '${source.metricSourceRef}')`
                : ''
            }`
      }: only Prometheus queries can become Prometheus rules`,
    });
    return undefined;
  }
  const spec = (source.spec ?? {}) as Record<string, unknown>;
  const field = spec.query !== undefined ? 'query' : 'promql';
  const query = spec[field];
  if (typeof query !== 'string' || query.trim() === '') {
    context.problems.push({
      kind: 'invalid',
      path: `${sourcePath}.spec.query`,
      message:
        'a non-empty PromQL query is required (spec.query or spec.promql)',
    });
    return undefined;
  }
  const names = [...query.matchAll(PLACEHOLDER)].map(m => m[1]);
  const unknown = names.filter(n => !KNOWN_PLACEHOLDERS.includes(n));
  if (unknown.length > 0) {
    context.problems.push({
      kind: 'invalid',
      path: `${sourcePath}.spec.${field}`,
      message: `unknown placeholder(s) ${unknown
        .map(n => `{{${n}}}`)
        .join(', ')} (known: {{bucket}}, {{bucketSeconds}})`,
    });
    return undefined;
  }
  if (needsPlaceholder && names.length === 0) {
    context.problems.push({
      kind: 'invalid',
      path: `${sourcePath}.spec.${field}`,
      message:
        "the query has no {{bucket}} or {{bucketSeconds}} placeholder, so it cannot be computed over the rules' windows (5m … 3d); write e.g. sum(increase(http_requests_total[{{bucket}}]))",
    });
    return undefined;
  }
  return windowQuery(query.trim());
}

function resolveSpec(
  spec: OpenSloSliSpec,
  path: string,
  context: ResolveContext,
): PrometheusSli | undefined {
  const problemsBefore = context.problems.length;
  if (spec.thresholdMetric) {
    // A threshold query may read a gauge as it is at the slice's end (`queue_depth`):
    // no placeholder needed.
    const value = prometheusQuery(
      spec.thresholdMetric,
      `${path}.thresholdMetric`,
      false,
      context,
    );
    return value ? { kind: 'threshold', value } : undefined;
  }
  const ratio = spec.ratioMetric;
  if (!ratio) return undefined;
  const ratioPath = `${path}.ratioMetric`;
  const query = (field: 'good' | 'bad' | 'total' | 'raw') => {
    const metric = ratio[field];
    return metric
      ? prometheusQuery(metric, `${ratioPath}.${field}`, true, context)
      : undefined;
  };
  if (ratio.raw) {
    const raw = query('raw');
    return raw
      ? { kind: 'raw', ratio: raw, rawType: ratio.rawType ?? 'success' }
      : undefined;
  }
  const good = query('good');
  const bad = query('bad');
  const total = query('total');
  if (context.problems.length > problemsBefore || !total) return undefined;
  return { kind: 'events', good, bad, total };
}

/**
 * The Prometheus form of the SLI an objective uses: the objective's own indicator
 * (composite SLOs), the SLO's inline one, or the SLI its `indicatorRef` names. Problems
 * name the field, e.g. `spec.indicator.spec.ratioMetric.good.metricSource.spec.query`.
 */
export function resolvePrometheusSli(
  slo: OpenSloSlo,
  objectiveIndex: number,
  slis: ReadonlyArray<OpenSloSli>,
  dataSourceTypes: Readonly<Record<string, string>>,
): { sli?: PrometheusSli; problems: FieldProblem[] } {
  const context: ResolveContext = { dataSourceTypes, problems: [] };
  const objective = slo.spec.objectives[objectiveIndex];
  const objectivePath = `spec.objectives[${objectiveIndex}]`;
  let spec: OpenSloSliSpec | undefined;
  let path: string;
  let refPath: string | undefined;
  let ref: string | undefined;
  if (objective.indicator) {
    spec = objective.indicator.spec;
    path = `${objectivePath}.indicator.spec`;
  } else if (objective.indicatorRef !== undefined) {
    ref = objective.indicatorRef;
    refPath = `${objectivePath}.indicatorRef`;
    path = `${refPath}(SLI ${ref}).spec`;
  } else if (slo.spec.indicator) {
    spec = slo.spec.indicator.spec;
    path = 'spec.indicator.spec';
  } else {
    ref = slo.spec.indicatorRef;
    refPath = 'spec.indicatorRef';
    path = `spec.indicatorRef(SLI ${ref}).spec`;
  }
  if (ref !== undefined) {
    spec = slis.find(s => s.metadata.name === ref)?.spec;
    if (!spec) {
      context.problems.push({
        kind: 'invalid',
        path: refPath!,
        message: `SLI '${ref}' is not among the documents given, so its queries are unknown`,
      });
      return { problems: context.problems };
    }
  }
  const sli = resolveSpec(spec!, path, context);
  return {
    sli: context.problems.length > 0 ? undefined : sli,
    problems: context.problems,
  };
}
