import type { BudgetSeries } from './series';
import type { BurnDownPoint } from './types';

/**
 * The remaining budget over `[windowStart, at]`: a point at the window start, points on
 * bucket boundaries (multiples of `bucketMs`) spaced evenly in between, and a last point
 * at `at` equal to the evaluation's remaining budget. At most `maxPoints` (>= 2) points.
 *
 * Each point counts the units that have ended by then, so it shows the budget as it was
 * reported at that moment (Occurrences against the traffic seen up to it).
 * `remainingAt(units)` is the evaluation's own budget arithmetic over the first `units`
 * units, so the last point equals the evaluation's remaining budget exactly.
 */
export function burnDown(
  series: BudgetSeries,
  windowStart: number,
  at: number,
  bucketMs: number,
  maxPoints: number,
  remainingAt: (units: number) => number,
): BurnDownPoint[] {
  const { ends } = series;
  const last = series.length;
  const points: BurnDownPoint[] = [];

  if (at > windowStart) {
    points.push({ t: windowStart, remaining: remainingAt(0) });
    // The open interval (windowStart, at) holds at most ceil(span / stride) grid points,
    // so a stride of span / (maxPoints - 2) leaves room for the two end points.
    const span = at - windowStart;
    const interior = maxPoints - 2;
    if (interior > 0) {
      const stride =
        bucketMs * Math.max(1, Math.ceil(span / (bucketMs * interior)));
      let t = Math.ceil(windowStart / bucketMs) * bucketMs;
      if (t === windowStart) t += stride;
      let units = 0;
      for (; t < at; t += stride) {
        while (units < last && ends[units] <= t) units++;
        points.push({ t, remaining: remainingAt(units) });
      }
    }
  }
  points.push({ t: at, remaining: remainingAt(last) });
  return points;
}
