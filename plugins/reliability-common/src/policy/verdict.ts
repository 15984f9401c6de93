import { formatBudgetLeft, formatBurnRate } from '../format';
import type { PolicyStateSpec } from './types';

/**
 * One verdict per entity: of everything that says how an entity stands — a release freeze in
 * force, the state its error-budget policy recommends, exhausted budgets, firing burn-rate
 * alerts, and for a System or Domain its components — the worst decides, and it is the one
 * headline a page shows. Pure, so the UI and the backend judge alike.
 */

/** How bad a verdict is, in the colours of Backstage's status family. @public */
export type VerdictSeverity = 'error' | 'warning' | 'ok' | 'pending';

/** What decided the verdict. @public */
export type VerdictKind =
  | 'freeze'
  | 'policy'
  | 'exhausted'
  | 'page'
  | 'ticket'
  | 'components'
  | 'collecting-data'
  | 'nothing-to-judge';

/** @public */
export type EntityVerdict = {
  kind: VerdictKind;
  severity: VerdictSeverity;
  /**
   * The headline with its reason in brief, e.g. "Paging: Checkout availability burning 24× —
   * budget gone in ~1 day" or "Release freeze since … by …: only security fixes ship".
   */
  title: string;
  /** Why, in one sentence. */
  reason: string;
  /**
   * The other facts as bad as a warning or worse that the headline does not name (a freeze
   * behind a page, an exhausted budget behind a freeze), as headlines: nothing stays hidden.
   */
  also?: string[];
};

/** One objective as the verdict reads it. @public */
export type VerdictObjective = {
  /** The objective's name for people, e.g. "Ledger availability". */
  title: string;
  /** Its SLO state: exhausted, critical, warning, healthy or no-data. */
  state: string;
  alerts: Array<{
    severity: 'page' | 'ticket';
    firing: boolean;
    /** The tier's long window, e.g. "1h": its burn rate is the one the tier compares. */
    longWindow?: string;
  }>;
  /** The burn rates by window, e.g. `{ '1h': 24 }`. */
  burnRates?: Record<string, number | null>;
  /** The error budget left, as a fraction (negative past exhaustion). */
  remaining?: number | null;
  /** When the budget runs out at the current burn; null when nothing is being spent. */
  forecastExhaustionAt?: string | null;
  /** partial while its data cover only part of the window (a back-fill under way, gaps). */
  dataQuality?: string;
};

/** One component of a System or Domain as the verdict reads it. @public */
export type VerdictComponent = {
  title: string;
  /** The worst state of its objectives; null without SLOs. */
  sloState: string | null;
  /** Its policy state's severity; null when it has none or nothing to judge by. */
  policySeverity?: VerdictSeverity | null;
  frozen: boolean;
};

/**
 * How the verdict writes figures, names and times; the UI passes its formatters (local time
 * with the zone, the user's display name), so the headline reads like the rest of the page.
 *
 * @public
 */
export type VerdictFormat = {
  /** A burn rate: 24 → "24×". */
  burnRate: (rate: number) => string;
  /** The budget left: 0.12 → "12% left", -3.3 → "4.3× over budget". */
  budgetLeft: (remaining: number) => string;
  /** A point in time, e.g. "Nov 20, 2026, 10:00 AM CET". */
  dateTime: (iso: string) => string;
  /** A person or team from an entity reference, e.g. "Alice Example". */
  actor: (ref: string) => string;
};

