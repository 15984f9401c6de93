import { BudgetSeries, lowerBound } from './series';
import type { BurnWindow } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The burn windows, shortest first: the long and short windows of the SRE Workbook's
 * multi-window alerts.
 *
 * @public
 */
export const BURN_WINDOWS: readonly BurnWindow[] = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
];

/** The length of each burn window in ms. @public */
export const BURN_WINDOW_MS: Readonly<Record<BurnWindow, number>> = {
  '5m': 5 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '6h': 6 * HOUR,
  '1d': DAY,
  '3d': 3 * DAY,
};

/**
 * The burn rate of the series' units starting at or after `from`: the bad fraction
 * divided by the allowed error rate, so 1 means "spending the budget exactly evenly over
 * the window". Null when those units carry no data, since no data is not a zero burn.
 *
 * Only units starting inside the range count, so a roll-up bucket that began before `from`
 * is left out of a short window entirely rather than counted whole or pro-rated.
 */
export function burnRateSince(
  series: BudgetSeries,
  from: number,
  allowedErrorRate: number,
): number | null {
  return burnRateOfUnits(
    series,
    lowerBound(series.starts, series.length, from),
    series.length,
    allowedErrorRate,
  );
}

/**
 * The burn rate over `[from, to)`, for replaying the past: the units starting in it, and
 * also the unit that started before `from` but still runs into it. Unlike the live short
 * windows, a replay steps over old data that may be rolled up into hourly buckets; without
 * the covering unit, a 5-minute window between two hourly buckets would see no data and an
 * alert would seem to stop in the middle of an outage.
 */
export function burnRateBetween(
  series: BudgetSeries,
  from: number,
  to: number,
  allowedErrorRate: number,
): number | null {
  let first = lowerBound(series.starts, series.length, from);
  if (first > 0 && series.ends[first - 1] > from) first -= 1;
  return burnRateOfUnits(
    series,
    first,
    lowerBound(series.starts, series.length, to),
    allowedErrorRate,
  );
}

function burnRateOfUnits(
  series: BudgetSeries,
  first: number,
  end: number,
  allowedErrorRate: number,
): number | null {
  const total = series.total[end] - series.total[first];
  if (!(total > 0)) return null;
  const good = series.good[end] - series.good[first];
  // Differences of float prefix sums (ratio slices) can dip a hair below zero.
  const bad = Math.max(0, total - good);
  return bad / total / allowedErrorRate;
}

/**
 * Burn rates over every burn window ending at `at`. Windows are clipped to the SLO window
 * (`windowStart`): data before it is ignored, so early in a calendar period the long
 * windows only see the period so far, matching a budget that starts afresh each period.
 */
export function burnRates(
  series: BudgetSeries,
  windowStart: number,
  at: number,
  allowedErrorRate: number,
): Record<BurnWindow, number | null> {
  const rate = (window: BurnWindow) =>
    burnRateSince(
      series,
      Math.max(at - BURN_WINDOW_MS[window], windowStart),
      allowedErrorRate,
    );
  return {
    '5m': rate('5m'),
    '30m': rate('30m'),
    '1h': rate('1h'),
    '2h': rate('2h'),
    '6h': rate('6h'),
    '1d': rate('1d'),
    '3d': rate('3d'),
  };
}
