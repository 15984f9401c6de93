import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import {
  formatBurnRate,
  formatDuration,
  formatLocalTimeShort,
  formatPercent,
} from '../shared/format';

/** The "Budget runs out" figure: the headline and what it rests on. */
export interface ForecastText {
  value: string;
  note?: string;
}

/**
 * When the budget runs out at the current burn, saying which burn. The engine's forecast
 * extrapolates the rate over `forecastBurnWindow`: the fastest firing tier's long window
 * (the rate its chip shows), else the lower of 3d and 6h.
 *
 * With no tier firing, a burn below the share left would need more than a whole window
 * to spend it (remaining × window / burn > window): a rolling window replenishes and a
 * calendar one starts afresh before, so no date is given. A firing tier always gets its
 * date, so the forecast never says "not at this burn" while an alert says it is too fast.
 */
export function forecastText(status: ObjectiveStatus): ForecastText {
  const remaining = status.errorBudget.remaining;
  if (remaining <= 0) return { value: 'already spent' };
  const window = status.forecastBurnWindow;
  const exhaustsAt = status.forecastExhaustionAt
    ? Date.parse(status.forecastExhaustionAt)
    : null;
  const evaluatedAt = Date.parse(status.windowEnd);
  if (!window) {
    // A status stored before the forecast named its burn.
    return exhaustsAt === null
      ? { value: 'not at this rate' }
      : { value: formatLocalTimeShort(exhaustsAt) };
  }
  const rate = status.burnRates[window] ?? null;
  if (rate === null) return { value: '—', note: `no data over ${window}` };
  const at = `${formatBurnRate(rate)} over ${window}`;
  const firing = status.alerts.some(a => a.firing);
  if (exhaustsAt === null || rate === 0) {
    return { value: 'not at this burn', note: `${at}: nothing is being spent` };
  }
  if (!firing && rate < remaining) {
    return {
      value: 'not at this burn',
      note: `${at}: a whole window at it spends ${formatPercent(
        rate,
        0,
      )} of the budget`,
    };
  }
  return {
    value: `in ${formatDuration(Math.max(0, exhaustsAt - evaluatedAt))}`,
    note: `${formatLocalTimeShort(exhaustsAt)}, at ${at}`,
  };
}
