import {
  resolveWindow,
  type BurnDownPoint,
  type RunningTotal,
  type RunningTotalReadings,
  type SliBucket,
} from '@reliability-suite/plugin-reliability-common';
import type { SloRecord } from '../store/SloStore';
import type { SloEvaluator } from './SloEvaluator';

export interface SeriesPoint {
  t: number;
  good: number;
  total: number;
  remaining: number | null;
}

/**
 * Chart points on the burn-down's time grid (at most 500): the events in the interval that
 * ends at each point, and the budget remaining at it.
 */
export function chartSeries(
  buckets: SliBucket[],
  burnDown: BurnDownPoint[],
  windowStart: number,
): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  let b = 0;
  let from = windowStart;
  for (const p of burnDown) {
    let good = 0;
    let total = 0;
    while (b < buckets.length && buckets[b].start < p.t) {
      if (buckets[b].start >= from) {
        good += buckets[b].good;
        total += buckets[b].total;
      }
      b++;
    }
    points.push({ t: p.t, good, total, remaining: p.remaining });
    from = p.t;
  }
  return points;
}

/**
 * The same chart points from running totals: the events between two points are the
 * difference of the running totals of the last buckets ended by each (the readings hold
 * them: the points are the burn-down's, which the evaluation asked for). A bucket counts
 * in the interval it ends in, which for minute buckets is the one it starts in.
 */
export function chartSeriesFromRunningTotals(
  readings: RunningTotalReadings,
  burnDown: BurnDownPoint[],
  windowStart: number,
): SeriesPoint[] {
  const first = readings.startingBefore.get(windowStart);
  const base: Pick<RunningTotal, 'good' | 'total'> = first ??
    readings.origin ?? { good: 0, total: 0 };
  const totalsAt = (t: number) => {
    const row = readings.endedBy.get(t);
    // Buckets before the window (or none at all) count as none.
    return row !== undefined && (first === undefined || row.start > first.start)
      ? row
      : base;
  };
  let previous = burnDown.length > 0 ? totalsAt(burnDown[0].t) : base;
  return burnDown.map(p => {
    const now = totalsAt(p.t);
    const point = {
      t: p.t,
      good: now.good - previous.good,
      total: now.total - previous.total,
      remaining: p.remaining,
    };
    previous = now;
    return point;
  });
}

/** The span of an SLO's chart series: the whole window, or its last 7 days or day. */
export type SeriesRange = 'window' | '7d' | '1d';

const RANGE_MS: Record<SeriesRange, number | undefined> = {
  window: undefined,
  '7d': 7 * 24 * 3_600_000,
  '1d': 24 * 3_600_000,
};

/**
 * Each objective's chart series of the SLO at `at` over `range`, with what an ideal-burn
 * line and a freshness note need: the window's start, its period's end and the end of the
 * newest bucket received. A range longer than the window is the window.
 */
export async function sloChartSeries(
  evaluator: SloEvaluator,
  slo: SloRecord,
  at: number,
  range: SeriesRange,
) {
  const span = RANGE_MS[range];
  const from = span === undefined ? undefined : at - span;
  const { periodEnd } = resolveWindow(slo.definition.window, at);
  const series = [];
  for (const objective of slo.definition.objectives) {
    const { evaluation, points, lastDataAt } = await evaluator.evaluateChart(
      slo,
      objective.name,
      at,
      from,
    );
    series.push({
      objective: objective.name,
      windowStart: new Date(evaluation.windowStart).toISOString(),
      periodEnd: new Date(periodEnd).toISOString(),
      lastDataAt:
        lastDataAt === null ? null : new Date(lastDataAt).toISOString(),
      points: points.map(p => ({ ...p, t: new Date(p.t).toISOString() })),
    });
  }
  return series;
}
