/**
 * How operational work is turned into hours and weighed against an SRE team's time. The
 * defaults follow the Google SRE book's cap (at most 50 % of an SRE's time on operational
 * work) and its estimate that one page costs hours, not minutes, once diagnosis, follow-up
 * and the postmortem are counted.
 */

/** @public */
export type TimeBudgetSettings = {
  /** The largest share of the team's time operational work may take (above 0, at most 1). */
  cap: number;
  /** Engineer-hours one page costs: response, diagnosis, follow-up. */
  hoursPerPage: number;
  /** Engineer-hours one hour of incident costs: commander and responders together. */
  hoursPerIncidentHour: number;
  /** Engineer-hours one ticket-tier alert costs. */
  hoursPerTicket: number;
  /** Hours one member has for work in a month (after leave, meetings, training). */
  hoursPerMemberPerMonth: number;
};

/** @public */
export const DEFAULT_TIME_BUDGET_SETTINGS: TimeBudgetSettings = {
  cap: 0.5,
  hoursPerPage: 2,
  hoursPerIncidentHour: 3,
  hoursPerTicket: 1,
  hoursPerMemberPerMonth: 140,
};

const KEYS = Object.keys(DEFAULT_TIME_BUDGET_SETTINGS) as Array<
  keyof TimeBudgetSettings
>;

/**
 * Reads the settings from a config section (a plain object, or undefined for all
 * defaults): every problem names its key under `path`.
 *
 * @public
 */
export function readTimeBudgetSettings(
  raw: unknown,
  path = 'reliability.sreTime',
): { settings: TimeBudgetSettings; problems: string[] } {
  const settings = { ...DEFAULT_TIME_BUDGET_SETTINGS };
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, problems: [`${path}: must be an object`] };
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!(KEYS as string[]).includes(key)) {
      problems.push(
        `${path}.${key}: unknown setting; known are ${KEYS.join(', ')}`,
      );
    }
  }
  for (const key of KEYS) {
    const value = obj[key];
    if (value === undefined) continue;
    const shown = JSON.stringify(value);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`${path}.${key}: must be a number; got ${shown}`);
    } else if (key === 'cap' && !(value > 0 && value <= 1)) {
      problems.push(
        `${path}.cap: must be a share above 0 and at most 1 (0.5 is 50 %); got ${shown}`,
      );
    } else if (key === 'hoursPerMemberPerMonth' && !(value > 0)) {
      problems.push(`${path}.${key}: must be above 0; got ${shown}`);
    } else if (!(value >= 0)) {
      problems.push(`${path}.${key}: must be 0 or more; got ${shown}`);
    } else {
      settings[key] = value;
    }
  }
  return { settings, problems };
}
