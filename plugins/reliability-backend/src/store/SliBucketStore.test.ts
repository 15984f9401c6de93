import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SliBucketStore } from './SliBucketStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();
const MIN = 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1); // an hour boundary
const SLO = 'slo:default/checkout-availability';

describe.each(ids)('SliBucketStore on %s', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    return { knex, store: new SliBucketStore(knex) };
  }

  it('replace: a retried batch leaves the same counts', async () => {
    const { knex, store } = await createStore();
    const batch = [
      { sloRef: SLO, objective: 'a', bucketStart: T0, good: 90, total: 100 },
      { sloRef: SLO, objective: 'a', bucketStart: T0, good: 5, total: 5 },
      { sloRef: SLO, objective: 'a', bucketStart: T0 + MIN, good: 7, total: 9 },
    ];
    expect(await store.write(batch, { mode: 'replace' })).toEqual({
      buckets: 2,
      duplicate: false,
    });
    await store.write(batch, { mode: 'replace' });
    expect(await store.read(SLO, 'a', T0, T0 + HOUR)).toEqual([
      { start: T0, durationMs: MIN, good: 95, total: 105 },
      { start: T0 + MIN, durationMs: MIN, good: 7, total: 9 },
    ]);
    // A later batch for the same bucket replaces it.
    await store.write(
      [{ sloRef: SLO, objective: 'a', bucketStart: T0, good: 1, total: 2 }],
      { mode: 'replace' },
    );
    expect((await store.read(SLO, 'a', T0, T0 + MIN))[0]).toMatchObject({
      good: 1,
      total: 2,
    });
    await knex.destroy();
  });

  it('add: counts add up, and a batch id counts once', async () => {
    const { knex, store } = await createStore();
    const batch = [
      { sloRef: SLO, objective: 'a', bucketStart: T0, good: 9, total: 10 },
    ];
    await store.write(batch, { mode: 'add', batchId: 'b1' });
    expect(await store.write(batch, { mode: 'add', batchId: 'b1' })).toEqual({
      buckets: 0,
      duplicate: true,
    });
    await store.write(batch, { mode: 'add', batchId: 'b2' });
    expect(await store.read(SLO, 'a', T0, T0 + MIN)).toEqual([
      { start: T0, durationMs: MIN, good: 18, total: 20 },
    ]);
    await knex.destroy();
  });

  it('keeps objectives and SLOs apart', async () => {
    const { knex, store } = await createStore();
    await store.write(
      [
        { sloRef: SLO, objective: 'a', bucketStart: T0, good: 1, total: 1 },
        { sloRef: SLO, objective: 'b', bucketStart: T0, good: 2, total: 2 },
        {
          sloRef: 'slo:default/other',
          objective: 'a',
          bucketStart: T0,
          good: 3,
          total: 3,
        },
        // An objective again after others: its key is sent once, this row keeps it.
        {
          sloRef: SLO,
          objective: 'a',
          bucketStart: T0 + MIN,
          good: 4,
          total: 5,
        },
      ],
      { mode: 'replace' },
    );
    expect((await store.read(SLO, 'b', T0, T0 + MIN)).map(b => b.good)).toEqual(
      [2],
    );
    expect(await store.sumTotal(SLO, 'a', T0, T0 + MIN)).toBe(1);
    expect(await store.sumTotal(SLO, 'a', T0 + MIN, T0 + 2 * MIN)).toBe(5);
    expect(await store.sumTotal(SLO, 'a', T0 + 2 * MIN, T0 + 3 * MIN)).toBe(0);
    expect(
      (await store.read('slo:default/other', 'a', T0, T0 + 2 * MIN)).map(
        b => b.good,
      ),
    ).toEqual([3]);
    await store.deleteSlo(SLO);
    expect(await store.read(SLO, 'a', T0, T0 + MIN)).toEqual([]);
    expect(
      await store.read('slo:default/other', 'a', T0, T0 + MIN),
    ).toHaveLength(1);
    await knex.destroy();
  });

  it('rolls whole old hours up into hourly buckets, keeping the totals', async () => {
    const { knex, store } = await createStore();
    const writes = [];
    for (let m = 0; m < 150; m++) {
      writes.push({
        sloRef: SLO,
        objective: 'a',
        bucketStart: T0 + m * MIN,
        good: 9,
        total: 10,
      });
    }
    await store.write(writes, { mode: 'replace' });
    // Hours [T0, T0+2h) are older than the cut-off; the last 30 minutes are not.
    expect(await store.rollUp(T0 + 2 * HOUR + 10 * MIN)).toBe(2);
    const buckets = await store.read(SLO, 'a', T0, T0 + 3 * HOUR);
    expect(buckets.slice(0, 2)).toEqual([
      { start: T0, durationMs: HOUR, good: 540, total: 600 },
      { start: T0 + HOUR, durationMs: HOUR, good: 540, total: 600 },
    ]);
    expect(buckets.slice(2)).toHaveLength(30);
    expect(buckets.reduce((s, b) => s + b.total, 0)).toBe(1500);
    // Rolling up again finds nothing new.
    expect(await store.rollUp(T0 + 2 * HOUR + 10 * MIN)).toBe(0);
    await knex.destroy();
  });

  it('writes a large batch in one transaction, replacing or adding to every bucket', async () => {
    const { knex, store } = await createStore();
    // 2,550 buckets: several statements on SQLite, the last one partly filled.
    const writes = Array.from({ length: 2550 }, (_, m) => ({
      sloRef: SLO,
      objective: 'a',
      bucketStart: T0 + m * MIN,
      good: m % 3,
      total: 3 + (m % 5),
    }));
    expect(await store.write(writes, { mode: 'replace' })).toEqual({
      buckets: 2550,
      duplicate: false,
    });
    await store.write(writes, { mode: 'replace' });
    await store.write(writes, { mode: 'add', batchId: 'large' });
    expect(await store.read(SLO, 'a', T0, T0 + 2550 * MIN)).toEqual(
      writes.map(w => ({
        start: w.bucketStart,
        durationMs: MIN,
        good: 2 * w.good,
        total: 2 * w.total,
      })),
    );
    await knex.destroy();
  });

  it('reads running totals of many objectives in one call, whatever part of a statement a stale mark falls in', async () => {
    const { knex, store } = await createStore();
    // Pushed, not yet settled: every objective's totals are marked stale.
    const objectives = Array.from({ length: 20 }, (_, o) => `o${o}`);
    await store.write(
      objectives.flatMap((objective, o) =>
        Array.from({ length: 30 }, (_, m) => ({
          sloRef: SLO,
          objective,
          bucketStart: T0 + m * MIN,
          good: m + o,
          total: 40 + o,
        })),
      ),
      { mode: 'replace' },
    );
    // 249 lookups for the first objective put its stale mark alone at the head of SQLite's
    // second statement; the others' counts move the statement boundaries around.
    const end = T0 + 30 * MIN + 1_000;
    const times = (n: number) => [
      end,
      ...Array.from({ length: n - 1 }, (_, k) => T0 + (k % 30) * MIN + 1_000),
    ];
    const requests = objectives.map((objective, o) => ({
      sloRef: SLO,
      objective,
      queries: {
        startingBefore: times(o === 0 ? 249 : 3 + o),
        endedBy: times(2),
      },
    }));
    const many = await store.readRunningTotalsMany(requests);
    expect(many.map(r => r.startingBefore.get(end))).toEqual(
      objectives.map((_, o) => ({
        start: T0 + 29 * MIN,
        end: T0 + 30 * MIN,
        // The sums over minutes 0–29: settled although the reads found the marks.
        good: 435 + 30 * o,
        total: 30 * (40 + o),
        coveredMs: 30 * MIN,
      })),
    );
    await knex.destroy();
  });
});
