import fc from 'fast-check';

/*
 * Random push sequences for the store's property tests of running totals (of events and
 * of slices): replace and add pushes (retried, late), roll-ups and retention.
 */

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** The data spans the 3 days after T0 (an hour boundary). */
export const T0 = Date.UTC(2026, 10, 2);
export const SPAN_MIN = 3 * 24 * 60;

export type Step =
  | {
      kind: 'push';
      mode: 'replace' | 'add';
      /** Minutes after the newest data so far may be negative: late data. */
      items: Array<{ minute: number; good: number; total: number }>;
      retry: boolean;
      /** Settles both objectives' totals after the push, as an evaluation between pushes does. */
      settle: boolean;
    }
  | { kind: 'rollUp'; minute: number }
  | { kind: 'retain'; minute: number };

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      mode: fc.constantFrom('replace' as const, 'add' as const),
      items: fc.array(
        fc
          .record({
            minute: fc.integer({ min: 0, max: SPAN_MIN - 1 }),
            total: fc.oneof(fc.constant(0), fc.nat(500)),
            bad: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(500)),
          })
          .map(({ minute, total, bad }) => ({
            minute,
            total,
            good: total - Math.min(bad, total),
          })),
        { minLength: 1, maxLength: 60 },
      ),
      retry: fc.boolean(),
      settle: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rollUp' as const),
      minute: fc.integer({ min: 0, max: SPAN_MIN }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('retain' as const),
      minute: fc.integer({ min: 0, max: SPAN_MIN / 2 }),
    }),
  },
);
