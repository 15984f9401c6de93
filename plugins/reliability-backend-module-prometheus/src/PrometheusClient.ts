import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  SliSourceError,
  SliSourceErrorKind,
} from '@reliability-suite/plugin-reliability-node';

/** @public */
export interface PrometheusClientOptions {
  /** Base URL of the Prometheus HTTP API, e.g. `http://prometheus:9090` (a path prefix is kept). */
  url: string;
  /** Extra request headers, e.g. `X-Scope-OrgID` for Mimir/Cortex or a custom `Authorization`. */
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer <token>` (wins over an `Authorization` header). */
  bearerToken?: string;
  /** Timeout of one attempt, in milliseconds. */
  timeoutMs: number;
  /** Retries after the first attempt, for network errors, timeouts, HTTP 5xx and 429. */
  retries: number;
  /** Delay before the first retry; doubled for each further retry. */
  retryBackoffMs: number;
  logger?: LoggerService;
}

/** One series of a `matrix` result: label set and `[unix seconds, "value"]` pairs. @public */
export interface PrometheusSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** One series of a `vector` result (an instant query): label set and `[unix seconds, "value"]`. @public */
export interface PrometheusSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** @public */
export interface InstantQuery {
  query: string;
  /** Evaluation time, epoch milliseconds; Prometheus' now when left out. */
  time?: number;
  /** Overrides the client's retries for this query (e.g. 0 where a caller waits on it). */
  retries?: number;
  signal?: AbortSignal;
}

/** @public */
export interface RangeQuery {
  query: string;
  /** Evaluation times, epoch milliseconds: `start`, `start + step`, ... up to `end`. */
  start: number;
  end: number;
  stepMs: number;
  signal?: AbortSignal;
}

const MAX_BACKOFF_MS = 30_000;

interface Failure {
  kind: SliSourceErrorKind;
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const pending: { timer?: ReturnType<typeof setTimeout> } = {};
    const onAbort = () => {
      clearTimeout(pending.timer);
      reject(signal!.reason);
    };
    pending.timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * A minimal client of the Prometheus HTTP API (`POST /api/v1/query_range` and
 * `POST /api/v1/query`) on Node's global
 * `fetch`, with a per-attempt timeout, retries with exponential back-off (network errors,
 * timeouts, HTTP 5xx and 429 only) and bearer-token / custom-header authentication.
 *
 * Failures are thrown as {@link @reliability-suite/plugin-reliability-node#SliSourceError}:
 * `unreachable` (no answer after the retries), `query-error` (Prometheus rejected or failed
 * the query; its error text is kept) or `configuration` (bad URL, credentials refused, not a
 * Prometheus API). An abort of the caller's signal is rethrown as the signal's reason.
 *
 * @public
 */
export class PrometheusClient {
  readonly baseUrl: string;
  private readonly endpoints: Record<'query' | 'query_range', string>;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: PrometheusClientOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new SliSourceError(
        'configuration',
        `invalid Prometheus url '${options.url}'`,
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new SliSourceError(
        'configuration',
        `invalid Prometheus url '${options.url}': must be http or https`,
      );
    }
    if (parsed.username || parsed.password) {
      throw new SliSourceError(
        'configuration',
        `Prometheus url must not contain credentials; use bearerToken or headers.Authorization instead`,
      );
    }
    this.baseUrl = parsed.toString().replace(/\/+$/, '');
    this.endpoints = {
      query: `${this.baseUrl}/api/v1/query`,
      query_range: `${this.baseUrl}/api/v1/query_range`,
    };
    this.headers = { ...options.headers };
    if (options.bearerToken) {
      for (const name of Object.keys(this.headers)) {
        if (name.toLowerCase() === 'authorization') delete this.headers[name];
      }
      this.headers.Authorization = `Bearer ${options.bearerToken}`;
    }
  }

  /** Runs a range query and returns the series of its `matrix` result. */
  async queryRange(request: RangeQuery): Promise<PrometheusSeries[]> {
    const body = new URLSearchParams({
      query: request.query,
      start: (request.start / 1000).toString(),
      end: (request.end / 1000).toString(),
      // Plain (possibly fractional) seconds: Prometheus parses `1.5` but not `1.5s`.
      step: (request.stepMs / 1000).toString(),
      // Lets Prometheus stop evaluating once we stopped waiting.
      timeout: (this.options.timeoutMs / 1000).toString(),
    }).toString();
    return (await this.run('query_range', 'matrix', body, {
      retries: this.options.retries,
      signal: request.signal,
    })) as PrometheusSeries[];
  }

  /**
   * Runs an instant query (`POST /api/v1/query`) and returns the series of its `vector`
   * result; a query yielding a scalar or a string is a `query-error`.
   */
  async query(request: InstantQuery): Promise<PrometheusSample[]> {
    const params: Record<string, string> = {
      query: request.query,
      timeout: (this.options.timeoutMs / 1000).toString(),
    };
    if (request.time !== undefined) {
      params.time = (request.time / 1000).toString();
    }
    return (await this.run(
      'query',
      'vector',
      new URLSearchParams(params).toString(),
      {
        retries: request.retries ?? this.options.retries,
        signal: request.signal,
      },
    )) as PrometheusSample[];
  }

  private async run(
    api: 'query' | 'query_range',
    resultType: 'matrix' | 'vector',
    body: string,
    opts: { retries: number; signal?: AbortSignal },
  ): Promise<unknown[]> {
    const { retryBackoffMs, logger } = this.options;
    const { retries, signal } = opts;
    let failure: Failure | undefined;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        const backoff = Math.min(
          MAX_BACKOFF_MS,
          Math.max(
            retryBackoffMs * 2 ** (attempt - 1),
            failure?.retryAfterMs ?? 0,
          ),
        );
        logger?.debug(
          `Prometheus ${this.baseUrl}: ${failure?.message}; retry ${attempt} of ${retries} in ${backoff} ms`,
        );
        await sleep(backoff, signal);
      }
      const result = await this.attempt(api, resultType, body, signal);
      if (!('failure' in result)) return result.result;
      failure = result.failure;
      if (!failure.retryable) break;
    }
    const attempts =
      failure!.retryable && retries > 0
        ? ` (after ${retries + 1} attempts)`
        : '';
    throw new SliSourceError(failure!.kind, `${failure!.message}${attempts}`);
  }

  private async attempt(
    api: 'query' | 'query_range',
    resultType: 'matrix' | 'vector',
    body: string,
    signal: AbortSignal | undefined,
  ): Promise<{ result: unknown[] } | { failure: Failure }> {
    const endpoint = this.endpoints[api];
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          ...this.headers,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body,
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = await res.text();
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      const message = timeout.aborted
        ? `Prometheus at ${this.baseUrl} did not answer within ${this.options.timeoutMs} ms`
        : `cannot reach Prometheus at ${this.baseUrl}: ${describeFetchError(
            e,
          )}`;
      return { failure: { kind: 'unreachable', message, retryable: true } };
    }

    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const promError =
      json && json.status === 'error'
        ? `${json.errorType ? `${json.errorType}: ` : ''}${json.error}`
        : undefined;

    if (status === 429 || status >= 500) {
      return {
        failure: {
          // A Prometheus error body means the server is up and failed the query
          // (e.g. errorType timeout): report it as such if retrying does not help.
          kind: promError ? 'query-error' : 'unreachable',
          message: `Prometheus at ${this.baseUrl} answered HTTP ${status}: ${
            promError ?? excerpt(text)
          }`,
          retryable: true,
          retryAfterMs: parseRetryAfter(retryAfter),
        },
      };
    }
    if (status === 401 || status === 403) {
      return {
        failure: {
          kind: 'configuration',
          message: `Prometheus at ${
            this.baseUrl
          } refused the request (HTTP ${status}); check bearerToken and headers of the data source: ${excerpt(
            text,
          )}`,
          retryable: false,
        },
      };
    }
    if (promError) {
      return {
        failure: {
          kind: 'query-error',
          message: `Prometheus rejected the query: ${promError}`,
          retryable: false,
        },
      };
    }
    if (json?.status !== 'success') {
      return {
        failure: {
          kind: 'configuration',
          message: `${endpoint} answered HTTP ${status} without a Prometheus API response; is the url a Prometheus server? ${excerpt(
            text,
          )}`,
          retryable: false,
        },
      };
    }
    if (
      json.data?.resultType !== resultType ||
      !Array.isArray(json.data.result)
    ) {
      return {
        failure: {
          kind: 'query-error',
          message: `Prometheus returned a '${
            json.data?.resultType
          }' result where ${
            api === 'query_range'
              ? 'a range query yields a matrix'
              : 'an instant vector was asked for'
          }`,
          retryable: false,
        },
      };
    }
    if (Array.isArray(json.warnings) && json.warnings.length > 0) {
      this.options.logger?.warn(
        `Prometheus at ${this.baseUrl} warned: ${json.warnings.join('; ')}`,
      );
    }
    return { result: json.data.result as unknown[] };
  }
}

function describeFetchError(e: unknown): string {
  const cause = (e as { cause?: unknown })?.cause ?? e;
  const code = (cause as { code?: unknown })?.code;
  const message =
    cause instanceof Error && cause.message
      ? cause.message
      : stringifyError(cause);
  return typeof code === 'string' && !message.includes(code)
    ? `${code} ${message}`
    : message;
}
