/**
 * A batch read of sliced objectives (`readSliceReadingsMany`, what an evaluation batch
 * reads) gives what reading them one at a time gives, in a number of statements that does
 * not grow with the batch, fresh or rebuilt after a push; a variant a push holds is
 * rebuilt alone once free; an objective a write marks during the read is read again,
 * alone, up to the bound of rounds. On SQLite and PostgreSQL.
 */
import {
  EvaluationSpec,
  evaluateFromSliceTotals,
  evaluateObjective,
  resolveWindow,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { markRunningTotalsStale } from './runningTotals';
import { BucketWrite, SliBucketStore } from './SliBucketStore';
import { isPostgres } from '../database/isPostgres';
import { TABLE } from './sliBucketSql';
import { markSliceTotalsStale } from './sliceTotalsSql';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-12-01T00:00:00Z');
/** The minute the evaluations fall in (at its middle): late pushes land before it. */
const MINUTE = T0 + 3 * DAY + 17 * MIN;
const AT = MINUTE + 30_000;

/** Objective `i`: slice lengths, thresholds, windows and a revision vary with it. */
function spec(i: number): EvaluationSpec {
  const sliceMinutes = [1, 5, 30, 60][i % 4];
  return {
    objective: {
      name: `o${i % 2}`,
      target: 0.9,
      timeSliceTarget: [0.9, 0.5, 0.99][i % 3],
      timeSliceWindowMs: sliceMinutes * MIN,
    },
    budgetingMethod: 'Timeslices',
    window:
      i % 3 === 2
        ? { kind: 'rolling', durationMs: DAY }
        : { kind: 'rolling', durationMs: 28 * DAY },
    at: AT,
    maxBurnDownPoints: 2,
    // Every third an earlier threshold: a second variant.
    earlier:
      i % 3 === 0
        ? [{ until: AT - 5 * HOUR, target: 0.95, timeSliceTarget: 0.95 }]
        : [],
  };
}

const sloRef = (i: number) => `slo:default/batch-${i}`;

/** Minutes over three days, some bad, then the first two days rolled up. */
function history(i: number): BucketWrite[] {
  const writes: BucketWrite[] = [];
  for (let m = 0; m < 3 * 24 * 60 + 17; m += 7 + (i % 5)) {
    writes.push({
      sloRef: sloRef(i),
      objective: spec(i).objective.name,
      bucketStart: T0 + m * MIN,
      good: (m + i) % 11 === 0 ? 3 : 10,
      total: 10,
    });
  }
  return writes;
}

/** Counts the statements knex sends while `fn` runs. */
async function statements<T>(
  knex: Knex,
  fn: () => Promise<T>,
): Promise<{ n: number; result: T }> {
  let n = 0;
  const count = () => n++;
  knex.on('query', count);
  try {
    const result = await fn();
    return { n, result };
  } finally {
    knex.removeListener('query', count);
  }
}

async function setUp(databaseId: (typeof ids)[number], objectives: number) {
  const knex = await databases.init(databaseId);
  await knex.migrate.latest({ directory: migrationsDir });
  const store = new SliBucketStore(knex);
  const n = Array.from({ length: objectives }, (_, i) => i);
  await store.write(
    n.flatMap(i => history(i)),
    { mode: 'replace', now: AT },
  );
  await store.rollUp(T0 + 2 * DAY);
  const requests = n.map(i => ({ sloRef: sloRef(i), spec: spec(i) }));
  return { knex, store, requests };
}

describe.each(ids)('readSliceReadingsMany on %s', databaseId => {
  it('reads what one-at-a-time reads read, in statements not growing with the batch', async () => {
    const { knex, store, requests } = await setUp(databaseId, 8);
    // The first read registers and builds every variant.
    const batch = await store.readSliceReadingsMany(requests);
    const single = [];
    for (const r of requests) {
      single.push(await store.readSliceReadings(r.sloRef, r.spec));
    }
    expect(batch).toEqual(single);
    for (const [k, r] of requests.entries()) {
      const { start } = resolveWindow(r.spec.window, AT);
      const buckets = await store.read(
        r.sloRef,
        r.spec.objective.name,
        start,
        AT,
      );
      expect(evaluateFromSliceTotals(r.spec, batch[k])).toEqual(
        evaluateObjective({ ...r.spec, buckets }),
      );
    }

    // Fresh variants: the events' marks and the variants' registry, the lookups of both,
    // the edge buckets with the marks. SQLite's lookups are chunked at 200 terms: these
    // fit in one.
    const two = await statements(knex, () =>
      store.readSliceReadingsMany(requests.slice(0, 2)),
    );
    const eight = await statements(knex, () =>
      store.readSliceReadingsMany(requests),
    );
    expect(two.n).toBe(5);
    expect(eight.n).toBe(5);
    expect(eight.result).toEqual(single);

    // After a push to every objective (as each round of the benchmark): the variants are
    // rebuilt in one transaction, the events' totals settled once, for 2 as for 8.
    const pushThenRead = async (
      minute: number,
      objectives: typeof requests,
    ) => {
      await store.write(
        objectives.map(r => ({
          sloRef: r.sloRef,
          objective: r.spec.objective.name,
          bucketStart: MINUTE - minute * MIN,
          good: 4,
          total: 10,
        })),
        { mode: 'replace', now: AT },
      );
      return statements(knex, () => store.readSliceReadingsMany(objectives));
    };
    const twoStale = await pushThenRead(20, requests.slice(0, 2));
    const eightStale = await pushThenRead(10, requests);
    expect(twoStale.n).toBe(eightStale.n);
    for (const [k, r] of requests.entries()) {
      expect(eightStale.result[k]).toEqual(
        await store.readSliceReadings(r.sloRef, r.spec),
      );
      const { start } = resolveWindow(r.spec.window, AT);
      const buckets = await store.read(
        r.sloRef,
        r.spec.objective.name,
        start,
        AT,
      );
      expect(evaluateFromSliceTotals(r.spec, eightStale.result[k])).toEqual(
        evaluateObjective({ ...r.spec, buckets }),
      );
    }
    await knex.destroy();
  });

  it('rebuilds alone, once free, a variant a push holds during the batch', async () => {
    const { knex, store, requests } = await setUp(databaseId, 3);
    // SQLite has one writer and the test pool one connection: nothing is in flight there.
    if (!isPostgres(knex)) {
      await knex.destroy();
      return;
    }
    await store.readSliceReadingsMany(requests);
    // A push to every objective committed (their variants stale), then a second one to
    // objective 1, as SliBucketStore.write makes it, held open after marking its
    // variants: it holds their locks, so the batch skips them and rebuilds them alone,
    // waiting for the push.
    await store.write(
      [0, 1, 2].map(i => ({
        sloRef: sloRef(i),
        objective: spec(i).objective.name,
        bucketStart: MINUTE - 12 * MIN,
        good: 0,
        total: 10,
      })),
      { mode: 'replace', now: AT },
    );
    const push = await knex.transaction();
    const change = {
      sloRef: sloRef(1),
      objective: spec(1).objective.name,
      since: MINUTE - 13 * MIN,
    };
    await markRunningTotalsStale(push, [change]);
    await markSliceTotalsStale(push, [change]);
    await push(TABLE).insert({
      slo_ref: change.sloRef,
      objective: change.objective,
      bucket_start: change.since,
      resolution_ms: MIN,
      good: 0,
      total: 10,
      covered_ms: MIN,
      updated_at: AT,
    });
    const reading = store.readSliceReadingsMany(requests);
    await new Promise(resolve => setTimeout(resolve, 300));
    await push.commit();
    const batch = await reading;
    for (const [k, r] of requests.entries()) {
      const { start } = resolveWindow(r.spec.window, AT);
      const buckets = await store.read(
        r.sloRef,
        r.spec.objective.name,
        start,
        AT,
      );
      expect(buckets.some(b => b.start === MINUTE - 12 * MIN)).toBe(true);
      expect(buckets.some(b => b.start === MINUTE - 13 * MIN)).toBe(k === 1);
      expect(evaluateFromSliceTotals(r.spec, batch[k])).toEqual(
        evaluateObjective({ ...r.spec, buckets }),
      );
    }
    await knex.destroy();
  });

  it('reads again, alone, an objective a write marked during the read', async () => {
    const { knex, store, requests } = await setUp(databaseId, 4);
    await store.readSliceReadingsMany(requests);
    const readEvents = jest.spyOn(store, 'readRunningTotalsMany');
    // A push landing after the slices' lookups, before the edge buckets and marks: a bad
    // minute in objective 1's last hour.
    const late: BucketWrite = {
      sloRef: sloRef(1),
      objective: spec(1).objective.name,
      bucketStart: MINUTE - 30 * MIN,
      good: 0,
      total: 10,
    };
    const original = SliBucketStore.prototype.readRunningTotalsMany;
    let pushed = false;
    readEvents.mockImplementation(async r => {
      if (!pushed) {
        pushed = true;
        await store.write([late], { mode: 'add', now: AT });
      }
      return original.call(store, r);
    });
    const batch = await store.readSliceReadingsMany(requests);
    // Read again: objective 1 alone.
    expect(readEvents.mock.calls.map(([r]) => r.map(x => x.sloRef))).toEqual([
      requests.map(r => r.sloRef),
      [sloRef(1)],
    ]);
    readEvents.mockRestore();
    const single = [];
    for (const r of requests) {
      single.push(await store.readSliceReadings(r.sloRef, r.spec));
    }
    expect(batch).toEqual(single);
    const { start } = resolveWindow(spec(1).window, AT);
    const buckets = await store.read(
      sloRef(1),
      spec(1).objective.name,
      start,
      AT,
    );
    expect(buckets.some(b => b.start === late.bucketStart)).toBe(true);
    expect(evaluateFromSliceTotals(spec(1), batch[1])).toEqual(
      evaluateObjective({ ...spec(1), buckets }),
    );
    await knex.destroy();
  });

  it('stops after four reads of an objective that writes keep marking', async () => {
    const { knex, store, requests } = await setUp(databaseId, 3);
    await store.readSliceReadingsMany(requests);
    const readEvents = jest.spyOn(store, 'readRunningTotalsMany');
    const original = SliBucketStore.prototype.readRunningTotalsMany;
    let minute = 0;
    readEvents.mockImplementation(async r => {
      // Every round: a push to objective 2 between its lookups and its marks.
      await store.write(
        [
          {
            sloRef: sloRef(2),
            objective: spec(2).objective.name,
            bucketStart: MINUTE - (40 - minute++) * MIN,
            good: 1,
            total: 10,
          },
        ],
        { mode: 'add', now: AT },
      );
      return original.call(store, r);
    });
    await store.readSliceReadingsMany(requests);
    // All three read once, then objective 2 alone three more times.
    expect(readEvents.mock.calls.map(([r]) => r.map(x => x.sloRef))).toEqual([
      requests.map(r => r.sloRef),
      [sloRef(2)],
      [sloRef(2)],
      [sloRef(2)],
    ]);
    readEvents.mockRestore();
    await knex.destroy();
  });
});
