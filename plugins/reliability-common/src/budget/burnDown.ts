import type { BudgetSeries } from './series';
import type { BurnDownPoint, ErrorBudget } from './types';

/**
 * The remaining budget over `[from, at]` (`from` defaults to the window start and is
 * clamped into the window): a point at `from`, points on
 * bucket boundaries (multiples of `bucketMs`) spaced evenly in between, and a last point
 * at `at` equal to the evaluation's remaining budget. At most `maxPoints` (>= 2) points.
 *
 * Each point is what was spent by then (the units ended by then; `spentAt(units)` is the
 * evaluation's own arithmetic over the first `units` units) against the budget of the
 * evaluation, `budget.total`. For slices that budget is fixed anyway. For Occurrences it
 * grows with the traffic, and measuring each point against the budget of the traffic seen
 * up to it would draw a ratio of tiny counts early in a window (a calendar month's first
 * bad minute among its first few hundred events reads as minus several hundred percent,
 * then climbs back as traffic comes in). Against today's budget the line only goes down,
 * each drop being that spend's share of the budget the card shows.
 */
export function burnDown(
  series: BudgetSeries,
  windowStart: number,
  at: number,
  bucketMs: number,
  maxPoints: number,
  spentAt: (units: number) => number,
  budget: ErrorBudget,
  from: number = windowStart,
): BurnDownPoint[] {
  const { ends } = series;
  const last = series.length;
  const remainingAt = (units: number) => {
    // The last point is the evaluation's own figure, to the last bit.
    if (units === last) return budget.remaining;
    return budget.total > 0 ? 1 - spentAt(units) / budget.total : 1;
  };
  const times = burnDownTimes(windowStart, at, bucketMs, maxPoints, from);
  const points: BurnDownPoint[] = [];
  // The units ended by each point (none at the window start).
  let units = 0;
  for (let i = 0; i < times.length - 1; i++) {
    const t = times[i];
    while (units < last && ends[units] <= t) units++;
    points.push({ t, remaining: remainingAt(units) });
  }
  points.push({ t: at, remaining: remainingAt(last) });
  return points;
}

/**
 * The times of the burn-down's points: `from` (clamped into the window), bucket boundaries
 * spaced evenly in between, and `at`; at most `maxPoints` (>= 2). Shared with the reading
 * of running totals, which must ask for the totals at exactly these times.
 */
export function burnDownTimes(
  windowStart: number,
  at: number,
  bucketMs: number,
  maxPoints: number,
  from: number = windowStart,
): number[] {
  const start = Math.min(at, Math.max(windowStart, from));
  const times: number[] = [];
  if (at > start) {
    times.push(start);
    // The open interval (start, at) holds at most ceil(span / stride) grid points,
    // so a stride of span / (maxPoints - 2) leaves room for the two end points.
    const span = at - start;
    const interior = maxPoints - 2;
    if (interior > 0) {
      const stride =
        bucketMs * Math.max(1, Math.ceil(span / (bucketMs * interior)));
      let t = Math.ceil(start / bucketMs) * bucketMs;
      if (t === start) t += stride;
      for (; t < at; t += stride) times.push(t);
    }
  }
  times.push(at);
  return times;
}
