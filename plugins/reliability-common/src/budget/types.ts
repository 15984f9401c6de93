/**
 * Types of the error-budget engine. All times are epoch milliseconds (UTC); all fractions
 * are plain numbers in [0, 1] (0.9993, not 99.93).
 */

/** @public */
export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

/** @public */
export type CalendarUnit = 'Week' | 'Month' | 'Quarter' | 'Year';

/**
 * The SLO's time window. Rolling: the last `durationMs` before the evaluation time.
 * Calendar: the current calendar period (week starting Monday, month, quarter, year) in
 * `timeZone`, aligned to `startTime` for multi-unit periods (`count` above 1).
 *
 * @public
 */
export type SloWindow =
  | { kind: 'rolling'; durationMs: number }
  | {
      kind: 'calendar';
      unit: CalendarUnit;
      count: number;
      /** ISO date-time; periods are counted from it. */
      startTime: string;
      /** IANA zone, e.g. Europe/Berlin. */
      timeZone: string;
    };

/** @public */
export interface ObjectiveDefinition {
  name: string;
  /** The target fraction of good events (Occurrences) or good slices (Timeslices), e.g. 0.999. */
  target: number;
  /** Timeslices: the fraction of good events a slice needs to count as good. */
  timeSliceTarget?: number;
  /** Timeslices / RatioTimeslices: the slice length in ms (a multiple of the bucket length). */
  timeSliceWindowMs?: number;
}

/**
 * Counts of one bucket: events in `[start, start + durationMs)`. Buckets given to the engine
 * are sorted by `start` and do not overlap; missing buckets mean missing data (never good,
 * never bad).
 *
 * @public
 */
export interface SliBucket {
  start: number;
  durationMs: number;
  good: number;
  total: number;
  /**
   * The part of the bucket's time that had data, for judging coverage: a roll-up of the 30
   * minutes received in an hour covers 30 minutes, not the hour. `durationMs` when absent.
   */
  coveredMs?: number;
}

/** @public */
export type BurnWindow = '5m' | '30m' | '1h' | '2h' | '6h' | '1d' | '3d';

/** @public */
export type DataQuality = 'ok' | 'partial' | 'no-data';

/** @public */
export interface BurnRateAlert {
  severity: 'page' | 'ticket';
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
  /** The burn-rate factor, scaled to the SLO window length. */
  factor: number;
  firing: boolean;
}

/** @public */
export interface ErrorBudget {
  /** The share of the budget consumed so far in the window (may exceed 1). */
  consumed: number;
  /** 1 - consumed (negative once the budget is overspent). */
  remaining: number;
  /**
   * The budget in its natural unit: bad events allowed (Occurrences) or bad time in ms
   * (Timeslices, RatioTimeslices), over the whole window.
   */
  total: number;
  /** Bad events or bad time spent so far, in the same unit as `total`. */
  spent: number;
  unit: 'events' | 'ms';
}

/** @public */
export interface BurnDownPoint {
  t: number;
  /**
   * Budget remaining at `t`, as a fraction of the evaluation's budget: 1 - what was spent
   * by `t` / the budget at the evaluation time.
   */
  remaining: number;
}

/** @public */
export interface ObjectiveEvaluation {
  name: string;
  target: number;
  /** Attainment so far in the window; null without data. */
  sli: number | null;
  goodEvents: number;
  totalEvents: number;
  errorBudget: ErrorBudget;
  /** (bad / total over the window) / (1 - target); null without data in that window. */
  burnRates: Record<BurnWindow, number | null>;
  alerts: BurnRateAlert[];
  /**
   * When the budget runs out at the current burn, the rate over `forecastBurnWindow`
   * (see `forecastExhaustion`); null when nothing is being spent.
   */
  forecastExhaustionAt: number | null;
  /** The burn window whose rate the forecast extrapolates. */
  forecastBurnWindow: BurnWindow;
  burnDown: BurnDownPoint[];
  dataQuality: DataQuality;
  /**
   * The share of the elapsed window covered by the buckets received (idle ones of total 0
   * included), in [0, 1]: below
   * MIN_COVERAGE (90 %) the data quality is 'partial': a window still being back-filled.
   */
  dataCoverage: number;
  /** The window evaluated: `[windowStart, windowEnd)`, windowEnd = the evaluation time. */
  windowStart: number;
  windowEnd: number;
  /**
   * When the objective's promise changed inside the window: each definition's period and
   * what it spent, oldest first; the error budget is their sum. Absent when one definition
   * covers the whole window.
   */
  definitionPeriods?: DefinitionPeriod[];
}

/**
 * An earlier definition of the objective, in force until `until` (exclusive) — from the
 * previous entry's `until`, or from the beginning of time for the first.
 *
 * @public
 */
export interface EarlierDefinition {
  until: number;
  target: number;
  /** Timeslices: the good-slice threshold then; the current one when absent. */
  timeSliceTarget?: number;
}

/**
 * A part of the window under one definition of the objective.
 *
 * @public
 */
export interface DefinitionPeriod {
  from: number;
  /** The next change, or the end of the window (the calendar period's end) for the last. */
  to: number;
  target: number;
  timeSliceTarget?: number;
  /** Bad events or bad time this period spent, in the unit of the error budget. */
  spent: number;
  /** The budget this period contributes: its allowed error rate × its events or its length. */
  budget: number;
}

/** @public */
export interface EvaluateObjectiveInput {
  objective: ObjectiveDefinition;
  budgetingMethod: BudgetingMethod;
  window: SloWindow;
  buckets: SliBucket[];
  /** Evaluation time, epoch ms. */
  at: number;
  /** Resolution of the buckets, default 60 000 (1 minute). */
  bucketMs?: number;
  /** Points of the burn-down series at most (default 500). */
  maxBurnDownPoints?: number;
  /**
   * Where the burn-down series starts, epoch ms: a chart of the window's last days gets
   * its points there, at a finer grid, rather than a few of the whole window's 500. The
   * window start when absent or earlier; the points still measure the window's budget.
   */
  burnDownFrom?: number;
  /**
   * The objective's earlier definitions, oldest first; `objective` is in force after the
   * last. A change inside the window splits it: each period is judged by the promise in
   * force then, so loosening a target does not rewrite the days before the change.
   */
  earlier?: EarlierDefinition[];
}
