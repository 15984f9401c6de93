import type { OpenSloOperator } from '@reliability-suite/plugin-reliability-common';
import type { SliBucketCounts } from '@reliability-suite/plugin-reliability-node';

/** One value of a threshold query, for the bucket starting at `start`. @public */
export interface BucketValue {
  start: number;
  value: number;
}

/**
 * Whether `value op threshold` holds. NaN never holds (the caller leaves it out); ±Inf
 * compares as usual, so a `+Inf` latency fails `lt`.
 *
 * @public
 */
export function meetsThreshold(
  value: number,
  op: OpenSloOperator,
  threshold: number,
): boolean {
  switch (op) {
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    default:
      throw new Error(`unknown threshold operator '${String(op)}'`);
  }
}

/**
 * Turns one value per bucket into timeslices: a bucket is good (1 of 1) when
 * `value op threshold` holds, bad (0 of 1) otherwise. Buckets whose value is NaN, and
 * buckets without a value, are left out: missing data is neither good nor bad.
 *
 * @public
 */
export function thresholdSlices(
  values: Iterable<BucketValue>,
  threshold: { op: OpenSloOperator; value: number },
): SliBucketCounts[] {
  const out: SliBucketCounts[] = [];
  for (const { start, value } of values) {
    if (Number.isNaN(value)) continue;
    out.push({
      start,
      good: meetsThreshold(value, threshold.op, threshold.value) ? 1 : 0,
      total: 1,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
