import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { stringifyError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import type { MetricSource } from '@reliability-suite/plugin-reliability-common';
import {
  ResolvedDataSource,
  SliSourceError,
} from '@reliability-suite/plugin-reliability-node';

/** Options of the Prometheus source; `reliability.prometheus` in app-config. @public */
export interface PrometheusSliSourceOptions {
  /** Timeout of one HTTP request, in ms, unless the data source sets `timeout`. Default 30 s. */
  timeoutMs?: number;
  /** Retries of a request after a network error, timeout, HTTP 5xx or 429. Default 2. */
  retries?: number;
  /** Back-off before the first retry, in ms, doubled for each further retry. Default 1 s. */
  retryBackoffMs?: number;
  /** Range queries one `fetchBuckets` call runs at the same time. Default 2. */
  maxConcurrency?: number;
  /**
   * Points (buckets) per range query; longer ranges are split. Default and maximum 10,000
   * (Prometheus refuses more than 11,000 points per series).
   */
  maxPointsPerQuery?: number;
}

export const DEFAULTS: Required<PrometheusSliSourceOptions> = {
  timeoutMs: 30_000,
  retries: 2,
  retryBackoffMs: 1_000,
  maxConcurrency: 2,
  maxPointsPerQuery: 10_000,
};

/** Prometheus refuses range queries of more than 11,000 points per series. */
export const PROMETHEUS_MAX_POINTS = 11_000;

function durationMs(config: Config, key: string): number | undefined {
  if (!config.has(key)) return undefined;
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

/** Reads `reliability.prometheus` from app-config. */
export function readPrometheusOptions(
  config: Config,
): PrometheusSliSourceOptions {
  const c = config.getOptionalConfig('reliability.prometheus');
  if (!c) return {};
  return {
    timeoutMs: durationMs(c, 'timeout'),
    retries: c.getOptionalNumber('retries'),
    retryBackoffMs: durationMs(c, 'retryBackoff'),
    maxConcurrency: c.getOptionalNumber('maxConcurrency'),
    maxPointsPerQuery: c.getOptionalNumber('maxPointsPerQuery'),
  };
}

/** Checks and completes options: defaults filled in, out-of-range values refused. */
export function resolveOptions(
  options: PrometheusSliSourceOptions,
): Required<PrometheusSliSourceOptions> {
  const o = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>) {
    if (options[key] !== undefined) o[key] = options[key]!;
  }
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`Invalid reliability.prometheus option: ${what}`);
  };
  check(o.timeoutMs > 0, `timeout must be positive; got ${o.timeoutMs} ms`);
  check(
    Number.isInteger(o.retries) && o.retries >= 0,
    `retries must be a whole number ≥ 0; got ${o.retries}`,
  );
  check(o.retryBackoffMs >= 0, `retryBackoff must be ≥ 0`);
  check(
    Number.isInteger(o.maxConcurrency) && o.maxConcurrency >= 1,
    `maxConcurrency must be a whole number ≥ 1; got ${o.maxConcurrency}`,
  );
  check(
    Number.isInteger(o.maxPointsPerQuery) &&
      o.maxPointsPerQuery >= 1 &&
      o.maxPointsPerQuery <= PROMETHEUS_MAX_POINTS,
    `maxPointsPerQuery must be a whole number in [1, ${PROMETHEUS_MAX_POINTS}]; got ${o.maxPointsPerQuery}`,
  );
  return o;
}

/** Where and how to reach the Prometheus server of one metric source. */
export interface PrometheusConnection {
  url: string;
  headers: Record<string, string>;
  bearerToken?: string;
  timeoutMs?: number;
}

/**
 * The connection of a metric source: the resolved data source's `connectionDetails`
 * (`url`, `headers`, `bearerToken`, `timeout`), or else the metric source's own `spec.url`.
 * Throws a `configuration` error naming the missing or malformed field.
 */
export function resolveConnection(
  dataSource: ResolvedDataSource | undefined,
  metricSource: MetricSource,
  field: string,
): PrometheusConnection {
  const details = dataSource?.connectionDetails ?? {};
  const where = dataSource
    ? `data source '${dataSource.name}' (reliability.dataSources.${dataSource.name} or DataSource ${dataSource.name}: spec.connectionDetails)`
    : undefined;
  const bad = (message: string): never => {
    throw new SliSourceError('configuration', message);
  };

  let url: string | undefined;
  if (details.url !== undefined) {
    if (typeof details.url !== 'string' || !details.url.trim()) {
      bad(`${where}: url must be a non-empty string`);
    }
    url = (details.url as string).trim();
  } else if (metricSource.spec?.url !== undefined) {
    if (
      typeof metricSource.spec.url !== 'string' ||
      !metricSource.spec.url.trim()
    ) {
      bad(`${field}.metricSource.spec.url must be a non-empty string`);
    }
    url = (metricSource.spec.url as string).trim();
  }
  if (!url) {
    return bad(
      dataSource
        ? `No Prometheus url: ${where} has no 'url' in its connection details, and ${field}.metricSource.spec.url is not set`
        : `No Prometheus url: ${field}.metricSource names no data source (metricSourceRef) with a connectionDetails.url, and ${field}.metricSource.spec.url is not set`,
    );
  }

  const headers: Record<string, string> = {};
  if (details.headers !== undefined) {
    if (
      typeof details.headers !== 'object' ||
      details.headers === null ||
      Array.isArray(details.headers)
    ) {
      bad(`${where}: headers must be a map of header names to strings`);
    }
    for (const [name, value] of Object.entries(
      details.headers as Record<string, unknown>,
    )) {
      if (typeof value !== 'string') {
        bad(`${where}: headers.${name} must be a string`);
      }
      headers[name] = value as string;
    }
  }

  let bearerToken: string | undefined;
  if (details.bearerToken !== undefined) {
    if (typeof details.bearerToken !== 'string' || !details.bearerToken) {
      bad(`${where}: bearerToken must be a non-empty string`);
    }
    bearerToken = details.bearerToken as string;
  }

  let timeoutMs: number | undefined;
  if (details.timeout !== undefined) {
    try {
      if (typeof details.timeout === 'number') {
        throw new Error('a bare number has no unit');
      }
      timeoutMs = durationToMilliseconds(
        readDurationFromConfig(
          new ConfigReader({ timeout: details.timeout as any }),
          { key: 'timeout' },
        ),
      );
    } catch (e) {
      bad(
        `${where}: timeout must be a duration such as '10s' or { seconds: 10 }: ${stringifyError(
          e,
        )}`,
      );
    }
    if (!(timeoutMs! > 0)) bad(`${where}: timeout must be positive`);
  }

  return { url, headers, bearerToken, timeoutMs };
}
