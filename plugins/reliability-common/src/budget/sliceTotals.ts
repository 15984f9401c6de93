import { BudgetInputError } from './errors';
import type { BudgetingMethod, SliBucket } from './types';

/*
 * Slice totals: the running totals of Timeslices objectives whose slices divide an hour
 * (`evaluatesFromSliceTotals` says why only those; the others read their buckets).
 *
 * Occurrences objectives sum buckets, so any window's counts are the difference of two
 * running totals over buckets. A slice's verdict instead depends on how its own buckets
 * add up against a threshold, so slices are not sums of buckets; they are, though, sums
 * of *slices*. So each slice (each "unit" of the engine's series: a grid slice of short
 * buckets, or a roll-up longer than a slice) gets one row carrying its own weight and
 * credit and the running sums of both over every earlier slice. A window's good and total
 * slices are then the difference of two rows, exactly as for events.
 *
 * A slice's verdict depends on what judges it, so rows belong to a **variant**: the
 * method, the slice length, the slice grid (its origin modulo the slice length: 0 for a
 * rolling window, the period start for a calendar one) and, for Timeslices, the
 * good-slice threshold. An SLO revision that changes the threshold mid-window makes the
 * engine ask for the earlier threshold's series over the earlier period: that is another
 * variant, kept beside the first (its rows share the starts, ends and weights; only the
 * credits differ). A changed slice length or method is a new variant built once from the
 * buckets; the engine judges the whole window by the current slice length anyway.
 *
 * Slices without traffic get no row, as they are no unit of the series: missing data is
 * neither good nor bad. The window's first slice may be cut by the window's start and
 * its last may still be filling at the evaluation time; the engine reads those two from
 * their buckets (a slice's worth each, see `sliceEdgeRanges`), so a window costs a dozen
 * lookups and two slices of buckets whatever its length.
 *
 * Keeping rows right is the store's part, done by the pure functions below so that a
 * property test can hold them to a recomputation from scratch:
 * - a write marks the objective stale from its oldest bucket (as for events); the next
 *   evaluation batch recomputes each variant from the mark (`sliceRecomputation`): rows
 *   that ended by the mark's grid slice stay, the rest are rebuilt from their buckets on,
 *   continuing the running sums of the last row kept. Replace and add pushes, late data
 *   and roll-ups are all writes from some bucket on, so all are covered alike, and a
 *   retried push rebuilds the same rows.
 * - retention deletes buckets before a cutoff; rows wholly before it go, and the one slice
 *   the cutoff cuts keeps its running sums but is re-judged by the buckets left
 *   (`retainSliceTotals`). The sums before the oldest row (`sliceTotalsOrigin`) then move
 *   with it, so every later difference still counts exactly the slices stored.
 */

const HOUR_MS = 3_600_000;

/**
 * Whether an objective is evaluated from slice totals: Timeslices objectives whose slice
 * length divides an hour. Only there are the sums exact. A roll-up bucket (an hour) then
 * weighs a whole number of slices and every credit is a whole number, so the running
 * sums and their differences are integers, equal to the full read's sums to the bit.
 * Elsewhere the weights are fractions (60/7 for 7-minute slices, 1/2 for 2-hour ones) or,
 * for RatioTimeslices, the credits are: a window's total as a difference of two running
 * sums then differs from the full read's sum from the window start in the last bits, and
 * a verdict on a threshold (a forecast's label, an alert) can flip on it, as a property
 * test found for 7-minute slices. Those objectives are evaluated from their buckets.
 *
 * @public
 */
export function evaluatesFromSliceTotals(
  method: BudgetingMethod,
  sliceMs: number,
): boolean {
  return (
    method === 'Timeslices' &&
    Number.isSafeInteger(sliceMs) &&
    sliceMs > 0 &&
    HOUR_MS % sliceMs === 0
  );
}

/** What judges a slice, so what a row of slice totals belongs to. @public */
export interface SliceVariant {
  method: Exclude<BudgetingMethod, 'Occurrences'>;
  sliceMs: number;
  /** The slice grid's origin modulo `sliceMs`, in [0, sliceMs). */
  sliceOrigin: number;
  /** Timeslices: the good-slice threshold; 0 for RatioTimeslices. */
  timeSliceTarget: number;
}

