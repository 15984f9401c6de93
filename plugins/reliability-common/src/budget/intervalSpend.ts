import { allocateSeriesArrays, buildSeries } from './series';
import type {
  BudgetingMethod,
  ObjectiveDefinition,
  SliBucket,
  SloWindow,
} from './types';
import { validateOptions } from './validate';
import { resolveWindow } from './window';

/**
 * The error budget an interval (an incident, a burn episode) consumed.
 *
 * An interval is charged to the window it falls in, against that window's whole budget:
 * for a calendar window, an interval crossing a period boundary is split and each part
 * is a share of its own period's budget (two periods' budgets are two different things;
 * adding their shares would describe neither). For a rolling window, the window is the
 * one ending when the interval ends, which holds all of it unless the interval is longer
 * than the window.
 */

/** The part of an interval inside one SLO window. @public */
export interface WindowPart {
  from: number;
  to: number;
  windowStart: number;
  /** The end of the window whose budget is charged (a calendar period's end). */
  windowEnd: number;
}

/** What an interval's part cost. @public */
export interface SpendPart extends WindowPart {
  /** Bad events (Occurrences) or bad time in ms (time slices) in the part. */
  spent: number;
  /** The window's whole budget, in the same unit. */
  budget: number;
  unit: 'events' | 'ms';
  /** spent / budget; null when the part has no data (or the budget is empty). */
  share: number | null;
}

/** An objective as far as spending its budget goes. @public */
export interface SpendDefinition {
  objective: ObjectiveDefinition;
  budgetingMethod: BudgetingMethod;
  window: SloWindow;
  /** Resolution of the buckets, default 60 000. */
  bucketMs?: number;
}

// An interval spanning more periods than this is not an incident but a mistake in its
// times; cap the work it can cause.
const MAX_PARTS = 400;

/** Splits `[from, to)` at the window's period boundaries. @public */
export function windowParts(
  window: SloWindow,
  from: number,
  to: number,
): WindowPart[] {
  if (!(to > from)) return [];
  if (window.kind === 'rolling') {
    return [{ from, to, windowStart: to - window.durationMs, windowEnd: to }];
  }
  const parts: WindowPart[] = [];
  let t = from;
  while (t < to && parts.length < MAX_PARTS) {
    const resolved = resolveWindow(window, t);
    const end = Math.min(to, resolved.periodEnd);
    parts.push({
      from: t,
      to: end,
      windowStart: resolved.start,
      windowEnd: resolved.periodEnd,
    });
    t = end;
  }
  return parts;
}

const floorTo = (t: number, grid: number, origin: number) =>
  origin + Math.floor((t - origin) / grid) * grid;
const ceilTo = (t: number, grid: number, origin: number) =>
  origin + Math.ceil((t - origin) / grid) * grid;

/**
 * What one part cost. `buckets` must include those of the slices the part touches (any
 * superset sorted by start is fine: the rest is left out); `windowEvents` is, for
 * Occurrences, the events of the part's window up to the part's end — the budget is sized
 * by the traffic seen so far, as in the evaluation. A bucket or slice straddling the
 * part's edge counts whole: its errors cannot be placed more precisely than the bucket.
 *
 * @public
 */
export function spendInPart(
  def: SpendDefinition,
  part: WindowPart,
  buckets: readonly SliBucket[],
  windowEvents: number,
): SpendPart {
  const options = validateOptions({ ...def, at: part.to });
  const method = def.budgetingMethod;
  const sliced = method !== 'Occurrences';
  const origin = def.window.kind === 'calendar' ? part.windowStart : 0;
  const grid = sliced ? options.sliceMs : options.bucketMs;
  const lo = Math.max(part.windowStart, floorTo(part.from, grid, origin));
  const hi = ceilTo(part.to, grid, origin);
  const inside = buckets.filter(
    b =>
      b.start < hi &&
      b.start + b.durationMs > lo &&
      b.start >= part.windowStart,
  );
  const budget = sliced
    ? options.allowedErrorRate * (part.windowEnd - part.windowStart)
    : options.allowedErrorRate * windowEvents;
  const unit = sliced ? 'ms' : 'events';
  if (inside.length === 0) {
    return { ...part, spent: 0, budget, unit, share: null };
  }
  const last = inside[inside.length - 1];
  const series = buildSeries(
    inside,
    {
      method,
      windowStart: Math.min(lo, inside[0].start),
      at: Math.max(hi, last.start + last.durationMs),
      sliceMs: options.sliceMs,
      sliceOrigin: origin,
      timeSliceTarget: options.timeSliceTarget,
    },
    allocateSeriesArrays(inside.length),
  );
  const good = series.good[series.length];
  const total = series.total[series.length];
  const bad = Math.max(0, total - good);
  const spent = sliced ? bad * options.sliceMs : bad;
  return {
    ...part,
    spent,
    budget,
    unit,
    share: total > 0 && budget > 0 ? spent / budget : null,
  };
}

/**
 * What `[from, to)` cost, from buckets held in memory that cover each part's window up to
 * the part's end (e.g. the current window's buckets, for a burn episode inside it).
 *
 * @public
 */
export function intervalSpend(
  def: SpendDefinition,
  from: number,
  to: number,
  buckets: readonly SliBucket[],
): SpendPart[] {
  return windowParts(def.window, from, to).map(part => {
    let windowEvents = 0;
    for (const b of buckets) {
      if (b.start >= part.windowStart && b.start < part.to) {
        windowEvents += b.total;
      }
    }
    return spendInPart(def, part, buckets, windowEvents);
  });
}

/** The largest share of one window's budget among the parts; null when none has data. @public */
export function largestShare(parts: readonly SpendPart[]): number | null {
  let best: number | null = null;
  for (const p of parts) {
    if (p.share !== null && (best === null || p.share > best)) best = p.share;
  }
  return best;
}
