import { durationToMs, parseOpenSloDuration } from '../openslo/duration';
import type { OpenSloTimeWindow } from '../openslo/types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The nominal length of a calendar unit. Prometheus has no calendar: a range selector is
 * always "the last N seconds", so a calendar window becomes a rolling one of its nominal
 * length (see {@link prometheusPeriod}).
 */
const CALENDAR_UNIT_DAYS: Record<string, number> = {
  w: 7,
  M: 30,
  Q: 90,
  Y: 365,
};

/**
 * The SLO window as Prometheus can express it.
 *
 * @public
 */
export interface PrometheusPeriod {
  /** Its length in ms: the rolling window's, or a calendar window's nominal length. */
  lengthMs: number;
  /** As a Prometheus duration and `sloth_window` label, e.g. `28d`. */
  duration: string;
  /** Whether the SLO's window is a calendar one that the rules replace by a rolling one. */
  calendar: boolean;
}

/**
 * The period of an SLO's `timeWindow` in Prometheus: a rolling window as it is; a calendar
 * window (`1M` from a start time in a time zone) as a rolling window of its nominal length
 * (a week 7 days, a month 30, a quarter 90, a year 365), since PromQL cannot start a range
 * at the beginning of a calendar month. Undefined when the duration does not parse (the
 * validator reports it).
 *
 * @public
 */
export function prometheusPeriod(
  timeWindow: OpenSloTimeWindow,
): PrometheusPeriod | undefined {
  let lengthMs: number;
  const calendar = timeWindow.isRolling !== true;
  try {
    const duration = parseOpenSloDuration(timeWindow.duration);
    lengthMs = calendar
      ? duration.amount * (CALENDAR_UNIT_DAYS[duration.unit] ?? NaN) * DAY
      : durationToMs(duration);
  } catch {
    return undefined;
  }
  if (!Number.isSafeInteger(lengthMs) || lengthMs <= 0) return undefined;
  return { lengthMs, duration: formatPromDuration(lengthMs), calendar };
}

const UNITS: Array<[string, number]> = [
  ['d', DAY],
  ['h', HOUR],
  ['m', MINUTE],
  ['s', 1000],
  ['ms', 1],
];

/**
 * A length as a Prometheus duration in the largest unit that divides it (days at most, as
 * Sloth writes its windows): 300000 → `5m`, 2419200000 → `28d`.
 *
 * @public
 */
export function formatPromDuration(ms: number): string {
  for (const [unit, size] of UNITS) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.round(ms)}ms`;
}
