/**
 * Faults ([8], production-grade): what the backend does when what it depends on fails.
 *
 * - The database losing its connections mid-ingestion (PostgreSQL only: a fresh database
 *   whose backend connections are terminated, again and again, while batches are pushed;
 *   the shared server itself is never restarted).
 * - The catalog unreachable (any database).
 *
 * Prometheus down is covered by sync/SliSyncService.prometheus.test.ts (stale state,
 * back-filled later); the backend killed mid-evaluation by faults.restart.test.ts.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import knexFactory, { Knex } from 'knex';
import { capturingScheduler } from './__testUtils__/capturingScheduler';
import {
  postgresServer,
  scratchDatabase,
} from './__testUtils__/scratchPostgres';
import { reliabilityPlugin } from './plugin';
import {
  replicaEntities,
  SERVICE,
  SLO,
} from './__testUtils__/replicas/entities';

jest.setTimeout(60_000);

const pgServer = postgresServer(
  'Fault test',
  'the database-connections-cut case',
);

const MIN = 60_000;
const user = mockCredentials.user.header();
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: user,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, body: parsed };
}

const baseOf = (server: Server) =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/reliability`;

(pgServer ? describe : describe.skip)(
  'the database cutting connections during ingestion',
  () => {
    let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
    let knex: Knex;
    let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;

    beforeAll(async () => {
      scratch = await scratchDatabase(pgServer!, 'reliability_faults');
      knex = knexFactory({
        client: 'pg',
        connection: scratch.connection,
        pool: { min: 0, max: 5 },
      });
      backend = await startTestBackend({
        features: [
          reliabilityPlugin,
          mockServices.database.factory({ knex }),
          // The 503s are logged as errors; the assertions say what matters.
          mockServices.rootLogger.factory({ level: 'none' }),
          catalogServiceMock.factory({ entities: replicaEntities }),
        ],
      });
    });

    afterAll(async () => {
      await backend?.stop();
      await knex?.destroy();
      await scratch?.drop();
    });

    it('stores every accepted batch whole, answers 503 to the rest, and converges on retry', async () => {
      const base = baseOf(backend!.server);
      // Batch b adds 2^b to each of its N buckets: a bucket's total is the bit set of the
      // batches stored in it, so all-or-none shows as the same bit set in every bucket.
      const BATCHES = 30;
      const N = 20;
      const at = Math.floor((Date.now() - 50 * MIN) / MIN) * MIN;
      const batch = (b: number) => ({
        mode: 'add',
        batchId: `faults-${b}`,
        items: Array.from({ length: N }, (_, m) => ({
          slo: SLO.ref,
          timestamp: at + m * MIN,
          good: 2 ** b,
          total: 2 ** b,
        })),
      });
      // The SLO is known before the cuts begin (a first push looks it up in the catalog).
      const warm = await call(base, 'POST', '/v1/sli/events', {
        mode: 'replace',
        items: [{ slo: SLO.ref, timestamp: at - 5 * MIN, good: 1, total: 1 }],
      });
      expect(warm.status).toBe(200);

      // Cut every connection of the backend's to its database, over and over, from outside.
      let cutting = true;
      let cuts = 0;
      const cutter = (async () => {
        while (cutting) {
          const { rows } = await scratch!.admin.raw(
            'select pg_terminate_backend(pid) as t from pg_stat_activity where datname = ? and pid <> pg_backend_pid()',
            [scratch!.name],
          );
          cuts += rows.filter((r: { t: boolean }) => r.t).length;
          await sleep(40 + Math.random() * 80);
        }
      })();

      const results = new Map<number, { status: number; body: any }>();
      let next = 0;
      const worker = async () => {
        while (next < BATCHES) {
          const b = next++;
          results.set(b, await call(base, 'POST', '/v1/sli/events', batch(b)));
        }
      };
      try {
        await Promise.all([worker(), worker(), worker()]);
      } finally {
        cutting = false;
        await cutter;
      }

      const accepted = [...results].filter(([, r]) => r.status === 200);
      const failed = [...results].filter(([, r]) => r.status !== 200);
      // eslint-disable-next-line no-console
      console.log(
        `Connections cut ${cuts} times during ${BATCHES} pushes: ${
          accepted.length
        } accepted, ${failed.length} failed (${[
          ...new Set(failed.map(([, r]) => r.status)),
        ].join(', ')})`,
      );
      // The cuts did hit pushes (else this proves nothing), and not every one.
      expect(failed.length).toBeGreaterThan(0);
      expect(accepted.length).toBeGreaterThan(0);
      // Every failure is a 503 that says to retry, not a 500 with the driver's message.
      for (const [b, r] of failed) {
        expect({ b, status: r.status, name: r.body?.error?.name }).toEqual({
          b,
          status: 503,
          name: 'ServiceUnavailableError',
        });
        expect(r.body.error.message).toMatch(/unavailable.*retry/);
      }

      const stored = async () => {
        const rows = await knex('reliability_sli_buckets')
          .where({ slo_ref: SLO.ref })
          .andWhere('bucket_start', '>=', at)
          .andWhere('bucket_start', '<', at + N * MIN)
          .select('bucket_start', 'good', 'total');
        const byStart = new Map(
          rows.map(r => [Number(r.bucket_start), Number(r.total)]),
        );
        return Array.from(
          { length: N },
          (_, m) => byStart.get(at + m * MIN) ?? 0,
        );
      };
      const totals = await stored();
      // No half batch: every bucket holds the same batches.
      expect(new Set(totals).size).toBe(1);
      const mask = totals[0];
      // Every accepted batch is stored (a failed one may be too: its commit landed but the
      // answer was lost; the batchId makes its retry a no-op).
      for (const [b] of accepted) {
        expect({ b, stored: (mask & (2 ** b)) !== 0 }).toEqual({
          b,
          stored: true,
        });
      }
      // The batch record and the buckets are one transaction: recorded iff stored.
      const recorded = await knex('reliability_sli_batches')
        .where('batch_id', 'like', 'faults-%')
        .pluck('batch_id');
      expect(recorded.sort()).toEqual(
        Array.from({ length: BATCHES }, (_, b) => b)
          .filter(b => (mask & (2 ** b)) !== 0)
          .map(b => `faults-${b}`)
          .sort(),
      );

      // The database is back: retrying the failed batches (same batchId) converges.
      for (const [b] of failed) {
        const retry = await call(base, 'POST', '/v1/sli/events', batch(b));
        expect(retry.status).toBe(200);
        expect(retry.body.duplicate).toBe((mask & (2 ** b)) !== 0);
      }
      expect(await stored()).toEqual(
        Array.from({ length: N }, () => 2 ** BATCHES - 1),
      );
    });
  },
);

describe('the catalog unreachable', () => {
  let down = false;
  const catalogMock = catalogServiceMock({ entities: replicaEntities });
  /** The catalog's every method refuses while `down`, as a stopped catalog does. */
  const flakyCatalog = new Proxy(catalogMock, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (down) {
          return Promise.reject(
            Object.assign(new TypeError('fetch failed'), {
              cause: Object.assign(
                new Error('connect ECONNREFUSED 127.0.0.1:7007'),
                { code: 'ECONNREFUSED' },
              ),
            }),
          );
        }
        return value.apply(target, args);
      };
    },
  });
  const scheduler = capturingScheduler();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let base: string;

  /** One run of a scheduled task, as the scheduler makes it: its error is its outcome. */
  const run = async (id: string): Promise<string | undefined> => {
    try {
      await scheduler.run(id);
      return undefined;
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        reliabilityPlugin,
        scheduler.factory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => flakyCatalog,
        }),
        // The catalog cache off: every request that needs the catalog reads it, so that the
        // test sees the catalog go down at once rather than up to the cache's TTL later.
        mockServices.rootConfig.factory({
          data: { reliability: { catalogCache: { ttl: { seconds: 0 } } } },
        }),
        // The 503s are logged as errors; the assertions say what matters.
        mockServices.rootLogger.factory({ level: 'none' }),
      ],
    });
    base = baseOf(backend.server);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('answers 503 naming the catalog where it is needed, serves the stored status, and recovers', async () => {
    // First, with the catalog up: a stored status to serve: the SLO synced from the catalog, data pushed, evaluated.
    expect(await run('reliability-slo-catalog-sync')).toBeUndefined();
    const at = Math.floor((Date.now() - 10 * MIN) / MIN) * MIN;
    const pushed = await call(base, 'POST', '/v1/sli/events', {
      mode: 'replace',
      items: [{ slo: SLO.ref, timestamp: at, good: 990, total: 1000 }],
    });
    expect(pushed.status).toBe(200);
    expect(await run('reliability-slo-evaluation')).toBeUndefined();

    const summaryPath = `/v1/entities/component/default/${SERVICE.name}/summary`;
    const statusPath = `/v1/slos/default/${SLO.ref.split('/')[1]}`;
    const before = await call(base, 'GET', statusPath);
    expect(before.status).toBe(200);
    expect((await call(base, 'GET', summaryPath)).status).toBe(200);

    down = true;
    // A route that needs the catalog: a clear, retryable 503.
    const summary = await call(base, 'GET', summaryPath);
    expect(summary.status).toBe(503);
    expect(summary.body.error.name).toBe('ServiceUnavailableError');
    expect(summary.body.error.message).toMatch(
      /^The catalog is unavailable \(fetch failed\); try again later/,
    );
    // What is stored is served without it.
    const status = await call(base, 'GET', statusPath);
    // The same stored status (the chart series is computed per request, at its time).
    expect({ ...status, body: { ...status.body, series: [] } }).toEqual({
      ...before,
      body: { ...before.body, series: [] },
    });
    expect(status.body.objectives).toHaveLength(1);
    const list = await call(base, 'GET', '/v1/slos');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => i.sloRef)).toContain(SLO.ref);
    // Scheduled work fails with a reason naming the catalog (the scheduler logs it and runs
    // the task again next period); nothing crashes, the stored SLO is kept.
    const syncError = await run('reliability-slo-catalog-sync');
    expect(syncError).toMatch(
      /^ServiceUnavailableError: The catalog is unavailable/,
    );
    // Evaluation works on what is stored: it goes on without the catalog.
    expect(await run('reliability-slo-evaluation')).toBeUndefined();
    expect((await call(base, 'GET', statusPath)).status).toBe(200);
    expect((await call(base, 'GET', '/health')).status).toBe(200);

    down = false;
    // Back: the same requests and tasks succeed.
    expect(await run('reliability-slo-catalog-sync')).toBeUndefined();
    expect(await run('reliability-slo-evaluation')).toBeUndefined();
    const again = await call(base, 'GET', summaryPath);
    expect(again.status).toBe(200);
    expect(again.body.slos.map((s: any) => s.sloRef)).toEqual([SLO.ref]);
  });
});
