/**
 * How urgently an SLO objective needs someone, for every list that sorts objectives: a page
 * firing now comes before a budget already gone (the page is burning what is left of the
 * next window and someone must act this hour), then a ticket-tier burn, a budget running low,
 * the healthy, and last the objectives with nothing to judge by. Pure, so the backend's
 * ordering (and with it pagination) and any list in the UI agree.
 */

/** Most urgent first. @public */
export const SLO_URGENCIES = [
  'paging',
  'exhausted',
  'ticket',
  'at-risk',
  'healthy',
  'no-data',
] as const;

/** @public */
export type SloUrgency = (typeof SLO_URGENCIES)[number];

/**
 * Below this fraction of budget left a healthy objective is at risk: the line between the
 * built-in default policy's Healthy and At risk states.
 *
 * @public
 */
export const SLO_AT_RISK_BELOW = 0.25;

/** What the urgency is judged from: an objective's evaluated status. @public */
export type SloUrgencyInput = {
  /** Its SLO state: exhausted, critical, warning, healthy or no-data. */
  state: string;
  /** Budget left as a fraction of the budget (negative when overspent); null without data. */
  remaining: number | null;
  /** Its burn-rate alerts; a firing page-tier alert makes it paging whatever its state. */
  alerts?: ReadonlyArray<{ severity: string; firing: boolean }>;
};

/** @public */
export function sloUrgency(o: SloUrgencyInput): SloUrgency {
  if (o.state === 'no-data') return 'no-data';
  if (
    o.state === 'critical' ||
    (o.alerts ?? []).some(a => a.firing && a.severity === 'page')
  ) {
    return 'paging';
  }
  if (o.state === 'exhausted') return 'exhausted';
  if (o.state === 'warning') return 'ticket';
  if (o.remaining !== null && o.remaining < SLO_AT_RISK_BELOW) return 'at-risk';
  return 'healthy';
}

/** The position of an objective's urgency, 0 for paging; what the backend stores and sorts by. @public */
export function sloUrgencyRank(o: SloUrgencyInput): number {
  return SLO_URGENCIES.indexOf(sloUrgency(o));
}

/**
 * Most urgent first; within one urgency the least budget left first (no budget figure last),
 * so that of two paging objectives the one nearer to running out leads.
 *
 * @public
 */
export function compareSloUrgency(
  a: SloUrgencyInput,
  b: SloUrgencyInput,
): number {
  const byRank = sloUrgencyRank(a) - sloUrgencyRank(b);
  if (byRank !== 0) return byRank;
  if (a.remaining === b.remaining) return 0;
  if (a.remaining === null) return 1;
  if (b.remaining === null) return -1;
  return a.remaining - b.remaining;
}
