import { COLLECTING_DATA_TITLE } from '@reliability-suite/plugin-reliability-common';
import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import { formatBudgetLeftLabel, formatPercent } from './format';

type Coverage = Pick<ObjectiveStatus, 'state' | 'dataCoverage'> & {
  dataQuality?: ObjectiveStatus['dataQuality'];
};

/** The label of an objective whose window is healthy so far but only partly covered. */
export const COLLECTING_LABEL = COLLECTING_DATA_TITLE;

/**
 * Whether the objective reads as collecting data: healthy on a window its data cover only
 * in part (a back-fill under way). "Healthy, 100% left" would claim what the missing part
 * may yet disprove; a worse state is shown as it is, since more data cannot undo it quickly.
 */
export function isCollectingData(status: Coverage): boolean {
  return status.dataQuality === 'partial' && status.state === 'healthy';
}

/** "Partial data: 40% of the window", or without the share for a snapshot stored without it. */
export function partialDataText(status: Coverage): string {
  return status.dataCoverage === undefined
    ? 'Partial data'
    : `Partial data: ${formatPercent(
        Math.floor(status.dataCoverage * 100) / 100,
        0,
      )} of the window`;
}

/**
 * The budget in a few words for lists and cards: nothing without data, the coverage alone
 * while collecting data, else the budget left (with the coverage when partial).
 */
export function budgetLeftText(
  status: Coverage & Pick<ObjectiveStatus, 'errorBudget'>,
): string {
  if (status.dataQuality === 'no-data') return '';
  if (isCollectingData(status)) return partialDataText(status);
  const left = formatBudgetLeftLabel(status.errorBudget.remaining);
  return status.dataQuality === 'partial'
    ? `${left} · ${partialDataText(status)}`
    : left;
}

/**
 * A policy's state reads as collecting data when it is the policy's best state and some of
 * the objectives it was judged from have data for part of their window only.
 */
export function isPolicyCollectingData(
  severity: 'ok' | 'warning' | 'error' | 'pending',
  partial: number | undefined,
): boolean {
  return severity === 'ok' && (partial ?? 0) > 0;
}
