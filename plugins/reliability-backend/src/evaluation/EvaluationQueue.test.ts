import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SloRecord } from '../store/SloStore';
import { EvaluationQueue } from './EvaluationQueue';
import { EvaluationWorker } from './EvaluationWorker';
import { yieldBetweenSteps } from '../lib/yieldToEventLoop';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const T0 = Date.parse('2026-12-05T09:00:00Z');
const LEASE = 60_000;
const ref = (i: number) => `slo:default/s-${String(i).padStart(4, '0')}`;

function slo(sloRef: string): SloRecord {
  return {
    sloRef,
    serviceRef: 'component:default/svc',
    title: sloRef,
    definitionHash: 'h',
    spec: {},
    definition: {
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 86_400_000 },
      objectives: [{ name: 'o', target: 0.99 }],
    },
  };
}

/**
 * An evaluator that records what it was given, and can be held mid-evaluation (a push
 * landing then) or made to fail for chosen SLOs.
 */
function fakeEvaluator() {
  const evaluated: string[] = [];
  const failing = new Set<string>();
  let gate: Promise<void> | undefined;
  let entered: (() => void) | undefined;
  return {
    evaluated,
    failing,
    /** Holds the next evaluation; `started` resolves once it has begun. */
    hold() {
      let release!: () => void;
      gate = new Promise(r => {
        release = r;
      });
      const started = new Promise<void>(r => {
        entered = r;
      });
      return { started, release };
    },
    async evaluateAndStore(slos: SloRecord[]) {
      if (slos.some(s => failing.has(s.sloRef))) {
        throw new Error(`broken: ${slos.map(s => s.sloRef)}`);
      }
      const held = gate;
      gate = undefined;
      if (held) {
        entered?.();
        await held;
      }
      evaluated.push(...slos.map(s => s.sloRef));
      return [];
    },
  };
}

