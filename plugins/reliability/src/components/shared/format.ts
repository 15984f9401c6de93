import type { SloState } from '@reliability-suite/plugin-reliability-common';
import {
  formatBudgetLeft,
  formatBurnRate,
  formatPercent,
} from '@reliability-suite/plugin-reliability-common';

export { formatBudgetLeft, formatBurnRate, formatPercent };

/**
 * The one set of number and time rules of the suite's pages. Every figure a page shows goes
 * through one of these, so the same quantity reads the same on every card and list.
 */

/**
 * A share of something (a budget, a team's time) with `digits` decimals at most: "34%",
 * "4.6%". `none` stands where there was nothing to judge by.
 */
export function formatShare(
  share: number | null | undefined,
  digits = 1,
  none = '—',
): string {
  if (share === null || share === undefined || !Number.isFinite(share)) {
    return none;
  }
  return formatPercent(share, digits);
}

/**
 * The budget left where no column header names the figure (cards, captions): "87.3% budget
 * left", and past exhaustion the same words as every list, "3.54× over budget"
 * (`formatBudgetLeft`), never a negative percentage.
 */
export function formatBudgetLeftLabel(
  remaining: number | null | undefined,
): string {
  if (
    remaining === null ||
    remaining === undefined ||
    !Number.isFinite(remaining)
  ) {
    return '—';
  }
  return remaining < 0
    ? formatBudgetLeft(remaining)
    : `${formatPercent(remaining, 1)} budget left`;
}

/**
 * A duration in seconds, minutes, hours and days: "45 s", "7 min", "1 h 30 min",
 * "2 d 3 h"; "—" when the time it needs was not recorded.
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (abs < 60_000) return `${sign}${Math.round(abs / 1000)} s`;
  const minutes = Math.round(abs / 60_000);
  if (minutes < 60) return `${sign}${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  if (hours < 24) {
    return `${sign}${hours} h${restMinutes ? ` ${restMinutes} min` : ''}`;
  }
  // Past a day the minutes are noise: round to the nearest hour.
  const roundHours = Math.round(minutes / 60);
  const days = Math.floor(roundHours / 24);
  const restHours = roundHours % 24;
  return `${sign}${days} d${restHours ? ` ${restHours} h` : ''}`;
}

/** Hours with one decimal at most: "12.5 h". */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours))
    return '—';
  return `${Number(hours.toFixed(1))} h`;
}

/** A count with the locale's grouping: 1234567 → "1,234,567". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Math.round(n).toLocaleString();
}

export const STATE_LABEL: Record<SloState, string> = {
  exhausted: 'Budget exhausted',
  critical: 'Page: fast burn',
  warning: 'Ticket: slow burn',
  healthy: 'Healthy',
  'no-data': 'No data',
};

/** Status colours of Backstage's StatusOK/Warning/Error family, by state. */
export const STATE_SEVERITY: Record<
  SloState,
  'ok' | 'warning' | 'error' | 'pending'
> = {
  exhausted: 'error',
  critical: 'error',
  warning: 'warning',
  healthy: 'ok',
  'no-data': 'pending',
};

export {
  formatDate,
  formatDateTime,
  formatLocalTime,
  formatLocalTimeShort,
  formatMonth,
  localizeTimes,
  localTimeZone,
} from './localTime';
