import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PrometheusSliSource } from '@reliability-suite/plugin-reliability-backend-module-prometheus';
import { startTestPrometheus } from '@reliability-suite/plugin-reliability-backend-module-prometheus/testUtils';
import type { SloRecord } from '../../src/store/SloStore';
import { SliSyncStore } from '../../src/store/SliSyncStore';
import { DataSourceResolver } from '../../src/sync/DataSourceResolver';
import { SliResolver } from '../../src/sync/SliResolver';
import { SliSyncService } from '../../src/sync/SliSyncService';
import { logger, progress } from '../seed';
import { atLeast, atMost, count, figure, Row } from '../table';
import type { ScenarioContext } from './context';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SYNC_TARGET_MS = 5 * 60_000;
const GOOD = 'sum(increase(http_requests_total{code="200"}[{{bucket}}]))';
const TOTAL = 'sum(increase(http_requests_total[{{bucket}}]))';

/** A day-by-day counter pair, one sample a minute, as OpenMetrics text. */
function openMetrics(start: number, end: number): string {
  const ok: string[] = [];
  const err: string[] = [];
  let okCount = 0;
  let errCount = 0;
  for (let t = start; t <= end; t += MINUTE) {
    const ts = (t / 1000).toFixed(3);
    ok.push(`http_requests_total{code="200"} ${okCount} ${ts}`);
    err.push(`http_requests_total{code="500"} ${errCount} ${ts}`);
    okCount += 1000;
    errCount += (t / MINUTE) % 97 === 0 ? 5 : 0;
  }
  return ['# TYPE http_requests counter', ...ok, ...err, '# EOF', ''].join(
    '\n',
  );
}

function sloRecord(i: number, days: number): SloRecord {
  const metric = (query: string) => ({
    metricSource: {
      type: 'Prometheus',
      metricSourceRef: 'prom',
      spec: { query },
    },
  });
  return {
    sloRef: `slo:bench/prometheus-${i}`,
    serviceRef: `component:bench/prometheus-${i}`,
    title: `Prometheus SLO ${i}`,
    definitionHash: `prom-${i}`,
    definition: {
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: days * DAY },
      objectives: [{ name: 'main', target: 0.999 }],
    },
    spec: {
      indicator: {
        metadata: { name: `prometheus-${i}` },
        spec: {
          ratioMetric: {
            counter: true,
            good: metric(GOOD),
            total: metric(TOTAL),
          },
        },
      },
      objectives: [{ displayName: 'main', target: 0.999 }],
    },
  };
}

/**
 * The first sync of many SLOs from a real Prometheus (Debian's package, back-filled with
 * promtool): every SLO back-fills its whole window, in day chunks, into the bucket store.
 */
export async function benchPrometheusSync(
  ctx: ScenarioContext,
): Promise<Row[]> {
  const { slos: n, days } = ctx.volumes.prometheusSync;
  const now = Date.now();
  const end = Math.floor(now / HOUR) * HOUR - HOUR;
  const start = end - days * DAY;
  progress(`${ctx.db.label}: Prometheus with ${days} days of data`);
  const prom = await startTestPrometheus({
    openMetrics: openMetrics(start, end),
  });
  try {
    await ctx.stores.slos.upsert(
      Array.from({ length: n }, (_, i) => sloRecord(i, days)),
    );
    const service = new SliSyncService({
      sources: new Map([
        [
          'Prometheus',
          new PrometheusSliSource({
            timeoutMs: 60_000,
            retries: 2,
            retryBackoffMs: 500,
          }),
        ],
      ]),
      slos: ctx.stores.slos,
      buckets: ctx.stores.buckets,
      syncs: new SliSyncStore(ctx.db.knex),
      dataSources: new DataSourceResolver({
        config: new ConfigReader({
          reliability: { dataSources: { prom: { url: prom.url } } },
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
    progress(`${ctx.db.label}: syncing ${n} SLOs from Prometheus`);
    const t0 = performance.now();
    const synced = await service.syncAll(now);
    const elapsed = performance.now() - t0;
    const [{ buckets }] = await ctx.db
      .knex('reliability_sli_buckets')
      .where('slo_ref', 'like', 'slo:bench/prometheus-%')
      .count({ buckets: '*' });
    return [
      {
        what: 'SLI sync from Prometheus: first run, every SLO back-fills its window (queries + writes, 8 objectives at a time)',
        database: ctx.db.label,
        volume: `${n} SLOs x ${days} days; ${synced} synced, ${count(
          Number(buckets),
        )} buckets written`,
        measured: `${(elapsed / 1000).toFixed(1)} s`,
        target: '<= 300 s (500 SLOs x 28 days)',
        figures: [
          figure(
            'prometheusSync.seconds',
            elapsed / 1000,
            's',
            atMost(SYNC_TARGET_MS / 1000),
          ),
          // Every SLO must have synced for the time to mean anything.
          figure('prometheusSync.slosSynced', synced, 'SLOs', atLeast(n)),
        ],
      },
    ];
  } finally {
    await prom.stop();
  }
}
