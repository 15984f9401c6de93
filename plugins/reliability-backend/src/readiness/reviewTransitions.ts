import { InputError } from '@backstage/errors';
import {
  REVIEW_TRANSITIONS,
  ReviewAction,
} from '@reliability-suite/plugin-reliability-common';
import { evaluateChecklist } from './checklist';

/** Who may take an action: the owning team's permission or the SRE team's. */
export function partyFor(action: ReviewAction): 'owner' | 'sre' {
  return REVIEW_TRANSITIONS[action].by;
}

/**
 * The preconditions of an action on a review besides its state: a comment saying why for
 * sending it back, every required item passing for a submission; InputError otherwise.
 */
export function assertTransitionAllowed(
  body: { action: ReviewAction; comment?: string },
  checklist: ReturnType<typeof evaluateChecklist>,
): void {
  if (
    (body.action === 'request-changes' || body.action === 'hand-back') &&
    !body.comment
  ) {
    throw new InputError(`comment: required to ${body.action} (say why)`);
  }
  if (body.action === 'submit' && checklist.failingRequired.length > 0) {
    throw new InputError(
      `Not every required item passes: ${checklist.failingRequired
        .map(i => `${i.item.id} (${i.state}: ${i.reason})`)
        .join('; ')}`,
    );
  }
}
