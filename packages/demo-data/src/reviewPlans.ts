// The production-readiness reviews the demo seeds, as data: what each entity's team attests
// and the review actions taken, and the wording of the attestations.
import {
  REVIEW_TRANSITIONS,
  type ReviewActionRequest,
  type ReviewState,
} from '@reliability-suite/plugin-reliability-common';

export interface Attestation {
  statement: string;
  /** The evidence's path under https://docs.example.com/<entity>/. */
  path: string;
}

export const ATTESTATIONS: Record<string, Attestation> = {
  'dependencies-documented': {
    statement:
      'Upstream and downstream dependencies are listed with their failure modes and how the service degrades without each.',
    path: 'architecture/dependencies',
  },
  'alerts-actionable': {
    statement:
      'Every paging alert links to a runbook entry and routes to the on-call; noisy alerts were removed in the last review.',
    path: 'monitoring/alerts',
  },
  'load-tested': {
    statement:
      'Load tested at 2x the expected peak; the first bottleneck (database connections) has 40% headroom.',
    path: 'capacity/load-test',
  },
  'progressive-rollout': {
    statement:
      'Releases go out as 5% canaries with automatic rollback; a rollback was rehearsed this quarter in 4 minutes.',
    path: 'delivery/rollout',
  },
  'toil-inventory': {
    statement:
      'Recurring manual tasks are inventoried with their frequency; the two largest have automation planned.',
    path: 'operations/toil',
  },
  'postmortem-practice': {
    statement:
      'Incidents get blameless postmortems from the team template; action items are tracked to closure.',
    path: 'postmortems',
  },
};

export interface ReviewPlan {
  /** The component (namespace default). */
  name: string;
  /** The attestation items to attest: all, or these ids. */
  attest: 'all' | string[];
  /** The review actions, in order. */
  actions: Omit<ReviewActionRequest, 'expectedState'>[];
}

/** Checkout API approved, Cart web a draft with two attestations, Search API handed back. */
export const REVIEW_PLANS: ReviewPlan[] = [
  {
    name: 'checkout-api',
    attest: 'all',
    actions: [
      { action: 'submit' },
      {
        action: 'approve',
        comment:
          'Checklist complete, on-call and runbooks verified; sre-core takes on Checkout API as supported.',
      },
    ],
  },
  {
    name: 'cart-web',
    // Two attestations only: a review in progress. Its on-call and runbook checks fail, so
    // it cannot be submitted yet.
    attest: ['dependencies-documented', 'progressive-rollout'],
    actions: [],
  },
  {
    name: 'search-api',
    attest: 'all',
    actions: [
      { action: 'submit' },
      {
        action: 'approve',
        comment: 'Readiness checklist complete; approved for SRE support.',
      },
      {
        action: 'hand-back',
        comment:
          'The error budget has been at risk for weeks; handing back until the search index rebuild lands',
      },
    ],
  },
];

/**
 * The actions of `plan` still to take on a review in `state`: those after the one that led
 * to it (all of them when none did, e.g. a draft), so a re-run after a failure resumes.
 */
export function remainingActions(
  plan: ReviewPlan,
  state: ReviewState,
): ReviewPlan['actions'] {
  const done = plan.actions.findIndex(
    a => REVIEW_TRANSITIONS[a.action].to === state,
  );
  return plan.actions.slice(done + 1);
}
