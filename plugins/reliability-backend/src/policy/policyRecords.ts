import type {
  DefaultPolicySpec,
  PolicyStateSpec,
} from '@reliability-suite/plugin-reliability-common';
import { describeBudgetLeft } from '@reliability-suite/plugin-reliability-common';
import type { ResponsibleTeams } from '../notifications/events';
import type {
  DecisionRecord,
  ExceptionRecord,
  FreezeRecord,
} from '../store/PolicyStore';
import type { EntityContext } from './PolicyResolver';

/**
 * Pure mapping of the policy records: stored rows to what the API shows, and the few words
 * and parties the audit trail and the notifications take from them.
 */

/** The budget left as the audit trail and the gate word it. */
export const budgetText = (r: number | null) =>
  r === null ? 'no data' : describeBudgetLeft(r);

/** The named state of the policy, if any. */
export function stateSpec(
  spec: DefaultPolicySpec,
  name: string | null,
): PolicyStateSpec | undefined {
  return name === null ? undefined : spec.states.find(s => s.name === name);
}

/** Who hears of an entity's policy: its owner, SRE team and escalation group. */
export function teamsOf(ctx: EntityContext): ResponsibleTeams {
  return {
    owner: ctx.parties.owner?.[0] ?? null,
    sreTeam: ctx.parties['sre-team']?.[0] ?? null,
    escalation: ctx.parties.escalation?.[0] ?? null,
  };
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function freezeView(f: FreezeRecord) {
  return {
    id: f.id,
    entityRef: f.entityRef,
    policyRef: f.policyRef,
    startedAt: new Date(f.startedAt).toISOString(),
    startedBy: f.startedBy,
    reason: f.reason,
    link: f.link,
    automatic: f.automatic,
    budgetRemaining: f.budgetRemaining,
    liftedAt: iso(f.liftedAt),
    liftedBy: f.liftedBy,
    liftReason: f.liftReason,
  };
}

export function exceptionView(e: ExceptionRecord) {
  return {
    id: e.id,
    entityRef: e.entityRef,
    freezeId: e.freezeId,
    changeId: e.changeId,
    exceptionClass: e.exceptionClass,
    reason: e.reason,
    link: e.link,
    grantedBy: e.grantedBy,
    grantedAt: new Date(e.grantedAt).toISOString(),
    budgetRemaining: e.budgetRemaining,
  };
}

export function decisionView(d: DecisionRecord) {
  return {
    id: d.id,
    entityRef: d.entityRef,
    policyRef: d.policyRef,
    decision: d.decision,
    reason: d.reason,
    link: d.link,
    acceptUntil: iso(d.acceptUntil),
    decidedBy: d.decidedBy,
    decidedAt: new Date(d.decidedAt).toISOString(),
    budgetRemaining: d.budgetRemaining,
  };
}
