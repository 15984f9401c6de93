import fc from 'fast-check';
import type { SliBucket, SloWindow } from '../types';
import { DAY, HOUR, MINUTE } from './buckets';

/*
 * Random windows and bucket histories shared by the property tests that hold an
 * evaluation from running totals to the evaluation of the buckets.
 */

export const windowArb: fc.Arbitrary<SloWindow> = fc.oneof(
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
export const bucketsBefore = (at: number): fc.Arbitrary<SliBucket[]> =>
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
