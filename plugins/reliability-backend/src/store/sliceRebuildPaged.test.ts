/**
 * A variant whose history is longer than a page is built from its buckets a page at a time
 * (no read returns more than PAGE_ROWS rows: a new 28-day variant's 40,320 rows read at
 * once were what set the benchmark's peak memory), and evaluates as the full read of its
 * buckets, on SQLite and PostgreSQL.
 */
import {
  EvaluationSpec,
  evaluateFromSliceTotals,
  evaluateObjective,
  resolveWindow,
} from '@reliability-suite/plugin-reliability-common';
import { migrationsDir } from '../database/migrations';
import { recordReadSizes } from '../__testUtils__/readSizes';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DAY, MIN, T0 } from '../__testUtils__/pushSteps';
import { TABLE } from './sliBucketSql';
import { BucketWrite, SliBucketStore } from './SliBucketStore';
import { PAGE_ROWS } from './sliceRebuildPaged';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('a history longer than a page on %s', databaseId => {
  it('is built a page at a time, and evaluates as the full read', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const store = new SliBucketStore(knex);
    const sloRef = 'slo:default/long-history';
    const days = 10;
    // Ten days of minute buckets (14,400: three pages), with bad minutes spread unevenly
    // so that slices fail here and there; the first three days then rolled up into hours.
    const writes: BucketWrite[] = [];
    for (let m = 0; m < days * 24 * 60; m++) {
      writes.push({
        sloRef,
        objective: 'o',
        bucketStart: T0 + m * MIN,
        good: m % 37 === 0 || m % 101 < 3 ? 4 : 10,
        total: 10,
      });
    }
    for (let i = 0; i < writes.length; i += 2_000) {
      await store.write(writes.slice(i, i + 2_000), { mode: 'replace' });
    }
    await store.rollUp(T0 + 3 * DAY);

    const at = T0 + days * DAY - 7 * MIN;
    const spec: EvaluationSpec = {
      objective: {
        name: 'o',
        target: 0.99,
        timeSliceTarget: 0.9,
        timeSliceWindowMs: 5 * MIN,
      },
      budgetingMethod: 'Timeslices',
      window: { kind: 'rolling', durationMs: 28 * DAY },
      at,
      maxBurnDownPoints: 2,
    };
    // The reads of buckets' counts (not of their running totals, `cum_*`, which the
    // evaluation settles from the roll-up's mark on).
    const bucketReads = recordReadSizes(
      knex,
      sql => sql.includes(TABLE) && !/cum_/.test(sql),
    );
    // The first evaluation registers the variant and builds it from every bucket.
    const actual = evaluateFromSliceTotals(
      spec,
      await store.readSliceReadings(sloRef, spec),
    );
    bucketReads.stop();

    const { start } = resolveWindow(spec.window, at);
    const buckets = await store.read(sloRef, 'o', start, at);
    expect(buckets.length).toBeGreaterThan(2 * PAGE_ROWS);
    expect(actual).toEqual(evaluateObjective({ ...spec, buckets }));
    // Some slices failed, some passed: the comparison says something.
    expect(actual.goodEvents).toBeGreaterThan(0);
    expect(actual.goodEvents).toBeLessThan(actual.totalEvents);
    expect(Math.max(...bucketReads.sizes)).toBe(PAGE_ROWS);
    expect(
      bucketReads.sizes.filter(n => n === PAGE_ROWS).length,
    ).toBeGreaterThan(1);
    await knex.destroy();
  });
});
