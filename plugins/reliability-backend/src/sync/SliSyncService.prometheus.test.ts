import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PrometheusSliSource } from '@reliability-suite/plugin-reliability-backend-module-prometheus';
import {
  generateTestSeries,
  startTcpProxy,
  startTestPrometheus,
  TestPrometheus,
  TestSeries,
} from '@reliability-suite/plugin-reliability-backend-module-prometheus/testUtils';
import { migrationsDir } from '../database/migrations';
import { SloEvaluator } from '../evaluation/SloEvaluator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { SliSyncStore } from '../store/SliSyncStore';
import { StatusStore } from '../store/StatusStore';
import { DataSourceResolver } from './DataSourceResolver';
import { SliResolver } from './SliResolver';
import { SliSyncService } from './SliSyncService';

/*
 * The backend's sync against a real Prometheus (Debian's package, back-filled with three
 * days of test series with an outage and a counter reset), behind a proxy that can take it
 * down: the budget matches PromQL, a restarted sync does not double count, an outage of
 * Prometheus shows as stale and the gap is back-filled when it is back.
 */

jest.setTimeout(120_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const GOOD = 'sum(increase(http_requests_total{code!~"5.."}[{{bucket}}]))';
const TOTAL = 'sum(increase(http_requests_total[{{bucket}}]))';

const { databases, ids } = createTestDatabases();

function slo(): SloRecord {
  const metric = (query: string) => ({
    metricSource: {
      type: 'Prometheus',
      metricSourceRef: 'prom',
      spec: { query },
    },
  });
  return {
    sloRef: 'slo:default/checkout-availability',
    serviceRef: 'component:default/checkout-api',
    title: 'Checkout availability',
    definitionHash: 'h',
    definition: {
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 7 * 24 * HOUR },
      objectives: [{ name: 'main', target: 0.99 }],
    },
    spec: {
      indicator: {
        metadata: { name: 'non-5xx' },
        spec: {
          ratioMetric: {
            counter: true,
            good: metric(GOOD),
            total: metric(TOTAL),
          },
        },
      },
      objectives: [{ displayName: 'main', target: 0.99 }],
    },
  };
}

describe('SLI sync from a real Prometheus', () => {
  let series: TestSeries;
  let prom: TestPrometheus;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;

  beforeAll(async () => {
    series = generateTestSeries();
    prom = await startTestPrometheus({ openMetrics: series.openMetrics });
    const { port, hostname } = new URL(prom.url);
    proxy = await startTcpProxy({ host: hostname, port: Number(port) });
  }, 300_000);

  afterAll(async () => {
    await proxy?.close();
    await prom?.stop();
  }, 30_000);

  /** What PromQL says about [from, to): good and total events. */
  async function promql(from: number, to: number) {
    const range = `${(to - from) / 1000}s`;
    const good = await prom.instantQuery(GOOD.replace('{{bucket}}', range), to);
    const total = await prom.instantQuery(
      TOTAL.replace('{{bucket}}', range),
      to,
    );
    return { good: good ?? 0, total: total ?? 0 };
  }

  describe.each(ids)('on %s', databaseId => {
    it('matches PromQL, never double counts, and back-fills after an outage', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const slos = new SloStore(knex);
      const buckets = new SliBucketStore(knex);
      const syncs = new SliSyncStore(knex);
      const statuses = new StatusStore(knex);
      const logger = mockServices.logger.mock();
      const evaluator = new SloEvaluator({ slos, buckets, statuses, logger });
      const newSync = () =>
        new SliSyncService({
          sources: new Map([
            [
              'Prometheus',
              new PrometheusSliSource({
                timeoutMs: 5_000,
                retries: 1,
                retryBackoffMs: 10,
              }),
            ],
          ]),
          slos,
          buckets,
          syncs,
          dataSources: new DataSourceResolver({
            config: new ConfigReader({
              reliability: { dataSources: { prom: { url: proxy.url } } },
            }),
            catalog: catalogServiceMock(),
            auth: mockServices.auth(),
          }),
          slis: new SliResolver({
            catalog: catalogServiceMock(),
            auth: mockServices.auth(),
          }),
          logger,
          onData: () => {},
        });
      await slos.upsert([slo()]);
      const record = slo();

      // Sync up to the middle of the data: the window reaches back before the series
      // began, which is missing data, not an error.
      const t1 = series.start + 48 * HOUR;
      expect(await newSync().syncAll(t1)).toBe(1);
      const [first] = await evaluator.evaluateAndStore([record], t1);
      const expected = await promql(series.start, t1);
      expect(first.status.totalEvents).toBeGreaterThan(0);
      expect(
        Math.abs(first.status.totalEvents - expected.total) / expected.total,
      ).toBeLessThan(0.001);
      const badExpected = expected.total - expected.good;
      const bad = first.status.totalEvents - first.status.goodEvents;
      expect(Math.abs(bad - badExpected) / badExpected).toBeLessThan(0.001);

      // The Prometheus outage window burns budget: far more bad events per minute in it.
      const inOutage = await buckets.read(
        record.sloRef,
        'main',
        series.outage.start,
        series.outage.end,
      );
      const outageBadRate =
        inOutage.reduce((s, b) => s + b.total - b.good, 0) / inOutage.length;
      const otherBadRate =
        (bad - inOutage.reduce((s, b) => s + b.total - b.good, 0)) /
        ((t1 - series.start) / MIN - inOutage.length);
      expect(outageBadRate).toBeGreaterThan(10 * otherBadRate);
      expect(first.status.errorBudget.spent).toBe(bad);

      // A restarted sync (a new service, the same stores) does not count twice.
      await newSync().syncAll(t1);
      const [again] = await evaluator.evaluateAndStore([record], t1);
      expect(again.status.totalEvents).toBe(first.status.totalEvents);

      // Prometheus goes away: the SLO is stale, and its data stops where it was.
      await proxy.down();
      const t2 = t1 + 2 * HOUR;
      expect(await newSync().syncAll(t2)).toBe(0);
      expect(await syncs.get(record.sloRef, 'main')).toMatchObject({
        state: 'stale',
        errorKind: 'unreachable',
        watermark: t1,
      });
      const [during] = await evaluator.evaluateAndStore([record], t2);
      expect(during.status.totalEvents).toBe(first.status.totalEvents);

      // It comes back: the gap is back-filled, and the budget matches PromQL again.
      await proxy.up();
      const t3 = t1 + 4 * HOUR;
      expect(await newSync().syncAll(t3)).toBe(1);
      expect(await syncs.get(record.sloRef, 'main')).toMatchObject({
        state: 'ok',
        watermark: t3,
      });
      const [after] = await evaluator.evaluateAndStore([record], t3);
      const expectedAfter = await promql(series.start, t3);
      expect(
        Math.abs(after.status.totalEvents - expectedAfter.total) /
          expectedAfter.total,
      ).toBeLessThan(0.001);
      await knex.destroy();
    });
  });
});
