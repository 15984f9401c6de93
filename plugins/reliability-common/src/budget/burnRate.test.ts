import {
  DAY,
  HOUR,
  MINUTE,
  allGood,
  bucketsBetween,
} from './__testUtils__/buckets';
import {
  BURN_WINDOWS,
  BURN_WINDOW_MS,
  burnRateSince,
  burnRates,
} from './burnRate';
import { SeriesOptions, buildSeries } from './series';
import type { SliBucket } from './types';

const AT = Date.UTC(2026, 0, 10);
const series = (buckets: SliBucket[], overrides: Partial<SeriesOptions> = {}) =>
  buildSeries(buckets, {
    method: 'Occurrences',
    windowStart: AT - 7 * DAY,
    at: AT,
    sliceMs: MINUTE,
    sliceOrigin: 0,
    timeSliceTarget: 0.9,
    ...overrides,
  });

describe('burn windows', () => {
  it('are 5m 30m 1h 2h 6h 1d 3d, shortest first', () => {
    expect(BURN_WINDOWS).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    expect(BURN_WINDOWS.map(w => BURN_WINDOW_MS[w])).toEqual([
      300_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 86_400_000,
      259_200_000,
    ]);
  });
});

describe('burnRateSince', () => {
  it('is the bad fraction over the allowed error rate, counting only the range', () => {
    // 1 % bad in the last 10 minutes, none before.
    const s = series(
      bucketsBetween(AT - HOUR, AT, start =>
        start >= AT - 10 * MINUTE ? { good: 99, total: 100 } : allGood(100)(),
      ),
    );
    expect(burnRateSince(s, AT - 5 * MINUTE, 0.001)).toBeCloseTo(10, 12);
    expect(burnRateSince(s, AT - 20 * MINUTE, 0.001)).toBeCloseTo(5, 12);
    expect(burnRateSince(s, AT - 30 * MINUTE, 0.01)).toBeCloseTo(1 / 3, 12);
  });

  it('is 0 for all-good data and null without data', () => {
    const s = series(bucketsBetween(AT - 2 * HOUR, AT - HOUR, allGood(10)));
    expect(burnRateSince(s, AT - 2 * HOUR, 0.001)).toBe(0);
    expect(burnRateSince(s, AT - 30 * MINUTE, 0.001)).toBeNull();
  });

  it('leaves out a roll-up that starts before the range, even if it ends inside', () => {
    const s = series([
      // An hour rolled up, all bad, from 90 to 30 minutes ago.
      { start: AT - 90 * MINUTE, durationMs: HOUR, good: 0, total: 600 },
      ...bucketsBetween(AT - 30 * MINUTE, AT, allGood(10)),
    ]);
    expect(burnRateSince(s, AT - HOUR, 0.01)).toBe(0);
    expect(burnRateSince(s, AT - 2 * HOUR, 0.01)).toBeCloseTo(
      600 / 900 / 0.01,
      10,
    );
  });

  it('counts bad slices among slices with data for Timeslices', () => {
    // 5-minute slices over the last hour; two of the twelve bad, one without traffic.
    const s = series(
      bucketsBetween(AT - HOUR, AT, start => {
        const slice = Math.floor((start - (AT - HOUR)) / (5 * MINUTE));
        if (slice === 3) return { good: 0, total: 0 };
        if (slice === 4 || slice === 11) return { good: 80, total: 100 };
        return allGood(100)();
      }),
      { method: 'Timeslices', sliceMs: 5 * MINUTE, timeSliceTarget: 0.9 },
    );
    expect(burnRateSince(s, AT - HOUR, 0.1)).toBeCloseTo(2 / 11 / 0.1, 12);
    expect(burnRateSince(s, AT - 5 * MINUTE, 0.1)).toBeCloseTo(10, 12);
  });

  it('takes 1 - the mean slice ratio for RatioTimeslices', () => {
    const s = series(
      [
        { start: AT - 10 * MINUTE, durationMs: MINUTE, good: 9, total: 10 },
        // Heavier traffic does not weigh more: ratios are averaged per slice.
        { start: AT - 5 * MINUTE, durationMs: MINUTE, good: 500, total: 1000 },
      ],
      { method: 'RatioTimeslices', sliceMs: 5 * MINUTE },
    );
    expect(burnRateSince(s, AT - HOUR, 0.1)).toBeCloseTo((1 - 0.7) / 0.1, 12);
    expect(burnRateSince(s, AT - 5 * MINUTE, 0.1)).toBeCloseTo(5, 12);
  });
});

describe('burnRates', () => {
  it('gives every window, clipped to the SLO window start', () => {
    // The SLO window started 3 hours ago: the 6h, 1d and 3d windows see only those hours.
    const start = AT - 3 * HOUR;
    const s = series(
      [
        // Before the SLO window: ignored, however bad.
        ...bucketsBetween(AT - 5 * HOUR, start, () => ({
          good: 0,
          total: 100,
        })),
        ...bucketsBetween(start, AT, t =>
          t < AT - HOUR ? { good: 98, total: 100 } : allGood(100)(),
        ),
      ],
      { windowStart: start },
    );
    const rates = burnRates(s, start, AT, 0.01);
    expect(rates['5m']).toBe(0);
    expect(rates['30m']).toBe(0);
    expect(rates['1h']).toBe(0);
    expect(rates['2h']).toBeCloseTo(1, 12);
    expect(rates['6h']).toBeCloseTo(4 / 3, 12);
    expect(rates['1d']).toBe(rates['6h']);
    expect(rates['3d']).toBe(rates['6h']);
  });

  it('is null for every window without data', () => {
    const s = series([]);
    expect(burnRates(s, AT - DAY, AT, 0.001)).toEqual({
      '5m': null,
      '30m': null,
      '1h': null,
      '2h': null,
      '6h': null,
      '1d': null,
      '3d': null,
    });
  });
});
