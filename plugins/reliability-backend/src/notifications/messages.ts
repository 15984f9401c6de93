import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  describeBudgetLeft,
  entityReliabilityPath,
  LeadershipDecisionKind,
} from '@reliability-suite/plugin-reliability-common';
import { NameOf } from './DisplayNames';
import { ReliabilityEvent, ResponsibleTeams } from './events';

/**
 * Topics group the suite's notifications: the inbox shows them under each title and filters
 * by them, and each user's notification settings can mute one. Read by people, so words.
 */
export const NOTIFICATION_TOPICS = {
  freeze: 'Release freezes',
  policyState: 'Error-budget policy',
  escalation: 'Escalations and decisions',
  review: 'Readiness reviews',
} as const;

/**
 * Scopes: a notification replaces the earlier one of the same scope in each inbox (marked
 * unread again), so a subject keeps one notification saying where it stands now, not a
 * pile: a lift replaces its freeze, a decision its escalation, a new policy state the old.
 * Each freeze has its own (the inbox dates a notification from its first sending).
 */
export const notificationScope = {
  freeze: (ref: string, freezeId: string) =>
    `reliability.freeze:${ref}:${freezeId}`,
  exception: (ref: string, changeId: string) =>
    `reliability.exception:${ref}:${changeId}`,
  policyState: (ref: string) => `reliability.policy-state:${ref}`,
  escalation: (ref: string) => `reliability.escalation:${ref}`,
  review: (ref: string) => `reliability.review:${ref}`,
};

const USER_TEXT_MAX = 300;

/** A reason or comment as written, shortened for a notification's few lines. */
function quote(text: string): string {
  const t = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '');
  return t.length > USER_TEXT_MAX ? `${t.slice(0, USER_TEXT_MAX - 1)}…` : t;
}

/** "83.6% of the error budget left", past exhaustion "4.3× over budget" (as the UI says). */
export function budgetLeft(remaining: number | null): string | null {
  if (remaining === null || !Number.isFinite(remaining)) return null;
  return describeBudgetLeft(remaining);
}

/** A moment for every reader alike: the server does not know the reader's zone. */
function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const DECISION_LABEL: Record<LeadershipDecisionKind, string> = {
  'fund-reliability': 'fund reliability work',
  'loosen-slo': 'loosen the SLO',
  'accept-risk': 'accept the risk',
};

/** The references a message about `event` mentions, to be named before it is written. */
export function refsNamedBy(event: ReliabilityEvent): string[] {
  const { owner, sreTeam, escalation } = event.teams;
  return [
    event.entityRef,
    ...('actorRef' in event ? [event.actorRef] : []),
    ...[owner, sreTeam, escalation].filter((r): r is string => !!r),
  ];
}

function teamsOf(teams: ResponsibleTeams, withEscalation: boolean): string[] {
  return [
    ...new Set(
      [
        ...(withEscalation ? [teams.escalation] : []),
        teams.owner,
        teams.sreTeam,
      ].filter((r): r is string => !!r),
    ),
  ];
}

type Message = {
  title: string;
  description: string;
  severity: 'critical' | 'high' | 'normal' | 'low';
  topic: string;
  scope: string;
  link: string;
  withEscalation?: boolean;
};

