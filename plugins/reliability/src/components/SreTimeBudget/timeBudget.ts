import type {
  SreTimeBudgetSummary,
  SreTimeMonth,
} from '@reliability-suite/plugin-reliability-common';
import { formatHours, formatShare } from '../shared/format';

/** The trend as words: "rising (+5 points a month)". */
export function trendLabel(trend: SreTimeBudgetSummary['trend']): string {
  if (trend.direction === null || trend.perMonth === null) {
    return 'not enough complete months yet';
  }
  const points = Math.round(trend.perMonth * 100);
  const sign = points > 0 ? '+' : '';
  return `${trend.direction} (${sign}${points} points a month)`;
}

/** Why a month is over the cap, in a sentence's words: "62% of 560 h". */
export function shareOfHours(m: SreTimeMonth): string {
  return `${formatShare(m.share, 0)} of ${formatHours(m.teamHours)}`;
}
