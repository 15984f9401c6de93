import type {
  ReadinessItemStatus,
  ReviewAction,
  ReviewState,
} from '@reliability-suite/plugin-reliability-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How a review's state reads on the page. */
export const REVIEW_STATE_LABEL: Record<ReviewState, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  'changes-requested': 'Changes requested',
  approved: 'Approved',
  'handed-back': 'Handed back',
};

/** The label of a review state, for a review that may not exist yet. */
export function reviewStateLabel(state: ReviewState | null): string {
  return state ? REVIEW_STATE_LABEL[state] : 'Not started';
}

/** The button that starts an action, and the dialog's confirm button. */
export const REVIEW_ACTION_LABEL: Record<ReviewAction, string> = {
  submit: 'Submit for review',
  approve: 'Approve',
  'request-changes': 'Request changes',
  'hand-back': 'Hand back',
  reopen: 'Reopen',
};

/** Actions whose comment is required (the other side must know why). */
export const COMMENT_REQUIRED: ReadonlySet<ReviewAction> = new Set([
  'request-changes',
  'hand-back',
]);

/** How an item's state reads. */
export const ITEM_STATE_LABEL: Record<ReadinessItemStatus['state'], string> = {
  passing: 'Passing',
  failing: 'Failing',
  missing: 'Missing',
  expired: 'Expired',
};

/** "expires in 12 days", "expires today" or "expired on 3/1/2027". */
export function expiryText(expiresAt: string, now = Date.now()): string {
  const at = new Date(expiresAt);
  if (Number.isNaN(at.getTime())) return `expires ${expiresAt}`;
  const ms = at.getTime() - now;
  if (ms <= 0) return `expired on ${at.toLocaleDateString()}`;
  const days = Math.floor(ms / DAY_MS);
  if (days === 0) return 'expires today';
  return `expires in ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** How long ago: "3 days", "5 hours", "less than an hour". */
export function ageText(since: string, now = Date.now()): string {
  const at = new Date(since);
  if (Number.isNaN(at.getTime())) return since;
  const ms = Math.max(0, now - at.getTime());
  const days = Math.floor(ms / DAY_MS);
  if (days >= 1) return `${days} ${days === 1 ? 'day' : 'days'}`;
  const hours = Math.floor(ms / (60 * 60 * 1000));
  if (hours >= 1) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  return 'less than an hour';
}

/**
 * What a row of the review's history says someone did: the decision a comment came with, or
 * "commented" for a comment on its own.
 */
export const DECISION_VERB: Record<ReviewAction, string> = {
  submit: 'submitted for review',
  approve: 'approved',
  'request-changes': 'requested changes',
  'hand-back': 'handed back',
  reopen: 'reopened',
};

/** How unmet an item is, worst first: failing, then expired, then missing, then passing. */
const STATE_ORDER: Record<ReadinessItemStatus['state'], number> = {
  failing: 0,
  expired: 1,
  missing: 2,
  passing: 3,
};

/** A section of the checklist as the page shows it: unmet items first, with its counts. */
export type ChecklistGroup<S extends { items: ReadinessItemStatus[] }> = S & {
  met: number;
  unmet: number;
};

/**
 * The checklist's sections in the order the page shows them: sections with unmet items first
 * (in the template's order), then those all met; within a section, failing items first, then
 * expired, then missing, then passing, in the template's order otherwise.
 */
export function groupChecklist<S extends { items: ReadinessItemStatus[] }>(
  sections: S[],
): ChecklistGroup<S>[] {
  const groups = sections.map(s => {
    const items = s.items
      .map((item, index) => ({ item, index }))
      .sort(
        (a, b) =>
          STATE_ORDER[a.item.state] - STATE_ORDER[b.item.state] ||
          a.index - b.index,
      )
      .map(x => x.item);
    const met = items.filter(i => i.state === 'passing').length;
    return { ...s, items, met, unmet: items.length - met };
  });
  return [
    ...groups.filter(g => g.unmet > 0),
    ...groups.filter(g => g.unmet === 0),
  ];
}

/**
 * The checklist in one line: "12 of 17 met · 3 failing · 1 expired · 1 missing · review:
 * submitted" (states with no item left out).
 */
export function checklistSummary(
  items: ReadinessItemStatus[],
  reviewState: ReviewState | null,
): string {
  const count = (state: ReadinessItemStatus['state']) =>
    items.filter(i => i.state === state).length;
  const parts = [`${count('passing')} of ${items.length} met`];
  for (const state of ['failing', 'expired', 'missing'] as const) {
    const n = count(state);
    if (n > 0) parts.push(`${n} ${state}`);
  }
  parts.push(
    `review: ${reviewStateLabel(reviewState).toLocaleLowerCase('en-US')}`,
  );
  return parts.join(' · ');
}
