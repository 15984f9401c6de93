import type {
  LeadershipDecisionKind,
  ReviewAction,
} from '@reliability-suite/plugin-reliability-common';

/**
 * The teams responsible for an entity, as the policy resolver or the responsibility model
 * resolved them: who a notification about the entity goes to.
 */
export type ResponsibleTeams = {
  /** The entity's owner (spec.owner). */
  owner: string | null;
  /** The SRE team supporting it (its own, its System's or its Domain's annotation). */
  sreTeam: string | null;
  /** Where its error-budget policy escalates (leadership); policies only. */
  escalation?: string | null;
};

type About = {
  entityRef: string;
  teams: ResponsibleTeams;
};

/** A release freeze started: by a person, or by the policy itself (autoEnact). */
export type FreezeEnacted = About & {
  kind: 'freeze-enacted';
  freezeId: string;
  actorRef: string;
  automatic: boolean;
  reason: string;
  /** The policy's state title when the freeze began, e.g. "Exhausted". */
  stateTitle: string | null;
  remaining: number | null;
  policyTitle: string;
  exceptionClasses: string[];
};

export type FreezeLifted = About & {
  kind: 'freeze-lifted';
  /** The freeze lifted: its notification is replaced by this one. */
  freezeId: string;
  actorRef: string;
  reason: string;
  remaining: number | null;
};

export type ExceptionGranted = About & {
  kind: 'exception-granted';
  actorRef: string;
  changeId: string;
  exceptionClass: string;
  reason: string;
};

/** The state the entity's policy recommends changed (found by an evaluation). */
export type PolicyStateChanged = About & {
  kind: 'policy-state-changed';
  fromTitle: string | null;
  toTitle: string;
  /** Further down the policy's states than before (or a first evaluation not at the top). */
  worse: boolean;
  /** Back in the policy's first (best) state. */
  best: boolean;
  freezeRecommended: boolean;
  consequences: string;
  requiredActions: string[];
  remaining: number | null;
  policyTitle: string;
};

/** The budget has been out for as many windows as the policy allows, or one more. */
export type EscalationReached = About & {
  kind: 'escalation';
  stage: 'due' | 'overdue';
  windowsOutOfBudget: number;
  afterWindows: number;
  outOfBudgetSince: number;
  policyTitle: string;
};

export type DecisionRecorded = About & {
  kind: 'decision-recorded';
  actorRef: string;
  decision: LeadershipDecisionKind;
  reason: string;
  acceptUntil: number | null;
};

/** A readiness review changed state (submitted, approved, changes requested, …). */
export type ReviewTransitioned = About & {
  kind: 'review-transitioned';
  actorRef: string;
  action: ReviewAction;
  comment: string | null;
  templateTitle: string;
};

/** Everything the suite tells teams about. */
export type ReliabilityEvent =
  | FreezeEnacted
  | FreezeLifted
  | ExceptionGranted
  | PolicyStateChanged
  | EscalationReached
  | DecisionRecorded
  | ReviewTransitioned;

/** What services call to tell teams; never throws, whatever happens to the message. */
export interface ReliabilityNotifications {
  notify(event: ReliabilityEvent): Promise<void>;
}
