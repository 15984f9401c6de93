import { BURN_WINDOW_MS, BURN_WINDOWS } from './burnRate';
import { burnDownTimes } from './burnDown';
import { BudgetInputError } from './errors';
import { EvaluationSpec, evaluateSeries, prepareEvaluation } from './evaluate';
import { BudgetSeries, allocateSeriesArrays } from './series';
import type { BudgetingMethod, ObjectiveEvaluation } from './types';

/**
 * One stored bucket of an objective with the running totals of the objective up to and
 * including it: the sums over this bucket and every earlier one still stored or not.
 * Sums of a stretch of buckets are differences of two running totals.
 *
 * @public
 */
export interface RunningTotal {
  /** The bucket's start and end, epoch ms. */
  start: number;
  end: number;
  good: number;
  total: number;
  /** The time with data (see `SliBucket.coveredMs`), summed the same way. */
  coveredMs: number;
}

/**
 * What an evaluation needs of an objective's running totals: for each time in
 * `startingBefore`, the last bucket that starts before it; for each time in `endedBy`, the
 * last bucket that ends by it (`end <= time`). A handful of index lookups whatever the
 * window's length: the window's edges, the burn windows' starts, the definition changes
 * and the burn-down's points.
 *
 * @public
 */
export interface RunningTotalQueries {
  startingBefore: number[];
  endedBy: number[];
}

/**
 * The answers to {@link RunningTotalQueries}, by time; `undefined` where no bucket
 * qualifies.
 *
 * @public
 */
export interface RunningTotalReadings {
  startingBefore: ReadonlyMap<number, RunningTotal | undefined>;
  endedBy: ReadonlyMap<number, RunningTotal | undefined>;
  /**
   * The running totals before the oldest bucket still stored: zero, unless older buckets
   * were deleted (retention), whose sums the totals of the rest still include.
   */
  origin?: Pick<RunningTotal, 'good' | 'total' | 'coveredMs'>;
}

/**
 * Whether objectives of this method can be evaluated from running totals. Occurrences
 * only: a slice's verdict depends on how its own buckets add up against a threshold, so
 * slices are not sums of buckets and their evaluation reads the buckets.
 *
 * @public
 */
export function evaluatesFromRunningTotals(method: BudgetingMethod): boolean {
  return method === 'Occurrences';
}

function checkMethod(spec: EvaluationSpec): void {
  if (!evaluatesFromRunningTotals(spec.budgetingMethod)) {
    throw new BudgetInputError(
      'budgetingMethod',
      `running totals evaluate Occurrences objectives only; got '${spec.budgetingMethod}'`,
    );
  }
}

/** The lookups {@link evaluateFromRunningTotals} needs for `spec`. @public */
export function runningTotalQueries(spec: EvaluationSpec): RunningTotalQueries {
  checkMethod(spec);
  return lookupTimes(spec);
}

/**
 * The times at which the engine asks a series anything: the window's start, the burn
 * windows' starts and the definition changes (units starting at or after them), and the
 * burn-down's points (units ended by them). Shared by the Occurrences running totals and
 * the slice totals, whose stretches must break at exactly these times.
 */
export function lookupTimes(spec: EvaluationSpec): RunningTotalQueries {
  const { options, windowStart, periods } = prepareEvaluation(spec);
  const { at } = spec;
  const startingBefore = new Set<number>([windowStart]);
  for (const w of BURN_WINDOWS) {
    startingBefore.add(Math.max(at - BURN_WINDOW_MS[w], windowStart));
  }
  for (const p of periods.slice(1)) startingBefore.add(p.from);
  return {
    startingBefore: [...startingBefore],
    endedBy: burnDownTimes(
      windowStart,
      at,
      options.bucketMs,
      options.maxBurnDownPoints,
      options.burnDownFrom,
    ),
  };
}

/**
 * The window's series from running totals: one unit per stretch between two of the
 * buckets looked up, carrying the stretch's sums and dated by its last bucket. Every
 * question the engine asks of a series (units starting at or after a time, units ended by
 * a time) is asked at one of the looked-up times, where a stretch lies wholly on one side,
 * so the answers, and every figure of the evaluation, equal those of the bucket-by-bucket
 * series. Counts are integers, so the differences are exact.
 */
export function seriesFromRunningTotals(
  windowStart: number,
  at: number,
  readings: RunningTotalReadings,
): BudgetSeries {
  const get = (
    map: ReadonlyMap<number, RunningTotal | undefined>,
    t: number,
  ) => {
    if (!map.has(t)) {
      throw new BudgetInputError(
        'readings',
        `lack the running total at ${new Date(
          t,
        ).toISOString()}; read runningTotalQueries(spec)`,
      );
    }
    return map.get(t);
  };
  // The window holds the buckets after `first` (the last to start before the window)
  // up to `last` (the last to end by the evaluation time).
  const first = get(readings.startingBefore, windowStart);
  const last = get(readings.endedBy, at);
  const afterFirst = (r: RunningTotal) =>
    first === undefined || r.start > first.start;
  const inWindow = new Map<number, RunningTotal>();
  if (last !== undefined && afterFirst(last)) {
    for (const map of [readings.startingBefore, readings.endedBy]) {
      for (const r of map.values()) {
        if (r !== undefined && afterFirst(r) && r.start <= last.start) {
          inWindow.set(r.start, r);
        }
      }
    }
  }
  const rows = [...inWindow.values()].sort((a, b) => a.start - b.start);
  const arrays = allocateSeriesArrays(rows.length);
  const { starts, ends, good, total } = arrays;
  const base = first ?? readings.origin ?? { good: 0, total: 0, coveredMs: 0 };
  good[0] = 0;
  total[0] = 0;
  let length = 0;
  let previousTotal = base.total;
  for (const r of rows) {
    // A stretch without traffic is no unit, as a bucket without traffic is none.
    if (r.total === previousTotal) continue;
    previousTotal = r.total;
    starts[length] = r.start;
    ends[length] = r.end;
    length++;
    good[length] = r.good - base.good;
    total[length] = r.total - base.total;
  }
  const end = rows.length > 0 ? rows[rows.length - 1] : undefined;
  return {
    length,
    ...arrays,
    goodEvents: end ? end.good - base.good : 0,
    totalEvents: end ? end.total - base.total : 0,
    coveredMs: end ? end.coveredMs - base.coveredMs : 0,
  };
}

/**
 * {@link evaluateObjective} of an Occurrences objective from its running totals instead of
 * its buckets: the same result, at a cost that does not grow with the window.
 *
 * @public
 */
export function evaluateFromRunningTotals(
  spec: EvaluationSpec,
  readings: RunningTotalReadings,
): ObjectiveEvaluation {
  checkMethod(spec);
  return evaluateSeries(spec, options =>
    seriesFromRunningTotals(options.windowStart, options.at, readings),
  );
}