describe.each(ids)('EvaluationQueue on %s', databaseId => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
  });

  afterEach(async () => {
    await knex.destroy();
  });

  function worker(
    evaluator: ReturnType<typeof fakeEvaluator>,
    options: { now: () => number; workerId?: string; gone?: Set<string> },
  ) {
    return new EvaluationWorker({
      queue: new EvaluationQueue(knex),
      slos: {
        getMany: async refs =>
          new Map(
            [...refs].filter(r => !options.gone?.has(r)).map(r => [r, slo(r)]),
          ),
      },
      evaluator,
      logger: mockServices.logger.mock(),
      debounceMs: 5_000,
      leaseMs: LEASE,
      batchSize: 10,
      maxAttempts: 2,
      now: options.now,
      workerId: options.workerId,
      // As the plugin wires it: a turn of the event loop between batches on SQLite.
      yieldBetweenSteps: yieldBetweenSteps(knex),
    });
  }

  it('keeps one row per SLO: a second enqueue bumps its version and keeps the earlier due time', async () => {
    const queue = new EvaluationQueue(knex);
    await queue.enqueue([ref(1), ref(2)], { now: T0, dueAt: T0 + 5_000 });
    await queue.enqueue([ref(2), ref(2), ref(3)], {
      now: T0 + 1_000,
      dueAt: T0 + 6_000,
    });
    // The scheduled pass: due at once, for every SLO queued or not.
    await queue.enqueue([ref(3)], { now: T0 + 2_000, dueAt: T0 + 2_000 });
    expect(
      (await queue.list()).map(r => [r.sloRef, r.version, r.dirtyAt, r.dueAt]),
    ).toEqual([
      [ref(1), 1, T0, T0 + 5_000],
      [ref(2), 2, T0, T0 + 5_000],
      [ref(3), 2, T0 + 1_000, T0 + 2_000],
    ]);
    // Only due rows are claimed, oldest due first.
    const claims = await queue.claim('w1', {
      now: T0 + 5_000,
      limit: 10,
      leaseMs: LEASE,
    });
    expect(claims.map(c => c.sloRef).sort()).toEqual([ref(1), ref(2), ref(3)]);
    expect(
      await queue.claim('w2', { now: T0 + 5_000, limit: 10, leaseMs: LEASE }),
    ).toEqual([]);
  });

  it('says how many SLOs are queued and how long the longest-waiting due one has waited', async () => {
    const queue = new EvaluationQueue(knex);
    expect(await queue.backlog(T0)).toEqual({ queued: 0, overdueMs: 0 });
    await queue.enqueue([ref(1)], { now: T0, dueAt: T0 + 5_000 });
    await queue.enqueue([ref(2)], { now: T0 + 1_000, dueAt: T0 + 6_000 });
    await queue.enqueue([ref(3)], { now: T0 + 9_000, dueAt: T0 + 14_000 });
    // Not due yet: queued, nothing overdue.
    expect(await queue.backlog(T0 + 4_000)).toEqual({
      queued: 3,
      overdueMs: 0,
    });
    expect(await queue.backlog(T0 + 10_000)).toEqual({
      queued: 3,
      overdueMs: 5_000,
    });
    // A claimed row is being worked on: the oldest waiting one is the next.
    await queue.claim('w1', { now: T0 + 5_500, limit: 1, leaseMs: LEASE });
    expect(await queue.backlog(T0 + 10_000)).toEqual({
      queued: 3,
      overdueMs: 4_000,
    });
  });

  it('queues every SLO of the store in chunks', async () => {
    await knex.batchInsert(
      'reliability_slos',
      Array.from({ length: 1_203 }, (_, i) => ({
        slo_ref: ref(i),
        service_ref: 'component:default/svc',
        title: ref(i),
        definition: '{}',
        definition_hash: 'h',
        synced_at: T0,
      })),
      200,
    );
    const queue = new EvaluationQueue(knex);
    expect(await queue.enqueueAll({ now: T0, dueAt: T0 })).toBe(1_203);
    expect(await queue.size()).toBe(1_203);
  });

  it('evaluates a pushed SLO once for a stream of pushes, and again when a push lands during its evaluation', async () => {
    let now = T0;
    const evaluator = fakeEvaluator();
    const w = worker(evaluator, { now: () => now });
    const queue = new EvaluationQueue(knex);
    for (let i = 0; i < 5; i++) {
      await w.markDirty([ref(1)]);
      now += 500;
    }
    // Not due yet (debounce 5 s from the first push): nothing to claim.
    expect(await w.drain()).toBe(0);
    now = T0 + 5_000;

    const held = evaluator.hold();
    const draining = w.drain();
    await held.started;
    // A push while the evaluation runs (it may have read the buckets before it).
    await w.markDirty([ref(1)]);
    held.release();
    expect(await draining).toBe(1);
    expect(evaluator.evaluated).toEqual([ref(1)]);
    // Released, not deleted: due again a debounce after the evaluation ended.
    const [row] = await queue.list();
    expect(row).toMatchObject({
      sloRef: ref(1),
      claimedBy: null,
      claimedUntil: null,
      dueAt: now + 5_000,
    });
    expect(await w.drain()).toBe(0);
    now += 5_000;
    expect(await w.drain()).toBe(1);
    expect(evaluator.evaluated).toEqual([ref(1), ref(1)]);
    expect(await queue.size()).toBe(0);
  });

  it("takes over a dead worker's claim once its lease has passed, and the dead one's late completion changes nothing", async () => {
    const queue = new EvaluationQueue(knex);
    await queue.enqueue([ref(1), ref(2)], { now: T0, dueAt: T0 });
    // The "dead" replica claims and never completes.
    const dead = await queue.claim('dead/1/aaaa', {
      now: T0,
      limit: 10,
      leaseMs: LEASE,
    });
    expect(dead).toHaveLength(2);

    let now = T0 + LEASE - 1;
    const evaluator = fakeEvaluator();
    const alive = worker(evaluator, { now: () => now, workerId: 'alive/2' });
    expect(await alive.drain()).toBe(0);
    now = T0 + LEASE + 1;
    expect(await alive.drain()).toBe(2);
    expect(evaluator.evaluated.sort()).toEqual([ref(1), ref(2)]);
    expect(await queue.size()).toBe(0);

    // Taken over while held again: the first holder's completion leaves the row alone.
    await queue.enqueue([ref(3)], { now, dueAt: now });
    const [first] = await queue.claim('slow/3/bbbb', {
      now,
      limit: 10,
      leaseMs: LEASE,
    });
    const [second] = await queue.claim('fast/4/cccc', {
      now: now + LEASE + 1,
      limit: 10,
      leaseMs: LEASE,
    });
    expect(second).toEqual(first);
    await queue.complete('slow/3/bbbb', [first], { redueAt: now });
    expect((await queue.list()).map(r => r.claimedBy)).toEqual(['fast/4/cccc']);
    await queue.complete('fast/4/cccc', [second], { redueAt: now });
    expect(await queue.size()).toBe(0);
  });

  it('never gives one SLO to two claims made at once', async () => {
    const queue = new EvaluationQueue(knex);
    const refs = Array.from({ length: 400 }, (_, i) => ref(i));
    await queue.enqueue(refs, { now: T0, dueAt: T0 });
    // Eight workers claiming batches of 25 concurrently until nothing is left; on
    // PostgreSQL each claim runs on its own pooled connection.
    const claimed = await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        const mine: string[] = [];
        for (;;) {
          const batch = await queue.claim(`w${w}/${mine.length}`, {
            now: T0,
            limit: 25,
            leaseMs: LEASE,
          });
          if (batch.length === 0) return mine;
          mine.push(...batch.map(c => c.sloRef));
        }
      }),
    );
    const all = claimed.flat();
    expect(all).toHaveLength(400);
    expect(new Set(all).size).toBe(400);
    // On PostgreSQL shared out, not one worker taking all while the others wait.
    const workersWithClaims = claimed.filter(c => c.length > 0).length;
    expect(databaseId === 'SQLITE_3' || workersWithClaims > 1).toBe(true);
  });

  it('two workers draining one queue evaluate each SLO once', async () => {
    const refs = Array.from({ length: 200 }, (_, i) => ref(i));
    const queue = new EvaluationQueue(knex);
    await queue.enqueue(refs, { now: T0, dueAt: T0 });
    const evaluator = fakeEvaluator();
    const a = worker(evaluator, { now: () => T0, workerId: 'a' });
    const b = worker(evaluator, { now: () => T0, workerId: 'b' });
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    expect(na + nb).toBe(200);
    expect(evaluator.evaluated.sort()).toEqual(refs);
    expect(await queue.size()).toBe(0);
  });

  it('lets work that waits for the thread (a request) run between batches', async () => {
    const queue = new EvaluationQueue(knex);
    await queue.enqueue(
      Array.from({ length: 20 }, (_, i) => ref(i)),
      { now: T0, dueAt: T0 },
    );
    const order: string[] = [];
    const evaluator = fakeEvaluator();
    const evaluate = evaluator.evaluateAndStore.bind(evaluator);
    evaluator.evaluateAndStore = async slos => {
      order.push('batch');
      // A request arriving while the first batch is evaluated.
      if (order.length === 1) setImmediate(() => order.push('request'));
      return evaluate(slos);
    };
    // Batches of 10: two of them.
    expect(await worker(evaluator, { now: () => T0 }).drain()).toBe(20);
    expect(order).toEqual(['batch', 'request', 'batch']);
  });

  it('retries a failing SLO, gives up after maxAttempts, and drops SLOs gone from the store', async () => {
    let now = T0;
    const evaluator = fakeEvaluator();
    evaluator.failing.add(ref(2));
    const gone = new Set([ref(3)]);
    const w = worker(evaluator, { now: () => now, gone });
    const queue = new EvaluationQueue(knex);
    await queue.enqueue([ref(1), ref(2), ref(3)], { now, dueAt: now });
    expect(await w.drain()).toBe(3);
    // The rest of the batch is stored despite the broken one.
    expect(evaluator.evaluated).toEqual([ref(1)]);
    expect(await queue.list()).toEqual([
      expect.objectContaining({
        sloRef: ref(2),
        attempts: 1,
        claimedBy: null,
        dueAt: now + LEASE,
      }),
    ]);
    now += LEASE;
    expect(await w.drain()).toBe(1);
    expect(await queue.size()).toBe(0);
  });

  it('flush evaluates what is queued at once, including a batch the loop has in hand', async () => {
    const evaluator = fakeEvaluator();
    const w = worker(evaluator, { now: () => Date.now() });
    await w.markDirty([ref(1), ref(2)]);
    await w.flush();
    expect(evaluator.evaluated.sort()).toEqual([ref(1), ref(2)]);
    expect(await new EvaluationQueue(knex).size()).toBe(0);

    // The loop: started, it evaluates a push once due (debounce 5 s here: flush instead).
    w.start();
    const held = evaluator.hold();
    await new EvaluationQueue(knex).enqueue([ref(3)], {
      now: Date.now(),
      dueAt: Date.now(),
    });
    await held.started;
    const flushed = w.flush();
    held.release();
    await flushed;
    expect(evaluator.evaluated).toContain(ref(3));
    await w.stop();
  });
});
