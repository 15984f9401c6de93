import { BudgetInputError } from './errors';
import type { BudgetingMethod, SliBucket } from './types';

/**
 * The window's data reduced to prefix sums over "units", so that any sub-window's
 * attainment is two subtractions after a binary search.
 *
 * A unit is a bucket with traffic (Occurrences) or a time slice with data (Timeslices,
 * RatioTimeslices). In every method `good / total` over a run of units is the attainment
 * and `(total - good) / total` the bad fraction; only what a unit weighs differs:
 * - Occurrences: good and total events.
 * - Timeslices: total = the slice's weight in slices (1, or more for a roll-up), good = the
 *   same weight if the slice met timeSliceTarget, else 0.
 * - RatioTimeslices: total = weight, good = weight × the slice's good/total ratio.
 *
 * Units are in time order and do not overlap, so `starts` and `ends` are both ascending.
 * Only the first `length` (+1 for prefix arrays) entries are meaningful.
 */
export interface BudgetSeries {
  length: number;
  starts: Float64Array;
  ends: Float64Array;
  /** `good[i]`: sum over units `[0, i)`. */
  good: Float64Array;
  /** `total[i]`: sum over units `[0, i)`. */
  total: Float64Array;
  /** Raw event counts of the window, whatever the method. */
  goodEvents: number;
  totalEvents: number;
  /**
   * Time covered by buckets received, with traffic or without, for judging data quality: a
   * bucket of total 0 says the service was idle, which is data; a missing bucket is not.
   */
  coveredMs: number;
}

export interface SeriesOptions {
  method: BudgetingMethod;
  windowStart: number;
  at: number;
  /** Slice length; ignored for Occurrences. */
  sliceMs: number;
  /** Any slice boundary; slices are `[origin + k·sliceMs, origin + (k+1)·sliceMs)`. */
  sliceOrigin: number;
  /** Timeslices only. */
  timeSliceTarget: number;
}

/** Storage for a series; see {@link allocateSeriesArrays}. */
export interface SeriesArrays {
  starts: Float64Array;
  ends: Float64Array;
  good: Float64Array;
  total: Float64Array;
}

/** Arrays big enough for a series of up to `capacity` buckets. */
export function allocateSeriesArrays(capacity: number): SeriesArrays {
  return {
    starts: new Float64Array(capacity + 1),
    ends: new Float64Array(capacity + 1),
    good: new Float64Array(capacity + 1),
    total: new Float64Array(capacity + 1),
  };
}

/**
 * What a Timeslices series' units were judged by: each unit's good/total ratio and weight in
 * slices, as {@link buildSeries} records them, so that the series under another good-slice
 * threshold is one pass over the units ({@link rejudgeSeries}) instead of over the buckets.
 */
export interface SliceUnits {
  ratios: Float64Array;
  weights: Float64Array;
}

/** Unit storage for a series of up to `capacity` buckets. */
export function allocateSliceUnits(capacity: number): SliceUnits {
  return {
    ratios: new Float64Array(capacity + 1),
    weights: new Float64Array(capacity + 1),
  };
}

/**
 * The Timeslices series of `base`'s units judged by another good-slice threshold: the same
 * units, times, weights and events; only which slices count as good differs. `units` are
 * what {@link buildSeries} recorded for `base`; `good` receives the new prefix sums. Equal,
 * value for value, to building the series from the buckets with that threshold.
 */
export function rejudgeSeries(
  base: BudgetSeries,
  units: SliceUnits,
  timeSliceTarget: number,
  good: Float64Array,
): BudgetSeries {
  const { ratios, weights } = units;
  let sum = 0;
  good[0] = 0;
  for (let i = 0; i < base.length; i++) {
    if (ratios[i] >= timeSliceTarget) sum += weights[i];
    good[i + 1] = sum;
  }
  return { ...base, good };
}

/** Names the first problem with bucket `index`; called once the fast check has failed. */
function diagnose(
  bucket: SliBucket,
  index: number,
  previousEnd: number,
): never {
  const fail = (field: string, problem: string): never => {
    throw new BudgetInputError(`buckets[${index}].${field}`, problem);
  };
  const { start, durationMs, good, total } = bucket;
  if (!Number.isFinite(start)) {
    fail('start', `must be a finite epoch ms; got ${start}`);
  }
  if (!(durationMs > 0) || !Number.isFinite(durationMs)) {
    fail('durationMs', `must be a positive finite ms; got ${durationMs}`);
  }
  if (!(good >= 0) || !Number.isFinite(good)) {
    fail('good', `must be a finite count >= 0; got ${good}`);
  }
  if (!(total >= 0) || !Number.isFinite(total)) {
    fail('total', `must be a finite count >= 0; got ${total}`);
  }
  if (good > total) {
    fail('good', `must not exceed total (${total}); got ${good}`);
  }
  const covered = bucket.coveredMs;
  if (covered !== undefined && !(covered >= 0 && covered <= durationMs)) {
    fail(
      'coveredMs',
      `must be between 0 and durationMs (${durationMs}); got ${covered}`,
    );
  }
  return fail(
    'start',
    `buckets must be sorted by start and must not overlap; got ${start}, before the previous bucket's end ${previousEnd}`,
  );
}

