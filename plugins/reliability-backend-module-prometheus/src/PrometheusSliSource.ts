import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { stringifyError } from '@backstage/errors';
import type { OpenSloMetricSpec } from '@reliability-suite/plugin-reliability-common';
import {
  SliAlertStateRequest,
  SliBucketCounts,
  SliObjectiveAlertState,
  SliSource,
  SliSourceError,
  SliSourceRequest,
} from '@reliability-suite/plugin-reliability-node';
import { alertStateQueries, readAlertState } from './alertState';
import {
  PrometheusConnection,
  PrometheusSliSourceOptions,
  readPrometheusOptions,
  resolveConnection,
  resolveOptions,
} from './options';
import { PrometheusClient, PrometheusSeries } from './PrometheusClient';
import { splitQueryRange } from './queryRanges';
import { renderQuery } from './queryTemplate';
import { thresholdSlices } from './thresholdSlices';

/** The role a query plays in an SLI, named after its field in the OpenSLO spec. */
type QueryRole = 'good' | 'bad' | 'total' | 'raw' | 'threshold';

const FIELDS: Record<QueryRole, string> = {
  good: 'ratioMetric.good',
  bad: 'ratioMetric.bad',
  total: 'ratioMetric.total',
  raw: 'ratioMetric.raw',
  threshold: 'thresholdMetric',
};

interface PlannedQuery {
  role: QueryRole;
  query: string;
  client: PrometheusClient;
}

/**
 * The longest an alert-state query may take: someone is waiting on a page for it, so it is
 * asked once (no retries) and given up after this, whatever the data source's timeout.
 *
 * @public
 */
export const ALERT_STATE_TIMEOUT_MS = 5_000;

/** Counts reported for a `ratioMetric.raw` bucket: good = round(ratio × RAW_SCALE). @public */
export const RAW_SCALE = 1000;

/** Slack for float noise when checking that a raw ratio lies in [0, 1]. */
const RATIO_EPSILON = 1e-9;

