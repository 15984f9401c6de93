import { ALERT_TIERS, AlertTier, evaluateAlerts } from './alerts';
import { BudgetInputError } from './errors';
import { BURN_WINDOW_MS, burnRateBetween } from './burnRate';
import { allowedErrorRateAt, checkEarlier } from './definitionPeriods';
import { allocateSeriesArrays, buildSeries, lowerBound } from './series';
import type { BurnWindow, EvaluateObjectiveInput } from './types';
import { validateOptions } from './validate';
import { resolveWindow } from './window';

/**
 * Burn episodes: the periods of the current window in which a burn-rate alert of one
 * severity (page or ticket) fired, replayed from the SLI data (so they are known for data
 * pushed late or back-filled, and need no alert history to be kept).
 */

/** @public */
export interface AlertEpisode {
  /**
   * When the budget began to burn that fast: the start of the shortest long window of the
   * tiers that fired first (clipped to the SLO window).
   */
  start: number;
  /** When the alert first fired. */
  firedAt: number;
  /** The first step it no longer fired; null if it still fires at the evaluation time. */
  end: number | null;
  /** The highest long-window burn rate of a firing tier during the episode. */
  peakBurnRate: number;
}

/** A page-tier episode. @public */
export type PageEpisode = AlertEpisode;

/** @public */
export type AlertEpisodesInput = EvaluateObjectiveInput & {
  severity: AlertTier['severity'];
  /** Replay step, default 5 minutes. */
  stepMs?: number;
  /**
   * Replay only the steps at or after this time (default: the whole window). Whoever
   * replays in increments passes where the last replay stopped; buckets from 3 days before
   * it (the longest burn window) are enough.
   */
  from?: number;
};

const DEFAULT_STEP_MS = 5 * 60_000;
const NO_RATES: Record<BurnWindow, number | null> = {
  '5m': null,
  '30m': null,
  '1h': null,
  '2h': null,
  '6h': null,
  '1d': null,
  '3d': null,
};

/**
 * Replays the tiers of one severity every `stepMs` (default 5 minutes) over the window
 * ending at `input.at`, as an evaluation at each step would have seen them (burn windows
 * clipped to the window's start). An episode of one severity fires while any of its tiers
 * does. Cost: one pass over the buckets, then a few binary searches a step.
 *
 * @public
 */
export function alertEpisodes(input: AlertEpisodesInput): AlertEpisode[] {
  return replayAlertEpisodes(input, true);
}

/**
 * The replay. With `skipIdle`, a run of steps whose longest burn window holds no data is
 * passed over in one go: such a step fires no tier (a window without data never fires), so
 * all it can do is end an open episode, which the first of the run does. The episodes are
 * the same as with every step judged (`skipIdle` false, the reference of the tests), and
 * an SLO with little or no data in its window — new, pulled late, or seldom pushed — costs
 * a few steps instead of one per 5 minutes of the window (8,064 for 28 days).
 */
export function replayAlertEpisodes(
  input: AlertEpisodesInput,
  skipIdle: boolean,
): AlertEpisode[] {
  const options = validateOptions(input);
  const { start: windowStart, periodEnd } = resolveWindow(
    input.window,
    input.at,
  );
  const windowLengthMs = periodEnd - windowStart;
  const series = buildSeries(
    input.buckets,
    {
      method: input.budgetingMethod,
      windowStart,
      at: input.at,
      sliceMs: options.sliceMs,
      sliceOrigin: input.window.kind === 'calendar' ? windowStart : 0,
      timeSliceTarget: options.timeSliceTarget,
    },
    allocateSeriesArrays(input.buckets.length),
  );
  // Each step is judged by the target then in force (a replay of last month must not use
  // a target loosened since); the good-slice threshold stays today's.
  const earlier = input.earlier ?? [];
  checkEarlier(earlier, input.budgetingMethod);
  const allowedAt = allowedErrorRateAt(earlier, options.allowedErrorRate);
  const tiers = ALERT_TIERS.filter(t => t.severity === input.severity);
  const windows = [
    ...new Set(tiers.flatMap(t => [t.longWindow, t.shortWindow])),
  ];
  // Every other window of the tiers ends at the same step and is shorter.
  const longestMs = Math.max(...windows.map(w => BURN_WINDOW_MS[w]));
  const step = input.stepMs ?? DEFAULT_STEP_MS;
  if (!(step > 0) || !Number.isFinite(step)) {
    throw new BudgetInputError(
      'stepMs',
      `must be a positive number of ms; got ${step}`,
    );
  }
  const episodes: AlertEpisode[] = [];
  let open: AlertEpisode | undefined;

  if ((input.from ?? -Infinity) > input.at) return [];
  // The steps: multiples of `step` from the first after the window's start (or `from`)
  // until `at`, then `at` itself. Counted, not listed: a 28-day window at 5 minutes is
  // 8,064 steps, and the entity page's postmortems replayed them per SLO per request.
  const first =
    Math.ceil(Math.max(windowStart + 1, input.from ?? -Infinity) / step) * step;
  const regular = first < input.at ? Math.ceil((input.at - first) / step) : 0;
  const steps = regular + 1;
  const stepAt = (i: number) => (i < regular ? first + i * step : input.at);

  for (let i = 0; i < steps; i++) {
    const t = stepAt(i);
    if (skipIdle) {
      const from = Math.max(t - longestMs, windowStart);
      if (burnRateBetween(series, from, t, 1) === null) {
        // No data in any window: nothing fires; an open episode ends here.
        if (open) {
          open.end = t;
          episodes.push(open);
          open = undefined;
        }
        // The next step that can see data is after the start of the next unit of data.
        const next = lowerBound(series.starts, series.length, t);
        const nextStart = next < series.length ? series.starts[next] : Infinity;
        while (i + 1 < steps && stepAt(i + 1) <= nextStart) i++;
        continue;
      }
    }
    const rates = { ...NO_RATES };
    const allowed = allowedAt(t);
    for (const w of windows) {
      rates[w] = burnRateBetween(
        series,
        Math.max(t - BURN_WINDOW_MS[w], windowStart),
        t,
        allowed,
      );
    }
    const firing = evaluateAlerts(rates, windowLengthMs).filter(
      a => a.severity === input.severity && a.firing,
    );
    if (firing.length === 0) {
      if (open) {
        open.end = t;
        episodes.push(open);
        open = undefined;
      }
      continue;
    }
    const peak = Math.max(...firing.map(a => rates[a.longWindow] ?? 0));
    if (!open) {
      // The shortest long window that fired says best how long the burn has been going on.
      const shortest = Math.min(
        ...firing.map(a => BURN_WINDOW_MS[a.longWindow]),
      );
      open = {
        start: Math.max(windowStart, t - shortest),
        firedAt: t,
        end: null,
        peakBurnRate: peak,
      };
    } else {
      open.peakBurnRate = Math.max(open.peakBurnRate, peak);
    }
  }
  if (open) episodes.push(open);
  return episodes;
}

/**
 * The page-tier episodes of the window ending at `input.at`.
 *
 * @public
 */
export function pageEpisodes(
  input: EvaluateObjectiveInput & { stepMs?: number },
): PageEpisode[] {
  return alertEpisodes({ ...input, severity: 'page' });
}