/**
 * One slice with traffic (a unit of the engine's series) and the running sums up to and
 * including it. `weight` is 1, or a roll-up's length in slices; `credit` is the weight
 * if the slice was good (Timeslices) or the weight times its good ratio (RatioTimeslices).
 *
 * @public
 */
export interface SliceTotal {
  /** The slice's grid start (a roll-up's start) and its last bucket's end, epoch ms. */
  start: number;
  end: number;
  weight: number;
  credit: number;
  cumWeight: number;
  cumCredit: number;
}

/** The running sums before a row. @public */
export type SliceTotalsBase = Pick<SliceTotal, 'cumWeight' | 'cumCredit'>;

/** A stable key for a variant, e.g. for a store's column. @public */
export function sliceVariantKey(v: SliceVariant): string {
  const judge = v.method === 'Timeslices' ? `:${v.timeSliceTarget}` : '';
  return `${v.method}:${v.sliceMs}:${v.sliceOrigin}${judge}`;
}

/** The variant for a slice grid starting at any `origin` (epoch ms). @public */
export function sliceVariant(
  method: BudgetingMethod,
  sliceMs: number,
  origin: number,
  timeSliceTarget: number,
): SliceVariant {
  if (method !== 'Timeslices') {
    throw new BudgetInputError(
      'budgetingMethod',
      `slice totals are kept for Timeslices objectives only (exact sums); got '${method}'`,
    );
  }
  if (!evaluatesFromSliceTotals(method, sliceMs)) {
    throw new BudgetInputError(
      'objective.timeSliceWindowMs',
      `slice totals are kept for slice lengths dividing an hour (whole roll-up weights); got ${sliceMs}`,
    );
  }
  return {
    method,
    sliceMs,
    sliceOrigin: ((origin % sliceMs) + sliceMs) % sliceMs,
    timeSliceTarget: method === 'Timeslices' ? timeSliceTarget : 0,
  };
}

/** The start of the grid slice `t` falls in. */
export function sliceFloor(v: SliceVariant, t: number): number {
  return (
    v.sliceOrigin + Math.floor((t - v.sliceOrigin) / v.sliceMs) * v.sliceMs
  );
}

/**
 * The rows of `buckets` (sorted, not overlapping), continuing the running sums of `base`.
 * The slices are cut as `buildSeries` cuts them over an unbounded window, with the same
 * additions in the same order, so the sums equal its prefix sums to the last bit.
 *
 * @public
 */
export function sliceTotalsOf(
  buckets: readonly SliBucket[],
  v: SliceVariant,
  base: SliceTotalsBase = { cumWeight: 0, cumCredit: 0 },
): SliceTotal[] {
  const builder = sliceTotalsBuilder(v, base);
  const rows = builder.add(buckets);
  rows.push(...builder.end());
  return rows;
}

/**
 * `sliceTotalsOf` a part of the buckets at a time, for a history too long to hold at once.
 * Any split of the buckets gives the rows of `sliceTotalsOf` on them all.
 *
 * @public
 */
export interface SliceTotalsBuilder {
  /** Takes the next buckets, in order; returns the rows of the slices they closed. */
  add(buckets: readonly SliBucket[]): SliceTotal[];
  /** Returns the row of the last slice, still open (none without buckets). */
  end(): SliceTotal[];
}

/**
 * A builder of the slice totals of buckets that come a part at a time, continuing the
 * running sums of `base`.
 *
 * @public
 */
