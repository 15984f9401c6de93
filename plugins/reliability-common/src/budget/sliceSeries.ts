import { BudgetInputError } from './errors';
import { EvaluationSpec, evaluateSeries, prepareEvaluation } from './evaluate';
import {
  RunningTotalReadings,
  lookupTimes,
  seriesFromRunningTotals,
} from './runningTotals';
import {
  BudgetSeries,
  SeriesOptions,
  allocateSeriesArrays,
  buildSeries,
} from './series';
import {
  SliceTotal,
  SliceTotalsBase,
  SliceVariant,
  evaluatesFromSliceTotals,
  sliceFloor,
  sliceVariant,
  sliceVariantKey,
} from './sliceTotals';
import type { ObjectiveEvaluation, SliBucket } from './types';

/**
 * The evaluation of Timeslices objectives (slice lengths dividing an hour: see
 * `evaluatesFromSliceTotals`) from slice totals (see
 * `sliceTotals.ts` for what they are and how a store keeps them right).
 */

/**
 * The answers to a variant's lookups, as {@link RunningTotalReadings} for events: for each
 * time the last row starting before it, and the last row ended by it.
 *
 * @public
 */
export interface SliceTotalReadings {
  startingBefore: ReadonlyMap<number, SliceTotal | undefined>;
  endedBy: ReadonlyMap<number, SliceTotal | undefined>;
  /** The running sums before the oldest row still stored (`sliceTotalsOrigin`). */
  origin?: SliceTotalsBase;
}

/** What {@link evaluateFromSliceTotals} needs read for a spec. @public */
export interface SliceTotalQueries {
  /** Every variant the evaluation judges slices by: the current one first. */
  variants: SliceVariant[];
  /** The lookups, asked of every variant. */
  startingBefore: number[];
  endedBy: number[];
  /** The event running totals' lookups: the window's edges. */
  events: { startingBefore: number[]; endedBy: number[] };
}

/** Everything {@link evaluateFromSliceTotals} reads. @public */
export interface SliceReadings {
  /** By variant key (`sliceVariantKey`). */
  slices: ReadonlyMap<string, SliceTotalReadings>;
  /** The buckets of `sliceEdgeRanges`; any others are ignored. */
  edgeBuckets: readonly SliBucket[];
  /** The objective's event running totals at `events` of the queries. */
  events: RunningTotalReadings;
}

/** Refuses specs `evaluatesFromSliceTotals` leaves to the full read, naming the field. */
function checkSliced(spec: EvaluationSpec): void {
  if (spec.budgetingMethod !== 'Timeslices') {
    throw new BudgetInputError(
      'budgetingMethod',
      `slice totals evaluate Timeslices objectives only (exact sums); got '${spec.budgetingMethod}'`,
    );
  }
  const { sliceMs } = prepareEvaluation(spec).seriesOptions;
  if (!evaluatesFromSliceTotals(spec.budgetingMethod, sliceMs)) {
    throw new BudgetInputError(
      'objective.timeSliceWindowMs',
      `slice totals evaluate slice lengths dividing an hour only (whole roll-up weights); got ${sliceMs}`,
    );
  }
}

function variantOf(options: SeriesOptions, timeSliceTarget: number) {
  return sliceVariant(
    options.method,
    options.sliceMs,
    options.sliceOrigin,
    timeSliceTarget,
  );
}

/** The reads {@link evaluateFromSliceTotals} needs for `spec`. @public */
export function sliceTotalQueries(spec: EvaluationSpec): SliceTotalQueries {
  checkSliced(spec);
  const { seriesOptions, periods, windowStart } = prepareEvaluation(spec);
  const thresholds = new Set([seriesOptions.timeSliceTarget]);
  for (const p of periods) thresholds.add(p.timeSliceTarget);
  return {
    variants: [...thresholds].map(t => variantOf(seriesOptions, t)),
    ...lookupTimes(spec),
    events: { startingBefore: [windowStart], endedBy: [spec.at] },
  };
}

/**
 * The buckets to read beside the rows, given any variant's answers for the window start
 * (`first`: the last slice starting before it) and the evaluation time (`last`: the last
 * slice ended by it): the window's part of the slice the start cuts, and the slice
 * still filling at `at`. Each is at most two slices long, so the read does not grow with
 * the window. Variants of one spec share their slices, so any one's answers do.
 *
 * @public
 */
export function sliceEdgeRanges(
  spec: EvaluationSpec,
  first: SliceTotal | undefined,
  last: SliceTotal | undefined,
): Array<{ from: number; to: number }> {
  checkSliced(spec);
  const { seriesOptions, windowStart } = prepareEvaluation(spec);
  const v = variantOf(seriesOptions, seriesOptions.timeSliceTarget);
  const { at } = spec;
  const ranges = [];
  if (first && first.end > windowStart) {
    ranges.push({ from: windowStart, to: Math.min(first.end, at) });
  }
  // The slice filling at `at` starts on the grid at most one slice before `at`'s own
  // (a short bucket is no longer than a slice), and after `last`.
  const tailFrom = Math.max(
    windowStart,
    last?.end ?? -Infinity,
    sliceFloor(v, at) - v.sliceMs,
  );
  if (tailFrom < at) ranges.push({ from: tailFrom, to: at });
  return ranges;
}

