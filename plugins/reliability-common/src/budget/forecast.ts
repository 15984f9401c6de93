import { ALERT_TIERS } from './alerts';
import type { BurnRateAlert, BurnWindow } from './types';

/** @public */
export interface ExhaustionForecast {
  /** The burn window whose rate is extrapolated. */
  burnWindow: BurnWindow;
  /** Its burn rate; null without data in it. */
  burnRate: number | null;
  /**
   * When the remaining budget is spent at that rate: `at` once it already is, null when
   * nothing is being spent (or the window has no data). Not capped at the end of the
   * window or period: callers decide how far ahead a date still says something.
   */
  exhaustsAt: number | null;
}

/** @public */
export interface ExhaustionForecastInput {
  /** The share of the budget left (1 - consumed; may be negative). */
  remaining: number;
  rates: Readonly<Record<BurnWindow, number | null>>;
  /** The evaluated tiers, fastest first (as {@link evaluateAlerts} returns them). */
  alerts: readonly BurnRateAlert[];
  /** The whole window: durationMs, or the whole calendar period. */
  windowLengthMs: number;
  at: number;
}

/**
 * When the budget runs out at the current burn: the remaining share × window / rate.
 *
 * The current burn, not the window's average: an average over four quiet weeks says a
 * budget burning at 24× lasts for months, while it is gone in about a day. Which burn:
 *
 * - a tier fires: the long window of the fastest firing tier, the rate its alert shows
 *   (a page at 24× over 1h forecasts with 24×), so the forecast never contradicts it;
 * - none fires: the lower of the slow ticket's two windows (3d and 6h), the burn that has
 *   lasted and still goes on. One window alone would forecast from a burn that already
 *   ended (3d after an incident) or from a few noisy minutes (1h at low traffic).
 *
 * @public
 */
export function forecastExhaustion(
  input: ExhaustionForecastInput,
): ExhaustionForecast {
  const { remaining, rates, alerts, windowLengthMs, at } = input;
  const burnWindow = forecastWindow(rates, alerts);
  const burnRate = rates[burnWindow];
  let exhaustsAt: number | null = null;
  if (remaining <= 0) exhaustsAt = at;
  else if (burnRate !== null && burnRate > 0) {
    exhaustsAt = Math.round(at + (remaining * windowLengthMs) / burnRate);
  }
  return { burnWindow, burnRate, exhaustsAt };
}

function forecastWindow(
  rates: Readonly<Record<BurnWindow, number | null>>,
  alerts: readonly BurnRateAlert[],
): BurnWindow {
  const firing = alerts.find(a => a.firing);
  if (firing) return firing.longWindow;
  const slow = ALERT_TIERS[ALERT_TIERS.length - 1];
  const long = rates[slow.longWindow];
  const short = rates[slow.shortWindow];
  // No data in the short window: no burn is known to be going on now.
  if (short !== null && long !== null && long <= short) return slow.longWindow;
  return slow.shortWindow;
}
