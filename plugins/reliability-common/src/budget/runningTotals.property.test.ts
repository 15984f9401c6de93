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
import type { EvaluateObjectiveInput, SliBucket, SloWindow } from './types';

const AT = utc('2026-03-29T00:00:00Z');

const windowArb: fc.Arbitrary<SloWindow> = fc.oneof(
  fc
    .constantFrom(HOUR, 6 * HOUR, DAY, 3 * DAY)
    .map(durationMs => ({ kind: 'rolling' as const, durationMs })),
  fc.record({
    kind: fc.constant('calendar' as const),
    unit: fc.constantFrom('Week' as const, 'Month' as const),
    count: fc.constantFrom(1, 2),
    startTime: fc.constant('2026-01-01T00:00:00'),
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata'),
  }),
);

/** Minute buckets with gaps, idle ones and hourly roll-ups (covering part of their hour). */
const bucketsBefore = (at: number): fc.Arbitrary<SliBucket[]> =>
  fc
    .tuple(
      fc.integer({ min: -30, max: 120 }),
      fc.array(
        fc.record({
          gapMinutes: fc.oneof(
            { weight: 8, arbitrary: fc.constant(0) },
            { weight: 2, arbitrary: fc.constantFrom(1, 7, 240) },
          ),
          minutes: fc.constantFrom(1, 1, 1, 60),
          coveredShare: fc.constantFrom(1, 1, 0.5),
          total: fc.oneof(
            { weight: 1, arbitrary: fc.constant(0) },
            { weight: 9, arbitrary: fc.nat(1000) },
          ),
          bad: fc.oneof(fc.constant(0), fc.nat(2), fc.nat(1000)),
        }),
        { maxLength: 300, size: 'large' },
      ),
    )
    .map(([minutesBeforeAt, specs]) => {
      let cursor = Math.floor(at / MINUTE) * MINUTE - minutesBeforeAt * MINUTE;
      const buckets = specs.map(
        ({ gapMinutes, minutes, coveredShare, total, bad }) => {
          cursor -= minutes * MINUTE;
          if (minutes === 60) cursor = Math.floor(cursor / HOUR) * HOUR;
          const bucket: SliBucket = {
            start: cursor,
            durationMs: minutes * MINUTE,
            good: total - Math.min(bad, total),
            total,
            ...(minutes === 60 ? { coveredMs: coveredShare * HOUR } : {}),
          };
          cursor -= gapMinutes * MINUTE;
          return bucket;
        },
      );
      return buckets.reverse();
    });

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
