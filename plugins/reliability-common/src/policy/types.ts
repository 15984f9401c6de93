/**
 * The ErrorBudgetPolicy entity: what happens to a service as its error budget runs low or
 * out. States are ordered best to worst; the consequences are text for people, the freeze
 * flag and the exception classes are what the deploy gate enforces once a freeze is enacted.
 */

/** @public */
export const ERROR_BUDGET_POLICY_API_VERSION = 'reliability-suite.dev/v1alpha1';
/** @public */
export const ERROR_BUDGET_POLICY_KIND = 'ErrorBudgetPolicy';

/** One state of a policy, entered when the budget remaining drops to or below the previous state's threshold. @public */
export type PolicyStateSpec = {
  /** A slug, e.g. `healthy`, `at-risk`, `exhausted`. */
  name: string;
  title?: string;
  /**
   * The state holds while the budget remaining (a fraction, 1 = untouched) is above this.
   * Every state but the last has one, strictly decreasing; the last state catches the rest.
   */
  remainingAbove?: number;
  /** What this state means for the team, in words. */
  consequences: string;
  /** What the team must do while in this state. */
  requiredActions?: string[];
  /** Releases stop in this state once a freeze is enacted (or at once with `autoEnact`). */
  freeze?: boolean;
};

/** A class of change that may ship during a freeze with an exception. @public */
export type PolicyExceptionClass = {
  name: string;
  description?: string;
  /** Changes of this class pass the gate without a per-change exception. */
  preApproved?: boolean;
};

/** @public */
export type ErrorBudgetPolicySpec = {
  /** The group that owns the policy (full or short entity reference). */
  owner: string;
  /** Which SLOs of a service count: all (default) or those with one of these tags. */
  slos?: { tags?: string[] };
  /** How several objectives combine: the worst one decides (default), or their mean budget. */
  combine?: 'worst' | 'mean';
  states: PolicyStateSpec[];
  /** Start a freeze without a person when a freezing state is reached. */
  autoEnact?: boolean;
  freeze?: { exceptionClasses?: PolicyExceptionClass[] };
  /** An incident that consumed more than this share of the budget (fraction) needs a postmortem. */
  postmortem?: { budgetShareAbove: number };
  /** After this many consecutive windows out of budget, leadership decides. */
  escalation?: { afterWindows: number; to: string };
};

/** The decisions leadership can record after an escalation. @public */
export const LEADERSHIP_DECISIONS = [
  'fund-reliability',
  'loosen-slo',
  'accept-risk',
] as const;

/** @public */
export type LeadershipDecisionKind = (typeof LEADERSHIP_DECISIONS)[number];

/** Where the policy that applies to an entity was selected. @public */
export type PolicySource = 'entity' | 'system' | 'domain' | 'default';
