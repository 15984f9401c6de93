import type {
  ObjectiveStatus,
  SloAlertState,
} from '@reliability-suite/plugin-reliability-common';
import { localizeTimes } from '../shared/format';

type Tier = 'page' | 'ticket' | 'none';

/** What the card says about the generated alerts in the SLO's source, for one objective. */
export interface SourceAlertText {
  text: string;
  /** firing: an alert fires there; problem: the source cannot say (error, rules missing). */
  tone: 'firing' | 'quiet' | 'problem';
  /** Set when the source and the portal disagree on the firing tier: the portal's view. */
  disagreement?: string;
}

const TIER_WORDS: Record<Tier, string> = {
  page: 'a page-tier alert',
  ticket: 'a ticket-tier alert',
  none: 'no alert',
};

/** The most urgent tier among the severities of firing alerts. */
function firingTier(severities: Array<string | undefined>): Tier {
  if (severities.includes('page')) return 'page';
  if (severities.includes('ticket')) return 'ticket';
  return 'none';
}

function portalTier(status: ObjectiveStatus): Tier {
  return firingTier(status.alerts.filter(a => a.firing).map(a => a.severity));
}

function list(words: string[]): string {
  return words.length <= 1
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "page alert firing", "page and ticket alerts firing", "no-data alert pending". */
function describeAlerts(
  alerts: SloAlertState['objectives'][number]['alerts'],
  state: 'firing' | 'pending',
): string | undefined {
  const names = [
    ...new Set(
      alerts
        .filter(a => a.state === state)
        .map(
          a =>
            a.severity ??
            (/NoData/.test(a.alertName) ? 'no-data' : a.alertName),
        ),
    ),
  ];
  if (names.length === 0) return undefined;
  return `${list(names)} alert${names.length > 1 ? 's' : ''} ${state}`;
}

/**
 * The line for one objective: what its source says about the generated alerts, and whether
 * that disagrees with the portal's own verdict (the firing burn tier). Undefined when the
 * source cannot tell (pushed data): the card then says nothing.
 */
export function sourceAlertText(
  state: SloAlertState,
  status: ObjectiveStatus,
): SourceAlertText | undefined {
  const source = state.sourceType ?? 'Source';
  if (state.state === 'unsupported') return undefined;
  if (state.state === 'error') {
    const error = state.error ?? { kind: 'unknown', message: 'unknown error' };
    // A source's words name instants in UTC; the card speaks local time.
    const message = localizeTimes(error.message);
    return {
      text:
        error.kind === 'unreachable'
          ? `${source} unreachable: ${message}`
          : `${source}: cannot tell the alerts' state (${error.kind}): ${message}`,
      tone: 'problem',
    };
  }
  const objective = state.objectives.find(o => o.name === status.name);
  if (!objective) return undefined;
  if (!objective.rulesLoaded) {
    return {
      text: `${source}: rules not loaded (no series with sloth_id="${objective.slothId}")`,
      tone: 'problem',
    };
  }
  const firing = describeAlerts(objective.alerts, 'firing');
  const pending = describeAlerts(objective.alerts, 'pending');
  const text = `${source}: ${firing ?? 'no alert firing'}${
    pending ? `; ${pending}` : ''
  }`;
  const theirs = firingTier(
    objective.alerts.filter(a => a.state === 'firing').map(a => a.severity),
  );
  const ours = portalTier(status);
  return {
    text,
    tone: firing ? 'firing' : 'quiet',
    ...(theirs !== ours
      ? {
          disagreement: `Differs from the portal's verdict: ${TIER_WORDS[ours]} fires here`,
        }
      : {}),
  };
}