export function sliceTotalsBuilder(
  v: SliceVariant,
  base: SliceTotalsBase = { cumWeight: 0, cumCredit: 0 },
): SliceTotalsBuilder {
  let { cumWeight, cumCredit } = base;
  let open = false;
  let limit = -Infinity;
  let start = 0;
  let end = 0;
  let good = 0;
  let total = 0;
  let weight = 1;
  const close = (rows: SliceTotal[]) => {
    if (!open || !(total > 0)) return;
    const ratio = good / total;
    let credit = 0;
    if (v.method === 'RatioTimeslices') credit = weight * ratio;
    else if (ratio >= v.timeSliceTarget) credit = weight;
    cumWeight += weight;
    cumCredit += credit;
    rows.push({ start, end, weight, credit, cumWeight, cumCredit });
  };
  return {
    add(buckets) {
      const rows: SliceTotal[] = [];
      for (const b of buckets) {
        const bucketEnd = b.start + b.durationMs;
        const rollUp = b.durationMs > v.sliceMs;
        if (open && b.start < limit && !rollUp) {
          end = bucketEnd;
          good += b.good;
          total += b.total;
          continue;
        }
        close(rows);
        open = true;
        end = bucketEnd;
        good = b.good;
        total = b.total;
        if (rollUp) {
          // A roll-up is a unit of its own, weighing its length in slices.
          start = b.start;
          limit = -Infinity;
          weight = b.durationMs / v.sliceMs;
        } else {
          start = sliceFloor(v, b.start);
          limit = start + v.sliceMs;
          weight = 1;
        }
      }
      return rows;
    },
    end() {
      const rows: SliceTotal[] = [];
      close(rows);
      open = false;
      return rows;
    },
  };
}

/** The running sums before the oldest row still stored (zero without rows). @public */
export function sliceTotalsOrigin(
  rows: readonly SliceTotal[],
): SliceTotalsBase {
  const first = rows[0];
  return first
    ? {
        cumWeight: first.cumWeight - first.weight,
        cumCredit: first.cumCredit - first.credit,
      }
    : { cumWeight: 0, cumCredit: 0 };
}

/**
 * What a recomputation after a write from `since` on must do: keep the first `keep` rows
 * (those that ended by the grid slice `since` falls in: no bucket written from `since`
 * on can join them), and rebuild the rest from the buckets starting at `readFrom` on,
 * continuing from `base`. A roll-up row that the slice start cuts is rebuilt whole.
 *
 * @public
 */
export function sliceRecomputation(
  rows: readonly SliceTotal[],
  v: SliceVariant,
  since: number,
): { keep: number; readFrom: number; base: SliceTotalsBase } {
  const floor = sliceFloor(v, since);
  let keep = 0;
  while (keep < rows.length && rows[keep].end <= floor) keep++;
  const readFrom =
    keep < rows.length ? Math.min(rows[keep].start, floor) : floor;
  const base = keep > 0 ? rows[keep - 1] : sliceTotalsOrigin(rows);
  return {
    keep,
    readFrom,
    base: { cumWeight: base.cumWeight, cumCredit: base.cumCredit },
  };
}

/**
 * The rows after a write from `since` on, given every bucket stored now (a store reads
 * only those from `readFrom` on; the rest are ignored here too).
 *
 * @public
 */
export function recomputeSliceTotals(
  rows: readonly SliceTotal[],
  buckets: readonly SliBucket[],
  v: SliceVariant,
  since: number,
): SliceTotal[] {
  const { keep, readFrom, base } = sliceRecomputation(rows, v, since);
  return [
    ...rows.slice(0, keep),
    ...sliceTotalsOf(
      buckets.filter(b => b.start >= readFrom),
      v,
      base,
    ),
  ];
}

/**
 * The rows after retention deleted every bucket starting before `cutoff`; `remaining` are
 * the buckets left. Rows ended by the cutoff go. The slice the cutoff cuts keeps its
 * running sums and is re-judged by its buckets left (or goes, when they carry no traffic):
 * so the origin moves by what the cut slice lost, and evaluations of windows reaching
 * back past the cutoff see the slices the buckets left make, as the full read does,
 * without rewriting any later row.
 *
 * @public
 */
export function retainSliceTotals(
  rows: readonly SliceTotal[],
  remaining: readonly SliBucket[],
  v: SliceVariant,
  cutoff: number,
): SliceTotal[] {
  const kept = rows.filter(r => r.end > cutoff);
  const cut = kept[0];
  if (!cut || cut.start >= cutoff) return kept;
  const [remnant] = sliceTotalsOf(
    remaining.filter(b => b.start >= cutoff && b.start < cut.end),
    v,
  );
  const rest = kept.slice(1);
  if (!remnant) return rest;
  return [
    {
      ...cut,
      weight: remnant.weight,
      credit: remnant.credit,
    },
    ...rest,
  ];
}
