/**
 * The store's running totals against the full read they replace: after random sequences of
 * replace and add pushes (retried batches included), late data, roll-ups and retention,
 * an evaluation from the running totals equals the evaluation of the buckets read whole,
 * on SQLite and PostgreSQL. The full read (`read` + `evaluateObjective`) is the reference.
 */
import {
  EvaluationSpec,
  evaluateFromRunningTotals,
  evaluateObjective,
  resolveWindow,
  runningTotalQueries,
  type SloWindow,
} from '@reliability-suite/plugin-reliability-common';
import fc from 'fast-check';
import { migrationsDir } from '../database/migrations';
import {
  chartSeries,
  chartSeriesFromRunningTotals,
} from '../evaluation/series';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { BucketWrite, SliBucketStore } from './SliBucketStore';
import { settleRunningTotals } from './runningTotals';
import {
  DAY,
  HOUR,
  MIN,
  SPAN_MIN,
  T0,
  stepArb,
} from '../__testUtils__/pushSteps';

jest.setTimeout(300_000);

const { databases, ids } = createTestDatabases();
const windowArb: fc.Arbitrary<SloWindow> = fc.oneof(
  fc
    .constantFrom(HOUR, DAY, 3 * DAY, 28 * DAY)
    .map(durationMs => ({ kind: 'rolling' as const, durationMs })),
  fc.constant({
    kind: 'calendar' as const,
    unit: 'Week' as const,
    count: 1,
    startTime: '2026-01-05T00:00:00',
    timeZone: 'Europe/Berlin',
  }),
);

const evaluationArb = fc.record({
  window: windowArb,
  /** Not on a minute boundary, anywhere in or just after the data. */
  at: fc.oneof(
    fc.integer({ min: T0 + HOUR, max: T0 + SPAN_MIN * MIN + HOUR }),
    // Inside minute 90, which always has data: a bucket still filling at `at`.
    fc.integer({ min: 1, max: MIN - 1 }).map(ms => T0 + 90 * MIN + ms),
  ),
  target: fc.constantFrom(0.9, 0.99, 0.999),
  maxBurnDownPoints: fc.constantFrom(2, 50, 500),
  revisedMinutesBefore: fc.option(fc.integer({ min: 1, max: 2 * 24 * 60 })),
});

describe.each(ids)('running totals on %s', databaseId => {
  it('evaluate exactly as the full read of the buckets, whatever was pushed, rolled up or deleted', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const store = new SliBucketStore(knex);
    let run = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 8 }),
        fc.array(evaluationArb, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(1, 40, 20_000),
        fc.boolean(),
        async (steps, evaluations, groupRows, settleFirst) => {
          const sloRef = `slo:default/prop-${run++}`;
          // What ingest.maxAge and the roll-up age guarantee: no push lands in an hour
          // already rolled up or deleted.
          // As an evaluation batch does: both objectives' marks at once, recomputed
          // together or, when their rows pass groupRows, in several groups.
          const settle = () =>
            settleRunningTotals(
              knex,
              [
                { sloRef, objective: 'o' },
                { sloRef, objective: 'p' },
              ],
              { groupRows },
            );
          let floor = T0;
          let batch = 0;
          await store.write(
            [
              {
                sloRef,
                objective: 'o',
                bucketStart: T0 + 90 * MIN,
                good: 3,
                total: 4,
              },
              {
                sloRef,
                objective: 'p',
                bucketStart: T0 + 90 * MIN,
                good: 1,
                total: 4,
              },
            ],
            { mode: 'replace' },
          );
          for (const step of steps) {
            if (step.kind === 'push') {
              const lowest = floor;
              const writes: BucketWrite[] = step.items
                .flatMap(i => [
                  {
                    sloRef,
                    objective: 'o',
                    bucketStart: T0 + i.minute * MIN,
                    good: i.good,
                    total: i.total,
                  },
                  // A second objective, other counts: settled with the first, together.
                  {
                    sloRef,
                    objective: 'p',
                    bucketStart: T0 + i.minute * MIN,
                    good: i.good,
                    total: i.total + 1,
                  },
                ])
                .filter(w => w.bucketStart >= lowest);
              if (writes.length === 0) continue;
              const batchId =
                step.mode === 'add' ? `${sloRef}-${batch++}` : undefined;
              await store.write(writes, { mode: step.mode, batchId });
              if (step.retry)
                await store.write(writes, { mode: step.mode, batchId });
              if (step.settle) await settle();
            } else if (step.kind === 'rollUp') {
              const cutoff = T0 + step.minute * MIN;
              await store.rollUp(cutoff);
              floor = Math.max(floor, Math.ceil(cutoff / HOUR) * HOUR);
            } else {
              const cutoff = T0 + step.minute * MIN;
              await store.deleteOlderThan(cutoff);
              floor = Math.max(floor, Math.ceil(cutoff / HOUR) * HOUR);
            }
          }

          // Else the reads find the marks and recompute the totals themselves.
          if (settleFirst) await settle();
          for (const [e, objective] of evaluations.flatMap(ev =>
            ['o', 'p'].map(o => [ev, o] as const),
          )) {
            const spec: EvaluationSpec = {
              objective: { name: objective, target: e.target },
              budgetingMethod: 'Occurrences',
              window: e.window,
              at: e.at,
              maxBurnDownPoints: e.maxBurnDownPoints,
              earlier:
                e.revisedMinutesBefore === null
                  ? []
                  : [
                      {
                        until: e.at - e.revisedMinutesBefore * MIN,
                        target: 0.95,
                      },
                    ],
            };
            const { start } = resolveWindow(e.window, e.at);
            const buckets = await store.read(sloRef, objective, start, e.at);
            const reference = evaluateObjective({ ...spec, buckets });
            // With the other objective's lookups in the same read, as a batch does.
            const other = {
              sloRef,
              objective: objective === 'o' ? 'p' : 'o',
              queries: runningTotalQueries({ ...spec, at: e.at - HOUR }),
            };
            const [, readings] = await store.readRunningTotalsMany([
              other,
              { sloRef, objective, queries: runningTotalQueries(spec) },
            ]);
            expect(evaluateFromRunningTotals(spec, readings)).toEqual(
              reference,
            );

            // The chart's events per point too: every event of the window once (the
            // bucket still filling at `at` is in neither), each bucket in the interval it
            // ends in (the bucket reading's in the one it starts in: the same for minutes;
            // a roll-up straddling a point counts after it).
            const points = reference.burnDown;
            const chart = chartSeriesFromRunningTotals(
              readings,
              points,
              reference.windowStart,
            );
            expect(chart.reduce((n, p) => n + p.total, 0)).toBe(
              reference.totalEvents,
            );
            const datedByLastMinute = buckets
              .filter(b => b.start + b.durationMs <= e.at)
              .map(b => ({
                ...b,
                start: b.start + b.durationMs - MIN,
                durationMs: MIN,
              }));
            expect(chart).toEqual(
              chartSeries(
                datedByLastMinute,
                points,
                points.length > 0 ? points[0].t : start,
              ),
            );
          }
        },
      ),
      { numRuns: 40 },
    );
    await knex.destroy();
  });
});
