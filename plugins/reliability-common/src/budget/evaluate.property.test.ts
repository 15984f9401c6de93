import fc from 'fast-check';
import { DAY, HOUR, MINUTE, utc } from './__testUtils__/buckets';
import { evaluateObjective } from './evaluate';
import type {
  BudgetingMethod,
  EvaluateObjectiveInput,
  SliBucket,
  SloWindow,
} from './types';

const AT = utc('2026-03-29T00:00:00Z');

const windowArb: fc.Arbitrary<SloWindow> = fc.oneof(
  fc
    .constantFrom(HOUR, 2 * HOUR, 6 * HOUR, DAY)
    .map(durationMs => ({ kind: 'rolling' as const, durationMs })),
  fc.record({
    kind: fc.constant('calendar' as const),
    unit: fc.constantFrom('Week' as const, 'Month' as const),
    count: fc.constantFrom(1, 2),
    startTime: fc.constant('2026-01-01T00:00:00'),
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata'),
  }),
);

/**
 * Mostly minute buckets with gaps, some 5-minute and hourly roll-ups, laid back in time
 * from near `at` so that windows see anything from no data to full coverage.
 */
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
          minutes: fc.constantFrom(1, 1, 1, 5, 60),
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
      const buckets = specs.map(({ gapMinutes, minutes, total, bad }) => {
        cursor -= minutes * MINUTE;
        const bucket = {
          start: cursor,
          durationMs: minutes * MINUTE,
          good: total - Math.min(bad, total),
          total,
        };
        cursor -= gapMinutes * MINUTE;
        return bucket;
      });
      return buckets.reverse();
    });

const inputArb: fc.Arbitrary<EvaluateObjectiveInput> = fc
  // Not necessarily on a minute.
  .integer({ min: AT - 3 * DAY, max: AT + 3 * DAY })
  .chain(at =>
    fc.record({
      objective: fc.record({
        name: fc.constant('objective'),
        target: fc.oneof(
          fc.constantFrom(0.9, 0.99, 0.999, 0.9999),
          fc.double({ min: 0.01, max: 0.99999, noNaN: true }),
        ),
        timeSliceTarget: fc.double({ min: 0.01, max: 1, noNaN: true }),
        timeSliceWindowMs: fc.constantFrom(MINUTE, 5 * MINUTE, 15 * MINUTE),
      }),
      budgetingMethod: fc.constantFrom<BudgetingMethod>(
        'Occurrences',
        'Timeslices',
        'RatioTimeslices',
      ),
      window: windowArb,
      buckets: bucketsBefore(at),
      at: fc.constant(at),
      maxBurnDownPoints: fc.integer({ min: 2, max: 600 }),
    }),
  );

describe('evaluateObjective properties', () => {
  it('keeps its figures consistent and in range', () => {
    fc.assert(
      fc.property(inputArb, input => {
        const e = evaluateObjective(input);
        const { consumed, remaining } = e.errorBudget;
        expect(Math.abs(consumed + remaining - 1)).toBeLessThanOrEqual(1e-9);
        expect(consumed).toBeGreaterThanOrEqual(0);

        expect(e.sli ?? 0).toBeGreaterThanOrEqual(0);
        expect(e.sli ?? 1).toBeLessThanOrEqual(1);
        expect(e.sli === null).toBe(e.dataQuality === 'no-data');

        for (const rate of Object.values(e.burnRates)) {
          expect(rate ?? 0).toBeGreaterThanOrEqual(0);
        }
        for (const alert of e.alerts.filter(a => a.firing)) {
          expect(e.burnRates[alert.longWindow]).not.toBeNull();
          expect(e.burnRates[alert.shortWindow]).not.toBeNull();
        }

        const points = e.burnDown;
        expect(points.length).toBeLessThanOrEqual(input.maxBurnDownPoints!);
        expect(points[points.length - 1]).toEqual({ t: input.at, remaining });
        expect(points[0].t).toBe(e.windowStart);
        for (let i = 1; i < points.length; i++) {
          expect(points[i].t).toBeGreaterThan(points[i - 1].t);
        }

        expect(e.forecastExhaustionAt ?? input.at).toBeGreaterThanOrEqual(
          input.at,
        );
      }),
    );
  });

  it('never gains budget when good events turn bad', () => {
    fc.assert(
      fc.property(
        inputArb.filter(input => input.buckets.length > 0),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (input, pick, share) => {
          const index = pick % input.buckets.length;
          const buckets = input.buckets.slice();
          const bucket = buckets[index];
          const turned = Math.ceil(bucket.good * share);
          buckets[index] = { ...bucket, good: bucket.good - turned };

          const before = evaluateObjective(input);
          const after = evaluateObjective({ ...input, buckets });
          expect(after.errorBudget.remaining).toBeLessThanOrEqual(
            before.errorBudget.remaining,
          );
          // Same buckets with traffic, so both have an SLI or neither has.
          expect(after.sli ?? 0).toBeLessThanOrEqual(before.sli ?? 0);
        },
      ),
    );
  });

  it('with earlier definitions that promised the same, gives the same answer', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.array(fc.integer({ min: -3 * DAY, max: 3 * DAY }), {
          maxLength: 4,
        }),
        (input, offsets) => {
          const untils = [...new Set(offsets.map(o => input.at + o))].sort(
            (a, b) => a - b,
          );
          const earlier = untils.map(until => ({
            until,
            target: input.objective.target,
            timeSliceTarget: input.objective.timeSliceTarget,
          }));
          const plain = evaluateObjective(input);
          const versioned = evaluateObjective({ ...input, earlier });
          expect(versioned).toEqual(plain);
        },
      ),
    );
  });

  it('spends under a looser earlier target no more of the budget than under a stricter one', () => {
    fc.assert(
      fc.property(
        inputArb.filter(i => i.objective.target < 0.999),
        fc.integer({ min: -2 * DAY, max: 0 }),
        (input, offset) => {
          const until = input.at + offset;
          const stricter = evaluateObjective({
            ...input,
            earlier: [{ until, target: input.objective.target + 0.0005 }],
          });
          const looser = evaluateObjective({
            ...input,
            earlier: [{ until, target: input.objective.target / 1.01 }],
          });
          expect(looser.errorBudget.remaining).toBeGreaterThanOrEqual(
            stricter.errorBudget.remaining - 1e-9,
          );
          // The periods add up to the whole.
          for (const e of [stricter, looser]) {
            if (!e.definitionPeriods) continue;
            const sum = e.definitionPeriods.reduce(
              (acc, p) => ({
                spent: acc.spent + p.spent,
                budget: acc.budget + p.budget,
              }),
              { spent: 0, budget: 0 },
            );
            expect(sum.spent).toBeCloseTo(e.errorBudget.spent, 6);
            expect(sum.budget).toBeCloseTo(e.errorBudget.total, 6);
          }
        },
      ),
    );
  });
});