function parseSampleValue(value: string): number {
  if (value === '+Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  return Number(value);
}

/**
 * Runs `tasks` with at most `limit` of them in flight; the first failure aborts the rest
 * (through `controller`) and is the one thrown.
 */
async function runLimited(
  tasks: Array<() => Promise<void>>,
  limit: number,
  controller: AbortController,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < tasks.length) {
      const task = tasks[next++];
      try {
        await task();
      } catch (e) {
        if (!failed) {
          failed = true;
          controller.abort(e);
        }
        throw e;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, worker);
  const results = await Promise.allSettled(workers);
  // The first failure caused the others (aborts): throw it.
  if (failed) throw controller.signal.reason;
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}

/**
 * The Prometheus SLI source: reads good/total events (ratioMetric) or timeslices
 * (thresholdMetric) per bucket with range queries over Prometheus' HTTP API.
 *
 * - The server is the resolved data source's `connectionDetails.url`, else the metric
 *   source's `spec.url`.
 * - The query is `metricSource.spec.query` (or `spec.promql`); `{{bucket}}` becomes the
 *   bucket length as a Prometheus duration, so `sum(increase(x_total[{{bucket}}]))` counts
 *   the events of one bucket. The value at evaluation time `t` is the bucket `[t - bucket, t)`.
 * - Each query must return at most one series (aggregate with `sum()`); a query with no
 *   series at all over the requested range is an `empty-result` error, never zeros.
 *
 * @public
 */
export class PrometheusSliSource implements SliSource {
  readonly type = 'Prometheus';
  private readonly options: Required<PrometheusSliSourceOptions>;
  private readonly logger?: LoggerService;

  /** Reads the module options from `reliability.prometheus` in app-config. */
  static fromConfig(
    config: Config,
    deps: { logger?: LoggerService } = {},
  ): PrometheusSliSource {
    return new PrometheusSliSource({
      ...readPrometheusOptions(config),
      logger: deps.logger,
    });
  }

  constructor(
    options: PrometheusSliSourceOptions & { logger?: LoggerService } = {},
  ) {
    const { logger, ...rest } = options;
    this.options = resolveOptions(rest);
    this.logger = logger;
  }

  async fetchBuckets(request: SliSourceRequest): Promise<SliBucketCounts[]> {
    const { from, to, bucketMs } = request;
    const context = `${request.sloRef} (${request.objective})`;
    if (!Number.isInteger(bucketMs) || bucketMs <= 0) {
      throw new SliSourceError(
        'configuration',
        `${context}: bucketMs must be a positive whole number of milliseconds; got ${bucketMs}`,
      );
    }
    if (to <= from) return [];

    const planned = this.plan(request, context);
    const ranges = splitQueryRange({
      from,
      to,
      bucketMs,
      maxPoints: this.options.maxPointsPerQuery,
    });
    // Shorter than one bucket: nothing to ask for.
    if (ranges.length === 0) return [];

    // Per role: bucket start → value, and how many series the queries returned.
    const values = new Map<QueryRole, Map<number, number>>();
    const seriesSeen = new Map<QueryRole, number>();
    for (const q of planned) {
      values.set(q.role, new Map());
      seriesSeen.set(q.role, 0);
    }

    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal!.reason);
    if (request.signal?.aborted) throw request.signal.reason;
    request.signal?.addEventListener('abort', onAbort, { once: true });

    const tasks = ranges.flatMap(range =>
      planned.map(q => async () => {
        let series: PrometheusSeries[];
        try {
          series = await q.client.queryRange({
            query: q.query,
            start: range.start,
            end: range.end,
            stepMs: bucketMs,
            signal: controller.signal,
          });
        } catch (e) {
          if (e instanceof SliSourceError) {
            throw new SliSourceError(
              e.kind,
              `${context}: ${FIELDS[q.role]} query: ${e.message}; query: ${
                q.query
              }`,
            );
          }
          throw e;
        }
        if (series.length > 1) {
          const labels = series
            .slice(0, 3)
            .map(s => JSON.stringify(s.metric))
            .join(', ');
          throw new SliSourceError(
            'ambiguous-result',
            `${context}: ${FIELDS[q.role]} query returned ${
              series.length
            } series (${labels}${
              series.length > 3 ? ', …' : ''
            }) where one is needed; the query must aggregate to one series, e.g. with sum(): ${
              q.query
            }`,
          );
        }
        seriesSeen.set(q.role, seriesSeen.get(q.role)! + series.length);
        const target = values.get(q.role)!;
        for (const s of series) {
          for (const [ts, raw] of s.values) {
            const start = Math.round(ts * 1000) - bucketMs;
            if (start < from || start >= to) continue;
            target.set(start, parseSampleValue(raw));
          }
        }
      }),
    );

    try {
      await runLimited(tasks, this.options.maxConcurrency, controller);
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
    }

    for (const q of planned) {
      if (seriesSeen.get(q.role) === 0) {
        throw new SliSourceError(
          'empty-result',
          `${context}: ${
            FIELDS[q.role]
          } query returned no data between ${new Date(
            from,
          ).toISOString()} and ${new Date(
            to,
          ).toISOString()}; check the metric name and label matchers${
            q.role === 'bad'
              ? " (a bad-events query whose series may not exist yet can end with 'or vector(0)')"
              : ''
          }: ${q.query}`,
        );
      }
    }

    const result = this.combine(request, values, context);
    this.logger?.debug(
      `Prometheus: ${context}: ${result.length} buckets from ${planned.length} queries in ${ranges.length} range(s)`,
    );
    return result;
  }

  /**
   * Whether the alerts generated from the SLO (`sloth_id` per objective) are pending or
   * firing in Prometheus now: `ALERTS{sloth_id=~...}` and, to tell "no alert" from "rules
   * not loaded", the metadata rule `slo:objective:ratio`, both instant queries to the
   * server of the SLI's first metric source. One attempt, at most
   * {@link ALERT_STATE_TIMEOUT_MS}; faults are thrown as
   * {@link @reliability-suite/plugin-reliability-node#SliSourceError}.
   */
  async alertState(
    request: SliAlertStateRequest,
  ): Promise<SliObjectiveAlertState[]> {
    const context = request.sloRef;
    if (request.objectives.length === 0) return [];
    const { indicator } = request;
    const ratio = indicator.ratioMetric;
    const metric =
      ratio?.good ??
      ratio?.bad ??
      ratio?.total ??
      ratio?.raw ??
      indicator.thresholdMetric;
    if (!metric?.metricSource || typeof metric.metricSource !== 'object') {
      throw new SliSourceError(
        'configuration',
        `${context}: the indicator names no Prometheus metric source`,
      );
    }
    let client: PrometheusClient;
    try {
      const connection = resolveConnection(
        request.dataSource,
        metric.metricSource,
        'indicator',
      );
      client = this.client(connection, {
        timeoutMs: Math.min(
          connection.timeoutMs ?? this.options.timeoutMs,
          ALERT_STATE_TIMEOUT_MS,
        ),
      });
    } catch (e) {
      if (e instanceof SliSourceError) {
        throw new SliSourceError(e.kind, `${context}: ${e.message}`);
      }
      throw e;
    }
    const queries = alertStateQueries(request.objectives.map(o => o.slothId));
    try {
      const [alerts, loaded] = await Promise.all([
        client.query({
          query: queries.alerts,
          retries: 0,
          signal: request.signal,
        }),
        client.query({
          query: queries.loaded,
          retries: 0,
          signal: request.signal,
        }),
      ]);
      return readAlertState(request.objectives, alerts, loaded);
    } catch (e) {
      if (e instanceof SliSourceError) {
        throw new SliSourceError(e.kind, `${context}: ${e.message}`);
      }
      throw e;
    }
  }

  private client(
    connection: PrometheusConnection,
    overrides: { timeoutMs?: number } = {},
  ): PrometheusClient {
    return new PrometheusClient({
      url: connection.url,
      headers: connection.headers,
      bearerToken: connection.bearerToken,
      timeoutMs:
        overrides.timeoutMs ?? connection.timeoutMs ?? this.options.timeoutMs,
      retries: this.options.retries,
      retryBackoffMs: this.options.retryBackoffMs,
      logger: this.logger,
    });
  }

  /** Which queries the indicator needs, rendered and with a client for their server. */
  private plan(request: SliSourceRequest, context: string): PlannedQuery[] {
    const { indicator } = request;
    const roles: Array<[QueryRole, OpenSloMetricSpec | undefined]> = [];
    if (indicator.ratioMetric) {
      const ratio = indicator.ratioMetric;
      if (ratio.raw) {
        if (ratio.rawType !== 'success' && ratio.rawType !== 'failure') {
          throw new SliSourceError(
            'configuration',
            `${context}: ratioMetric.raw needs rawType 'success' or 'failure'`,
          );
        }
        roles.push(['raw', ratio.raw]);
      } else {
        if (!ratio.good && !ratio.bad) {
          throw new SliSourceError(
            'configuration',
            `${context}: ratioMetric needs good or bad (with total), or raw`,
          );
        }
        if (!ratio.total) {
          throw new SliSourceError(
            'configuration',
            `${context}: ratioMetric.total is missing`,
          );
        }
        roles.push(ratio.good ? ['good', ratio.good] : ['bad', ratio.bad]);
        roles.push(['total', ratio.total]);
      }
    } else if (indicator.thresholdMetric) {
      if (!request.threshold) {
        throw new SliSourceError(
          'configuration',
          `${context}: a thresholdMetric needs the objective's op and value`,
        );
      }
      roles.push(['threshold', indicator.thresholdMetric]);
    } else {
      throw new SliSourceError(
        'configuration',
        `${context}: the indicator has neither ratioMetric nor thresholdMetric`,
      );
    }

    const clients = new Map<string, PrometheusClient>();
    return roles.map(([role, spec]) => {
      const field = FIELDS[role];
      const metricSource = spec?.metricSource;
      if (!metricSource || typeof metricSource !== 'object') {
        throw new SliSourceError(
          'configuration',
          `${context}: ${field}.metricSource is missing`,
        );
      }
      const rawQuery = metricSource.spec?.query ?? metricSource.spec?.promql;
      if (typeof rawQuery !== 'string' || !rawQuery.trim()) {
        throw new SliSourceError(
          'configuration',
          `${context}: ${field}.metricSource.spec.query (or promql) must be a non-empty PromQL string`,
        );
      }
      let query: string;
      try {
        query = renderQuery(rawQuery.trim(), { bucketMs: request.bucketMs });
      } catch (e) {
        throw new SliSourceError(
          'configuration',
          `${context}: ${field}.metricSource.spec.query: ${
            e instanceof Error ? e.message : stringifyError(e)
          }`,
        );
      }
      let connection;
      let client: PrometheusClient;
      try {
        connection = resolveConnection(request.dataSource, metricSource, field);
        const key = JSON.stringify(connection);
        client = clients.get(key) ?? this.client(connection);
        clients.set(key, client);
      } catch (e) {
        if (e instanceof SliSourceError) {
          throw new SliSourceError(e.kind, `${context}: ${e.message}`);
        }
        throw e;
      }
      return { role, query, client };
    });
  }

  /** Turns the per-role values into bucket counts. */
  private combine(
    request: SliSourceRequest,
    values: Map<QueryRole, Map<number, number>>,
    context: string,
  ): SliBucketCounts[] {
    if (values.has('threshold')) {
      return thresholdSlices(
        Array.from(values.get('threshold')!, ([start, value]) => ({
          start,
          value,
        })),
        request.threshold!,
      );
    }

    const out: SliBucketCounts[] = [];
    if (values.has('raw')) {
      const failure = request.indicator.ratioMetric?.rawType === 'failure';
      for (const [start, ratio] of values.get('raw')!) {
        if (Number.isNaN(ratio)) continue;
        if (!(ratio >= -RATIO_EPSILON && ratio <= 1 + RATIO_EPSILON)) {
          throw new SliSourceError(
            'query-error',
            `${context}: ratioMetric.raw query returned ${ratio} at ${new Date(
              start + request.bucketMs,
            ).toISOString()}; a raw ratio must lie between 0 and 1 (not a percentage)`,
          );
        }
        const clamped = Math.min(1, Math.max(0, ratio));
        const good = Math.round((failure ? 1 - clamped : clamped) * RAW_SCALE);
        out.push({ start, good, total: RAW_SCALE });
      }
      return out.sort((a, b) => a.start - b.start);
    }

    const total = values.get('total')!;
    const good = values.get('good');
    const bad = values.get('bad');
    for (const [start, totalValue] of total) {
      const part = good ? good.get(start) : bad!.get(start);
      if (part === undefined) continue;
      if (!Number.isFinite(totalValue) || !Number.isFinite(part)) continue;
      // increase() extrapolates, so counts can be fractional: report whole events.
      const totalCount = Math.max(0, Math.round(totalValue));
      const goodCount = good ? Math.round(part) : totalCount - Math.round(part);
      out.push({
        start,
        good: Math.min(totalCount, Math.max(0, goodCount)),
        total: totalCount,
      });
    }
    return out.sort((a, b) => a.start - b.start);
  }
}
