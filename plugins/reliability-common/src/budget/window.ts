import { DateTime } from 'luxon';
import { BudgetInputError } from './errors';
import type { CalendarUnit, SloWindow } from './types';

/**
 * A window resolved to epoch milliseconds. Data counts from `[start, end)`; the budget is
 * sized for `[start, periodEnd)`, which for a calendar window is the whole period, not just
 * the part elapsed so far.
 *
 * @public
 */
export interface ResolvedWindow {
  start: number;
  /** The evaluation time. */
  end: number;
  /** The end of the calendar period; equal to `end` for rolling windows. */
  periodEnd: number;
}

const LUXON_UNIT = {
  Week: 'week',
  Month: 'month',
  Quarter: 'quarter',
  Year: 'year',
} as const;

const LUXON_UNITS = {
  Week: 'weeks',
  Month: 'months',
  Quarter: 'quarters',
  Year: 'years',
} as const;

/**
 * Whole calendar units from `from` to `to`, both at the start of a unit in the same zone.
 * Counted on local dates rather than elapsed ms, because DST makes weeks, months and years
 * unequal in ms.
 */
function unitsBetween(
  from: DateTime,
  to: DateTime,
  unit: CalendarUnit,
): number {
  switch (unit) {
    case 'Week':
      return Math.round(
        (Date.UTC(to.year, to.month - 1, to.day) -
          Date.UTC(from.year, from.month - 1, from.day)) /
          (7 * 86_400_000),
      );
    case 'Month':
      return (to.year - from.year) * 12 + (to.month - from.month);
    case 'Quarter':
      return ((to.year - from.year) * 12 + (to.month - from.month)) / 3;
    default:
      return to.year - from.year;
  }
}

/**
 * Resolves an SLO window at evaluation time `at`.
 *
 * Rolling: `[at - durationMs, at)`. Calendar: the period containing `at` in the window's
 * time zone (weeks start Monday 00:00 local). Multi-unit periods (`count` above 1) are counted
 * from the start of the unit containing `startTime`, so `startTime` picks which weeks pair
 * up into fortnights but never moves a period off the calendar grid.
 *
 * @public
 */
export function resolveWindow(window: SloWindow, at: number): ResolvedWindow {
  if (!Number.isFinite(at)) {
    throw new BudgetInputError('at', `must be a finite epoch ms; got ${at}`);
  }
  if (window.kind === 'rolling') {
    const { durationMs } = window;
    if (!(durationMs > 0) || !Number.isFinite(durationMs)) {
      throw new BudgetInputError(
        'window.durationMs',
        `must be a positive finite number of ms; got ${durationMs}`,
      );
    }
    return { start: at - durationMs, end: at, periodEnd: at };
  }
  if (window.kind !== 'calendar') {
    throw new BudgetInputError(
      'window.kind',
      `must be 'rolling' or 'calendar'; got '${
        (window as { kind: unknown }).kind
      }'`,
    );
  }

  const { unit, count, startTime, timeZone } = window;
  if (!Object.prototype.hasOwnProperty.call(LUXON_UNIT, unit)) {
    throw new BudgetInputError(
      'window.unit',
      `must be Week, Month, Quarter or Year; got '${unit}'`,
    );
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new BudgetInputError(
      'window.count',
      `must be a positive integer; got ${count}`,
    );
  }
  const local = DateTime.fromMillis(at, { zone: timeZone });
  if (!local.isValid) {
    throw new BudgetInputError(
      'window.timeZone',
      `must be an IANA time zone such as Europe/Berlin; got '${timeZone}'`,
    );
  }
  // An ISO time without an offset is read as local time in the window's zone, which is
  // what a user writing "2026-01-05T00:00:00" for a Berlin SLO means.
  const origin = DateTime.fromISO(startTime, { zone: timeZone });
  if (!origin.isValid) {
    throw new BudgetInputError(
      'window.startTime',
      `must be an ISO 8601 date-time; got '${startTime}'`,
    );
  }

  const anchor = origin.startOf(LUXON_UNIT[unit]);
  const current = local.startOf(LUXON_UNIT[unit]);
  // Floor, not truncation, so times before startTime fall into the periods before it.
  const offset =
    Math.floor(unitsBetween(anchor, current, unit) / count) * count;
  // Calendar arithmetic in the zone keeps periods at local midnight across DST changes.
  const periodStart = anchor.plus({ [LUXON_UNITS[unit]]: offset });
  const periodEnd = periodStart.plus({ [LUXON_UNITS[unit]]: count });
  return {
    start: periodStart.toMillis(),
    end: at,
    periodEnd: periodEnd.toMillis(),
  };
}
