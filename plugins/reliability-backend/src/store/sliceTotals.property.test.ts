/**
 * The store's slice totals against the full read they replace: after random sequences of
 * replace and add pushes (retried batches included), late data, roll-ups and retention,
 * with evaluations between them (so the totals are rebuilt from marks, not from scratch),
 * an evaluation of a Timeslices objective from its slice totals equals the evaluation of
 * its buckets read whole, to the bit, on SQLite and PostgreSQL, revisions of the threshold
 * included. The full read (`read` + `evaluateObjective`) is the reference. Only slice
 * lengths dividing an hour are drawn: the others, and RatioTimeslices, are evaluated by the
 * full read (`evaluatesFromSliceTotals`), and the store keeps no totals for them.
 */
import {
  EvaluationSpec,
  evaluateFromSliceTotals,
  evaluateObjective,
  resolveWindow,
  type SloWindow,
} from '@reliability-suite/plugin-reliability-common';
import fc from 'fast-check';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  DAY,
  HOUR,
  MIN,
  SPAN_MIN,
  T0,
  stepArb,
} from '../__testUtils__/pushSteps';
import { BucketWrite, SliBucketStore } from './SliBucketStore';

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
    timeZone: 'Asia/Kolkata',
  }),
);

const objectiveArb = fc.record({
  method: fc.constant('Timeslices' as const),
  // Lengths dividing an hour (`evaluatesFromSliceTotals`), a calendar grid's origin on the
  // half hour (Asia/Kolkata) included.
  sliceMinutes: fc.constantFrom(1, 5, 30, 60),
  timeSliceTarget: fc.constantFrom(0.5, 0.9, 0.99, 1),
  /** The threshold of an earlier revision. */
  earlierTimeSliceTarget: fc.constantFrom(0.5, 0.95),
});

const evaluationArb = fc.record({
  window: windowArb,
  at: fc.oneof(
    fc.integer({ min: T0 + HOUR, max: T0 + SPAN_MIN * MIN + HOUR }),
    fc.integer({ min: 1, max: MIN - 1 }).map(ms => T0 + 90 * MIN + ms),
  ),
  target: fc.constantFrom(0.9, 0.99, 0.999),
  revisedMinutesBefore: fc.option(fc.integer({ min: 1, max: 2 * 24 * 60 })),
});

describe.each(ids)('slice totals on %s', databaseId => {
  it('evaluate as the full read of the buckets, whatever was pushed, rolled up or deleted', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const store = new SliBucketStore(knex);
    let run = 0;

    await fc.assert(
      fc.asyncProperty(
        objectiveArb,
        fc.array(stepArb, { minLength: 1, maxLength: 8 }),
        fc.array(evaluationArb, { minLength: 1, maxLength: 3 }),
        async (o, steps, evaluations) => {
          const sloRef = `slo:default/slices-${run++}`;
          const specs: EvaluationSpec[] = evaluations.map(e => ({
            objective: {
              name: 'o',
              target: e.target,
              timeSliceTarget: o.timeSliceTarget,
              timeSliceWindowMs: o.sliceMinutes * MIN,
            },
            budgetingMethod: o.method,
            window: e.window,
            at: e.at,
            maxBurnDownPoints: 2,
            earlier:
              e.revisedMinutesBefore === null
                ? []
                : [
                    {
                      until: e.at - e.revisedMinutesBefore * MIN,
                      target: 0.95,
                      timeSliceTarget: o.earlierTimeSliceTarget,
                    },
                  ],
          }));
          // Evaluating registers the variants and rebuilds them from their marks.
          const evaluateAll = async () => {
            for (const spec of specs) {
              await store.readSliceReadings(sloRef, spec);
            }
          };
          const write = (
            items: BucketWrite[],
            mode: 'replace' | 'add',
            batchId?: string,
          ) => store.write(items, { mode, batchId });
          await write(
            [
              {
                sloRef,
                objective: 'o',
                bucketStart: T0 + 90 * MIN,
                good: 3,
                total: 4,
              },
            ],
            'replace',
          );
          await evaluateAll();
          // What ingest.maxAge and the roll-up age guarantee: no push lands in an hour
          // already rolled up or deleted.
          let floor = T0;
          let batch = 0;
          for (const step of steps) {
            if (step.kind === 'push') {
              const lowest = floor;
              const writes: BucketWrite[] = step.items
                .map(i => ({
                  sloRef,
                  objective: 'o',
                  bucketStart: T0 + i.minute * MIN,
                  good: i.good,
                  total: i.total,
                }))
                .filter(w => w.bucketStart >= lowest);
              if (writes.length === 0) continue;
              const batchId =
                step.mode === 'add' ? `${sloRef}-${batch++}` : undefined;
              await write(writes, step.mode, batchId);
              if (step.retry) await write(writes, step.mode, batchId);
              if (step.settle) await evaluateAll();
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

          for (const spec of specs) {
            const { start } = resolveWindow(spec.window, spec.at);
            const buckets = await store.read(sloRef, 'o', start, spec.at);
            const reference = evaluateObjective({ ...spec, buckets });
            const actual = evaluateFromSliceTotals(
              spec,
              await store.readSliceReadings(sloRef, spec),
            );
            // Whole slices, whole weights: equal to the bit.
            expect(actual).toEqual(reference);
          }
        },
      ),
      { numRuns: 40 },
    );
    await knex.destroy();
  });
});
