import type { BudgetingMethod, ErrorBudget } from './types';

/** What turns a series' good/total sums into budget figures. */
export interface BudgetScale {
  method: BudgetingMethod;
  allowedErrorRate: number;
  sliceMs: number;
  /** The whole window: durationMs, or the whole calendar period. */
  windowLengthMs: number;
}

/**
 * The error budget implied by prefix sums `good`/`total` of a series.
 *
 * Occurrences: the budget is the bad events allowed given the traffic seen so far,
 * `(1 - target) × total`, so consumed = (1 - sli) / (1 - target). Sizing it from traffic
 * already seen avoids guessing the traffic still to come.
 *
 * Timeslices / RatioTimeslices: the budget is bad time, `(1 - target) × window length`,
 * for the whole window (a calendar period's budget is fixed at its start); a bad slice
 * spends its length, a ratio slice `(1 - ratio) ×` its length.
 */
export function budgetFrom(
  good: number,
  total: number,
  scale: BudgetScale,
): ErrorBudget {
  // Never report negative spend, whatever rounding does to sums of ratio credits.
  const bad = Math.max(0, total - good);
  if (scale.method === 'Occurrences') {
    const budgetTotal = scale.allowedErrorRate * total;
    const consumed = budgetTotal > 0 ? bad / budgetTotal : 0;
    return {
      consumed,
      remaining: 1 - consumed,
      total: budgetTotal,
      spent: bad,
      unit: 'events',
    };
  }
  const budgetTotal = scale.allowedErrorRate * scale.windowLengthMs;
  const spent = bad * scale.sliceMs;
  const consumed = spent / budgetTotal;
  return {
    consumed,
    remaining: 1 - consumed,
    total: budgetTotal,
    spent,
    unit: 'ms',
  };
}
