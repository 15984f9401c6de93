import fc from 'fast-check';
import { DAY, HOUR, MINUTE, utc } from './__testUtils__/buckets';
import { evaluateObjective } from './evaluate';
import {
  readRunningTotals,
  runningTotalsOf,
} from './__testUtils__/runningTotals';
import {
  evaluateFromRunningTotals,
  runningTotalQueries,
} from './runningTotals';
import { bucketsBefore, windowArb } from './__testUtils__/arbitraries';
import type { EvaluateObjectiveInput } from './types';

const AT = utc('2026-03-29T00:00:00Z');

const inputArb: fc.Arbitrary<EvaluateObjectiveInput> = fc
  .integer({ min: AT - 3 * DAY, max: AT + 3 * DAY })
  .chain(at =>
    fc.record(
      {
        objective: fc.record({
          name: fc.constant('objective'),
          target: fc.oneof(
            fc.constantFrom(0.9, 0.99, 0.999, 0.9999),
            fc.double({ min: 0.01, max: 0.99999, noNaN: true }),
          ),
        }),
        budgetingMethod: fc.constant('Occurrences' as const),
        window: windowArb,
        buckets: bucketsBefore(at),
        at: fc.constant(at),
        maxBurnDownPoints: fc.integer({ min: 2, max: 600 }),
        burnDownFrom: fc.integer({ min: at - 4 * DAY, max: at + HOUR }),
        earlier: fc
          .uniqueArray(fc.integer({ min: at - 4 * DAY, max: at }), {
            maxLength: 3,
          })
          .chain(untils =>
            fc.tuple(
              ...untils
                .sort((a, b) => a - b)
                .map(until =>
                  fc
                    .constantFrom(0.9, 0.99, 0.995, 0.999)
                    .map(target => ({ until, target })),
                ),
            ),
          ),
      },
      {
        requiredKeys: [
          'objective',
          'budgetingMethod',
          'window',
          'buckets',
          'at',
        ],
      },
    ),
  );

describe('evaluateFromRunningTotals', () => {
  it('gives exactly the evaluation of the buckets it sums', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(40), (input, deleted) => {
        const { buckets, ...spec } = input;
        // Retention deleted the oldest buckets; the rest keep their running totals.
        const rows = runningTotalsOf(buckets);
        const kept = Math.min(deleted, rows.length);
        const readings = readRunningTotals(
          rows.slice(kept),
          runningTotalQueries(spec),
          kept > 0 ? rows[kept - 1] : undefined,
        );
        expect(evaluateFromRunningTotals(spec, readings)).toEqual(
          evaluateObjective({ ...input, buckets: buckets.slice(kept) }),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('asks a number of lookups that does not grow with the window', () => {
    const spec = (durationMs: number) => ({
      objective: { name: 'o', target: 0.999 },
      budgetingMethod: 'Occurrences' as const,
      window: { kind: 'rolling' as const, durationMs },
      at: AT,
      maxBurnDownPoints: 2,
    });
    const count = (q: { startingBefore: number[]; endedBy: number[] }) =>
      q.startingBefore.length + q.endedBy.length;
    expect(count(runningTotalQueries(spec(90 * DAY)))).toBe(
      count(runningTotalQueries(spec(28 * DAY))),
    );
    for (const days of [1, 28, 90]) {
      expect(count(runningTotalQueries(spec(days * DAY)))).toBeLessThanOrEqual(
        10,
      );
    }
  });

  it('refuses Timeslices, whose slices are not sums of buckets, naming the field', () => {
    expect(() =>
      runningTotalQueries({
        objective: {
          name: 'o',
          target: 0.99,
          timeSliceTarget: 0.9,
          timeSliceWindowMs: 5 * MINUTE,
        },
        budgetingMethod: 'Timeslices',
        window: { kind: 'rolling', durationMs: DAY },
        at: AT,
      }),
    ).toThrow(/budgetingMethod/);
  });
});
