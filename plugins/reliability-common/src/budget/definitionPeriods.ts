import { BudgetInputError } from './errors';
import { allowedErrorRate } from './errorRate';
import type {
  BudgetingMethod,
  DefinitionPeriod,
  EarlierDefinition,
  ObjectiveDefinition,
} from './types';

/** A definition period inside the window, with what the budget arithmetic needs. */
export interface WindowPeriod {
  /** Start of the period, clipped to the window start. */
  from: number;
  /** End of the period: the next change, or the window's end for the last one. */
  to: number;
  target: number;
  allowedErrorRate: number;
  /** Timeslices only (0 otherwise). */
  timeSliceTarget: number;
}

export function checkEarlier(
  earlier: readonly EarlierDefinition[],
  method: BudgetingMethod,
): void {
  let previous = -Infinity;
  earlier.forEach((e, i) => {
    if (!Number.isFinite(e.until)) {
      throw new BudgetInputError(
        `earlier[${i}].until`,
        `must be a finite epoch ms; got ${e.until}`,
      );
    }
    if (e.until <= previous) {
      throw new BudgetInputError(
        `earlier[${i}].until`,
        `definitions must be in time order; got ${e.until} after ${previous}`,
      );
    }
    previous = e.until;
    try {
      allowedErrorRate(e.target);
    } catch (err) {
      throw new BudgetInputError(
        `earlier[${i}].target`,
        (err as BudgetInputError).problem,
      );
    }
    const tst = e.timeSliceTarget;
    if (
      method === 'Timeslices' &&
      tst !== undefined &&
      !(tst > 0 && tst <= 1)
    ) {
      throw new BudgetInputError(
        `earlier[${i}].timeSliceTarget`,
        `must be a fraction in (0, 1]; got ${tst}`,
      );
    }
  });
}

/**
 * The definitions in force over `[windowStart, at)`, oldest first, with the current
 * objective last; adjacent periods with the same promise are merged (a change of the
 * window alone, say, does not split the budget). The last period runs to `windowEnd`
 * (the whole calendar period, or `at` for a rolling window) because the current target
 * is the one that sizes the rest of the window. Evaluated as of `at`, definitions made
 * after `at` play no part.
 *
 * Only the promise varies by period: the target and, for Timeslices, the good-slice
 * threshold. The budgeting method, window and slice length are those of the current
 * definition, since they define what is measured rather than what was promised.
 */
export function definitionPeriods(
  objective: ObjectiveDefinition,
  method: BudgetingMethod,
  currentTimeSliceTarget: number,
  earlier: readonly EarlierDefinition[],
  windowStart: number,
  at: number,
  windowEnd: number,
): WindowPeriod[] {
  checkEarlier(earlier, method);
  const periods: WindowPeriod[] = [];
  let from = windowStart;
  const push = (to: number, target: number, timeSliceTarget: number) => {
    if (to <= from) return;
    const last = periods[periods.length - 1];
    if (
      last &&
      last.target === target &&
      last.timeSliceTarget === timeSliceTarget
    ) {
      last.to = to;
    } else {
      periods.push({
        from,
        to,
        target,
        allowedErrorRate: allowedErrorRate(target),
        timeSliceTarget,
      });
    }
    from = to;
  };
  for (const e of earlier) {
    if (e.until <= windowStart) continue;
    const tst =
      method === 'Timeslices' ? e.timeSliceTarget ?? currentTimeSliceTarget : 0;
    // Evaluated as of a time before this definition was replaced: it is the one in
    // force, so it sizes the rest of the window, as it did then. (Replaced at `at`
    // exactly, its successor is in force.)
    if (e.until > at) {
      push(windowEnd, e.target, tst);
      return periods;
    }
    push(e.until, e.target, tst);
  }
  push(windowEnd, objective.target, currentTimeSliceTarget);
  return periods;
}

/**
 * The allowed error rate in force at each moment, for replays that step through time: the
 * first earlier definition still in force at `t`, else the current one.
 */
export function allowedErrorRateAt(
  earlier: readonly EarlierDefinition[],
  current: number,
): (t: number) => number {
  const steps = earlier.map(e => ({
    until: e.until,
    allowed: allowedErrorRate(e.target),
  }));
  return t => steps.find(s => t < s.until)?.allowed ?? current;
}

/** The public form of a period, with what it spent of the window's budget. */
export function toDefinitionPeriod(
  p: WindowPeriod,
  spent: number,
  budget: number,
  method: BudgetingMethod,
): DefinitionPeriod {
  return {
    from: p.from,
    to: p.to,
    target: p.target,
    ...(method === 'Timeslices' ? { timeSliceTarget: p.timeSliceTarget } : {}),
    spent,
    budget,
  };
}