const DEFAULT_FORMAT: VerdictFormat = {
  burnRate: formatBurnRate,
  budgetLeft: formatBudgetLeft,
  dateTime: iso => iso,
  actor: ref => ref.replace(/^[^:]*:/, '').replace(/^default\//, ''),
};

/** A policy's states, best first, as far as the verdict needs them. @public */
export type VerdictPolicy = {
  states: Array<Pick<PolicyStateSpec, 'name' | 'title'>>;
};

/** @public */
export type VerdictInput = {
  policy: VerdictPolicy;
  status: {
    state: string | null;
    /** The state's title, e.g. "At risk". */
    title?: string | null;
    consequences?: string | null;
    remaining: number | null;
    /** How many of the objectives the policy counts have data for part of their window. */
    partial?: number;
  };
  /** The release freeze in force, if any. */
  freeze: {
    reason: string;
    startedAt?: string;
    /** Who enacted it (an entity reference); automatic ones were enacted by the policy. */
    startedBy?: string;
    automatic?: boolean;
  } | null;
  /** The policy's exception classes: pre-approved ones ship during a freeze. */
  exceptionClasses?: Array<{
    name: string;
    description?: string;
    preApproved?: boolean;
  }>;
  /** Now, in ms since the epoch: the forecast is told as the time left from it. */
  now?: number;
  objectives: VerdictObjective[];
  /** For a System or Domain: the components it holds. */
  components?: VerdictComponent[];
};

/**
 * The severity of a policy state from its position: the first (best) state is fine, the last
 * (worst) is an error, anything between is a warning; no state (nothing to judge by) is
 * pending.
 *
 * @public
 */
export function policyStateSeverity(
  policy: VerdictPolicy | undefined,
  state: string | null,
): VerdictSeverity {
  if (state === null) return 'pending';
  const states = policy?.states ?? [];
  const index = states.findIndex(s => s.name === state);
  if (index < 0) return 'warning';
  if (index === 0) return 'ok';
  if (index === states.length - 1) return 'error';
  return 'warning';
}

/** The headline of an entity, objective or policy state judged from partial data. @public */
export const COLLECTING_DATA_TITLE = 'Collecting data';

const RANK: Record<VerdictSeverity, number> = {
  error: 3,
  warning: 2,
  ok: 1,
  pending: 0,
};

/** The SLO states as verdict severities (no-data judges nothing). */
const SLO_SEVERITY: Record<string, VerdictSeverity> = {
  exhausted: 'error',
  critical: 'error',
  warning: 'warning',
  healthy: 'ok',
  'no-data': 'pending',
};

/** "Ledger availability", "Ledger availability and Payouts", "A, B and 2 more". */
function names(titles: string[]): string {
  if (titles.length <= 2) return titles.join(' and ');
  return `${titles.slice(0, 2).join(', ')} and ${titles.length - 2} more`;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

function componentsVerdict(
  components: VerdictComponent[],
): EntityVerdict | undefined {
  const frozen = components.filter(c => c.frozen);
  if (frozen.length > 0) {
    return {
      kind: 'components',
      severity: 'error',
      title: `Releases frozen for ${plural(frozen.length, 'component')}`,
      reason: `A release freeze is in force on ${names(
        frozen.map(c => c.title),
      )}.`,
    };
  }
  const severityOf = (c: VerdictComponent): VerdictSeverity => {
    const slo = c.sloState === null ? 'pending' : SLO_SEVERITY[c.sloState];
    const policy = c.policySeverity ?? 'pending';
    return RANK[policy] > RANK[slo ?? 'pending'] ? policy : slo ?? 'pending';
  };
  const worst = components.reduce<VerdictSeverity>(
    (w, c) => (RANK[severityOf(c)] > RANK[w] ? severityOf(c) : w),
    'pending',
  );
  if (worst === 'pending') return undefined;
  const at = components.filter(c => severityOf(c) === worst);
  const title = {
    error: `${plural(at.length, 'component')} in trouble`,
    warning: `${plural(at.length, 'component')} at risk`,
    ok: `${plural(at.length, 'component')} healthy`,
  }[worst];
  return {
    kind: 'components',
    severity: worst,
    title,
    reason:
      worst === 'ok'
        ? `Every component with SLOs is healthy: ${names(
            at.map(c => c.title),
          )}.`
        : `${names(at.map(c => c.title))}: see the components below.`,
  };
}

/** The verdict while the data cover part of the window only, if they do. */
function collectingData(input: VerdictInput): EntityVerdict | undefined {
  const partial = input.objectives.filter(o => o.dataQuality === 'partial');
  if (partial.length === 0 && !((input.status.partial ?? 0) > 0)) {
    return undefined;
  }
  return {
    kind: 'collecting-data',
    severity: 'pending',
    title: COLLECTING_DATA_TITLE,
    reason:
      partial.length > 0
        ? `${names(partial.map(o => o.title))} ${
            partial.length === 1 ? 'has' : 'have'
          } data for part of the window so far: the rest may change the verdict.`
        : `${plural(
            input.status.partial ?? 0,
            'objective',
          )} the policy counts have data for part of the window so far: the rest may change the verdict.`,
  };
}

/** "~40 min", "~5 h", "~1 day", "~3 days": the time until the forecast exhaustion. @public */
export function aboutTimeLeft(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `~${minutes} min`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 20) return `~${hours} h`;
  const days = Math.max(1, Math.round(ms / 86_400_000));
  return `~${days} ${days === 1 ? 'day' : 'days'}`;
}

/** The rate a firing tier compares: the burn over its long window. */
function firingBurn(
  objective: VerdictObjective,
  severity: 'page' | 'ticket',
): number | null {
  const rates = objective.alerts
    .filter(a => a.firing && a.severity === severity && a.longWindow)
    .map(a => objective.burnRates?.[a.longWindow!])
    .filter((r): r is number => typeof r === 'number' && Number.isFinite(r));
  return rates.length > 0 ? Math.max(...rates) : null;
}

/** "Checkout availability burning 24× — budget gone in ~1 day". */
function burnHeadline(
  objective: VerdictObjective,
  severity: 'page' | 'ticket',
  format: VerdictFormat,
  now: number,
): string {
  const rate = firingBurn(objective, severity);
  let text = `${objective.title} burning${
    rate === null ? ' fast' : ` ${format.burnRate(rate)}`
  }`;
  const remaining = objective.remaining;
  if (typeof remaining === 'number' && remaining <= 0) {
    text += ' — budget already gone';
  } else if (objective.forecastExhaustionAt) {
    const left = Date.parse(objective.forecastExhaustionAt) - now;
    if (Number.isFinite(left)) {
      text += ` — budget gone in ${aboutTimeLeft(Math.max(0, left))}`;
    }
  }
  return text;
}

/** The firing objective that burns fastest first. */
function byBurn(severity: 'page' | 'ticket') {
  return (a: VerdictObjective, b: VerdictObjective) =>
    (firingBurn(b, severity) ?? 0) - (firingBurn(a, severity) ?? 0);
}

/** "only security fixes ship" from the policy's pre-approved exception classes. */
function whatShips(input: VerdictInput): string {
  const preApproved = (input.exceptionClasses ?? []).filter(c => c.preApproved);
  if (preApproved.length === 0) {
    return 'nothing ships without an exception';
  }
  return `only ${names(
    preApproved.map(c => {
      // "Security fixes; pre-approved, they pass the gate…" → "security fixes".
      const what = c.description?.split(/[;.(:]/)[0].trim();
      return what
        ? what.charAt(0).toLocaleLowerCase('en-US') + what.slice(1)
        : `${c.name} changes`;
    }),
  )} ship`;
}

/** Kinds that are facts about the entity, named under `also` when another one leads. */
const FACTS: ReadonlySet<VerdictKind> = new Set([
  'page',
  'freeze',
  'exhausted',
  'ticket',
]);

/**
 * The entity's verdict: the worst of firing alerts, a freeze in force, exhausted budgets, the
 * policy state and its components, with the reason in the headline. Of equally bad ones:
 * a firing page first (someone is being paged now: the budget may be gone before anything
 * else matters), then the freeze (releases are blocked whatever the budget says), then
 * exhausted budgets, then the policy's own state; among warnings a firing ticket before the
 * policy's state. The other bad facts are listed under `also`. Partial data never read
 * healthy: an "ok" verdict from a window the data cover in part is "Collecting data".
 *
 * @public
 */
export function entityVerdict(
  input: VerdictInput,
  formatOverrides: Partial<VerdictFormat> = {},
): EntityVerdict {
  const format = { ...DEFAULT_FORMAT, ...formatOverrides };
  const now = input.now ?? Date.now();
  const { freeze, policy, status, objectives } = input;
  const candidates: EntityVerdict[] = [];
  const firing = (severity: 'page' | 'ticket') =>
    objectives
      .filter(o => o.alerts.some(a => a.firing && a.severity === severity))
      .sort(byBurn(severity));

  const paging = firing('page');
  if (paging.length > 0) {
    candidates.push({
      kind: 'page',
      severity: 'error',
      title: `Paging: ${burnHeadline(paging[0], 'page', format, now)}`,
      reason: `A page-tier burn-rate alert fires on ${names(
        paging.map(o => o.title),
      )}: whoever is on call is paged now.`,
    });
  }
  if (freeze) {
    const since = freeze.startedAt
      ? ` since ${format.dateTime(freeze.startedAt)}`
      : '';
    let by = '';
    if (freeze.automatic) by = ' by the policy';
    else if (freeze.startedBy) by = ` by ${format.actor(freeze.startedBy)}`;
    candidates.push({
      kind: 'freeze',
      severity: 'error',
      title: `Release freeze${since}${by}: ${whatShips(input)}`,
      // An automatic freeze's stored reason repeats the figures of its moment; the policy
      // enacting it is what a reader needs.
      reason: `${
        freeze.automatic
          ? 'The policy enacted it by itself when the budget ran out.'
          : freeze.reason.replace(/\.?$/, '.')
      } Releases are blocked at the deploy gate until the freeze is lifted.`,
    });
  }
  const exhausted = objectives.filter(o => o.state === 'exhausted');
  if (exhausted.length > 0) {
    const first = exhausted[0];
    const over =
      typeof first.remaining === 'number'
        ? ` ${format.budgetLeft(first.remaining)}`
        : '';
    const more =
      exhausted.length > 1 ? ` and ${exhausted.length - 1} more` : '';
    candidates.push({
      kind: 'exhausted',
      severity: 'error',
      title: `Budget exhausted: ${first.title}${over}${more}`,
      reason: `No budget left on ${names(exhausted.map(o => o.title))}.`,
    });
  }
  // Among warnings a firing ticket leads the policy's "at risk": it names the cause.
  // An objective that pages is past its ticket: its slow burn is no second fact.
  const ticketing = firing('ticket').filter(o => !paging.includes(o));
  if (ticketing.length > 0) {
    candidates.push({
      kind: 'ticket',
      severity: 'warning',
      title: `Ticket: ${burnHeadline(ticketing[0], 'ticket', format, now)}`,
      reason: `A ticket-tier burn-rate alert fires on ${names(
        ticketing.map(o => o.title),
      )}: fix it within days, before the budget is gone.`,
    });
  }
  const policySeverity = policyStateSeverity(policy, status.state);
  if (status.state !== null) {
    const stateTitle =
      status.title ??
      policy.states.find(s => s.name === status.state)?.title ??
      status.state;
    const consequences = status.consequences?.trim();
    candidates.push({
      kind: 'policy',
      severity: policySeverity,
      // Healthy needs no more words; a worse state says what it means in its headline.
      title:
        policySeverity === 'ok' || !consequences
          ? stateTitle
          : `${stateTitle}: ${consequences.replace(/\.$/, '')}`,
      reason:
        consequences ||
        `The error-budget policy's state from the budget remaining.`,
    });
  }
  const components = componentsVerdict(input.components ?? []);
  if (components) candidates.push(components);
  // The first of the worst: candidates are in order of precedence.
  const worst = candidates.reduce<EntityVerdict | undefined>(
    (w, c) => (!w || RANK[c.severity] > RANK[w.severity] ? c : w),
    undefined,
  );
  // "Healthy" judged from a window the data cover only in part (a back-fill under way) would
  // claim what the missing part may yet disprove; a worse verdict stands as it is.
  const collecting = collectingData(input);
  if (collecting && (!worst || worst.severity === 'ok')) return collecting;
  if (!worst) {
    return {
      kind: 'nothing-to-judge',
      severity: 'pending',
      title: 'Nothing to judge by',
      reason:
        objectives.length === 0
          ? 'No SLOs define how it should behave yet.'
          : 'None of the objectives the policy counts has data yet.',
    };
  }
  const also = candidates
    .filter(c => c !== worst && FACTS.has(c.kind))
    .map(c => c.title);
  return also.length > 0 ? { ...worst, also } : worst;
}
