import type { SliBucket } from '../types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An instant given in UTC, for readable test data. */
export const utc = (iso: string) => Date.parse(iso);

/**
 * Buckets of `durationMs` tiling `[from, to)`, each with the counts `counts` returns for
 * its start; `undefined` leaves a gap (missing data).
 */
export function bucketsBetween(
  from: number,
  to: number,
  counts: (start: number) => { good: number; total: number } | undefined,
  durationMs: number = MINUTE,
): SliBucket[] {
  const buckets: SliBucket[] = [];
  for (let start = from; start + durationMs <= to; start += durationMs) {
    const c = counts(start);
    if (c) buckets.push({ start, durationMs, good: c.good, total: c.total });
  }
  return buckets;
}

/** `total` events per bucket, all good. */
export const allGood =
  (total: number) => (): { good: number; total: number } => ({
    good: total,
    total,
  });

/** The error `call` throws (failing the test if it returns). */
export function thrownBy(call: () => unknown): Error {
  try {
    call();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to throw');
}