/**
 * Validates every bucket and, in the same pass, builds the series of those lying wholly in
 * `[windowStart, at)`. A bucket straddling either edge is left out rather than pro-rated:
 * its counts cannot be split without guessing how its events were spread in time.
 *
 * Slices: a bucket belongs to the slice its start falls in. A bucket longer than a slice
 * (an hourly roll-up under 5-minute slices) becomes a unit of its own weighing
 * `durationMs / sliceMs` slices, all judged by its overall ratio — the best estimate
 * available, and it keeps a bad rolled-up hour costing an hour of budget, not 5 minutes.
 * A slice is dated from its grid start (clipped to the window start) so that burn windows
 * aligned to the grid see whole slices.
 *
 * This is the one loop over every bucket, so it is written for speed: no closures or
 * allocation inside, and one combined validity test whose failure is diagnosed apart.
 */
export function buildSeries(
  buckets: readonly SliBucket[],
  options: SeriesOptions,
  arrays: SeriesArrays = allocateSeriesArrays(buckets.length),
  /** Receives each slice unit's ratio and weight (Timeslices; for {@link rejudgeSeries}). */
  units?: SliceUnits,
): BudgetSeries {
  const { method, windowStart, at, sliceMs, sliceOrigin, timeSliceTarget } =
    options;
  const sliced = method !== 'Occurrences';
  const ratioSlices = method === 'RatioTimeslices';
  const n = buckets.length;
  if (arrays.good.length < n + 1 || (units && units.ratios.length < n + 1)) {
    throw new RangeError(`series arrays too small for ${n} buckets`);
  }
  const { starts, ends, good, total } = arrays;
  // Reused arrays hold stale values; only [0, length] is ever read, and this is [0].
  good[0] = 0;
  total[0] = 0;
  let length = 0;
  let sumGood = 0;
  let sumTotal = 0;
  let goodEvents = 0;
  let totalEvents = 0;
  let coveredMs = 0;
  let previousEnd = -Infinity;

  // The slice being filled. Buckets join it while they start before `sliceLimit`, so the
  // slice index is computed once per slice rather than once per bucket.
  let sliceOpen = false;
  let sliceLimit = -Infinity;
  let sliceStart = 0;
  let sliceEnd = 0;
  let sliceGood = 0;
  let sliceTotal = 0;
  let sliceWeight = 1;

  for (let i = 0; i <= n; i++) {
    let start = Infinity;
    let end = Infinity;
    let durationMs = 0;
    let bucketGood = 0;
    let bucketTotal = 0;
    let bucketCovered = 0;
    if (i < n) {
      const bucket = buckets[i];
      start = bucket.start;
      durationMs = bucket.durationMs;
      bucketGood = bucket.good;
      bucketTotal = bucket.total;
      bucketCovered = bucket.coveredMs ?? durationMs;
      end = start + durationMs;
      // NaN fails every comparison, so this also rejects NaN in any field.
      if (
        !(
          start >= previousEnd &&
          start > -Infinity &&
          durationMs > 0 &&
          end < Infinity &&
          bucketGood >= 0 &&
          bucketGood <= bucketTotal &&
          bucketTotal < Infinity &&
          bucketCovered >= 0 &&
          bucketCovered <= durationMs
        )
      ) {
        diagnose(bucket, i, previousEnd);
      }
      previousEnd = end;
      if (start < windowStart || end > at) continue;

      goodEvents += bucketGood;
      totalEvents += bucketTotal;
      coveredMs += bucketCovered;
      if (!sliced) {
        if (bucketTotal > 0) {
          starts[length] = start;
          ends[length] = end;
          sumGood += bucketGood;
          sumTotal += bucketTotal;
          length++;
          good[length] = sumGood;
          total[length] = sumTotal;
        }
        continue;
      }
    }

    // i === n is a sentinel that only closes the last slice.
    if (!sliced) break;

    const rollUp = durationMs > sliceMs;
    if (sliceOpen && start < sliceLimit && !rollUp) {
      sliceEnd = end;
      sliceGood += bucketGood;
      sliceTotal += bucketTotal;
      continue;
    }
    // Slices without traffic are missing data, neither good nor bad: no unit.
    if (sliceOpen && sliceTotal > 0) {
      const ratio = sliceGood / sliceTotal;
      let credit = 0;
      if (ratioSlices) credit = sliceWeight * ratio;
      else if (ratio >= timeSliceTarget) credit = sliceWeight;
      if (units) {
        units.ratios[length] = ratio;
        units.weights[length] = sliceWeight;
      }
      starts[length] = sliceStart;
      ends[length] = sliceEnd;
      sumGood += credit;
      sumTotal += sliceWeight;
      length++;
      good[length] = sumGood;
      total[length] = sumTotal;
    }
    sliceOpen = i < n;
    sliceEnd = end;
    sliceGood = bucketGood;
    sliceTotal = bucketTotal;
    if (rollUp) {
      // A roll-up is a unit of its own: nothing joins it.
      sliceStart = start;
      sliceLimit = -Infinity;
      sliceWeight = durationMs / sliceMs;
    } else {
      // Usually the next bucket opens the very next slice; skip the division then.
      const gridStart =
        start >= sliceLimit && start < sliceLimit + sliceMs
          ? sliceLimit
          : sliceOrigin + Math.floor((start - sliceOrigin) / sliceMs) * sliceMs;
      sliceStart = Math.max(gridStart, windowStart);
      sliceLimit = gridStart + sliceMs;
      sliceWeight = 1;
    }
  }

  return {
    length,
    starts,
    ends,
    good,
    total,
    goodEvents,
    totalEvents,
    coveredMs,
  };
}

/** The index of the first of the first `length` ascending values that is >= `value`. */
export function lowerBound(
  values: Float64Array,
  length: number,
  value: number,
): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
