import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import { formatCount, formatDuration } from '../shared/format';

/** One figure of the budget: its label and its value, in the budget's own unit. */
export interface BudgetFigure {
  label: string;
  value: string;
}

/**
 * The error budget in what it counts: bad events for ratio SLIs judged by occurrences,
 * bad time for time-slice ones. Past exhaustion the figure left says by how much it is over.
 */
export function budgetFigures(status: ObjectiveStatus): BudgetFigure[] {
  const { total, spent, unit } = status.errorBudget;
  const left = total - spent;
  if (unit === 'events') {
    return [
      { label: 'Bad events allowed', value: formatCount(total) },
      { label: 'Bad events so far', value: formatCount(spent) },
      left >= 0
        ? { label: 'Bad events left', value: formatCount(left) }
        : {
            label: 'Over budget by',
            value: `${formatCount(-left)} bad events`,
          },
    ];
  }
  return [
    { label: 'Bad time allowed', value: formatDuration(total) },
    { label: 'Bad time so far', value: formatDuration(spent) },
    left >= 0
      ? { label: 'Bad time left', value: formatDuration(left) }
      : { label: 'Over budget by', value: formatDuration(-left) },
  ];
}
