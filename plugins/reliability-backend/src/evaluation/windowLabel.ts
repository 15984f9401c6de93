import type { SloWindow } from '@reliability-suite/plugin-reliability-common';

const UNIT_MS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
];

/** The SLO window in words, as the UI shows it: "rolling 28d", "calendar month (UTC)". */
export function windowLabel(window: SloWindow): string {
  if (window.kind === 'rolling') {
    const [unit, ms] = UNIT_MS.find(([, m]) => window.durationMs % m === 0) ?? [
      'ms',
      1,
    ];
    return `rolling ${window.durationMs / ms}${unit}`;
  }
  const unit = window.unit.toLocaleLowerCase('en-US');
  const span = window.count === 1 ? unit : `${window.count} ${unit}s`;
  return `calendar ${span} (${window.timeZone})`;
}
