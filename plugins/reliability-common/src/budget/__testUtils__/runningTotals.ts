import type { RunningTotal, RunningTotalReadings } from '../runningTotals';
import type { SliBucket } from '../types';

/** The running totals a store keeps for `buckets` (sorted, not overlapping). */
export function runningTotalsOf(buckets: readonly SliBucket[]): RunningTotal[] {
  let good = 0;
  let total = 0;
  let coveredMs = 0;
  return buckets.map(b => {
    good += b.good;
    total += b.total;
    coveredMs += b.coveredMs ?? b.durationMs;
    return {
      start: b.start,
      end: b.start + b.durationMs,
      good,
      total,
      coveredMs,
    };
  });
}

/** Answers the queries as the store's lookups do, by a scan. */
export function readRunningTotals(
  rows: readonly RunningTotal[],
  queries: { startingBefore: number[]; endedBy: number[] },
  origin?: RunningTotalReadings['origin'],
): RunningTotalReadings {
  const lastWhere = (keep: (r: RunningTotal) => boolean) =>
    rows.filter(keep).pop();
  return {
    startingBefore: new Map(
      queries.startingBefore.map(t => [t, lastWhere(r => r.start < t)]),
    ),
    endedBy: new Map(queries.endedBy.map(t => [t, lastWhere(r => r.end <= t)])),
    origin,
  };
}
