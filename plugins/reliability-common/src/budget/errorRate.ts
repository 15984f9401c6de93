import { BudgetInputError } from './errors';

/**
 * The error rate an objective allows, `1 - target`, as the decimal the user meant.
 *
 * Targets are written as decimals, but `1 - 0.999` in binary is 0.0010000000000000009 and
 * `1 - 0.9999` is 0.00009999999999998899: a burn of exactly 14.4× would read 14.39999…
 * and one bad event in 10 000 against 99.99 % would consume 99.99999 % of the budget.
 * Rounding to 15 decimal places (below the ~1e-16 resolution of a double near 1, above
 * its rounding noise) recovers the decimal without shifting any realistic target.
 *
 * @public
 */
export function allowedErrorRate(target: number): number {
  if (!(target > 0 && target < 1)) {
    throw new BudgetInputError(
      'objective.target',
      `must be a fraction strictly between 0 and 1 (0.999, not 99.9); got ${target}`,
    );
  }
  const allowed = Math.round((1 - target) * 1e15) / 1e15;
  if (allowed <= 0) {
    throw new BudgetInputError(
      'objective.target',
      `leaves no error budget (more than 15 nines); got ${target}`,
    );
  }
  return allowed;
}
