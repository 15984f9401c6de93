import fc from 'fast-check';
import { MINUTE } from './__testUtils__/buckets';
import {
  allocateSliceUnits,
  buildSeries,
  BudgetSeries,
  rejudgeSeries,
} from './series';
import type { SliBucket } from './types';

const AT = Date.parse('2026-03-01T00:00:00Z');

/**
 * Minute buckets, odd lengths and hourly roll-ups (with gaps and idle ones) before AT, in
 * order. Not alertEpisodes' sparse data: these bad shares put slice ratios exactly on the
 * thresholds (1 bad in 1,000 is 0.999), where `>=` and `>` judge differently.
 */
const bucketsArb: fc.Arbitrary<SliBucket[]> = fc
  .array(
    fc.record({
      gapMinutes: fc.constantFrom(0, 0, 0, 1, 7, 61),
      minutes: fc.constantFrom(1, 1, 1, 2, 7, 60),
      total: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 })),
      badShare: fc.constantFrom(0, 0, 0.001, 0.004, 0.01, 0.3, 1),
    }),
    { maxLength: 300 },
  )
  .map(parts => {
    let cursor = AT;
    const out: SliBucket[] = [];
    for (const p of parts) {
      cursor -= p.gapMinutes * MINUTE;
      cursor -= p.minutes * MINUTE;
      const bad = Math.round(p.total * p.badShare);
      out.push({
        start: cursor,
        durationMs: p.minutes * MINUTE,
        good: p.total - bad,
        total: p.total,
      });
    }
    return out.reverse();
  });

const prefix = (s: BudgetSeries) => ({
  length: s.length,
  starts: [...s.starts.subarray(0, s.length)],
  ends: [...s.ends.subarray(0, s.length)],
  good: [...s.good.subarray(0, s.length + 1)],
  total: [...s.total.subarray(0, s.length + 1)],
  events: [s.goodEvents, s.totalEvents, s.coveredMs],
});

describe('buildSeries and rejudgeSeries', () => {
  it('judging the recorded slice units by another threshold gives the series built with it', () => {
    fc.assert(
      fc.property(
        bucketsArb,
        fc.constantFrom(0.9, 0.99, 0.995, 0.999, 1),
        fc.constantFrom(0.5, 0.99, 0.995, 0.999),
        fc.constantFrom(MINUTE, 5 * MINUTE, 10 * MINUTE),
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        (buckets, first, other, sliceMs, windowMinutes) => {
          const options = {
            method: 'Timeslices' as const,
            windowStart: AT - windowMinutes * MINUTE,
            at: AT,
            sliceMs,
            sliceOrigin: 0,
          };
          const units = allocateSliceUnits(buckets.length);
          const base = buildSeries(
            buckets,
            { ...options, timeSliceTarget: first },
            undefined,
            units,
          );
          const rejudged = rejudgeSeries(
            base,
            units,
            other,
            new Float64Array(buckets.length + 1),
          );
          const built = buildSeries(buckets, {
            ...options,
            timeSliceTarget: other,
          });
          expect(prefix(rejudged)).toEqual(prefix(built));
        },
      ),
      { numRuns: 500 },
    );
  });
});
