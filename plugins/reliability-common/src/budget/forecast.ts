/**
 * When the budget runs out if it keeps being consumed at the window's average rate so
 * far, `consumed / (at - windowStart)` per ms: `at` if it already has, null if nothing is
 * being consumed. Not capped at the end of a calendar period: a forecast after it means
 * the budget survives the period, and callers decide how to show that.
 *
 * @public
 */
export function forecastExhaustion(
  consumed: number,
  windowStart: number,
  at: number,
): number | null {
  if (consumed >= 1) return at;
  const elapsed = at - windowStart;
  if (!(consumed > 0) || !(elapsed > 0)) return null;
  return Math.round(at + ((1 - consumed) * elapsed) / consumed);
}
