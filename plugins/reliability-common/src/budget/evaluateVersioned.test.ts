import {
  DAY,
  HOUR,
  bucketsBetween,
  thrownBy,
  utc,
} from './__testUtils__/buckets';
import { BudgetInputError } from './errors';
import { evaluateObjective } from './evaluate';
import type { EvaluateObjectiveInput, SloWindow } from './types';

// November 2026 (30 days) as a calendar month; the target is loosened on day 20.
const MONTH: SloWindow = {
  kind: 'calendar',
  unit: 'Month',
  count: 1,
  startTime: '2026-01-01T00:00:00Z',
  timeZone: 'UTC',
};
const NOV1 = utc('2026-11-01T00:00:00Z');
const CHANGE = NOV1 + 19 * DAY; // 20 Nov, 00:00
const AT = NOV1 + 25 * DAY;

/** 1,000 events an hour; 0.2 % bad before the change, none after. */
const buckets = bucketsBetween(
  NOV1,
  AT,
  start =>
    start < CHANGE ? { good: 998, total: 1000 } : { good: 1000, total: 1000 },
  HOUR,
);

function evaluate(overrides: Partial<EvaluateObjectiveInput> = {}) {
  return evaluateObjective({
    objective: { name: 'availability', target: 0.995 },
    budgetingMethod: 'Occurrences',
    window: MONTH,
    buckets,
    at: AT,
    bucketMs: HOUR,
    earlier: [{ until: CHANGE, target: 0.999 }],
    ...overrides,
  });
}

describe('evaluating an objective whose target changed inside the window', () => {
  it('judges each period by the target in force then (Occurrences)', () => {
    const e = evaluate();
    const before = 19 * 24 * 1000; // events before the change
    const after = 6 * 24 * 1000;
    expect(e.errorBudget.spent).toBe(before * 0.002);
    // 99.9 % allowed 0.1 % of the events before the change, 99.5 % 0.5 % of those after.
    expect(e.errorBudget.total).toBeCloseTo(before * 0.001 + after * 0.005, 6);
    expect(e.errorBudget.consumed).toBeCloseTo(
      (before * 0.002) / (before * 0.001 + after * 0.005),
      12,
    );
    expect(e.target).toBe(0.995);
    expect(e.definitionPeriods).toEqual([
      {
        from: NOV1,
        to: CHANGE,
        target: 0.999,
        spent: before * 0.002,
        budget: expect.closeTo(before * 0.001, 6),
      },
      {
        from: CHANGE,
        to: utc('2026-12-01T00:00:00Z'),
        target: 0.995,
        spent: 0,
        budget: expect.closeTo(after * 0.005, 6),
      },
    ]);
  });

  it('does not rewrite the days before a loosened target', () => {
    const versioned = evaluate();
    const rewritten = evaluate({ earlier: [] });
    const bad = 19 * 24 * 2;
    // Judging days 1–19 by 99.5 % would hide most of their overspend.
    expect(rewritten.errorBudget.remaining).toBeCloseTo(1 - bad / 3000, 12);
    expect(versioned.errorBudget.remaining).toBeCloseTo(
      1 - bad / (19 * 24 * 1000 * 0.001 + 6 * 24 * 1000 * 0.005),
      12,
    );
    expect(rewritten.definitionPeriods).toBeUndefined();
  });

  it('gives the answer it gave before the change for times before it', () => {
    const at = CHANGE - DAY;
    const withHistory = evaluate({ at });
    const asThen = evaluate({
      at,
      earlier: [],
      objective: { name: 'availability', target: 0.999 },
    });
    expect(withHistory.errorBudget).toEqual(asThen.errorBudget);
    expect(withHistory.burnDown).toEqual(asThen.burnDown);
    expect(withHistory.definitionPeriods).toBeUndefined();
  });

  it('ignores changes before the window', () => {
    const e = evaluate({ earlier: [{ until: NOV1 - DAY, target: 0.9 }] });
    expect(e.definitionPeriods).toBeUndefined();
    expect(e.errorBudget.total).toBeCloseTo(25 * 24 * 1000 * 0.005, 6);
  });

  it('merges periods whose promise did not change', () => {
    const e = evaluate({
      earlier: [
        { until: NOV1 + 5 * DAY, target: 0.999 },
        { until: CHANGE, target: 0.999 },
      ],
    });
    expect(e.definitionPeriods?.map(p => [p.from, p.to])).toEqual([
      [NOV1, CHANGE],
      [CHANGE, utc('2026-12-01T00:00:00Z')],
    ]);
  });

  it('draws the burn-down with each period judged by its own target', () => {
    const e = evaluate();
    const atChange = e.burnDown.find(p => p.t >= CHANGE)!;
    // By the change: what the days under 99.9 % spent (0.2 % bad, twice their own
    // allowance), against the window's whole budget, both periods' allowances.
    const [before] = e.definitionPeriods!;
    expect(before.spent).toBeCloseTo(2 * before.budget, 6);
    expect(atChange.remaining).toBeCloseTo(
      1 - before.spent / e.errorBudget.total,
      12,
    );
    expect(e.burnDown[e.burnDown.length - 1].remaining).toBe(
      e.errorBudget.remaining,
    );
    // Measured against one budget, the line never climbs back.
    e.burnDown.slice(1).forEach((p, i) => {
      expect(p.remaining).toBeLessThanOrEqual(e.burnDown[i].remaining);
    });
  });

  it('keeps the alerts on the current target', () => {
    const e = evaluate();
    const current = evaluate({ earlier: [] });
    expect(e.burnRates).toEqual(current.burnRates);
    expect(e.alerts).toEqual(current.alerts);
  });

  it('sizes a slice budget by each period’s length and judges slices by the threshold then (Timeslices)', () => {
    // Every hourly slice is 99.8 % good: bad under a 99.9 % threshold, good under 99.5 %.
    const slices = bucketsBetween(
      NOV1,
      AT,
      () => ({ good: 998, total: 1000 }),
      HOUR,
    );
    const e = evaluateObjective({
      objective: {
        name: 'latency',
        target: 0.99,
        timeSliceTarget: 0.995,
        timeSliceWindowMs: HOUR,
      },
      budgetingMethod: 'Timeslices',
      window: MONTH,
      buckets: slices,
      at: AT,
      bucketMs: HOUR,
      earlier: [{ until: CHANGE, target: 0.95, timeSliceTarget: 0.999 }],
    });
    const monthEnd = utc('2026-12-01T00:00:00Z');
    expect(e.errorBudget.spent).toBe(19 * DAY);
    expect(e.errorBudget.total).toBeCloseTo(
      0.05 * (CHANGE - NOV1) + 0.01 * (monthEnd - CHANGE),
      3,
    );
    expect(e.definitionPeriods?.map(p => p.timeSliceTarget)).toEqual([
      0.999, 0.995,
    ]);
    expect(e.sli).toBeCloseTo(6 / 25, 12);
  });

  it('names the field of a bad earlier definition', () => {
    const cases: [EvaluateObjectiveInput['earlier'], string][] = [
      [[{ until: CHANGE, target: 99.9 }], 'earlier[0].target'],
      [[{ until: Number.NaN, target: 0.99 }], 'earlier[0].until'],
      [
        [
          { until: CHANGE, target: 0.99 },
          { until: NOV1, target: 0.99 },
        ],
        'earlier[1].until',
      ],
    ];
    for (const [earlier, field] of cases) {
      const error = thrownBy(() => evaluate({ earlier }));
      expect(error).toBeInstanceOf(BudgetInputError);
      expect((error as BudgetInputError).field).toBe(field);
    }
  });
});
