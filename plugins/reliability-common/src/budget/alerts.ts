import type { BurnRateAlert, BurnWindow } from './types';

/**
 * The window length the SRE Workbook's factors were chosen for.
 *
 * @public
 */
export const REFERENCE_WINDOW_MS = 30 * 24 * 60 * 60_000;

/**
 * One tier of the SRE Workbook's multi-window, multi-burn-rate alerts (chapter 5,
 * "Alerting on SLOs"), with its factor for a 30-day window.
 *
 * @public
 */
export interface AlertTier {
  severity: 'page' | 'ticket';
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
  baseFactor: number;
}

/**
 * The Workbook tiers, in the order alerts are reported. For a 30-day window:
 * 14.4× over 1h = 2 % of the budget in an hour, 6× over 6h = 5 % in six hours,
 * 3× over 1d = 10 % in a day, 1× over 3d = 10 % in three days.
 *
 * @public
 */
export const ALERT_TIERS: readonly AlertTier[] = [
  { severity: 'page', longWindow: '1h', shortWindow: '5m', baseFactor: 14.4 },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', baseFactor: 6 },
  { severity: 'ticket', longWindow: '1d', shortWindow: '2h', baseFactor: 3 },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', baseFactor: 1 },
];

/**
 * The shortest SLO window whose factors still scale with its length: 28 days, the
 * shortest window the Workbook discusses. Shorter windows get the 28-day factors.
 *
 * @public
 */
export const MIN_SCALED_WINDOW_MS = 28 * 24 * 60 * 60_000;

/**
 * A tier's factor for a window of `windowLengthMs` (for a calendar window, the whole
 * period).
 *
 * Burning at rate r for a time L spends r × L / W of a window W's budget. A tier is
 * defined by the share it spends in its long window, b × L / 30d, so keeping that share
 * for window W gives
 *
 *     factor = baseFactor × W / 30 days            (W ≥ 28 days)
 *
 * e.g. 14.4 × 28/30 = 13.44 on a 28-day window: still 2 % of the budget in one hour.
 *
 * Below 28 days the factors stop shrinking and stay the 28-day ones (13.44, 5.6, 2.8,
 * 0.93). Keeping the share would take the slow ticket below 1× — 0.23× on a 7-day
 * window — where it fires on a burn that, kept up for the whole window, spends less than
 * a quarter of the budget. A short window is short so that it reacts faster, so it keeps
 * the burn rates, as Pyrra keeps its factors for every window and Sloth's 7-day catalogue
 * pages at 13.44× over 1h. The smallest factor is then 0.93× for every window, so no tier
 * fires at a burn that keeps half the budget over a window (see {@link evaluateAlerts}).
 *
 * @public
 */
export function scaleAlertFactor(
  baseFactor: number,
  windowLengthMs: number,
): number {
  // Dividing first keeps a 30-day window's factors exactly the Workbook's.
  return (
    baseFactor *
    (Math.max(windowLengthMs, MIN_SCALED_WINDOW_MS) / REFERENCE_WINDOW_MS)
  );
}

/**
 * Burn rates come out of divisions by decimals, so a burn exactly at a threshold on paper
 * can land a few ulps below it: a 1.44 % error rate against 99.9 % computes as
 * 14.399999999999999, not 14.4. A relative tolerance of 1e-9 lets the on-paper case fire
 * without changing anything that matters.
 */
const THRESHOLD_TOLERANCE = 1e-9;

function atLeast(rate: number | null, factor: number): boolean {
  return rate !== null && rate >= factor * (1 - THRESHOLD_TOLERANCE);
}

/**
 * Evaluates every tier: it fires when both its long window (the budget is really being
 * spent) and its short window (it still is, right now) burn at least its factor. A window
 * without data never fires: absence of data is for data-quality checks to flag, not pages.
 *
 * The one rule for live alerts and for their replay (`alertEpisodes`: burn episodes
 * of postmortems, pages and tickets of the SRE time budget), so they never disagree. A
 * firing tier always burns more than 0.93×: kept up for a whole window, that burn spends
 * more than half the budget, so no tier fires while the SLO is on track to keep half of it.
 *
 * @public
 */
export function evaluateAlerts(
  rates: Readonly<Record<BurnWindow, number | null>>,
  windowLengthMs: number,
): BurnRateAlert[] {
  return ALERT_TIERS.map(tier => {
    const factor = scaleAlertFactor(tier.baseFactor, windowLengthMs);
    return {
      severity: tier.severity,
      longWindow: tier.longWindow,
      shortWindow: tier.shortWindow,
      factor,
      firing:
        atLeast(rates[tier.longWindow], factor) &&
        atLeast(rates[tier.shortWindow], factor),
    };
  });
}
