/**
 * The evaluation times of one range query: `start`, `start + step`, ..., `end` (epoch ms,
 * inclusive), `points` of them.
 */
export interface QueryRange {
  start: number;
  end: number;
  points: number;
}

/**
 * Splits the buckets of `[from, to)` into range queries of at most `maxPoints` points.
 *
 * A bucket `[s, s + bucketMs)` is read from the query's value at `s + bucketMs`, since a
 * range selector `[{{bucket}}]` evaluated at `t` covers `(t - bucket, t]`. The first query
 * therefore starts at `from + bucketMs` and the last one ends at `to`.
 */
export function splitQueryRange(options: {
  from: number;
  to: number;
  bucketMs: number;
  maxPoints: number;
}): QueryRange[] {
  const { from, to, bucketMs, maxPoints } = options;
  const buckets = Math.floor((to - from) / bucketMs);
  const ranges: QueryRange[] = [];
  for (let first = 0; first < buckets; first += maxPoints) {
    const points = Math.min(maxPoints, buckets - first);
    ranges.push({
      start: from + (first + 1) * bucketMs,
      end: from + (first + points) * bucketMs,
      points,
    });
  }
  return ranges;
}