/**
 * The window's series from slice totals: the cut first slice and the filling last one
 * from their buckets, and between them one unit per stretch of rows between two looked-up
 * times, as `seriesFromRunningTotals` builds it for events. Every question the engine asks
 * of a series is asked at one of those times, so every figure equals the full read's;
 * Timeslices credits are whole slices, so their sums are exact too.
 */
export function seriesFromSliceTotals(
  options: SeriesOptions,
  readings: SliceTotalReadings,
  edgeBuckets: readonly SliBucket[],
  events: RunningTotalReadings,
): BudgetSeries {
  const { windowStart, at } = options;
  const get = (map: ReadonlyMap<number, SliceTotal | undefined>, t: number) => {
    if (!map.has(t)) {
      throw new BudgetInputError(
        'readings',
        `lack the slice totals at ${new Date(
          t,
        ).toISOString()}; read sliceTotalQueries(spec)`,
      );
    }
    return map.get(t);
  };
  const first = get(readings.startingBefore, windowStart);
  const last = get(readings.endedBy, at);
  const middle =
    last !== undefined && (first === undefined || last.start > first.start);
  const byStart = [...edgeBuckets].sort((a, b) => a.start - b.start);
  const unique = byStart.filter(
    (b, i) => i === 0 || b.start !== byStart[i - 1].start,
  );
  const head = middle
    ? buildSeries(
        unique.filter(b => first !== undefined && b.start < first.end),
        options,
      )
    : buildSeries(unique, options);
  const tail = middle
    ? buildSeries(
        unique.filter(b => b.start >= last!.end),
        options,
      )
    : undefined;

  const rows = new Map<number, SliceTotal>();
  if (middle) {
    for (const map of [readings.startingBefore, readings.endedBy]) {
      for (const r of map.values()) {
        if (
          r !== undefined &&
          (first === undefined || r.start > first.start) &&
          r.start <= last!.start
        ) {
          rows.set(r.start, r);
        }
      }
    }
  }
  const stretches = [...rows.values()].sort((a, b) => a.start - b.start);
  const capacity = head.length + stretches.length + (tail?.length ?? 0);
  const arrays = allocateSeriesArrays(capacity);
  const { starts, ends, good, total } = arrays;
  good[0] = 0;
  total[0] = 0;
  let length = 0;
  const append = (s: number, e: number, g: number, t: number) => {
    starts[length] = s;
    ends[length] = e;
    length++;
    good[length] = g;
    total[length] = t;
  };
  for (let i = 0; i < head.length; i++) {
    append(head.starts[i], head.ends[i], head.good[i + 1], head.total[i + 1]);
  }
  const headGood = good[length];
  const headTotal = total[length];
  const base = first ?? readings.origin ?? { cumWeight: 0, cumCredit: 0 };
  let previous = base.cumWeight;
  for (const r of stretches) {
    // Every row is a slice with traffic, but two lookups may find the same running sums.
    if (r.cumWeight === previous) continue;
    previous = r.cumWeight;
    append(
      r.start,
      r.end,
      headGood + (r.cumCredit - base.cumCredit),
      headTotal + (r.cumWeight - base.cumWeight),
    );
  }
  if (tail) {
    const g0 = good[length];
    const t0 = total[length];
    for (let i = 0; i < tail.length; i++) {
      append(
        tail.starts[i],
        tail.ends[i],
        g0 + tail.good[i + 1],
        t0 + tail.total[i + 1],
      );
    }
  }
  // The raw counts and coverage are sums of buckets: the events' running totals.
  const counts = seriesFromRunningTotals(windowStart, at, events);
  return {
    length,
    ...arrays,
    goodEvents: counts.goodEvents,
    totalEvents: counts.totalEvents,
    coveredMs: counts.coveredMs,
  };
}

/**
 * {@link evaluateObjective} of a Timeslices objective whose slice length divides an hour
 * (`evaluatesFromSliceTotals`; others are refused, naming the field) from its slice totals
 * instead of its buckets: the same result to the bit, at a cost that does not grow with
 * the window.
 *
 * @public
 */
export function evaluateFromSliceTotals(
  spec: EvaluationSpec,
  readings: SliceReadings,
): ObjectiveEvaluation {
  checkSliced(spec);
  return evaluateSeries(spec, (options, timeSliceTarget) => {
    const key = sliceVariantKey(variantOf(options, timeSliceTarget));
    const r = readings.slices.get(key);
    if (!r) {
      throw new BudgetInputError(
        'readings.slices',
        `lack the slice totals of variant '${key}'; read sliceTotalQueries(spec)`,
      );
    }
    // The edge slices are judged by the period's threshold too, not the current one.
    return seriesFromSliceTotals(
      { ...options, timeSliceTarget },
      r,
      readings.edgeBuckets,
      readings.events,
    );
  });
}
