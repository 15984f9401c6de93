import {
  BudgetingMethod,
  EarlierDefinition,
  evaluateObjective,
  ObjectiveDefinition,
} from '@reliability-suite/plugin-reliability-common';
import { currentMinute, minuteBuckets, WINDOW_MS } from './data';
import { sample, summarize } from './stats';
import { atMost, count, figure, ms, Row } from './table';
import type { Volumes } from './volumes';

const TARGET_MS = 2;

/**
 * The pure engine: one objective over 28 days of 1-minute buckets, every burn window, the
 * alerts, the forecast and the burn-down series, as the evaluator and the SLO detail route
 * call it. No database, so it runs once, not per database.
 */
export async function benchEngine(volumes: Volumes): Promise<Row[]> {
  const at = currentMinute();
  const buckets = minuteBuckets({
    end: at,
    minutes: WINDOW_MS / 60_000,
    seed: 7,
    errorRate: m => (m < 180 ? 0.01 : 0.0005),
  });
  const changedAt = at - 10 * 86_400_000;
  const cases: Array<{
    /** The figure ids' middle part: `engine.<key>.mean`. */
    key: string;
    label: string;
    method: BudgetingMethod;
    objective: ObjectiveDefinition;
    earlier?: EarlierDefinition[];
  }> = [
    {
      key: 'occurrences',
      label: 'Occurrences',
      method: 'Occurrences',
      objective: { name: 'o', target: 0.999 },
    },
    {
      key: 'timeslices',
      label: 'Timeslices 5m',
      method: 'Timeslices',
      objective: {
        name: 't',
        target: 0.99,
        timeSliceTarget: 0.995,
        timeSliceWindowMs: 300_000,
      },
    },
    // A refinement inside the window: the window is judged in two periods.
    {
      key: 'occurrencesRevised',
      label: 'Occurrences, target changed mid-window',
      method: 'Occurrences',
      objective: { name: 'o', target: 0.995 },
      earlier: [{ until: changedAt, target: 0.999 }],
    },
    {
      key: 'timeslicesRevised',
      label: 'Timeslices 5m, threshold changed mid-window',
      method: 'Timeslices',
      objective: {
        name: 't',
        target: 0.99,
        timeSliceTarget: 0.995,
        timeSliceWindowMs: 300_000,
      },
      earlier: [{ until: changedAt, target: 0.995, timeSliceTarget: 0.999 }],
    },
  ];
  const rows: Row[] = [];
  for (const c of cases) {
    const samples = await sample(
      () =>
        evaluateObjective({
          objective: c.objective,
          budgetingMethod: c.method,
          window: { kind: 'rolling', durationMs: WINDOW_MS },
          buckets,
          at,
          earlier: c.earlier,
        }),
      volumes.engine,
    );
    const s = summarize(samples);
    rows.push({
      what: `engine: evaluateObjective, ${c.label}, all burn windows + burn-down (mean / p95)`,
      database: '-',
      volume: `${count(buckets.length)} buckets, ${count(s.n)} runs`,
      measured: `${ms(s.mean)} / ${ms(s.p95)}`,
      target: `<= ${TARGET_MS} ms`,
      figures: [
        figure(`engine.${c.key}.mean`, s.mean, 'ms', atMost(TARGET_MS)),
        figure(`engine.${c.key}.p95`, s.p95, 'ms', atMost(TARGET_MS)),
      ],
    });
  }
  return rows;
}
