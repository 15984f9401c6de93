import { evaluateAlerts } from './alerts';
import { burnDown } from './burnDown';
import { periodLedger } from './periodLedger';
import { burnRates } from './burnRate';
import { BudgetScale, budgetFrom } from './consumption';
import { assessDataQuality, dataCoverage } from './dataQuality';
import { WindowPeriod, definitionPeriods } from './definitionPeriods';
import { forecastExhaustion } from './forecast';
import {
  BudgetSeries,
  SeriesArrays,
  SeriesOptions,
  SliceUnits,
  allocateSeriesArrays,
  allocateSliceUnits,
  buildSeries,
  rejudgeSeries,
} from './series';
import type { EvaluateObjectiveInput, ObjectiveEvaluation } from './types';
import { validateOptions } from './validate';
import { resolveWindow } from './window';

/**
 * Series storage shared by all evaluations. A series never outlives the synchronous
 * evaluateObjective call that built it, so one set of arrays per series of a call can serve
 * every call; reusing them spares zero-filling ~1.3 MB and the garbage it leaves per series
 * of 28 days of minute buckets. Slot 0 holds the current definition's series, the next
 * slots those of earlier good-slice thresholds (Timeslices refined inside the window).
 * Inputs beyond SHARED_CAPACITY buckets, or beyond SHARED_SLOTS series, get arrays of their
 * own, so one outsized evaluation does not pin its memory for the life of the process.
 */
const SHARED_CAPACITY = 4 * 28 * 1440;
const SHARED_SLOTS = 4;
const sharedArrays: Array<SeriesArrays | undefined> = [];

function seriesArraysFor(buckets: number, slot: number): SeriesArrays {
  if (buckets > SHARED_CAPACITY || slot >= SHARED_SLOTS) {
    return allocateSeriesArrays(buckets);
  }
  sharedArrays[slot] = grown(
    sharedArrays[slot],
    a => a.good.length,
    buckets,
    allocateSeriesArrays,
  );
  return sharedArrays[slot]!;
}

/**
 * `current` if it holds `buckets` (plus the leading zero of prefix sums), else new storage
 * grown in steps, so a slowly lengthening window does not reallocate every call.
 */
function grown<T>(
  current: T | undefined,
  lengthOf: (storage: T) => number,
  buckets: number,
  allocate: (capacity: number) => T,
): T {
  if (current && lengthOf(current) >= buckets + 1) return current;
  return allocate(
    Math.min(
      SHARED_CAPACITY,
      Math.max(buckets, 2 * (current ? lengthOf(current) : 1024)),
    ),
  );
}

/**
 * Evaluates one objective at `input.at`: attainment, error budget, burn rates, the SRE
 * Workbook's burn-rate alerts, an exhaustion forecast at the current burn, a burn-down
 * series and a verdict on the data. Pure; throws a {@link BudgetInputError} naming the field on invalid input.
 *
 * Only buckets lying wholly inside `[windowStart, at)` count. Cost: one pass over the
 * buckets plus binary searches, so it suits evaluating many objectives per request.
 *
 * @public
 */
export function evaluateObjective(
  input: EvaluateObjectiveInput,
): ObjectiveEvaluation {
  const n = input.buckets.length;
  // evaluateSeries asks for each threshold's series once, the current one first. A
  // Timeslices objective refined inside the window may ask for other thresholds: those are
  // the first series' units judged again, not another pass over the buckets.
  const rejudge =
    input.budgetingMethod === 'Timeslices' && (input.earlier?.length ?? 0) > 0;
  let slot = 0;
  let first: { series: BudgetSeries; units: SliceUnits } | undefined;
  return evaluateSeries(input, (seriesOptions, timeSliceTarget) => {
    const arrays = seriesArraysFor(n, slot++);
    if (first) {
      return rejudgeSeries(
        first.series,
        first.units,
        timeSliceTarget,
        arrays.good,
      );
    }
    const units = rejudge ? sliceUnitsFor(n) : undefined;
    const series = buildSeries(
      input.buckets,
      { ...seriesOptions, timeSliceTarget },
      arrays,
      units,
    );
    if (units) first = { series, units };
    return series;
  });
}

/** The units of a refined Timeslices series, shared as the series arrays are. */
let sharedUnits: SliceUnits | undefined;

function sliceUnitsFor(buckets: number): SliceUnits {
  if (buckets > SHARED_CAPACITY) return allocateSliceUnits(buckets);
  sharedUnits = grown(
    sharedUnits,
    u => u.ratios.length,
    buckets,
    allocateSliceUnits,
  );
  return sharedUnits;
}