function message(event: ReliabilityEvent, name: NameOf): Message {
  const entity = name(event.entityRef);
  const actor = 'actorRef' in event ? name(event.actorRef) : '';
  const owner = event.teams.owner ? name(event.teams.owner) : 'the owning team';
  const sre = event.teams.sreTeam ? name(event.teams.sreTeam) : 'the SRE team';
  const policyPage = entityReliabilityPath(event.entityRef, 'policy');
  const reviewPage = entityReliabilityPath(event.entityRef, 'readiness');
  switch (event.kind) {
    case 'freeze-enacted': {
      const budget = budgetLeft(event.remaining);
      const classes = event.exceptionClasses.length
        ? `an exception (${event.exceptionClasses.join(', ')})`
        : 'an exception';
      const why = event.automatic
        ? `Why: ${event.policyTitle} freezes releases by itself in state ${
            event.stateTitle ?? 'unknown'
          }${budget ? ` (${budget})` : ''}.`
        : `Why: ${quote(event.reason)}${budget ? ` (${budget})` : ''}.`;
      return {
        title: event.automatic
          ? `${entity}: release freeze, enacted automatically`
          : `${entity}: release freeze by ${actor}`,
        description: `${why} What to do: only changes with ${classes} ship until the freeze is lifted; put the work into what restores the error budget.`,
        severity: 'critical',
        topic: NOTIFICATION_TOPICS.freeze,
        scope: notificationScope.freeze(event.entityRef, event.freezeId),
        link: policyPage,
      };
    }
    case 'freeze-lifted': {
      const budget = budgetLeft(event.remaining);
      return {
        title: `${entity}: release freeze lifted by ${actor}`,
        description: `Why: ${quote(event.reason)}${
          budget ? ` (${budget})` : ''
        }. What to do: nothing held back any more; the deploy gate lets every change through again.`,
        severity: 'normal',
        topic: NOTIFICATION_TOPICS.freeze,
        scope: notificationScope.freeze(event.entityRef, event.freezeId),
        link: policyPage,
      };
    }
    case 'exception-granted':
      return {
        title: `${entity}: exception for change ${event.changeId} by ${actor}`,
        description: `Why: ${quote(event.reason)} (${
          event.exceptionClass
        }). What to do: change ${
          event.changeId
        } may ship during the release freeze; every other change still waits for the lift.`,
        severity: 'normal',
        topic: NOTIFICATION_TOPICS.freeze,
        scope: notificationScope.exception(event.entityRef, event.changeId),
        link: policyPage,
      };
    case 'policy-state-changed': {
      const budget = budgetLeft(event.remaining);
      const todo = event.requiredActions.length
        ? ` What to do: ${event.requiredActions.map(quote).join('; ')}.`
        : '';
      let severity: Message['severity'] = 'normal';
      if (event.freezeRecommended) severity = 'critical';
      else if (event.worse) severity = 'high';
      else if (event.best) severity = 'low';
      return {
        title: `${entity}: policy state ${event.toTitle}${
          event.fromTitle ? ` (was ${event.fromTitle})` : ''
        }`,
        description: `Why: ${budget ?? 'no data'} under ${
          event.policyTitle
        }. ${quote(event.consequences)}.${todo}`,
        severity,
        topic: NOTIFICATION_TOPICS.policyState,
        scope: notificationScope.policyState(event.entityRef),
        link: policyPage,
      };
    }
    case 'escalation': {
      const to = event.teams.escalation
        ? name(event.teams.escalation)
        : 'leadership';
      return {
        title: `${entity}: leadership decision ${event.stage} from ${to}`,
        description: `Why: the error budget has been spent since ${utc(
          event.outOfBudgetSince,
        )} (${event.windowsOutOfBudget} policy windows); ${
          event.policyTitle
        } escalates after ${
          event.afterWindows
        }. What to do: ${to} decides to fund reliability work, loosen the SLO or accept the risk, and records it on the Policy page.`,
        severity: event.stage === 'overdue' ? 'critical' : 'high',
        topic: NOTIFICATION_TOPICS.escalation,
        scope: notificationScope.escalation(event.entityRef),
        link: policyPage,
        withEscalation: true,
      };
    }
    case 'decision-recorded': {
      const until =
        event.acceptUntil === null ? '' : ` until ${utc(event.acceptUntil)}`;
      const next: Record<LeadershipDecisionKind, string> = {
        'fund-reliability': `${owner} plans the funded reliability work; the policy's required actions stand until the budget recovers`,
        'loosen-slo': `${owner} refines the SLO's objective; the refinement shows on the SLO's page`,
        'accept-risk': `releases go on at the accepted risk${until}; if the budget is still spent then, the escalation is due again`,
      };
      return {
        title: `${entity}: decision by ${actor}, ${
          DECISION_LABEL[event.decision]
        }${until}`,
        description: `Why: ${quote(event.reason)}. What to do: ${
          next[event.decision]
        }.`,
        severity: 'normal',
        topic: NOTIFICATION_TOPICS.escalation,
        scope: notificationScope.escalation(event.entityRef),
        link: policyPage,
        withEscalation: true,
      };
    }
    case 'review-transitioned': {
      const comment = event.comment ? quote(event.comment) : null;
      const said = comment ? `${actor}: "${comment}". ` : '';
      const base = {
        topic: NOTIFICATION_TOPICS.review,
        scope: notificationScope.review(event.entityRef),
        link: reviewPage,
      };
      switch (event.action) {
        case 'submit':
          return {
            ...base,
            title: `${entity}: readiness review submitted by ${actor}`,
            description: `${said}What to do: ${sre} approves it or requests changes in the Readiness section (${event.templateTitle}).`,
            severity: 'normal',
          };
        case 'approve':
          return {
            ...base,
            title: `${entity}: readiness review approved by ${actor}`,
            description: `${said}${sre} signed off ${event.templateTitle}. What to do: keep the attestations fresh; one that expires shows as failing in the Readiness section.`,
            severity: 'normal',
          };
        case 'request-changes':
          return {
            ...base,
            title: `${entity}: changes requested in the readiness review by ${actor}`,
            description: `Why: ${
              comment ?? 'no reason given'
            }. What to do: ${owner} fixes the items named, then submits the review again.`,
            severity: 'high',
          };
        case 'hand-back':
          return {
            ...base,
            title: `${entity}: handed back to ${owner} by ${actor}`,
            description: `Why: ${
              comment ?? 'no reason given'
            }. What to do: ${owner} runs it without ${sre}'s support; reopening the review starts the way back.`,
            severity: 'high',
          };
        case 'reopen':
        default:
          return {
            ...base,
            title: `${entity}: readiness review reopened by ${actor}`,
            description: `${said}What to do: ${owner} works through ${event.templateTitle} again and submits it to ${sre}.`,
            severity: 'normal',
          };
      }
    }
    default:
      throw new Error(`Unknown notification event ${(event as any).kind}`);
  }
}

/**
 * The notification for `event`, with entity titles and people's names from `name`; null
 * when nobody is responsible for the entity (no one to tell).
 */
export function notificationFor(
  event: ReliabilityEvent,
  name: NameOf,
): NotificationSendOptions | null {
  const { withEscalation, ...payload } = message(event, name);
  const recipients = teamsOf(event.teams, !!withEscalation);
  if (recipients.length === 0) return null;
  return {
    recipients: { type: 'entity', entityRef: recipients },
    payload: {
      ...payload,
      metadata: { entityRef: event.entityRef, event: event.kind },
    },
  };
}
