/**
 * The Prometheus source against a real Prometheus 2.42 (see testUtils/prometheus.ts),
 * serving three days of back-filled test series (see testUtils/testSeries.ts).
 */
import type { OpenSloSliSpec } from '@reliability-suite/plugin-reliability-common';
import {
  SliSourceError,
  SliSourceRequest,
} from '@reliability-suite/plugin-reliability-node';
import { PrometheusSliSource } from './PrometheusSliSource';
import {
  freePort,
  startTestPrometheus,
  TestPrometheus,
} from './testUtils/prometheus';
import {
  expectedBuckets,
  generateTestSeries,
  TestSeries,
} from './testUtils/testSeries';

const MINUTE = 60_000;
const GOOD = 'sum(increase(http_requests_total{code!~"5.."}[{{bucket}}]))';
const BAD = 'sum(increase(http_requests_total{code=~"5.."}[{{bucket}}]))';
const TOTAL = 'sum(increase(http_requests_total[{{bucket}}]))';

jest.setTimeout(30_000);

describe('PrometheusSliSource against a real Prometheus', () => {
  let series: TestSeries;
  let prom: TestPrometheus | undefined;
  const source = new PrometheusSliSource({
    timeoutMs: 10_000,
    retries: 1,
    retryBackoffMs: 10,
  });

  beforeAll(async () => {
    series = generateTestSeries();
    prom = await startTestPrometheus({ openMetrics: series.openMetrics });
    // eslint-disable-next-line no-console
    console.log(
      `Test Prometheus at ${prom.url}, set-up (ms): ${JSON.stringify(
        prom.timings,
      )}`,
    );
  }, 300_000);

  afterAll(async () => {
    await prom?.stop();
  }, 20_000);

  const metric = (query: string, spec: Record<string, unknown> = {}) => ({
    metricSource: {
      metricSourceRef: 'prom',
      type: 'Prometheus',
      spec: { query, ...spec },
    },
  });

  function request(
    indicator: OpenSloSliSpec,
    extra: Partial<SliSourceRequest> = {},
  ): SliSourceRequest {
    return {
      sloRef: 'slo:default/checkout-availability',
      objective: 'availability',
      indicator,
      dataSource: {
        name: 'prom',
        type: 'Prometheus',
        connectionDetails: { url: prom!.url },
      },
      from: series.start,
      to: series.end,
      bucketMs: MINUTE,
      ...extra,
    };
  }

  async function failure(p: Promise<unknown>): Promise<SliSourceError> {
    const e = await p.then(
      () => undefined,
      err => err,
    );
    expect(e).toBeInstanceOf(SliSourceError);
    return e as SliSourceError;
  }

  const goodTotal: OpenSloSliSpec = {
    ratioMetric: { counter: true, good: metric(GOOD), total: metric(TOTAL) },
  };

  it('matches a direct increase() over the whole range and the written events', async () => {
    const counts = await source.fetchBuckets(request(goodTotal));
    const minutes = (series.end - series.start) / MINUTE;
    expect(counts).toHaveLength(minutes);
    expect(counts[0].start).toBe(series.start);
    expect(counts[counts.length - 1].start).toBe(series.end - MINUTE);

    const good = counts.reduce((n, c) => n + c.good, 0);
    const total = counts.reduce((n, c) => n + c.total, 0);
    const range = `${(series.end - series.start) / 1000}s`;
    const directGood = await prom!.instantQuery(
      `sum(increase(http_requests_total{code!~"5.."}[${range}]))`,
      series.end,
    );
    const directTotal = await prom!.instantQuery(
      `sum(increase(http_requests_total[${range}]))`,
      series.end,
    );
    expect(Math.abs(good / total - directGood! / directTotal!)).toBeLessThan(
      0.001 * (directGood! / directTotal!),
    );
    expect(Math.abs(total - directTotal!) / directTotal!).toBeLessThan(0.001);

    // And bucket by bucket, the events the test series hold.
    const expected = expectedBuckets(series, MINUTE);
    expect(counts).toEqual(
      Array.from(expected, ([start, b]) => ({
        start,
        good: b.ok,
        total: b.ok + b.err,
      })).sort((a, b) => a.start - b.start),
    );
  });

  it('derives good from bad/total with the same result', async () => {
    const from = series.outage.start - 60 * MINUTE;
    const to = series.outage.end + 60 * MINUTE;
    const [fromGood, fromBad] = await Promise.all([
      source.fetchBuckets(request(goodTotal, { from, to })),
      source.fetchBuckets(
        request(
          {
            ratioMetric: {
              counter: true,
              bad: metric(BAD),
              total: metric(TOTAL),
            },
          },
          { from, to },
        ),
      ),
    ]);
    expect(fromBad).toHaveLength(150);
    expect(fromBad).toEqual(fromGood);
  });

  it('shows the outage as bad events in exactly the outage buckets', async () => {
    const from = series.outage.start - 6 * 60 * MINUTE;
    const to = series.outage.end + 6 * 60 * MINUTE;
    const counts = await source.fetchBuckets(request(goodTotal, { from, to }));
    expect(counts).toHaveLength((to - from) / MINUTE);
    const heavy = counts.filter(c => c.total - c.good >= 20).map(c => c.start);
    const outageBuckets = [];
    for (let s = series.outage.start; s < series.outage.end; s += MINUTE) {
      outageBuckets.push(s);
    }
    expect(heavy).toEqual(outageBuckets);
    // Outside the outage a minute sees at most 4 errors (one per 15 s sample).
    const outside = counts.filter(
      c => c.start < series.outage.start || c.start >= series.outage.end,
    );
    expect(Math.max(...outside.map(c => c.total - c.good))).toBeLessThanOrEqual(
      4,
    );
  });

  it('counts the events across a counter reset, without negative or huge counts', async () => {
    const from = series.resetAt - 30_000 - 10 * MINUTE;
    const to = series.resetAt - 30_000 + 10 * MINUTE;
    const counts = await source.fetchBuckets(request(goodTotal, { from, to }));
    const expected = expectedBuckets(series, MINUTE);
    expect(counts).toHaveLength(20);
    for (const c of counts) {
      const e = expected.get(c.start)!;
      expect(c).toEqual({ start: c.start, good: e.ok, total: e.ok + e.err });
      expect(c.good).toBeGreaterThanOrEqual(0);
      expect(c.total).toBeLessThan(1000);
    }
    // The reset happened inside this bucket.
    expect(counts.map(c => c.start)).toContain(series.resetAt - 30_000);
  });

  it('splits ranges beyond the 11,000-point limit into several queries', async () => {
    // 3 days of 15 s buckets: 17,280 points, more than Prometheus answers in one query.
    const bucketMs = 15_000;
    const counts = await source.fetchBuckets(request(goodTotal, { bucketMs }));
    expect(counts).toHaveLength((series.end - series.start) / bucketMs);
    const expected = expectedBuckets(series, bucketMs);
    expect(counts.reduce((n, c) => n + c.total, 0)).toBe(
      Array.from(expected.values()).reduce((n, b) => n + b.ok + b.err, 0),
    );

    // Small chunks with concurrency give the same buckets as one query.
    const from = series.start;
    const to = series.start + 6 * 60 * MINUTE;
    const chunked = new PrometheusSliSource({
      maxPointsPerQuery: 50,
      maxConcurrency: 3,
    });
    expect(
      await chunked.fetchBuckets(request(goodTotal, { from, to })),
    ).toEqual(await source.fetchBuckets(request(goodTotal, { from, to })));
  });

  it('templates {{bucket}} for other bucket lengths', async () => {
    const bucketMs = 5 * MINUTE;
    const from = series.start + 24 * 60 * MINUTE;
    const to = from + 24 * 60 * MINUTE;
    const counts = await source.fetchBuckets(
      request(goodTotal, { from, to, bucketMs }),
    );
    const expected = expectedBuckets(series, bucketMs);
    expect(counts).toHaveLength(288);
    for (const c of counts) {
      const e = expected.get(c.start)!;
      expect(c).toEqual({ start: c.start, good: e.ok, total: e.ok + e.err });
    }
  });

  it('reads a raw success or failure ratio as counts out of 1000', async () => {
    const ratio = `${GOOD} / ${TOTAL}`;
    const errorRatio = `${BAD} / ${TOTAL}`;
    const from = series.outage.start - 10 * MINUTE;
    const to = series.outage.end + 10 * MINUTE;
    const success = await source.fetchBuckets(
      request(
        { ratioMetric: { rawType: 'success', raw: metric(ratio) } },
        { from, to },
      ),
    );
    const failed = await source.fetchBuckets(
      request(
        { ratioMetric: { rawType: 'failure', raw: metric(errorRatio) } },
        { from, to },
      ),
    );
    const expected = expectedBuckets(series, MINUTE);
    expect(success).toHaveLength(50);
    for (const c of success) {
      const e = expected.get(c.start)!;
      expect(c).toEqual({
        start: c.start,
        good: Math.round((e.ok / (e.ok + e.err)) * 1000),
        total: 1000,
      });
    }
    for (const [i, c] of failed.entries()) {
      expect(Math.abs(c.good - success[i].good)).toBeLessThanOrEqual(1);
    }

    const percent = await failure(
      source.fetchBuckets(
        request(
          {
            ratioMetric: { rawType: 'success', raw: metric(`100 * ${ratio}`) },
          },
          { from, to },
        ),
      ),
    );
    expect(percent.kind).toBe('query-error');
    expect(percent.message).toMatch(/a raw ratio must lie between 0 and 1/);
  });

  it('evaluates threshold slices from the gauge, leaving gaps and NaN out', async () => {
    const threshold = { op: 'lt' as const, value: 0.5 };
    const slices = await source.fetchBuckets(
      request(
        {
          thresholdMetric: metric(
            'max_over_time(latency_p99_seconds[{{bucket}}])',
          ),
        },
        { threshold },
      ),
    );
    const expected = series.latency
      .filter(s => !Number.isNaN(s.value))
      .map(s => ({
        start: s.t - 30_000,
        good: s.value < threshold.value ? 1 : 0,
        total: 1,
      }));
    expect(slices).toEqual(expected);
    const starts = new Set(slices.map(s => s.start));
    expect(starts.has(series.latencyNaNMinute)).toBe(false);
    expect(starts.has(series.latencyGap.start)).toBe(false);
    // The outage minutes are all bad, and there are bad minutes elsewhere too.
    const bad = slices.filter(s => s.good === 0).map(s => s.start);
    expect(
      bad.filter(s => s >= series.outage.start && s < series.outage.end),
    ).toHaveLength(30);
    expect(bad.length).toBeGreaterThan(30);
  });

  it('falls back to metricSource.spec.url without a data source, and accepts promql', async () => {
    const from = series.start;
    const to = series.start + 10 * MINUTE;
    const counts = await source.fetchBuckets(
      request(
        {
          ratioMetric: {
            counter: true,
            good: { metricSource: { spec: { promql: GOOD, url: prom!.url } } },
            total: {
              metricSource: { spec: { promql: TOTAL, url: prom!.url } },
            },
          },
        },
        { from, to, dataSource: undefined },
      ),
    );
    expect(counts).toHaveLength(10);
  });

  it('reports a PromQL syntax error as query-error with Prometheus’ message', async () => {
    const e = await failure(
      source.fetchBuckets(
        request({
          ratioMetric: {
            good: metric('sum(increase(http_requests_total[{{bucket}}])'),
            total: metric(TOTAL),
          },
        }),
      ),
    );
    expect(e.kind).toBe('query-error');
    expect(e.message).toMatch(
      /^slo:default\/checkout-availability \(availability\): ratioMetric\.good query: Prometheus rejected the query: bad_data: .*parse error/,
    );
  });

  it('reports a selector that matches nothing as empty-result', async () => {
    const e = await failure(
      source.fetchBuckets(
        request({
          ratioMetric: {
            good: metric(
              'sum(increase(http_requests_total{code="404"}[{{bucket}}]))',
            ),
            total: metric(TOTAL),
          },
        }),
      ),
    );
    expect(e.kind).toBe('empty-result');
    expect(e.message).toMatch(
      /ratioMetric\.good query returned no data between/,
    );
  });

  it('reports a query returning two series as ambiguous-result', async () => {
    const e = await failure(
      source.fetchBuckets(
        request(
          {
            ratioMetric: {
              good: metric(GOOD),
              total: metric('increase(http_requests_total[{{bucket}}])'),
            },
          },
          // An hour is enough to see two series, and keeps the query cheap.
          { from: series.start, to: series.start + 60 * MINUTE },
        ),
      ),
    );
    expect(e.kind).toBe('ambiguous-result');
    expect(e.message).toMatch(
      /ratioMetric\.total query returned 2 series .* the query must aggregate to one series, e\.g\. with sum\(\)/,
    );
  });

  it('reports a server that is down as unreachable after the retries', async () => {
    const port = await freePort();
    const down = new PrometheusSliSource({
      retries: 2,
      retryBackoffMs: 10,
      timeoutMs: 2000,
    });
    const started = Date.now();
    const e = await failure(
      down.fetchBuckets(
        request(goodTotal, {
          dataSource: {
            name: 'prom',
            type: 'Prometheus',
            connectionDetails: { url: `http://127.0.0.1:${port}` },
          },
        }),
      ),
    );
    expect(e.kind).toBe('unreachable');
    expect(e.message).toMatch(
      new RegExp(
        `cannot reach Prometheus at http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED.*\\(after 3 attempts\\)`,
      ),
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports a missing url as a configuration error naming the fields', async () => {
    const e = await failure(
      source.fetchBuckets(
        request(goodTotal, {
          dataSource: {
            name: 'prom',
            type: 'Prometheus',
            connectionDetails: {},
          },
        }),
      ),
    );
    expect(e.kind).toBe('configuration');
    expect(e.message).toMatch(
      /No Prometheus url: data source 'prom' .* has no 'url' in its connection details, and ratioMetric\.good\.metricSource\.spec\.url is not set/,
    );

    const none = await failure(
      source.fetchBuckets(request(goodTotal, { dataSource: undefined })),
    );
    expect(none.kind).toBe('configuration');
    expect(none.message).toMatch(/names no data source \(metricSourceRef\)/);
  });

  it('uses headers, bearer token and timeout of the data source', async () => {
    const counts = await source.fetchBuckets(
      request(goodTotal, {
        from: series.start,
        to: series.start + 5 * MINUTE,
        dataSource: {
          name: 'prom',
          type: 'Prometheus',
          connectionDetails: {
            url: `${prom!.url}/`,
            headers: { 'X-Scope-OrgID': 'team-a' },
            bearerToken: 'ignored-by-prometheus',
            timeout: '5s',
          },
        },
      }),
    );
    expect(counts).toHaveLength(5);

    const bad = await failure(
      source.fetchBuckets(
        request(goodTotal, {
          dataSource: {
            name: 'prom',
            type: 'Prometheus',
            connectionDetails: { url: prom!.url, timeout: 10 },
          },
        }),
      ),
    );
    expect(bad.kind).toBe('configuration');
    expect(bad.message).toMatch(/timeout must be a duration such as '10s'/);
  });

  it('stops when the request is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('sync cancelled'));
    await expect(
      source.fetchBuckets(request(goodTotal, { signal: controller.signal })),
    ).rejects.toThrow('sync cancelled');
  });
});
