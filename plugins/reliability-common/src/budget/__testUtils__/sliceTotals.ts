import fc from 'fast-check';
import type { EvaluationSpec } from '../evaluate';
import type { RunningTotal } from '../runningTotals';
import {
  SliceReadings,
  SliceTotalReadings,
  sliceEdgeRanges,
  sliceTotalQueries,
} from '../sliceSeries';
import {
  SliceTotal,
  SliceVariant,
  sliceTotalsOrigin,
  sliceVariantKey,
} from '../sliceTotals';
import type { SliBucket } from '../types';
import { resolveWindow } from '../window';
import { HOUR, MINUTE } from './buckets';
import { readRunningTotals, runningTotalsOf } from './runningTotals';

/**
 * Reads slice totals as a store does: each variant's rows by lookups (a scan here), the
 * edge ranges' buckets of those `stored`, and the event running totals.
 */
export function readSliceTotals(
  spec: EvaluationSpec,
  stored: readonly SliBucket[],
  rowsOf: (v: SliceVariant) => SliceTotal[],
  events: { rows: RunningTotal[]; origin?: RunningTotal } = {
    rows: runningTotalsOf(stored),
  },
): SliceReadings {
  const q = sliceTotalQueries(spec);
  const lastWhere = (rows: SliceTotal[], keep: (r: SliceTotal) => boolean) =>
    rows.filter(keep).pop();
  const slices = new Map<string, SliceTotalReadings>();
  for (const v of q.variants) {
    const rows = rowsOf(v);
    slices.set(sliceVariantKey(v), {
      startingBefore: new Map(
        q.startingBefore.map(t => [t, lastWhere(rows, r => r.start < t)]),
      ),
      endedBy: new Map(
        q.endedBy.map(t => [t, lastWhere(rows, r => r.end <= t)]),
      ),
      origin: sliceTotalsOrigin(rows),
    });
  }
  const windowStart = resolveWindow(spec.window, spec.at).start;
  const current = slices.get(sliceVariantKey(q.variants[0]))!;
  const ranges = sliceEdgeRanges(
    spec,
    current.startingBefore.get(windowStart),
    current.endedBy.get(spec.at),
  );
  return {
    slices,
    edgeBuckets: stored.filter(b =>
      ranges.some(r => b.start >= r.from && b.start < r.to),
    ),
    events: readRunningTotals(events.rows, q.events, events.origin),
  };
}

/** A push or a roll-up, as the store applies it. */
export type Write =
  | { kind: 'replace' | 'add'; index: number; good: number; total: number }
  | { kind: 'late'; minutesBeforeAt: number; good: number; total: number }
  | { kind: 'rollUp'; index: number };

export const writeArb: fc.Arbitrary<Write> = (() => {
  const counts = fc
    .tuple(fc.nat(1000), fc.nat(1000))
    .map(([a, b]) => ({ good: Math.min(a, b), total: Math.max(a, b) }));
  return fc.oneof(
    fc
      .tuple(
        fc.constantFrom('replace' as const, 'add' as const),
        fc.nat(),
        counts,
      )
      .map(([kind, index, c]) => ({ kind, index, ...c })),
    fc
      .tuple(fc.integer({ min: -60, max: 3 * 1440 }), counts)
      .map(([minutesBeforeAt, c]) => ({
        kind: 'late' as const,
        minutesBeforeAt,
        ...c,
      })),
    fc.nat().map(index => ({ kind: 'rollUp' as const, index })),
  );
})();

/**
 * The buckets after `write` and the oldest bucket start it touched (the stale mark);
 * undefined when the write does not apply (no bucket there, or a minute already taken).
 */
export function bucketWrite(
  buckets: readonly SliBucket[],
  write: Write,
  at: number = Date.parse('2026-03-29T00:00:00Z'),
): { buckets: SliBucket[]; since: number } | undefined {
  const next = [...buckets];
  if (write.kind === 'late') {
    const start =
      Math.floor(at / MINUTE) * MINUTE - write.minutesBeforeAt * MINUTE;
    if (
      buckets.some(
        b => b.start < start + MINUTE && b.start + b.durationMs > start,
      )
    ) {
      return undefined;
    }
    next.push({
      start,
      durationMs: MINUTE,
      good: write.good,
      total: write.total,
    });
    next.sort((a, b) => a.start - b.start);
    return { buckets: next, since: start };
  }
  if (buckets.length === 0) return undefined;
  const i = write.index % buckets.length;
  const b = buckets[i];
  if (write.kind === 'replace') {
    next[i] = { ...b, good: write.good, total: write.total };
    return { buckets: next, since: b.start };
  }
  if (write.kind === 'add') {
    next[i] = { ...b, good: b.good + write.good, total: b.total + write.total };
    return { buckets: next, since: b.start };
  }
  // Roll-up: the minutes of bucket i's hour become one bucket covering their time.
  const hour = Math.floor(b.start / HOUR) * HOUR;
  const inHour = buckets.filter(x => x.start >= hour && x.start < hour + HOUR);
  if (inHour.some(x => x.durationMs !== MINUTE)) return undefined;
  const rolled: SliBucket = {
    start: hour,
    durationMs: HOUR,
    good: inHour.reduce((s, x) => s + x.good, 0),
    total: inHour.reduce((s, x) => s + x.total, 0),
    coveredMs: inHour.length * MINUTE,
  };
  return {
    buckets: [...buckets.filter(x => !inHour.includes(x)), rolled].sort(
      (a, c) => a.start - c.start,
    ),
    since: hour,
  };
}
