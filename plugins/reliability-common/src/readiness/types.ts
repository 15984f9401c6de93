/**
 * Production-readiness reviews: a versioned checklist template, items that are automatic
 * checks (a rule with parameters) or attestations (a statement with evidence, by the owning
 * team, that expires), and a review of an entity pinned to one template version.
 */

/** @public */
export type ReadinessCheckItem = {
  id: string;
  title: string;
  description?: string;
  kind: 'check';
  /** The rule's id in the rules registry, e.g. `has-link`. */
  rule: string;
  params?: Record<string, unknown>;
  required: boolean;
};

/** @public */
export type ReadinessAttestationItem = {
  id: string;
  title: string;
  description?: string;
  kind: 'attestation';
  required: boolean;
  /** How long an attestation holds, in days. */
  maxAgeDays: number;
};

/** @public */
export type ReadinessItem = ReadinessCheckItem | ReadinessAttestationItem;

/** @public */
export type ReadinessSection = {
  id: string;
  title: string;
  items: ReadinessItem[];
};

/** @public */
export type ReadinessTemplate = {
  id: string;
  version: number;
  title: string;
  /** Which entities it is for; the most specific template that matches applies. */
  appliesTo?: { tiers?: number[]; engagements?: string[] };
  sections: ReadinessSection[];
};

/** The states of a review. @public */
export const REVIEW_STATES = [
  'draft',
  'submitted',
  'changes-requested',
  'approved',
  'handed-back',
] as const;

/** @public */
export type ReviewState = (typeof REVIEW_STATES)[number];

/**
 * The states of a review still under way — the owning team is preparing it, the SRE team has
 * to decide, or changes were asked for — as opposed to decided (approved) or closed (handed
 * back). The review queue shows these by default.
 *
 * @public
 */
export const OPEN_REVIEW_STATES: readonly ReviewState[] = [
  'draft',
  'submitted',
  'changes-requested',
];

/** What people do to a review. @public */
export const REVIEW_ACTIONS = [
  'submit',
  'approve',
  'request-changes',
  'hand-back',
  'reopen',
] as const;

/** @public */
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/**
 * The review's state machine: the owning team submits (again after changes were
 * requested); the SRE team approves, requests changes, and later hands a supported service
 * back; a handed-back service starts over with a new draft.
 *
 * @public
 */
export const REVIEW_TRANSITIONS: Record<
  ReviewAction,
  { from: ReviewState[]; to: ReviewState; by: 'owner' | 'sre' }
> = {
  submit: {
    from: ['draft', 'changes-requested'],
    to: 'submitted',
    by: 'owner',
  },
  approve: { from: ['submitted'], to: 'approved', by: 'sre' },
  'request-changes': {
    from: ['submitted'],
    to: 'changes-requested',
    by: 'sre',
  },
  'hand-back': { from: ['approved'], to: 'handed-back', by: 'sre' },
  reopen: { from: ['handed-back'], to: 'draft', by: 'owner' },
};

/** The state after an action, or an explanation of why the action is not possible now. @public */
export function nextReviewState(
  state: ReviewState,
  action: ReviewAction,
): { to: ReviewState } | { error: string } {
  const t = REVIEW_TRANSITIONS[action];
  if (!t.from.includes(state)) {
    return {
      error: `a review that is ${state} cannot be ${
        action === 'submit' ? 'submitted' : `given '${action}'`
      }; ${action} is for reviews that are ${t.from.join(' or ')}`,
    };
  }
  return { to: t.to };
}
