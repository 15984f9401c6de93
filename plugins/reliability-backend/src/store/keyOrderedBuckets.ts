import type { BucketWrite } from './SliBucketStore';

/** Where an objective's running totals change: its earliest bucket written. */
export interface TotalsChangedSince {
  sloRef: string;
  objective: string;
  since: number;
}

/** Key order of bucket rows: SLO, objective, start (code units, as PostgreSQL's "C"). */
export function byKey(a: BucketWrite, b: BucketWrite): number {
  if (a.sloRef !== b.sloRef) return a.sloRef < b.sloRef ? -1 : 1;
  if (a.objective !== b.objective) return a.objective < b.objective ? -1 : 1;
  return a.bucketStart - b.bucketStart;
}

function inKeyOrder(writes: readonly BucketWrite[]): boolean {
  for (let i = 1; i < writes.length; i++) {
    if (byKey(writes[i - 1], writes[i]) > 0) return false;
  }
  return true;
}

/**
 * The buckets a batch of writes stores, in key order, the writes of one bucket summed into
 * one; and per objective the earliest bucket written. The caller's writes are not changed:
 * a bucket written once is the caller's object, a summed one a new object.
 *
 * In key order because the recomputation of running totals locks the rows it writes back
 * in the same order (runningTotals.ts), so a push and a write-back never wait on each
 * other. A batch is usually in that order already (a push of one SLO's minutes, a sync's
 * chunk) and is then read as it is, in one pass, allocating nothing per bucket. Why: the
 * previous version keyed every write by a string in a Map, copied it and then made it a
 * row record, about 900 bytes a bucket; the Prometheus sync scenario writes 20 million.
 */
export function keyOrderedBuckets(writes: readonly BucketWrite[]): {
  buckets: BucketWrite[];
  since: TotalsChangedSince[];
} {
  const sorted = inKeyOrder(writes) ? writes : [...writes].sort(byKey);
  const buckets: BucketWrite[] = [];
  const since: TotalsChangedSince[] = [];
  let previous: BucketWrite | undefined;
  for (const w of sorted) {
    if (previous && byKey(previous, w) === 0) {
      const last = buckets.length - 1;
      // The first write of the bucket may be the caller's: sum into a copy.
      if (buckets[last] === previous) buckets[last] = { ...previous };
      buckets[last].good += w.good;
      buckets[last].total += w.total;
      continue;
    }
    if (
      !previous ||
      previous.sloRef !== w.sloRef ||
      previous.objective !== w.objective
    ) {
      since.push({
        sloRef: w.sloRef,
        objective: w.objective,
        since: w.bucketStart,
      });
    }
    buckets.push(w);
    previous = w;
  }
  return { buckets, since };
}
