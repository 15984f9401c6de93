import type {
  EntityPolicy,
  EntityPostmortems,
  EntitySummary,
  EntityReliabilitySection,
  Readiness,
} from '@reliability-suite/plugin-reliability-common';

/** One thing to do now, with the section of the Reliability tab where it is done. */
export type NextAction = {
  key: string;
  text: string;
  section: EntityReliabilitySection;
  /** Query of the section's URL, e.g. `write=1` to open the postmortem dialog. */
  query?: string;
  severity: 'error' | 'warning' | 'info';
};

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

/** Where a required action of the policy is done, by what it talks about. */
function sectionOf(action: string): {
  section: EntityReliabilitySection;
  query?: string;
} {
  if (/postmortem/i.test(action)) return { section: 'postmortems' };
  if (/readiness|checklist/i.test(action)) return { section: 'readiness' };
  if (/\balerts?\b|burn|\bSLOs?\b|objective/i.test(action)) {
    return { section: 'slos' };
  }
  return { section: 'policy' };
}

/** Required items that do not pass (failing, missing or expired). */
function itemsToFix(readiness: Readiness): number {
  return readiness.sections
    .flatMap(s => s.items)
    .filter(i => i.required && i.state !== 'passing').length;
}

/** What the readiness review asks of the service's team now, if anything. */
function readinessAction(readiness: Readiness): NextAction | undefined {
  const toFix = itemsToFix(readiness);
  const state = readiness.review?.state ?? null;
  const fix = toFix > 0 ? ` — ${plural(toFix, 'item')} to fix` : '';
  const base = { key: 'readiness', section: 'readiness' as const };
  switch (state) {
    case 'changes-requested':
      return {
        ...base,
        severity: 'warning',
        text: `Readiness review: changes requested${fix}`,
      };
    case 'handed-back':
      return {
        ...base,
        severity: 'warning',
        text: `Readiness review: handed back${fix}; reopen it when ready`,
      };
    case 'draft':
      return {
        ...base,
        severity: 'info',
        text: readiness.canSubmit
          ? 'Readiness review: every required item passes — submit it for review'
          : `Readiness review: draft${fix}`,
      };
    case 'submitted':
      return {
        ...base,
        severity: 'info',
        text: 'Readiness review: submitted — waiting for the SRE team’s decision',
      };
    case 'approved':
      return toFix > 0
        ? {
            ...base,
            severity: 'warning',
            text: `Readiness: approved, but ${plural(
              toFix,
              'required item',
            )} no longer ${toFix === 1 ? 'passes' : 'pass'}`,
          }
        : undefined;
    default:
      return toFix > 0
        ? {
            ...base,
            severity: 'info',
            text: `Readiness checklist: ${plural(
              toFix,
              'required item',
            )} to pass before a review`,
          }
        : undefined;
  }
}

/**
 * The next actions on an entity, most pressing first: a firing alert to stop (a page, then a
 * ticket), a freeze the policy recommends and
 * nobody enacted, a leadership decision that is due, postmortems the policy requires, the
 * policy's required actions, the readiness review. Each links to the section where it is done.
 * Pure: what the overview loaded goes in, so it is tested without a page.
 */
export function nextActions(input: {
  policy?: EntityPolicy;
  summary?: EntitySummary;
  readiness?: Readiness;
  postmortems?: EntityPostmortems;
  /** Whether the user may enact a freeze (else the recommendation is theirs to pass on). */
  canEnact?: boolean;
  /** Formats a point in time, e.g. the start of a burn episode. */
  formatDate?: (iso: string) => string;
}): NextAction[] {
  const actions: NextAction[] = [];
  const { policy, readiness, postmortems } = input;
  const formatDate = input.formatDate ?? ((iso: string) => iso);
  for (const severity of ['page', 'ticket'] as const) {
    for (const slo of input.summary?.slos ?? []) {
      for (const o of slo.objectives) {
        const fires = (tier: 'page' | 'ticket') =>
          o.alerts.some(a => a.firing && a.severity === tier);
        // A paging objective is past its ticket: one action for it.
        if (!fires(severity) || (severity === 'ticket' && fires('page'))) {
          continue;
        }
        const title =
          slo.objectives.length > 1 ? `${slo.title} — ${o.name}` : slo.title;
        actions.push({
          key: `${severity}:${slo.sloRef}:${o.name}`,
          section: 'slos',
          severity: severity === 'page' ? 'error' : 'warning',
          text:
            severity === 'page'
              ? `Stop the fast burn of ${title}: its page alert fires`
              : `Fix the slow burn of ${title} within days: its ticket alert fires`,
        });
      }
    }
  }
  if (policy?.status.freezeRecommended && !policy.freeze) {
    actions.push({
      key: 'freeze',
      section: 'policy',
      severity: 'error',
      text: input.canEnact
        ? 'The policy recommends a release freeze: enact it, or grant exceptions'
        : 'The policy recommends a release freeze: ask someone allowed to enact it',
    });
  }
  const escalation = policy?.escalation;
  if (escalation?.due && !escalation.decision) {
    actions.push({
      key: 'escalation',
      section: 'policy',
      severity: 'error',
      text: `Leadership decision due: out of budget for ${plural(
        escalation.windowsOutOfBudget,
        'window',
      )}`,
    });
  }
  const episodes = postmortems?.needsPostmortem ?? [];
  for (const episode of episodes.slice(0, 3)) {
    actions.push({
      key: `postmortem:${episode.sloRef}:${episode.objective}:${episode.start}`,
      section: 'postmortems',
      query: 'write=1',
      severity: 'warning',
      text: `Write a postmortem: ${episode.sloTitle} burn since ${formatDate(
        episode.start,
      )}`,
    });
  }
  if (episodes.length > 3) {
    actions.push({
      key: 'postmortem:more',
      section: 'postmortems',
      severity: 'warning',
      text: `${plural(
        episodes.length - 3,
        'more burn episode',
      )} need a postmortem`,
    });
  }
  for (const required of policy?.status.requiredActions ?? []) {
    // A postmortem the policy requires is already named above with its episode.
    if (episodes.length > 0 && /postmortem/i.test(required)) continue;
    actions.push({
      key: `required:${required}`,
      ...sectionOf(required),
      severity: 'warning',
      text: required,
    });
  }
  const review = readiness ? readinessAction(readiness) : undefined;
  if (review) actions.push(review);
  return actions;
}
