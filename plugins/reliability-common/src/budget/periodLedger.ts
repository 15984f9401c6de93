import type { BudgetScale } from './consumption';
import { WindowPeriod, toDefinitionPeriod } from './definitionPeriods';
import { BudgetSeries, lowerBound } from './series';
import type { DefinitionPeriod, ErrorBudget } from './types';

/** The error budget of a window whose promise changed inside it. */
export interface PeriodLedger {
  /** The budget as it stood once the first `units` units of the window had ended. */
  budgetAt(units: number): ErrorBudget;
  /** Good and total of the whole window, each period judged by its own definition. */
  good: number;
  total: number;
  periods: DefinitionPeriod[];
}

/**
 * Sums the budget period by period: each period spends what was bad by its own definition
 * and contributes its own allowance — `(1 - target) ×` its events (Occurrences) or its
 * length (slices). So days 1–19 under 99.9 % keep their 99.9 % allowance after a change
 * to 99.5 % on day 20; only the rest of the window is sized by 99.5 %.
 *
 * A unit belongs to the period its start falls in (a slice straddling a change is judged
 * by the definition it began under). `seriesFor(p)` gives the series built with period
 * `p`'s good-slice threshold; the series share their units and differ only in `good`.
 */
export function periodLedger(
  periods: readonly WindowPeriod[],
  seriesFor: (period: WindowPeriod) => BudgetSeries,
  scale: BudgetScale,
): PeriodLedger {
  const main = seriesFor(periods[periods.length - 1]);
  const bounds = periods.map((p, i) =>
    i === 0 ? 0 : lowerBound(main.starts, main.length, p.from),
  );
  bounds.push(main.length);
  const series = periods.map(seriesFor);
  const occurrences = scale.method === 'Occurrences';
  const sliceBudget = periods.map(p => p.allowedErrorRate * (p.to - p.from));

  const sums = (i: number, units: number) => {
    const s = series[i];
    const a = Math.min(units, bounds[i]);
    const b = Math.min(units, bounds[i + 1]);
    const total = s.total[b] - s.total[a];
    const good = s.good[b] - s.good[a];
    return { good, total, bad: Math.max(0, total - good) };
  };
  const perPeriod = (i: number, units: number) => {
    const { good, total, bad } = sums(i, units);
    const spent = occurrences ? bad : bad * scale.sliceMs;
    const budget = occurrences
      ? periods[i].allowedErrorRate * total
      : sliceBudget[i];
    return { good, total, spent, budget };
  };

  const budgetAt = (units: number): ErrorBudget => {
    let spent = 0;
    let budget = 0;
    for (let i = 0; i < periods.length; i++) {
      const p = perPeriod(i, units);
      spent += p.spent;
      budget += p.budget;
    }
    const consumed = budget > 0 ? spent / budget : 0;
    return {
      consumed,
      remaining: 1 - consumed,
      total: budget,
      spent,
      unit: occurrences ? 'events' : 'ms',
    };
  };

  let good = 0;
  let total = 0;
  const out = periods.map((p, i) => {
    const figures = perPeriod(i, main.length);
    good += figures.good;
    total += figures.total;
    return toDefinitionPeriod(p, figures.spent, figures.budget, scale.method);
  });
  return { budgetAt, good, total, periods: out };
}
