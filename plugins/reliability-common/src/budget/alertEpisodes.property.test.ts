import fc from 'fast-check';
import { DAY, HOUR, MINUTE, utc } from './__testUtils__/buckets';
import { replayAlertEpisodes } from './alertEpisodes';
import type { BudgetingMethod, SliBucket, SloWindow } from './types';

const AT = utc('2026-03-29T00:00:00Z');

/**
 * Sparse data: bursts of minute (or 5-minute, hourly) buckets, bad or good, separated by
 * gaps from none to several days, so that replays cross long idle stretches, episodes end
 * in them, and data returns after them.
 */
const sparseBuckets = (at: number): fc.Arbitrary<SliBucket[]> =>
  fc
    .array(
      fc.record({
        gapMinutes: fc.oneof(
          fc.constant(0),
          fc.constantFrom(1, 5, 61, 6 * 60, 25 * 60, 3 * 24 * 60 + 7),
          fc.nat(10 * 24 * 60),
        ),
        count: fc.integer({ min: 1, max: 90 }),
        minutes: fc.constantFrom(1, 1, 5, 60),
        total: fc.oneof(
          { weight: 1, arbitrary: fc.constant(0) },
          { weight: 9, arbitrary: fc.integer({ min: 1, max: 1000 }) },
        ),
        badShare: fc.constantFrom(0, 0, 0.002, 0.02, 0.2, 1),
      }),
      { maxLength: 12 },
    )
    .map(bursts => {
      let cursor = Math.floor(at / MINUTE) * MINUTE;
      const out: SliBucket[] = [];
      for (const b of bursts) {
        cursor -= b.gapMinutes * MINUTE;
        for (let i = 0; i < b.count; i++) {
          cursor -= b.minutes * MINUTE;
          const bad = Math.round(b.total * b.badShare);
          out.push({
            start: cursor,
            durationMs: b.minutes * MINUTE,
            good: b.total - bad,
            total: b.total,
          });
        }
      }
      return out.reverse();
    });

const windowArb: fc.Arbitrary<SloWindow> = fc.oneof(
  fc
    .constantFrom(DAY, 7 * DAY, 28 * DAY)
    .map(durationMs => ({ kind: 'rolling' as const, durationMs })),
  fc.constant({
    kind: 'calendar' as const,
    unit: 'Month' as const,
    count: 1,
    startTime: '2026-01-01T00:00:00',
    timeZone: 'UTC',
  }),
);

const inputArb = fc
  .integer({ min: AT - 2 * DAY, max: AT + 2 * DAY })
  .chain(at =>
    fc.record({
      objective: fc.record({
        name: fc.constant('objective'),
        target: fc.constantFrom(0.9, 0.99, 0.999),
        timeSliceTarget: fc.constantFrom(0.5, 0.95),
        timeSliceWindowMs: fc.constantFrom(MINUTE, 5 * MINUTE),
      }),
      budgetingMethod: fc.constantFrom<BudgetingMethod>(
        'Occurrences',
        'Timeslices',
        'RatioTimeslices',
      ),
      window: windowArb,
      buckets: sparseBuckets(at),
      at: fc.constant(at),
      severity: fc.constantFrom('page' as const, 'ticket' as const),
      stepMs: fc.constantFrom(undefined, MINUTE, 5 * MINUTE, HOUR),
      from: fc.option(fc.integer({ min: at - 10 * DAY, max: at + HOUR }), {
        nil: undefined,
      }),
    }),
  );

describe('alertEpisodes properties', () => {
  it('finds the same episodes when it passes over idle steps as when it judges each step', () => {
    fc.assert(
      fc.property(inputArb, input => {
        expect(replayAlertEpisodes(input, true)).toEqual(
          replayAlertEpisodes(input, false),
        );
      }),
      { numRuns: 300 },
    );
  });
});