/**
 * The evaluation's input without its data, which a series source (the buckets, or running
 * totals) supplies.
 *
 * @public
 */
export type EvaluationSpec = Omit<EvaluateObjectiveInput, 'buckets'>;

/**
 * The window's series under a good-slice threshold: asked first for the current
 * definition's, then for each other threshold an earlier definition used.
 */
export type SeriesSource = (
  options: SeriesOptions,
  timeSliceTarget: number,
) => BudgetSeries;

/** What the evaluation derives from its input before it reads any data. */
export function prepareEvaluation(spec: EvaluationSpec) {
  const { objective, budgetingMethod: method, window, at } = spec;
  const options = validateOptions(spec);
  const { start: windowStart, periodEnd } = resolveWindow(window, at);
  const seriesOptions: SeriesOptions = {
    method,
    windowStart,
    at,
    sliceMs: options.sliceMs,
    // A calendar period is its own slice grid (its start need not sit on the epoch grid
    // in zones with half-hour offsets). A rolling window's start moves with `at`, so its
    // slices sit on the epoch grid instead, keeping each slice's verdict stable from one
    // evaluation to the next.
    sliceOrigin: window.kind === 'calendar' ? windowStart : 0,
    timeSliceTarget: options.timeSliceTarget,
  };
  const periods = definitionPeriods(
    objective,
    method,
    options.timeSliceTarget,
    spec.earlier ?? [],
    windowStart,
    at,
    periodEnd,
  );
  return { options, windowStart, periodEnd, seriesOptions, periods };
}

/** {@link evaluateObjective} over series from `source` (the buckets, or running totals). */
export function evaluateSeries(
  spec: EvaluationSpec,
  source: SeriesSource,
): ObjectiveEvaluation {
  const { objective, budgetingMethod: method, at } = spec;
  const { options, windowStart, periodEnd, seriesOptions, periods } =
    prepareEvaluation(spec);
  const windowLengthMs = periodEnd - windowStart;
  const series = source(seriesOptions, options.timeSliceTarget);
  const scale: BudgetScale = {
    method,
    allowedErrorRate: options.allowedErrorRate,
    sliceMs: options.sliceMs,
    windowLengthMs,
  };

  let good = series.good[series.length];
  let total = series.total[series.length];
  let budgetAt = (units: number) =>
    budgetFrom(series.good[units], series.total[units], scale);
  let history;
  const single = periods.length === 1 ? periods[0] : undefined;
  const currentOnly =
    single !== undefined &&
    single.target === objective.target &&
    single.timeSliceTarget === options.timeSliceTarget;
  if (!currentOnly) {
    // Only Timeslices judge a slice by a threshold that may differ between definitions;
    // the other methods share one series.
    const byThreshold = new Map<number, BudgetSeries>([
      [options.timeSliceTarget, series],
    ]);
    const seriesFor = (p: WindowPeriod) => {
      let s = byThreshold.get(p.timeSliceTarget);
      if (!s) {
        s = source(seriesOptions, p.timeSliceTarget);
        byThreshold.set(p.timeSliceTarget, s);
      }
      return s;
    };
    const ledger = periodLedger(periods, seriesFor, scale);
    good = ledger.good;
    total = ledger.total;
    budgetAt = ledger.budgetAt;
    if (!single) history = ledger.periods;
  }
  const errorBudget = budgetAt(series.length);
  // Burn rates and alerts ask whether the promise in force now is at risk, so they use
  // the current target throughout.
  const rates = burnRates(series, windowStart, at, options.allowedErrorRate);
  const alerts = evaluateAlerts(rates, windowLengthMs);
  const forecast = forecastExhaustion({
    remaining: errorBudget.remaining,
    rates,
    alerts,
    windowLengthMs,
    at,
  });

  return {
    name: objective.name,
    target: objective.target,
    sli: total > 0 ? Math.min(1, good / total) : null,
    goodEvents: series.goodEvents,
    totalEvents: series.totalEvents,
    errorBudget,
    burnRates: rates,
    alerts,
    forecastExhaustionAt: forecast.exhaustsAt,
    forecastBurnWindow: forecast.burnWindow,
    burnDown: burnDown(
      series,
      windowStart,
      at,
      options.bucketMs,
      options.maxBurnDownPoints,
      units => budgetAt(units).spent,
      errorBudget,
      options.burnDownFrom,
    ),
    dataQuality: assessDataQuality(
      series.coveredMs,
      at - windowStart,
      series.totalEvents,
    ),
    dataCoverage: dataCoverage(series.coveredMs, at - windowStart),
    windowStart,
    windowEnd: at,
    ...(history ? { definitionPeriods: history } : {}),
  };
}
