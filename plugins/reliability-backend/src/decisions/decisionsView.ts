import {
  CLOSED_ACTION_ITEM_STATUSES,
  windowsOutOfBudget,
} from '@reliability-suite/plugin-reliability-common';
import type {
  ActionItemStatus,
  LeadershipDecisionKind,
  SloDefinitionChange,
} from '@reliability-suite/plugin-reliability-common';
import type { DecisionRecord, PolicyStatusRecord } from '../store/PolicyStore';
import { escalationAnswered } from '../policy/escalation';
import { iso } from '../lib/iso';

/**
 * What waits on leadership and what it decided, from records read elsewhere. Pure: the
 * Decisions view's rules live here and are tested here; DecisionsService does the reading.
 */

/** The label that marks an action item as work leadership funded (fund-reliability). */
export const FUNDED_LABEL = 'funded';

/**
 * How long before a loosen-slo decision a loosening of the service's SLO still counts as its
 * follow-up: teams often loosen the target first and leadership records the decision after.
 */
export const LOOSENING_LOOKBACK_MS = 30 * 86_400_000;

export type PendingReason =
  | 'escalation-overdue'
  | 'escalation-due'
  | 'budget-exhausted';

export type PendingDecision = {
  entityRef: string;
  policyRef: string;
  reason: PendingReason;
  state: string | null;
  remaining: number | null;
  outOfBudgetSince: string | null;
  windowsOutOfBudget: number;
  /** The policy's escalation; null when the policy escalates to no one. */
  escalation: { afterWindows: number; to: string; dueAt: string | null } | null;
  /** The last decision on record for the entity (from an earlier period, or lapsed). */
  previousDecision: {
    decision: LeadershipDecisionKind;
    decidedAt: string;
  } | null;
};

/**
 * The decision an entity waits for, or null: its combined budget is spent (remaining ≤ 0)
 * and no decision answers this out-of-budget period. An escalation falls due when the
 * policy's `afterWindows`-th window out of budget begins, and is overdue once a further
 * window has begun without a decision.
 */
export function pendingDecision(
  status: PolicyStatusRecord,
  escalation: { afterWindows: number; to: string } | null,
  latest: DecisionRecord | undefined,
  now: number,
): PendingDecision | null {
  if (status.remaining === null || status.remaining > 0) return null;
  if (escalationAnswered(latest, status.outOfBudgetSince, now)) return null;
  const windows = windowsOutOfBudget(
    status.outOfBudgetSince,
    now,
    status.windowMs,
  );
  let reason: PendingReason = 'budget-exhausted';
  let dueAt: number | null = null;
  if (escalation && status.outOfBudgetSince !== null && status.windowMs) {
    dueAt =
      status.outOfBudgetSince + (escalation.afterWindows - 1) * status.windowMs;
    if (windows > escalation.afterWindows) reason = 'escalation-overdue';
    else if (windows >= escalation.afterWindows) reason = 'escalation-due';
  }
  return {
    entityRef: status.entityRef,
    policyRef: status.policyRef,
    reason,
    state: status.state,
    remaining: status.remaining,
    outOfBudgetSince: iso(status.outOfBudgetSince),
    windowsOutOfBudget: windows,
    escalation: escalation ? { ...escalation, dueAt: iso(dueAt) } : null,
    previousDecision: latest
      ? { decision: latest.decision, decidedAt: iso(latest.decidedAt)! }
      : null,
  };
}

const REASON_ORDER: PendingReason[] = [
  'escalation-overdue',
  'escalation-due',
  'budget-exhausted',
];

/** Most urgent first: overdue, due, exhausted; within each, out of budget longest first. */
export function sortPending(items: PendingDecision[]): PendingDecision[] {
  const since = (p: PendingDecision) =>
    p.outOfBudgetSince ? Date.parse(p.outOfBudgetSince) : Infinity;
  return [...items].sort(
    (a, b) =>
      REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason) ||
      since(a) - since(b) ||
      a.entityRef.localeCompare(b.entityRef),
  );
}

/** A change of one of the entity's SLOs, as the refinement history records it. */
export type RefinementInput = {
  sloRef: string;
  title: string;
  serviceRef: string | null;
  effectiveFrom: number;
  changes: SloDefinitionChange[];
};

/** An action item on a postmortem of the entity. */
export type ActionItemInput = {
  postmortemId: string;
  postmortemTitle: string;
  entityRefs: string[];
  title: string;
  status: ActionItemStatus;
  ownerRef: string | null;
  dueAt: number | null;
  labels: string[];
};

export type FollowUp = {
  kind: 'refinement' | 'action-items' | 'acceptance';
  /**
   * refinement: done (a target was loosened) or missing; action-items: missing (no funded
   * item), in-progress (some open) or done (all closed); acceptance: active or expired.
   */
  status: 'done' | 'missing' | 'in-progress' | 'active' | 'expired';
  refinement?: {
    sloRef: string;
    title: string;
    effectiveFrom: string;
    targets: Array<{ objective: string; before: number; after: number }>;
  };
  actionItems?: Array<{
    postmortemId: string;
    postmortemTitle: string;
    title: string;
    status: ActionItemStatus;
    ownerRef: string | null;
    dueAt: string | null;
  }>;
  until?: string | null;
};

