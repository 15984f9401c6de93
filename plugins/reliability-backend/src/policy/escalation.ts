import { windowsOutOfBudget } from '@reliability-suite/plugin-reliability-common';
import { DecisionRecord } from '../store/PolicyStore';

/**
 * Where an escalation stands at a moment: due once the budget has been out for the policy's
 * `afterWindows` windows, overdue a whole window later with still no decision.
 */
export type EscalationStage = 'due' | 'overdue' | null;

export function escalationStage(
  outOfBudgetSince: number | null,
  at: number,
  windowMs: number | null,
  afterWindows: number,
): EscalationStage {
  const windows = windowsOutOfBudget(outOfBudgetSince, at, windowMs);
  if (windows >= afterWindows + 1) return 'overdue';
  if (windows >= afterWindows) return 'due';
  return null;
}

const RANK = { due: 1, overdue: 2 } as const;

/** Whether going from `before` to `after` reached a further stage (news worth telling once). */
export function escalationAdvanced(
  before: EscalationStage,
  after: EscalationStage,
): after is 'due' | 'overdue' {
  return after !== null && (before === null || RANK[after] > RANK[before]);
}

/**
 * Whether leadership answered the escalation of the out-of-budget period that began at
 * `outOfBudgetSince`: a decision taken during it, unless it accepted the risk only until a
 * moment now past.
 */
export function escalationAnswered(
  decision: DecisionRecord | undefined,
  outOfBudgetSince: number | null,
  at: number,
): boolean {
  return (
    !!decision &&
    outOfBudgetSince !== null &&
    decision.decidedAt >= outOfBudgetSince &&
    (decision.decision !== 'accept-risk' || (decision.acceptUntil ?? 0) > at)
  );
}
