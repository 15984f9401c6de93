/**
 * The suite's number rules, shared by its pages, its notifications and the reasons it
 * records, so a budget reads the same wherever a user meets it.
 */

/**
 * 0.99935 → "99.935%"; enough digits to tell 99.9% from 99.99%. "—" without a value.
 *
 * @public
 */
export function formatPercent(
  fraction: number | null | undefined,
  digits = 3,
): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction))
    return '—';
  const pct = fraction * 100;
  return `${Number(pct.toFixed(digits)).toString()}%`;
}

/**
 * 24 → "24×", 13.44 → "13.4×", 0.933 → "0.93×": three significant digits. A rate and the
 * threshold it is compared with go through the same rounding, so a firing alert never
 * reads as below its threshold ("13× … pages at 13.4×").
 *
 * @public
 */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  if (rate === 0) return '0×';
  if (rate < 0.01) return '<0.01×';
  let digits = 2;
  if (rate >= 100) digits = 0;
  else if (rate >= 10) digits = 1;
  return `${Number(rate.toFixed(digits)).toString()}×`;
}

/**
 * The error budget left in words: "83.6% left", "0% left", and past exhaustion the spend as
 * a multiple of the budget, "4.3× over budget", never a negative percentage.
 *
 * @public
 */
export function formatBudgetLeft(remaining: number | null | undefined): string {
  if (
    remaining === null ||
    remaining === undefined ||
    !Number.isFinite(remaining)
  ) {
    return '—';
  }
  if (remaining >= 0) return `${formatPercent(remaining, 1)} left`;
  return `${formatBurnRate(1 - remaining)} over budget`;
}

/**
 * The budget left in a sentence of its own, for text read away from a chart (notifications,
 * recorded reasons): "83.6% of the error budget left", "4.3× over budget".
 *
 * @public
 */
export function describeBudgetLeft(remaining: number): string {
  const text = formatBudgetLeft(remaining);
  return remaining >= 0
    ? text.replace(/ left$/, ' of the error budget left')
    : text;
}
