import type { SloState } from '@reliability-suite/plugin-reliability-common';

/** 0.99935 → "99.935%"; enough digits to tell 99.9% from 99.99%. */
export function formatPercent(fraction: number | null, digits = 3): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  const pct = fraction * 100;
  return `${Number(pct.toFixed(digits)).toString()}%`;
}

/**
 * 24 → "24×", 13.44 → "13.4×", 0.933 → "0.93×": three significant digits. A rate and the
 * threshold it is compared with go through the same rounding, so a firing alert never
 * reads as below its threshold ("13× … pages at 13.4×").
 */
export function formatBurnRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  if (rate === 0) return '0×';
  if (rate < 0.01) return '<0.01×';
  let digits = 2;
  if (rate >= 100) digits = 0;
  else if (rate >= 10) digits = 1;
  return `${Number(rate.toFixed(digits)).toString()}×`;
}

export function formatDurationMs(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${Number(hours.toFixed(1))} h`;
  return `${Number((hours / 24).toFixed(1))} d`;
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
