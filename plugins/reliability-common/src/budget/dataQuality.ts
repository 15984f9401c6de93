import type { DataQuality } from './types';

/**
 * The share of the elapsed window that received buckets must cover for the data to be
 * 'ok'. Below it an SLI is still computed but flagged 'partial'. 90 % tolerates the odd
 * scrape gap or missed push yet flags a window whose history has not been backfilled (data
 * for the last few days of a 28-day window).
 *
 * @public
 */
export const MIN_COVERAGE = 0.9;

/**
 * Judges how far an evaluation can be trusted: 'no-data' without a single event in the
 * window (nothing tells good from bad); 'partial' when the buckets received cover less
 * than {@link MIN_COVERAGE} of the elapsed window `[windowStart, at)`; else 'ok'.
 *
 * Buckets of total 0 count as coverage: a service idle at night that reports its idle
 * minutes has a complete window, while a window with minutes never reported does not.
 *
 * @public
 */
export function assessDataQuality(
  coveredMs: number,
  elapsedMs: number,
  totalEvents: number,
): DataQuality {
  if (!(totalEvents > 0)) return 'no-data';
  return coveredMs < MIN_COVERAGE * elapsedMs ? 'partial' : 'ok';
}

/**
 * The share of the elapsed window `[windowStart, at)` that received buckets cover, in
 * [0, 1]: what a window still being back-filled has so far (0 before any data).
 *
 * @public
 */
export function dataCoverage(coveredMs: number, elapsedMs: number): number {
  if (!(coveredMs > 0) || !(elapsedMs > 0)) return 0;
  return Math.min(1, coveredMs / elapsedMs);
}
