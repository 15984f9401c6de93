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
  /** The headline, e.g. "Release freeze in force". */
  title: string;
  /** Why, in one sentence. */
  reason: string;
};

/** One objective as the verdict reads it. @public */
export type VerdictObjective = {
  /** The objective's name for people, e.g. "Ledger availability". */
  title: string;
  /** Its SLO state: exhausted, critical, warning, healthy or no-data. */
  state: string;
  alerts: Array<{ severity: 'page' | 'ticket'; firing: boolean }>;
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

/** A policy's states, best first, as far as the verdict needs them. @public */
export type VerdictPolicy = {
  states: Array<Pick<PolicyStateSpec, 'name' | 'title'>>;
};

/** @public */
export type VerdictInput = {
  policy: VerdictPolicy;
  status: {
    state: string | null;
    consequences?: string | null;
    remaining: number | null;
    /** How many of the objectives the policy counts have data for part of their window. */
    partial?: number;
  };
  /** The release freeze in force, if any. */
  freeze: { reason: string } | null;
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

/**
 * The entity's verdict: the worst of a freeze in force, the policy state, exhausted budgets,
 * firing alerts and its components. Of equally bad ones the freeze comes first (releases
 * are blocked whatever the budget says), then the policy's own state, then the budgets and
 * alerts that explain it.
 *
 * @public
 */
export function entityVerdict(input: VerdictInput): EntityVerdict {
  const { freeze, policy, status, objectives } = input;
  const candidates: EntityVerdict[] = [];
  if (freeze) {
    candidates.push({
      kind: 'freeze',
      severity: 'error',
      title: 'Release freeze in force',
      // Who enacted it, when and why is the freeze's own detail, shown beside it.
      reason:
        'Releases are blocked at the deploy gate until the freeze is lifted.',
    });
  }
  const policySeverity = policyStateSeverity(policy, status.state);
  if (status.state !== null) {
    const title =
      policy.states.find(s => s.name === status.state)?.title ?? status.state;
    candidates.push({
      kind: 'policy',
      severity: policySeverity,
      title,
      reason:
        status.consequences ||
        `The error-budget policy's state from the budget remaining.`,
    });
  }
  const exhausted = objectives.filter(o => o.state === 'exhausted');
  if (exhausted.length > 0) {
    candidates.push({
      kind: 'exhausted',
      severity: 'error',
      title: 'Error budget exhausted',
      reason: `No budget left on ${names(exhausted.map(o => o.title))}.`,
    });
  }
  const firing = (severity: 'page' | 'ticket') =>
    objectives.filter(o =>
      o.alerts.some(a => a.firing && a.severity === severity),
    );
  const paging = firing('page');
  if (paging.length > 0) {
    candidates.push({
      kind: 'page',
      severity: 'error',
      title: 'Burning fast: page alert firing',
      reason: `A page-tier burn-rate alert fires on ${names(
        paging.map(o => o.title),
      )}.`,
    });
  }
  const ticketing = firing('ticket');
  if (ticketing.length > 0) {
    candidates.push({
      kind: 'ticket',
      severity: 'warning',
      title: 'Burning: ticket alert firing',
      reason: `A ticket-tier burn-rate alert fires on ${names(
        ticketing.map(o => o.title),
      )}.`,
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
  return (
    worst ?? {
      kind: 'nothing-to-judge',
      severity: 'pending',
      title: 'Nothing to judge by',
      reason:
        objectives.length === 0
          ? 'No SLOs define how it should behave yet.'
          : 'None of the objectives the policy counts has data yet.',
    }
  );
}
