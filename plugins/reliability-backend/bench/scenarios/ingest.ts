import { performance } from 'node:perf_hooks';
import type { ObjectiveStatus } from '../../src/evaluation/objectiveStatus';
import { ingestBodies, sloRecord } from '../data';
import { summarize } from '../stats';
import { atLeast, count, figure, ms, Row } from '../table';
import type { ScenarioContext } from './context';

const sleep = (millis: number) =>
  new Promise(resolve => setTimeout(resolve, millis));

const TARGET_BUCKETS_PER_S = 50_000;
const PUSH = '/v1/sli/events';

/** Pushes one client's batches one after another; returns the buckets written. */
async function client(
  ctx: ScenarioContext,
  bodies: string[],
  latencies: number[],
): Promise<number> {
  let buckets = 0;
  for (const body of bodies) {
    const started = performance.now();
    // Replace mode: safe to send again (see BenchBackend.post).
    buckets += JSON.parse(
      await ctx.backend.post(PUSH, body, { idempotent: true }),
    ).buckets;
    latencies.push(performance.now() - started);
  }
  return buckets;
}

/**
 * Waits until the plugin's own evaluation, debounced after each push, has stored a status
 * that counts every pushed event of each SLO; returns how long that took after `since`.
 */
async function waitForEvaluation(
  ctx: ScenarioContext,
  sloRefs: string[],
  totals: number[],
  since: number,
): Promise<number> {
  const deadline = since + 30_000;
  for (;;) {
    const statuses = await Promise.all(
      sloRefs.map(ref => ctx.stores.statuses.listBySlo<ObjectiveStatus>(ref)),
    );
    if (statuses.every((s, i) => s[0]?.status.totalEvents === totals[i])) {
      const visibleMs = Date.now() - since;
      // A push can land just after an evaluation started reading, which queues one more
      // (a debounce later); a stopping backend finishes the batch in hand and leaves the
      // rest in the queue. A short grace for the batch in hand.
      await sleep(2000);
      return visibleMs;
    }
    if (Date.now() > deadline) {
      throw new Error('no evaluation of the pushed data within 30 s');
    }
    await sleep(50);
  }
}

/**
 * Push ingestion through the HTTP API: `clients` concurrent clients, each pushing its own
 * SLO's batches in replace mode. Buckets per second over the wall time of all of them.
 */
export async function benchIngest(ctx: ScenarioContext): Promise<Row[]> {
  const { db, stores, volumes } = ctx;
  const { clients, batchesPerClient, batchSize } = volumes.ingest;
  // One more client's worth of bodies, for a warm-up SLO the timed clients do not touch.
  const { sloRefs, bodies, totals } = ingestBodies({
    clients: clients + 1,
    batchesPerClient,
    batchSize,
    now: Date.now(),
  });
  await stores.slos.upsert(
    sloRefs.map(ref =>
      sloRecord({
        name: ref.slice('slo:default/'.length),
        serviceRef: 'component:default/bench-ingest',
        target: 0.999,
      }),
    ),
  );
  await client(ctx, bodies[clients].slice(0, 2), []);

  const latencies: number[] = [];
  const started = performance.now();
  const written = await Promise.all(
    bodies.slice(0, clients).map(b => client(ctx, b, latencies)),
  );
  const seconds = (performance.now() - started) / 1000;
  const lastPushAt = Date.now();
  const buckets = written.reduce((a, b) => a + b, 0);
  const rate = buckets / seconds;
  const batch = summarize(latencies);
  const visibleMs = await waitForEvaluation(
    ctx,
    sloRefs.slice(0, clients),
    totals,
    lastPushAt,
  );

  const volume = `${clients} clients x ${batchesPerClient} batches x ${count(
    batchSize,
  )} items (replace)`;
  const isPg = db.kind === 'pg';
  return [
    {
      what: "push ingestion POST /v1/sli/events, buckets/s, incl. the plugin's debounced re-evaluation (batch p50 / p95)",
      database: db.label,
      volume,
      measured: `${count(rate)}/s (${ms(batch.p50)} / ${ms(batch.p95)})`,
      target: isPg
        ? `>= ${count(TARGET_BUCKETS_PER_S)}/s`
        : `- (PG: >= ${count(TARGET_BUCKETS_PER_S)}/s)`,
      figures: [
        // The target speaks of the production database only.
        figure(
          'ingest.bucketsPerSecond',
          rate,
          'buckets/s',
          isPg ? atLeast(TARGET_BUCKETS_PER_S) : undefined,
        ),
        figure('ingest.batchP50', batch.p50, 'ms'),
        figure('ingest.batchP95', batch.p95, 'ms'),
      ],
    },
    {
      what: 'last push -> status stored by the debounced evaluation',
      database: db.label,
      volume: `${clients} SLOs`,
      measured: ms(visibleMs),
      target: '-',
      figures: [figure('ingest.statusLag', visibleMs, 'ms')],
    },
  ];
}
