import type { DataQuality } from './types';

/**
 * The share of the elapsed window that buckets with traffic must cover for the data to
 * be 'ok'. Below it an SLI is still computed but flagged 'partial'. 90 % tolerates the
 * odd scrape gap or quiet minute yet flags a window whose history has not been backfilled
 * (data for the last few days of a 28-day window).
 *
 * @public
 */
export const MIN_COVERAGE = 0.9;

/**
 * Judges how far an evaluation can be trusted: 'no-data' without a single bucket with
 * traffic in the window; 'partial' when buckets with traffic cover less than
 * {@link MIN_COVERAGE} of the elapsed window `[windowStart, at)`; else 'ok'. Buckets
 * with total 0 do not count as coverage: they cannot tell good from bad.
 *
 * @public
 */
export function assessDataQuality(
  coveredMs: number,
  elapsedMs: number,
): DataQuality {
  if (!(coveredMs > 0)) return 'no-data';
  return coveredMs < MIN_COVERAGE * elapsedMs ? 'partial' : 'ok';
}

/**
 * The share of the elapsed window `[windowStart, at)` that buckets with traffic cover, in
 * [0, 1]: what a window still being back-filled has so far (0 before any data).
 *
 * @public
 */
export function dataCoverage(coveredMs: number, elapsedMs: number): number {
  if (!(coveredMs > 0) || !(elapsedMs > 0)) return 0;
  return Math.min(1, coveredMs / elapsedMs);
}
