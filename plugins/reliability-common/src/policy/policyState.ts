import { ErrorBudgetPolicySpec, PolicyStateSpec } from './types';

/** One objective's input to a policy: its budget and what the policy may select it by. @public */
export type PolicyObjectiveInput = {
  sloRef: string;
  objective: string;
  tags: string[];
  /** Budget remaining as a fraction; null without data. */
  remaining: number | null;
  /** Whether the data cover only part of the window so far (data quality 'partial'). */
  partial?: boolean;
  /** The SLO window's length, for counting windows out of budget. */
  windowMs: number;
};

/** The policy's recommendation for one entity. @public */
export type ComputedPolicyState = {
  /** The state's name; null when no counted objective has data (nothing to judge by). */
  state: string | null;
  /** The combined budget remaining (fraction), null without data. */
  remaining: number | null;
  /** Objectives the policy counts, and how many of those have no data. */
  counted: number;
  noData: number;
  /**
   * Counted objectives with data for only part of their window (still being back-filled):
   * the state is judged from the data so far and may not hold once the rest arrives.
   */
  partial: number;
  /** The objective that decided the state (the worst), when there is one. */
  decidedBy: { sloRef: string; objective: string } | null;
  /** The longest window among the counted objectives. */
  windowMs: number | null;
};

/** Whether the policy counts this objective (all, or those carrying one of its tags). @public */
export function policyCounts(
  spec: Pick<ErrorBudgetPolicySpec, 'slos'>,
  tags: string[],
): boolean {
  const wanted = spec.slos?.tags ?? [];
  return wanted.length === 0 || tags.some(t => wanted.includes(t));
}

/** The state for a budget remaining: the first whose threshold it is above, else the last. @public */
export function stateForRemaining(
  spec: Pick<ErrorBudgetPolicySpec, 'states'>,
  remaining: number,
): PolicyStateSpec {
  for (const state of spec.states) {
    if (state.remainingAbove !== undefined && remaining > state.remainingAbove)
      return state;
  }
  return spec.states[spec.states.length - 1];
}

/**
 * Combines an entity's objectives under its policy. Objectives without data neither help nor
 * hurt: they are counted and reported, and only objectives with data decide the state.
 *
 * @public
 */
export function computePolicyState(
  spec: Pick<ErrorBudgetPolicySpec, 'slos' | 'combine' | 'states'>,
  objectives: PolicyObjectiveInput[],
): ComputedPolicyState {
  const counted = objectives.filter(o => policyCounts(spec, o.tags));
  const withData = counted.filter(
    (o): o is PolicyObjectiveInput & { remaining: number } =>
      o.remaining !== null && Number.isFinite(o.remaining),
  );
  const windowMs =
    counted.length > 0 ? Math.max(...counted.map(o => o.windowMs)) : null;
  const base = {
    counted: counted.length,
    noData: counted.length - withData.length,
    partial: withData.filter(o => o.partial).length,
    windowMs,
  };
  if (withData.length === 0) {
    return { ...base, state: null, remaining: null, decidedBy: null };
  }
  const worst = withData.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  const remaining =
    spec.combine === 'mean'
      ? withData.reduce((sum, o) => sum + o.remaining, 0) / withData.length
      : worst.remaining;
  return {
    ...base,
    state: stateForRemaining(spec, remaining).name,
    remaining,
    decidedBy: { sloRef: worst.sloRef, objective: worst.objective },
  };
}

/**
 * How many consecutive windows an entity has been out of budget: the window it ran out in
 * counts as the first, and each further full window length adds one.
 *
 * @public
 */
export function windowsOutOfBudget(
  outOfBudgetSince: number | null,
  now: number,
  windowMs: number | null,
): number {
  if (outOfBudgetSince === null || !windowMs || now < outOfBudgetSince)
    return 0;
  return Math.floor((now - outOfBudgetSince) / windowMs) + 1;
}
