/**
 * Pushes and evaluations of Timeslices objectives at once (two replicas, or a push landing
 * during an evaluation batch): no deadlock, and once they are done the slice totals count
 * every push. PostgreSQL runs them truly at once; SQLite is run too (one writer). And,
 * step by step on PostgreSQL, a push in flight while a variant is first registered: the
 * race is too narrow to meet by chance, so the push's transaction is held open by hand.
 */
import {
  EvaluationSpec,
  evaluateFromSliceTotals,
  evaluateObjective,
} from '@reliability-suite/plugin-reliability-common';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { markRunningTotalsStale } from './runningTotals';
import { SliBucketStore } from './SliBucketStore';
import { isPostgres } from '../database/isPostgres';
import { TABLE } from './sliBucketSql';
import { markSliceTotalsStale } from './sliceTotalsSql';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const MIN = 60_000;
const T0 = Date.parse('2026-12-05T00:00:00Z');
const AT = T0 + 60 * MIN;

const spec = (timeSliceTarget: number): EvaluationSpec => ({
  objective: {
    name: 'o',
    target: 0.9,
    timeSliceTarget,
    timeSliceWindowMs: 5 * MIN,
  },
  budgetingMethod: 'Timeslices',
  window: { kind: 'rolling', durationMs: 24 * 60 * MIN },
  at: AT,
  maxBurnDownPoints: 2,
});

describe.each(ids)('slice totals under concurrent pushes on %s', databaseId => {
  it('count every push, whatever evaluations ran meanwhile', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const store = new SliBucketStore(knex);
    const refs = Array.from({ length: 6 }, (_, i) => `slo:default/ts-${i}`);
    // The first threshold's variants exist before the pushes; the second is first asked
    // for while they are in flight.
    for (const sloRef of refs) {
      await store.write(
        [{ sloRef, objective: 'o', bucketStart: T0, good: 1, total: 1 }],
        { mode: 'replace', now: AT },
      );
      await store.readSliceReadings(sloRef, spec(0.9));
    }
    const minutes = [37, 3, 21, 8, 50, 14, 2, 44, 29, 11, 58, 5];
    await Promise.all(
      refs.flatMap(sloRef => [
        ...minutes.map((m, k) =>
          store.write(
            [
              {
                sloRef,
                objective: 'o',
                bucketStart: T0 + m * MIN,
                good: k % 3 === 0 ? 5 : 10,
                total: 10,
              },
            ],
            { mode: k % 2 === 0 ? 'replace' : 'add', now: AT },
          ),
        ),
        store.readSliceReadings(sloRef, spec(0.9)),
        store.readSliceReadings(sloRef, spec(0.8)),
        store.readSliceReadings(sloRef, spec(0.9)),
      ]),
    );
    for (const sloRef of refs) {
      const buckets = await store.read(sloRef, 'o', AT - 24 * 60 * MIN, AT);
      expect(buckets).toHaveLength(minutes.length + 1);
      for (const threshold of [0.9, 0.8]) {
        expect(
          evaluateFromSliceTotals(
            spec(threshold),
            await store.readSliceReadings(sloRef, spec(threshold)),
          ),
        ).toEqual(evaluateObjective({ ...spec(threshold), buckets }));
      }
    }
    await knex.destroy();
  });

  it('count a push in flight while a variant is first built', async () => {
    const knex = await databases.init(databaseId);
    // SQLite has one writer and the test pool one connection: nothing is in flight there.
    if (!isPostgres(knex)) return;
    await knex.migrate.latest({ directory: migrationsDir });
    const store = new SliBucketStore(knex);
    const sloRef = 'slo:default/ts-race';
    await store.write(
      [{ sloRef, objective: 'o', bucketStart: T0, good: 1, total: 1 }],
      { mode: 'replace', now: AT },
    );
    // A push as SliBucketStore.write makes it, held open before its commit: it has marked
    // (no variant yet, so none) and written a bad minute.
    const push = await knex.transaction();
    const change = { sloRef, objective: 'o', since: T0 + 7 * MIN };
    await markRunningTotalsStale(push, [change]);
    await markSliceTotalsStale(push, [change]);
    await push(TABLE).insert({
      slo_ref: sloRef,
      objective: 'o',
      bucket_start: T0 + 7 * MIN,
      resolution_ms: MIN,
      good: 0,
      total: 10,
      covered_ms: MIN,
      updated_at: AT,
    });
    // The first evaluation registers and builds the variant meanwhile; it must wait for
    // the push rather than build without it and call the variant fresh.
    const evaluating = store.readSliceReadings(sloRef, spec(0.9));
    await new Promise(resolve => setTimeout(resolve, 300));
    await push.commit();
    await evaluating;
    const buckets = await store.read(sloRef, 'o', AT - 24 * 60 * MIN, AT);
    expect(buckets).toHaveLength(2);
    expect(
      evaluateFromSliceTotals(
        spec(0.9),
        await store.readSliceReadings(sloRef, spec(0.9)),
      ),
    ).toEqual(evaluateObjective({ ...spec(0.9), buckets }));
    await knex.destroy();
  });
});
