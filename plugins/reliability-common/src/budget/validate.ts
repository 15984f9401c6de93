import { BudgetInputError } from './errors';
import { allowedErrorRate } from './errorRate';
import type { EvaluateObjectiveInput } from './types';

/** The evaluation options, checked and with defaults applied. */
export interface EvaluationOptions {
  allowedErrorRate: number;
  bucketMs: number;
  sliceMs: number;
  /** 0 for methods other than Timeslices, where it is unused. */
  timeSliceTarget: number;
  maxBurnDownPoints: number;
  /** Undefined for the window start. */
  burnDownFrom?: number;
}

const METHODS = ['Occurrences', 'Timeslices', 'RatioTimeslices'];

function positiveFinite(value: number, field: string): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new BudgetInputError(
      field,
      `must be a positive finite number; got ${value}`,
    );
  }
  return value;
}

/**
 * Checks everything about the input but the window (checked as it is resolved) and the
 * buckets (checked in the pass that reads them), naming the offending field.
 */
export function validateOptions(
  input: Omit<EvaluateObjectiveInput, 'buckets'>,
): EvaluationOptions {
  const { objective, budgetingMethod } = input;
  if (!METHODS.includes(budgetingMethod)) {
    throw new BudgetInputError(
      'budgetingMethod',
      `must be one of ${METHODS.join(', ')}; got '${budgetingMethod}'`,
    );
  }
  const allowed = allowedErrorRate(objective.target);
  const bucketMs = positiveFinite(input.bucketMs ?? 60_000, 'bucketMs');

  const maxBurnDownPoints = input.maxBurnDownPoints ?? 500;
  if (!Number.isInteger(maxBurnDownPoints) || maxBurnDownPoints < 2) {
    throw new BudgetInputError(
      'maxBurnDownPoints',
      `must be an integer >= 2 (the window start and the evaluation time); got ${maxBurnDownPoints}`,
    );
  }

  const { burnDownFrom } = input;
  if (burnDownFrom !== undefined && !Number.isFinite(burnDownFrom)) {
    throw new BudgetInputError(
      'burnDownFrom',
      `must be a finite epoch ms; got ${burnDownFrom}`,
    );
  }

  let sliceMs = bucketMs;
  let timeSliceTarget = 0;
  if (budgetingMethod !== 'Occurrences') {
    sliceMs = positiveFinite(
      objective.timeSliceWindowMs ?? bucketMs,
      'objective.timeSliceWindowMs',
    );
    // Slices are sums of whole buckets; a slice cutting through buckets would have to
    // guess how each bucket's events split across it.
    if (sliceMs % bucketMs !== 0) {
      throw new BudgetInputError(
        'objective.timeSliceWindowMs',
        `must be a multiple of bucketMs (${bucketMs}); got ${sliceMs}`,
      );
    }
  }
  if (budgetingMethod === 'Timeslices') {
    const target = objective.timeSliceTarget;
    if (target === undefined) {
      throw new BudgetInputError(
        'objective.timeSliceTarget',
        'is required for the Timeslices budgeting method',
      );
    }
    if (!(target > 0 && target <= 1)) {
      throw new BudgetInputError(
        'objective.timeSliceTarget',
        `must be a fraction in (0, 1]; got ${target}`,
      );
    }
    timeSliceTarget = target;
  }
  return {
    allowedErrorRate: allowed,
    bucketMs,
    sliceMs,
    timeSliceTarget,
    maxBurnDownPoints,
    burnDownFrom,
  };
}