const loosenings = (changes: SloDefinitionChange[]) =>
  changes.flatMap(c =>
    c.kind === 'target' && c.direction === 'loosened'
      ? [{ objective: c.objective, before: c.before, after: c.after }]
      : [],
  );

/**
 * What became of a decision: a loosen-slo decision is followed up by a loosened target of one
 * of the entity's SLOs (from 30 days before the decision on, the earliest such change); a
 * fund-reliability decision by action items labelled `funded` on the entity's postmortems;
 * accept-risk holds until its date.
 */
export function followUpOf(
  decision: DecisionRecord,
  refinements: RefinementInput[],
  actionItems: ActionItemInput[],
  now: number,
): FollowUp {
  if (decision.decision === 'accept-risk') {
    return {
      kind: 'acceptance',
      status: (decision.acceptUntil ?? 0) > now ? 'active' : 'expired',
      until: iso(decision.acceptUntil),
    };
  }
  if (decision.decision === 'loosen-slo') {
    const from = decision.decidedAt - LOOSENING_LOOKBACK_MS;
    const found = refinements
      .filter(
        r =>
          r.serviceRef === decision.entityRef &&
          r.effectiveFrom >= from &&
          loosenings(r.changes).length > 0,
      )
      .sort((a, b) => a.effectiveFrom - b.effectiveFrom)[0];
    return found
      ? {
          kind: 'refinement',
          status: 'done',
          refinement: {
            sloRef: found.sloRef,
            title: found.title,
            effectiveFrom: iso(found.effectiveFrom)!,
            targets: loosenings(found.changes),
          },
        }
      : { kind: 'refinement', status: 'missing' };
  }
  const funded = actionItems.filter(
    i =>
      i.entityRefs.includes(decision.entityRef) &&
      i.labels.includes(FUNDED_LABEL),
  );
  const open = funded.filter(
    i => !CLOSED_ACTION_ITEM_STATUSES.includes(i.status),
  );
  let status: FollowUp['status'] = 'done';
  if (funded.length === 0) status = 'missing';
  else if (open.length > 0) status = 'in-progress';
  return {
    kind: 'action-items',
    status,
    actionItems: funded.map(i => ({
      postmortemId: i.postmortemId,
      postmortemTitle: i.postmortemTitle,
      title: i.title,
      status: i.status,
      ownerRef: i.ownerRef,
      dueAt: iso(i.dueAt),
    })),
  };
}

export type DomainCount = {
  /** Null: entities in no domain (no System, or a System without a Domain). */
  domainRef: string | null;
  pending: number;
  taken: number;
};

/**
 * Pending and taken decisions by the domain of their entity (entity → System → Domain),
 * most pending first; the "no domain" bucket last.
 */
export function countByDomain(
  pending: Array<{ domainRef: string | null }>,
  taken: Array<{ domainRef: string | null }>,
): DomainCount[] {
  const counts = new Map<string | null, DomainCount>();
  const bucket = (domainRef: string | null) => {
    let c = counts.get(domainRef);
    if (!c) {
      c = { domainRef, pending: 0, taken: 0 };
      counts.set(domainRef, c);
    }
    return c;
  };
  for (const p of pending) bucket(p.domainRef).pending++;
  for (const t of taken) bucket(t.domainRef).taken++;
  return [...counts.values()].sort((a, b) => {
    if ((a.domainRef === null) !== (b.domainRef === null)) {
      return a.domainRef === null ? 1 : -1;
    }
    return (
      b.pending - a.pending ||
      b.taken - a.taken ||
      (a.domainRef ?? '').localeCompare(b.domainRef ?? '')
    );
  });
}

export type MonthTrend = {
  /** The UTC month, YYYY-MM. */
  month: string;
  'fund-reliability': number;
  'loosen-slo': number;
  'accept-risk': number;
};

/** The start (UTC) of the month `count - 1` months before the month of `now`. */
export function trendStart(now: number, months: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (months - 1), 1);
}

/**
 * Decisions taken per UTC month and kind, for the `months` months up to and including the
 * month of `now`, every month present (a quiet month is a zero, not a gap).
 */
export function monthlyTrend(
  decisions: Array<{ decision: LeadershipDecisionKind; decidedAt: number }>,
  now: number,
  months: number,
): MonthTrend[] {
  const out: MonthTrend[] = [];
  const start = new Date(trendStart(now, months));
  for (let i = 0; i < months; i++) {
    const month = new Date(
      Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1),
    )
      .toISOString()
      .slice(0, 7);
    out.push({
      month,
      'fund-reliability': 0,
      'loosen-slo': 0,
      'accept-risk': 0,
    });
  }
  const byMonth = new Map(out.map(m => [m.month, m]));
  for (const d of decisions) {
    const m = byMonth.get(new Date(d.decidedAt).toISOString().slice(0, 7));
    if (m) m[d.decision]++;
  }
  return out;
}
