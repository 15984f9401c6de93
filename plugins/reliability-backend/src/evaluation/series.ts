import type {
  BurnDownPoint,
  SliBucket,
} from '@reliability-suite/plugin-reliability-common';

export interface SeriesPoint {
  t: number;
  good: number;
  total: number;
  remaining: number | null;
}

/**
 * Chart points on the burn-down's time grid (at most 500): the events in the interval that
 * ends at each point, and the budget remaining at it.
 */
export function chartSeries(
  buckets: SliBucket[],
  burnDown: BurnDownPoint[],
  windowStart: number,
): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  let b = 0;
  let from = windowStart;
  for (const p of burnDown) {
    let good = 0;
    let total = 0;
    while (b < buckets.length && buckets[b].start < p.t) {
      if (buckets[b].start >= from) {
        good += buckets[b].good;
        total += buckets[b].total;
      }
      b++;
    }
    points.push({ t: p.t, good, total, remaining: p.remaining });
    from = p.t;
  }
  return points;
}
