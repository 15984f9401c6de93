import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  SliAlertStateRequest,
  SliBucketCounts,
  SliObjectiveAlertState,
  SliSource,
  SliSourceError,
  SliSourceRequest,
} from '@reliability-suite/plugin-reliability-node';
import { alertStateQueries, readAlertState } from './alertState';
import { combineBuckets } from './bucketCounts';
import {
  PrometheusConnection,
  PrometheusSliSourceOptions,
  readPrometheusOptions,
  resolveConnection,
  resolveOptions,
} from './options';
import { PrometheusClient, PrometheusSeries } from './PrometheusClient';
import { FIELDS, QueryRole, planQueries } from './queryPlan';
import { splitQueryRange } from './queryRanges';
import { runLimited } from './runLimited';

/**
 * The longest an alert-state query may take: someone is waiting on a page for it, so it is
 * asked once (no retries) and given up after this, whatever the data source's timeout.
 *
 * @public
 */
export const ALERT_STATE_TIMEOUT_MS = 5_000;

function parseSampleValue(value: string): number {
  if (value === '+Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  return Number(value);
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

    const planned = planQueries(request, context, connection =>
      this.client(connection),
    );
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

    const result = combineBuckets(request, values, context);
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
}
