/**
 * Concurrent writes for one objective (pushes for one SLO to two replicas at once, each
 * its own transaction): the running totals must count every write, whichever commits
 * last. PostgreSQL only runs them truly at once; SQLite is run too (one writer). Written
 * when the totals were recomputed in each write's transaction, where two writes missed
 * each other's rows (43 of 108 events counted); the stale marks now serialise them.
 */
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { settleRunningTotals } from './runningTotals';
import { SliBucketStore } from './SliBucketStore';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const MIN = 60_000;
const T0 = Date.parse('2026-12-05T00:00:00Z');

describe.each(ids)('SliBucketStore concurrent writes on %s', databaseId => {
  it('keeps running totals that count every one of many concurrent writes', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const store = new SliBucketStore(knex);
    const refs = Array.from({ length: 10 }, (_, i) => `slo:default/c-${i}`);
    // Per SLO, 8 writes of different minutes (in no order) at once, for every SLO at once.
    const minutes = [5, 1, 7, 3, 0, 6, 2, 4];
    await Promise.all(
      refs.flatMap(sloRef =>
        minutes.map(m =>
          store.write(
            [
              {
                sloRef,
                objective: 'o',
                bucketStart: T0 + m * MIN,
                good: 10 + m,
                total: 20 + m,
              },
            ],
            { mode: 'replace', now: T0 + 10 * MIN },
          ),
        ),
      ),
    );
    // What the next evaluation reads: the totals brought up to date.
    await settleRunningTotals(
      knex,
      refs.map(sloRef => ({ sloRef, objective: 'o' })),
    );
    const last = await knex('reliability_sli_buckets')
      .whereIn('slo_ref', refs)
      .andWhere('bucket_start', T0 + 7 * MIN)
      .orderBy('slo_ref')
      .select('slo_ref', 'cum_good', 'cum_total');
    const good = minutes.reduce((s, m) => s + 10 + m, 0);
    const total = minutes.reduce((s, m) => s + 20 + m, 0);
    expect(
      last.map(r => [r.slo_ref, Number(r.cum_good), Number(r.cum_total)]),
    ).toEqual(refs.map(r => [r, good, total]));
    await knex.destroy();
  });
  it('never deadlocks pushes over many objectives with the recomputation of their totals', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const store = new SliBucketStore(knex);
    const refs = Array.from({ length: 60 }, (_, i) => `slo:default/d-${i}`);
    const keys = refs.map(sloRef => ({ sloRef, objective: 'o' }));
    // Every round: pushes of the next minutes for every objective, in shuffled orders, at
    // once with a batch settling all of them (which writes back many objectives' rows in
    // one statement). Before the rows were locked in key order, PostgreSQL aborted pushes
    // here with "deadlock detected".
    for (let round = 0; round < 12; round++) {
      const push = (offset: number) =>
        store.write(
          refs
            .flatMap(sloRef =>
              [0, 1, 2].map(k => ({
                sloRef,
                objective: 'o',
                bucketStart: T0 + (round * 3 + k) * MIN,
                good: offset,
                total: 10,
              })),
            )
            .sort(() => Math.random() - 0.5),
          { mode: 'replace', now: T0 + 60 * MIN },
        );
      await Promise.all([
        push(1),
        settleRunningTotals(knex, keys),
        push(2),
        settleRunningTotals(knex, [...keys].reverse()),
        push(3),
      ]);
    }
    await settleRunningTotals(knex, keys);
    const last = await knex('reliability_sli_buckets')
      .whereIn('slo_ref', refs)
      .andWhere('bucket_start', T0 + 35 * MIN)
      .select('cum_total');
    expect(last.map(r => Number(r.cum_total))).toEqual(refs.map(() => 360));
    await knex.destroy();
  });
});
