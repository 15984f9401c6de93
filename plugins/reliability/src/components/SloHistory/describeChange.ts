import type { SloRevision } from '@reliability-suite/plugin-reliability-common';
import { formatDuration, formatPercent } from '../shared/format';

type Change = SloRevision['changes'][number];

const pct = (v: unknown) => formatPercent(typeof v === 'number' ? v : null);

function sliceText(v: unknown): string {
  const s = (v ?? {}) as { target?: number; windowMs?: number };
  const parts = [];
  if (s.target !== undefined) parts.push(`good slice ≥ ${pct(s.target)}`);
  if (s.windowMs !== undefined) {
    parts.push(`${formatDuration(s.windowMs)} slices`);
  }
  return parts.join(', ') || 'none';
}

/** One change of an SLO definition in words, as an SLO review would say it. */
export function describeChange(change: Change): string {
  const c = change as Change & Record<string, unknown>;
  switch (c.kind) {
    case 'created':
      return 'First definition';
    case 'target':
      return `Target of ${c.objective} ${c.direction} from ${pct(
        c.before,
      )} to ${pct(c.after)}`;
    case 'window':
      return `Window changed from ${c.before} to ${c.after}`;
    case 'budgeting-method':
      return `Budgeting method changed from ${c.before} to ${c.after}`;
    case 'objective-added':
      return `Objective ${c.objective} added (target ${pct(c.target)})`;
    case 'objective-removed':
      return `Objective ${c.objective} removed (was ${pct(c.target)})`;
    case 'indicator':
      return c.before === c.after && c.after
        ? `Indicator ${c.after} changed (what the SLI measures)`
        : `Indicator changed from ${c.before ?? 'an inline one'} to ${
            c.after ?? 'an inline one'
          } (what the SLI measures)`;
    case 'time-slice':
      return `Time slices of ${c.objective} changed from ${sliceText(
        c.before,
      )} to ${sliceText(c.after)}`;
    default:
      return String(c.kind);
  }
}
