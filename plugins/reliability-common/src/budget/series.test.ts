import {
  HOUR,
  MINUTE,
  bucketsBetween,
  thrownBy,
} from './__testUtils__/buckets';
import { BudgetInputError } from './errors';
import {
  BudgetSeries,
  SeriesOptions,
  allocateSeriesArrays,
  buildSeries,
  lowerBound,
} from './series';
import type { SliBucket } from './types';

const T = Date.UTC(2026, 0, 1);
const options = (overrides: Partial<SeriesOptions> = {}): SeriesOptions => ({
  method: 'Occurrences',
  windowStart: T,
  at: T + HOUR,
  sliceMs: MINUTE,
  sliceOrigin: 0,
  timeSliceTarget: 0.95,
  ...overrides,
});
const bucket = (
  minute: number,
  good: number,
  total: number,
  durationMs = MINUTE,
): SliBucket => ({ start: T + minute * MINUTE, durationMs, good, total });

/** The series' units as plain objects, for readable expectations. */
function units(series: BudgetSeries) {
  return Array.from({ length: series.length }, (_, i) => ({
    start: series.starts[i],
    end: series.ends[i],
    good: series.good[i + 1] - series.good[i],
    total: series.total[i + 1] - series.total[i],
  }));
}

describe('buildSeries', () => {
  describe('Occurrences', () => {
    it('has a unit per bucket with traffic and running sums of its counts', () => {
      const series = buildSeries(
        [bucket(0, 90, 100), bucket(1, 0, 0), bucket(3, 40, 50)],
        options(),
      );
      expect(units(series)).toEqual([
        { start: T, end: T + MINUTE, good: 90, total: 100 },
        { start: T + 3 * MINUTE, end: T + 4 * MINUTE, good: 40, total: 50 },
      ]);
      expect(Array.from(series.good.subarray(0, 3))).toEqual([0, 90, 130]);
      expect(Array.from(series.total.subarray(0, 3))).toEqual([0, 100, 150]);
      expect(series).toMatchObject({
        goodEvents: 130,
        totalEvents: 150,
        // The idle minute was received: it covers its minute.
        coveredMs: 3 * MINUTE,
      });
    });

    it('ignores buckets outside the window and buckets straddling its edges', () => {
      const series = buildSeries(
        [
          bucket(-40, 1, 1),
          // Straddles the window start.
          bucket(-28, 2, 2, 30 * MINUTE),
          bucket(30, 4, 4),
          // Straddles the evaluation time.
          bucket(59, 8, 8, 2 * MINUTE),
          bucket(61, 16, 16),
        ],
        options(),
      );
      expect(series.totalEvents).toBe(4);
      expect(units(series)).toEqual([
        { start: T + 30 * MINUTE, end: T + 31 * MINUTE, good: 4, total: 4 },
      ]);
    });
  });

  describe('slices', () => {
    const fiveMinutes = options({
      method: 'Timeslices',
      sliceMs: 5 * MINUTE,
      timeSliceTarget: 0.95,
    });

    it('sums the buckets of each slice and judges it against timeSliceTarget', () => {
      const series = buildSeries(
        bucketsBetween(T, T + 15 * MINUTE, start => {
          const minute = (start - T) / MINUTE;
          // Slice 0: 475/500 = exactly 0.95, good. Slice 1: 470/500, bad.
          if (minute === 2) return { good: 75, total: 100 };
          if (minute === 6) return { good: 70, total: 100 };
          return { good: 100, total: 100 };
        }),
        fiveMinutes,
      );
      expect(units(series)).toEqual([
        { start: T, end: T + 5 * MINUTE, good: 1, total: 1 },
        { start: T + 5 * MINUTE, end: T + 10 * MINUTE, good: 0, total: 1 },
        { start: T + 10 * MINUTE, end: T + 15 * MINUTE, good: 1, total: 1 },
      ]);
      expect(series.totalEvents).toBe(1500);
    });

    it('leaves slices without traffic out: missing, neither good nor bad', () => {
      const series = buildSeries(
        [
          bucket(0, 100, 100),
          bucket(5, 0, 0),
          bucket(6, 0, 0),
          // Slice 2 has no bucket at all; slice 3 only its last minute.
          bucket(19, 10, 100),
        ],
        fiveMinutes,
      );
      expect(units(series)).toEqual([
        { start: T, end: T + MINUTE, good: 1, total: 1 },
        { start: T + 15 * MINUTE, end: T + 20 * MINUTE, good: 0, total: 1 },
      ]);
    });

    it('credits ratio slices with their good/total ratio', () => {
      const series = buildSeries(
        [bucket(0, 90, 100), bucket(1, 160, 200), bucket(5, 50, 100)],
        { ...fiveMinutes, method: 'RatioTimeslices' },
      );
      expect(series.length).toBe(2);
      expect(series.good[1]).toBe(250 / 300);
      expect(series.good[2]).toBe(250 / 300 + 0.5);
      expect(Array.from(series.total.subarray(0, 3))).toEqual([0, 1, 2]);
    });

    it('weighs a roll-up longer than a slice as that many slices', () => {
      const series = buildSeries(
        [
          bucket(0, 100, 100),
          // An hour rolled up: 12 five-minute slices, all judged by 5400/6000.
          bucket(5, 5400, 6000, HOUR),
          bucket(65, 100, 100),
        ],
        { ...fiveMinutes, at: T + 2 * HOUR },
      );
      expect(units(series)).toEqual([
        { start: T, end: T + MINUTE, good: 1, total: 1 },
        { start: T + 5 * MINUTE, end: T + 65 * MINUTE, good: 0, total: 12 },
        { start: T + 65 * MINUTE, end: T + 66 * MINUTE, good: 1, total: 1 },
      ]);
    });

    it('lays slices on the grid through sliceOrigin, dated from the window start at most', () => {
      // Grid from T + 2 minutes: the slice [T - 3m, T + 2m) is cut by the window start.
      const series = buildSeries(
        [bucket(0, 1, 1), bucket(1, 1, 1), bucket(2, 1, 1), bucket(7, 1, 1)],
        { ...fiveMinutes, sliceOrigin: T + 2 * MINUTE },
      );
      expect(units(series).map(u => [u.start - T, u.end - T])).toEqual([
        [0, 2 * MINUTE],
        [2 * MINUTE, 3 * MINUTE],
        [7 * MINUTE, 8 * MINUTE],
      ]);
    });
  });

  it('does not read stale values from reused arrays', () => {
    const arrays = allocateSeriesArrays(8);
    for (const a of Object.values(arrays)) a.fill(12345);
    const buckets = [bucket(0, 1, 2), bucket(1, 3, 4)];
    const reused = buildSeries(buckets, options(), arrays);
    const fresh = buildSeries(buckets, options());
    expect(units(reused)).toEqual(units(fresh));
    expect(reused.good[0]).toBe(0);
    expect(reused.total[0]).toBe(0);
  });

  describe('validation', () => {
    it.each<[string, SliBucket[]]>([
      [
        'buckets[1].start',
        [bucket(0, 1, 1), { ...bucket(1, 1, 1), start: NaN }],
      ],
      ['buckets[0].durationMs', [bucket(0, 1, 1, 0)]],
      ['buckets[0].durationMs', [bucket(0, 1, 1, -MINUTE)]],
      ['buckets[0].good', [bucket(0, -1, 1)]],
      ['buckets[0].good', [bucket(0, NaN, 1)]],
      ['buckets[0].total', [bucket(0, 1, Infinity)]],
      ['buckets[0].total', [bucket(0, 0, -1)]],
      ['buckets[0].good', [bucket(0, 2, 1)]],
      // Out of order, overlapping.
      ['buckets[1].start', [bucket(5, 1, 1), bucket(4, 1, 1)]],
      ['buckets[1].start', [bucket(0, 1, 1, 2 * MINUTE), bucket(1, 1, 1)]],
      // Outside the window: still checked, since order matters for every bucket.
      ['buckets[0].good', [bucket(-600, 5, 1)]],
    ])('names %s', (field, buckets) => {
      const error = thrownBy(() => buildSeries(buckets, options()));
      expect(error).toBeInstanceOf(BudgetInputError);
      expect((error as BudgetInputError).field).toBe(field);
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    });

    it('explains good exceeding total with both numbers', () => {
      expect(() => buildSeries([bucket(0, 7, 5)], options())).toThrow(
        'buckets[0].good: must not exceed total (5); got 7',
      );
    });
  });
});

describe('lowerBound', () => {
  const values = Float64Array.from([1, 3, 3, 7, 99]);
  it.each([
    [0, 0],
    [1, 0],
    [2, 1],
    [3, 1],
    [4, 3],
    [7, 3],
    [8, 4],
    [100, 4],
  ])('finds the first of the first 4 values >= %d at %d', (value, index) => {
    expect(lowerBound(values, 4, value)).toBe(index);
  });
});
