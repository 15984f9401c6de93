import {
  DAY,
  HOUR,
  MINUTE,
  allGood,
  bucketsBetween,
} from './__testUtils__/buckets';
import { burnDown } from './burnDown';
import { BudgetScale, budgetFrom } from './consumption';
import { buildSeries } from './series';
import type { SliBucket } from './types';

const AT = Date.UTC(2026, 1, 1);
const occurrences: BudgetScale = {
  method: 'Occurrences',
  allowedErrorRate: 0.01,
  sliceMs: MINUTE,
  windowLengthMs: HOUR,
};

function points(
  buckets: SliBucket[],
  windowStart: number,
  at: number,
  maxPoints: number,
  scale: BudgetScale = occurrences,
  from?: number,
) {
  const series = buildSeries(buckets, {
    method: scale.method,
    windowStart,
    at,
    sliceMs: scale.sliceMs,
    sliceOrigin: 0,
    timeSliceTarget: 0.9,
  });
  const budgetAt = (units: number) =>
    budgetFrom(series.good[units], series.total[units], scale);
  return burnDown(
    series,
    windowStart,
    at,
    MINUTE,
    maxPoints,
    units => budgetAt(units).spent,
    budgetAt(series.length),
    from,
  );
}

describe('burnDown', () => {
  it('has a point per bucket boundary when they fit, from the window start to `at`', () => {
    const start = AT - HOUR;
    // 10 bad events in minute 10, of the 60 the hour's 6000 events allow.
    const buckets = bucketsBetween(start, AT, t =>
      t === start + 10 * MINUTE ? { good: 90, total: 100 } : allGood(100)(),
    );
    const series = points(buckets, start, AT, 500);
    expect(series).toHaveLength(61);
    expect(series.map(p => p.t)).toEqual(
      Array.from({ length: 61 }, (_, i) => start + i * MINUTE),
    );
    expect(series[0].remaining).toBe(1);
    expect(series[10].remaining).toBe(1);
    expect(series[11].remaining).toBeCloseTo(1 - 10 / 60, 12);
    expect(series[50].remaining).toBeCloseTo(1 - 10 / 60, 12);
    expect(series[60].remaining).toBeCloseTo(1 - 10 / 60, 12);
  });

  it('measures Occurrences against the budget at `at`, so a few early events do not plunge it', () => {
    // A calendar month's first minutes: 1 bad event among the first 300, then a day of
    // clean traffic. Against the 0.3 events the first minute allowed, the line used to
    // plunge to -233 % and climb back; against the day's budget it steps down once.
    const start = AT - DAY;
    const buckets = bucketsBetween(start, AT, t =>
      t === start ? { good: 299, total: 300 } : allGood(300)(),
    );
    const scale: BudgetScale = { ...occurrences, allowedErrorRate: 0.001 };
    const series = points(buckets, start, AT, 500, scale);
    const budget = 0.001 * 300 * 1440;
    for (const p of series.slice(1)) {
      expect(p.remaining).toBeCloseTo(1 - 1 / budget, 12);
    }
    for (let i = 1; i < series.length; i++) {
      expect(series[i].remaining).toBeLessThanOrEqual(series[i - 1].remaining);
    }
  });

  it('spaces at most maxPoints points evenly on bucket boundaries', () => {
    const start = AT - 28 * DAY;
    const series = points(
      bucketsBetween(start, AT, allGood(1)),
      start,
      AT,
      500,
    );
    expect(series.length).toBeLessThanOrEqual(500);
    expect(series.length).toBeGreaterThan(450);
    expect(series[0].t).toBe(start);
    expect(series[series.length - 1].t).toBe(AT);
    const steps = new Set(series.slice(1, -1).map((p, i) => p.t - series[i].t));
    expect(steps.size).toBe(1);
    for (const p of series) expect(p.t % MINUTE).toBe(0);
  });

  it('keeps to the bucket grid when the window does not start on it', () => {
    const at = AT + 30_000;
    const start = at - HOUR;
    const series = points([], start, at, 10);
    expect(series.length).toBeLessThanOrEqual(10);
    expect(series[0].t).toBe(start);
    expect(series[series.length - 1].t).toBe(at);
    for (const p of series.slice(1, -1)) expect(p.t % MINUTE).toBe(0);
  });

  it('has just the two ends with maxPoints 2, and one point for an empty window', () => {
    const start = AT - HOUR;
    expect(points([], start, AT, 2).map(p => p.t)).toEqual([start, AT]);
    expect(points([], AT, AT, 500)).toEqual([{ t: AT, remaining: 1 }]);
  });

  it('counts a unit once it has ended, and spends time budgets cumulatively', () => {
    const start = AT - HOUR;
    const scale: BudgetScale = {
      method: 'Timeslices',
      allowedErrorRate: 0.1,
      sliceMs: 5 * MINUTE,
      windowLengthMs: HOUR,
    };
    // Slices 2 and 7 are bad: each spends 5 of the window's 6 minutes of budget.
    const buckets = bucketsBetween(start, AT, t => {
      const slice = Math.floor((t - start) / (5 * MINUTE));
      return slice === 2 || slice === 7 ? { good: 0, total: 1 } : allGood(1)();
    });
    const series = points(buckets, start, AT, 500, scale);
    const at = (minute: number) =>
      series.find(p => p.t === start + minute * MINUTE)!.remaining;
    expect(at(14)).toBe(1);
    expect(at(15)).toBeCloseTo(1 - 5 / 6, 12);
    expect(at(39)).toBeCloseTo(1 - 5 / 6, 12);
    expect(at(40)).toBeCloseTo(1 - 10 / 6, 12);
    expect(series[series.length - 1].remaining).toBeCloseTo(1 - 10 / 6, 12);
  });

  it('from a later start, draws only the last part at a finer grid, against the same budget', () => {
    const start = AT - 28 * DAY;
    // 100 bad events early in the window, of the 28 days' 40,320 allowed at 1 %.
    const buckets = bucketsBetween(start, AT, t =>
      t === start + DAY ? { good: 0, total: 100 } : allGood(100)(),
    );
    const whole = points(buckets, start, AT, 500);
    const lastDay = points(buckets, start, AT, 500, occurrences, AT - DAY);
    expect(lastDay[0].t).toBe(AT - DAY);
    expect(lastDay[lastDay.length - 1].t).toBe(AT);
    // A point every 3 minutes instead of every 81: a day fits 480 of them.
    expect(lastDay.length).toBeGreaterThan(450);
    expect(lastDay[2].t - lastDay[1].t).toBe(3 * MINUTE);
    // The early spend is already in the first point: same budget, same figure.
    const budget = 0.01 * 100 * 28 * 1440;
    expect(lastDay[0].remaining).toBeCloseTo(1 - 100 / budget, 12);
    expect(lastDay[lastDay.length - 1].remaining).toBe(
      whole[whole.length - 1].remaining,
    );
    // A start before the window is the window start.
    expect(points(buckets, start, AT, 500, occurrences, 0)).toEqual(whole);
  });
});
