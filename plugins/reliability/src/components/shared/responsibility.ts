import { parseEntityRef } from '@backstage/catalog-model';
import type {
  AuditFindingKind,
  SreTeamLoad,
} from '@reliability-suite/plugin-reliability-common';

/** A value of the responsibility model with the entity that set it. */
export type SourcedValue = {
  value: unknown;
  from: 'entity' | 'system' | 'domain';
  fromRef: string;
};

const KIND_LABEL: Record<string, string> = {
  system: 'System',
  domain: 'Domain',
  component: 'Component',
};

/** "System" for a system reference, the kind as written for others. */
export function kindLabel(kind: string): string {
  return KIND_LABEL[kind.toLocaleLowerCase('en-US')] ?? kind;
}

/**
 * Where an inherited value came from, in words ("from System payments"); undefined when the
 * entity sets it itself.
 */
export function inheritedFromLabel(
  sourced: Pick<SourcedValue, 'from' | 'fromRef'> | null | undefined,
): string | undefined {
  if (!sourced || sourced.from === 'entity') return undefined;
  try {
    const ref = parseEntityRef(sourced.fromRef);
    const kind = KIND_LABEL[ref.kind.toLocaleLowerCase('en-US')] ?? ref.kind;
    const name =
      ref.namespace === 'default' ? ref.name : `${ref.namespace}/${ref.name}`;
    return `from ${kind} ${name}`;
  } catch {
    return `from ${sourced.fromRef}`;
  }
}

/** The letters of the RACI model, in their order, with what they mean. */
export const RACI_LEGEND: Array<[string, string]> = [
  ['R', 'responsible'],
  ['A', 'accountable'],
  ['C', 'consulted'],
  ['I', 'informed'],
];

/** "RA" → "Responsible, accountable"; '' → "Not involved". */
export function raciDescription(letters: string): string {
  const words = RACI_LEGEND.filter(([letter]) => letters.includes(letter)).map(
    ([, word]) => word,
  );
  if (words.length === 0) return 'Not involved';
  const text = words.join(', ');
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

/** The kinds of ownership-audit finding, for people. */
export const FINDING_KIND_TITLES: Record<AuditFindingKind, string> = {
  'no-owner': 'No owner',
  'owner-not-found': 'Owner not in the catalog',
  'owner-without-members': 'Owner without members',
  'sre-team-not-found': 'SRE team not in the catalog',
  'tier-without-oncall': 'Tier without on-call',
  'tier-without-runbook': 'Tier without runbook',
  'tier-without-slo': 'Tier without SLO',
  'slo-without-data': 'SLO without data',
  'sre-team-over-capacity': 'SRE team over capacity',
  'supported-without-review': 'Supported without an approved review',
};

/** A finding kind's title, or the kind itself when this frontend does not know it yet. */
export function findingKindTitle(kind: string): string {
  return FINDING_KIND_TITLES[kind as AuditFindingKind] ?? kind;
}

export { shortRef } from '@reliability-suite/plugin-reliability-common';

/** "load / capacity" in words: 7 / 6, with at most one decimal. */
export function formatLoad(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '—';
  }
  return Number(value.toFixed(1)).toString();
}

/**
 * What an SRE team's service counts are, in words, the same on every page: its supported
 * services (under an engagement that counts) carry its load; others only name it.
 */
export function supportedServicesText(
  load: Pick<SreTeamLoad, 'services' | 'engaged'>,
): string {
  const supported =
    load.services === 1
      ? '1 supported service counts towards the load with its weight'
      : `${load.services} supported services count towards the load, each with its weight`;
  if (!load.engaged) return `${supported}.`;
  return `${supported}; ${load.engaged} more name${
    load.engaged === 1 ? 's' : ''
  } the team under another engagement (consulting, onboarding) and weigh${
    load.engaged === 1 ? 's' : ''
  } 0.`;
}
