import { EngagementModel, ENGAGEMENT_MODELS } from '../annotations';

/** The concerns of running a service that the matrix assigns. @public */
export const RESPONSIBILITY_CONCERNS = [
  'slo-definition',
  'monitoring-alerting',
  'oncall-primary',
  'oncall-secondary',
  'incident-command',
  'postmortems',
  'capacity-planning',
  'release-management',
  'toil-automation',
] as const;

/** @public */
export type ResponsibilityConcern = (typeof RESPONSIBILITY_CONCERNS)[number];

/** Titles for the concerns, for people. @public */
export const CONCERN_TITLES: Record<ResponsibilityConcern, string> = {
  'slo-definition': 'SLO definition',
  'monitoring-alerting': 'Monitoring and alerting',
  'oncall-primary': 'On-call (primary)',
  'oncall-secondary': 'On-call (secondary)',
  'incident-command': 'Incident command',
  postmortems: 'Postmortems',
  'capacity-planning': 'Capacity planning',
  'release-management': 'Release management',
  'toil-automation': 'Toil automation',
};

/** The two parties of the shared-responsibility model. @public */
export const RESPONSIBILITY_PARTIES = ['owner', 'sre'] as const;

/** @public */
export type ResponsibilityParty = (typeof RESPONSIBILITY_PARTIES)[number];

/**
 * RACI letters of one party for one concern: any of R (responsible), A (accountable),
 * C (consulted), I (informed), in that order, or empty for not involved.
 *
 * @public
 */
export type RaciLetters = string;

/** @public */
export type ResponsibilityMatrix = Record<
  EngagementModel,
  Record<ResponsibilityConcern, Record<ResponsibilityParty, RaciLetters>>
>;

const row = (owner: RaciLetters, sre: RaciLetters) => ({ owner, sre });

/**
 * The default matrix: without SRE (`none`) the owning team does everything; consulting SREs
 * advise; during onboarding SREs take on the work alongside the team; once supported, SREs run
 * production (on-call, incidents, capacity) while the team stays accountable for its SLOs and
 * ships its releases within the error-budget policy.
 *
 * @public
 */
export const DEFAULT_RESPONSIBILITY_MATRIX: ResponsibilityMatrix = {
  none: {
    'slo-definition': row('RA', ''),
    'monitoring-alerting': row('RA', ''),
    'oncall-primary': row('RA', ''),
    'oncall-secondary': row('RA', ''),
    'incident-command': row('RA', ''),
    postmortems: row('RA', ''),
    'capacity-planning': row('RA', ''),
    'release-management': row('RA', ''),
    'toil-automation': row('RA', ''),
  },
  consulting: {
    'slo-definition': row('RA', 'C'),
    'monitoring-alerting': row('RA', 'C'),
    'oncall-primary': row('RA', ''),
    'oncall-secondary': row('RA', ''),
    'incident-command': row('RA', 'I'),
    postmortems: row('RA', 'C'),
    'capacity-planning': row('RA', 'C'),
    'release-management': row('RA', ''),
    'toil-automation': row('RA', 'C'),
  },
  onboarding: {
    'slo-definition': row('A', 'R'),
    'monitoring-alerting': row('A', 'R'),
    'oncall-primary': row('RA', 'I'),
    'oncall-secondary': row('A', 'R'),
    'incident-command': row('RA', 'C'),
    postmortems: row('RA', 'C'),
    'capacity-planning': row('A', 'R'),
    'release-management': row('RA', 'C'),
    'toil-automation': row('A', 'R'),
  },
  supported: {
    'slo-definition': row('A', 'R'),
    'monitoring-alerting': row('C', 'RA'),
    'oncall-primary': row('I', 'RA'),
    'oncall-secondary': row('R', 'A'),
    'incident-command': row('C', 'RA'),
    postmortems: row('R', 'A'),
    'capacity-planning': row('C', 'RA'),
    'release-management': row('RA', 'C'),
    'toil-automation': row('I', 'RA'),
  },
};

const RACI = /^R?A?C?I?$/;

/**
 * Merges a matrix from app-config over the default, checking every value; problems name
 * the config path (`reliability.responsibility.matrix.supported.postmortems.sre`).
 *
 * @public
 */
export function mergeResponsibilityMatrix(
  override: unknown,
  path = 'reliability.responsibility.matrix',
): { matrix: ResponsibilityMatrix; problems: string[] } {
  const matrix = JSON.parse(
    JSON.stringify(DEFAULT_RESPONSIBILITY_MATRIX),
  ) as ResponsibilityMatrix;
  const problems: string[] = [];
  if (override === undefined || override === null) return { matrix, problems };
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(override)) {
    return { matrix, problems: [`${path}: must be an object`] };
  }
  for (const [engagement, concerns] of Object.entries(override)) {
    const p1 = `${path}.${engagement}`;
    if (!(ENGAGEMENT_MODELS as readonly string[]).includes(engagement)) {
      problems.push(
        `${p1}: unknown engagement model; one of ${ENGAGEMENT_MODELS.join(', ')}`,
      );
      continue;
    }
    if (!isObj(concerns)) {
      problems.push(`${p1}: must be an object of concerns`);
      continue;
    }
    for (const [concern, parties] of Object.entries(concerns)) {
      const p2 = `${p1}.${concern}`;
      if (!(RESPONSIBILITY_CONCERNS as readonly string[]).includes(concern)) {
        problems.push(
          `${p2}: unknown concern; one of ${RESPONSIBILITY_CONCERNS.join(', ')}`,
        );
        continue;
      }
      if (!isObj(parties)) {
        problems.push(`${p2}: must be an object with owner and/or sre`);
        continue;
      }
      for (const [party, letters] of Object.entries(parties)) {
        const p3 = `${p2}.${party}`;
        if (!(RESPONSIBILITY_PARTIES as readonly string[]).includes(party)) {
          problems.push(`${p3}: unknown party; one of owner, sre`);
        } else if (typeof letters !== 'string' || !RACI.test(letters)) {
          problems.push(
            `${p3}: must be RACI letters in that order (e.g. RA, C, or '' for none); got ${JSON.stringify(
              letters,
            )}`,
          );
        } else {
          matrix[engagement as EngagementModel][
            concern as ResponsibilityConcern
          ][party as ResponsibilityParty] = letters;
        }
      }
    }
  }
  return { matrix, problems };
}
