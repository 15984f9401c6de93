import {
  DAY,
  HOUR,
  MINUTE,
  allGood,
  bucketsBetween,
  thrownBy,
  utc,
} from './__testUtils__/buckets';
import { BudgetInputError } from './errors';
import { evaluateObjective } from './evaluate';
import type {
  EvaluateObjectiveInput,
  ObjectiveEvaluation,
  SliBucket,
  SloWindow,
} from './types';

const AT = utc('2026-02-01T00:00:00Z');

type Overrides = Partial<Omit<EvaluateObjectiveInput, 'objective'>> & {
  objective?: Partial<EvaluateObjectiveInput['objective']>;
};

function evaluate(overrides: Overrides = {}): ObjectiveEvaluation {
  return evaluateObjective({
    budgetingMethod: 'Occurrences',
    window: { kind: 'rolling', durationMs: 30 * DAY },
    buckets: [],
    at: AT,
    ...overrides,
    objective: { name: 'availability', target: 0.999, ...overrides.objective },
  });
}

const firingAlerts = (e: ObjectiveEvaluation) =>
  e.alerts.filter(a => a.firing).map(a => `${a.severity}-${a.longWindow}`);

describe('evaluateObjective', () => {
  describe('the SRE Workbook numbers: 99.9 % over 30 days', () => {
    // 10 000 events a minute; at 1× the budget allows 10 bad events a minute.
    const burning = (factor: number, forMs: number) =>
      evaluate({
        buckets: bucketsBetween(AT - 30 * DAY, AT, start =>
          start >= AT - forMs
            ? { good: 10_000 - factor * 10, total: 10_000 }
            : allGood(10_000)(),
        ),
      });

    it('14.4× for one hour spends 2 % of the budget and pages', () => {
      const e = burning(14.4, HOUR);
      expect(e.errorBudget.consumed).toBeCloseTo(0.02, 12);
      expect(e.burnRates['1h']).toBeCloseTo(14.4, 10);
      expect(e.burnRates['5m']).toBeCloseTo(14.4, 10);
      expect(e.burnRates['6h']).toBeCloseTo(2.4, 10);
      expect(e.burnRates['1d']).toBeCloseTo(0.6, 10);
      expect(e.burnRates['3d']).toBeCloseTo(0.2, 10);
      expect(firingAlerts(e)).toEqual(['page-1h']);
    });

    it('6× for six hours spends 5 % and pages on the 6h tier only', () => {
      const e = burning(6, 6 * HOUR);
      expect(e.errorBudget.consumed).toBeCloseTo(0.05, 12);
      expect(e.burnRates['6h']).toBeCloseTo(6, 10);
      expect(e.burnRates['30m']).toBeCloseTo(6, 10);
      expect(e.burnRates['1h']).toBeCloseTo(6, 10);
      expect(e.burnRates['1d']).toBeCloseTo(1.5, 10);
      expect(firingAlerts(e)).toEqual(['page-6h']);
    });

    it('3× for a day spends 10 % and opens tickets', () => {
      const e = burning(3, DAY);
      expect(e.errorBudget.consumed).toBeCloseTo(0.1, 12);
      expect(e.burnRates['1d']).toBeCloseTo(3, 10);
      expect(e.burnRates['2h']).toBeCloseTo(3, 10);
      // 3× for a day is also 1× over three days.
      expect(firingAlerts(e)).toEqual(['ticket-1d', 'ticket-3d']);
    });

    it('1× for three days spends 10 % and opens the 3d ticket only', () => {
      const e = burning(1, 3 * DAY);
      expect(e.errorBudget.consumed).toBeCloseTo(0.1, 12);
      expect(e.burnRates['3d']).toBeCloseTo(1, 10);
      expect(e.burnRates['6h']).toBeCloseTo(1, 10);
      expect(firingAlerts(e)).toEqual(['ticket-3d']);
    });

    it('does not alert when all is well', () => {
      const e = burning(0, 0);
      expect(e.errorBudget).toMatchObject({ consumed: 0, remaining: 1 });
      expect(firingAlerts(e)).toEqual([]);
      expect(e.forecastExhaustionAt).toBeNull();
      expect(e.dataQuality).toBe('ok');
    });
  });

  it('forecasts at the current burn: 24× with 88 % left runs out in about a day', () => {
    // Four weeks at 0.08× (8 % of the budget), then 24× for the last 75 minutes.
    const e = evaluate({
      window: { kind: 'rolling', durationMs: 28 * DAY },
      buckets: bucketsBetween(AT - 28 * DAY, AT, start =>
        start >= AT - 75 * MINUTE
          ? { good: 10_000 - 240, total: 10_000 }
          : {
              good: 10_000 - (start % (25 * MINUTE) === 0 ? 20 : 0),
              total: 10_000,
            },
      ),
    });
    expect(e.errorBudget.remaining).toBeCloseTo(0.875, 2);
    expect(firingAlerts(e)).toContain('page-1h');
    expect(e.burnRates['1h']).toBeCloseTo(24, 10);
    expect(e.forecastBurnWindow).toBe('1h');
    // The window's average (12 % in 28 days) would say in 180 days.
    const days = (e.forecastExhaustionAt! - AT) / DAY;
    expect(days).toBeGreaterThan(0.9);
    expect(days).toBeLessThan(1.1);
  });

  describe('without data', () => {
    it.each(['Occurrences', 'Timeslices', 'RatioTimeslices'] as const)(
      '%s: no SLI, full budget, no burn, no alert, no forecast',
      budgetingMethod => {
        const e = evaluate({
          budgetingMethod,
          objective: { timeSliceTarget: 0.9 },
        });
        expect(e.sli).toBeNull();
        expect(e.dataQuality).toBe('no-data');
        expect(Object.values(e.burnRates)).toEqual(Array(7).fill(null));
        expect(e.alerts).toHaveLength(4);
        expect(firingAlerts(e)).toEqual([]);
        expect(e.errorBudget.consumed).toBe(0);
        expect(e.errorBudget.remaining).toBe(1);
        expect(e.errorBudget.spent).toBe(0);
        expect(e.forecastExhaustionAt).toBeNull();
        expect(e.goodEvents).toBe(0);
        expect(e.totalEvents).toBe(0);
        expect(e.burnDown.every(p => p.remaining === 1)).toBe(true);
      },
    );

    it('treats buckets without traffic as no data', () => {
      const e = evaluate({
        buckets: bucketsBetween(AT - DAY, AT, () => ({ good: 0, total: 0 })),
      });
      expect(e.sli).toBeNull();
      expect(e.dataQuality).toBe('no-data');
    });

    it('has nothing to evaluate at the very start of a calendar period', () => {
      const e = evaluate({
        window: {
          kind: 'calendar',
          unit: 'Month',
          count: 1,
          startTime: '2026-01-01T00:00:00',
          timeZone: 'UTC',
        },
        buckets: bucketsBetween(AT - HOUR, AT, () => ({ good: 0, total: 1 })),
      });
      expect(e.windowStart).toBe(AT);
      expect(e.sli).toBeNull();
      expect(e.errorBudget.remaining).toBe(1);
      expect(e.burnDown).toEqual([{ t: AT, remaining: 1 }]);
    });
  });

  describe('data quality', () => {
    const window: SloWindow = { kind: 'rolling', durationMs: 28 * DAY };
    it("is 'partial' with data for only the last days of a 28-day window", () => {
      const e = evaluate({
        window,
        buckets: bucketsBetween(AT - 2 * DAY, AT, allGood(100)),
      });
      expect(e.dataQuality).toBe('partial');
      expect(e.dataCoverage).toBeCloseTo(2 / 28, 12);
      // The figures are still computed from the data there is.
      expect(e.sli).toBe(1);
      expect(e.totalEvents).toBe(2 * 1440 * 100);
    });

    it("is 'ok' from 90 % of the elapsed window covered", () => {
      const covering = (ms: number) =>
        evaluate({ window, buckets: bucketsBetween(AT - ms, AT, allGood(1)) })
          .dataQuality;
      expect(covering(0.9 * 28 * DAY)).toBe('ok');
      expect(covering(0.9 * 28 * DAY - MINUTE)).toBe('partial');
    });

    it("is 'ok' for a service idle every night that reports its idle minutes", () => {
      // Traffic from 08:00 to 20:00 only; the night's minutes arrive with total 0.
      const e = evaluate({
        window,
        buckets: bucketsBetween(AT - 28 * DAY, AT, t => {
          const hour = new Date(t).getUTCHours();
          return hour >= 8 && hour < 20
            ? { good: 99, total: 100 }
            : { good: 0, total: 0 };
        }),
      });
      expect(e.dataQuality).toBe('ok');
      expect(e.dataCoverage).toBe(1);
      expect(e.sli).toBeCloseTo(0.99, 12);
    });

    it("is 'partial' for the same service when its idle minutes are never reported", () => {
      const e = evaluate({
        window,
        buckets: bucketsBetween(AT - 28 * DAY, AT, t => {
          const hour = new Date(t).getUTCHours();
          return hour >= 8 && hour < 20 ? { good: 99, total: 100 } : undefined;
        }),
      });
      expect(e.dataQuality).toBe('partial');
      expect(e.dataCoverage).toBeCloseTo(0.5, 2);
    });
  });

  describe('calendar windows', () => {
    it('budgets Timeslices for the whole 31 days of January', () => {
      const e = evaluate({
        budgetingMethod: 'Timeslices',
        objective: { timeSliceTarget: 0.99 },
        window: {
          kind: 'calendar',
          unit: 'Month',
          count: 1,
          startTime: '2026-01-01T00:00:00Z',
          timeZone: 'UTC',
        },
        at: utc('2026-01-11T00:00:00Z'),
        bucketMs: 5 * MINUTE,
        // Ten days of 5-minute slices, one of them bad.
        buckets: bucketsBetween(
          utc('2026-01-01T00:00:00Z'),
          utc('2026-01-11T00:00:00Z'),
          start =>
            start === utc('2026-01-05T12:00:00Z')
              ? { good: 98, total: 100 }
              : allGood(100)(),
          5 * MINUTE,
        ),
      });
      expect(e.windowStart).toBe(utc('2026-01-01T00:00:00Z'));
      expect(e.windowEnd).toBe(utc('2026-01-11T00:00:00Z'));
      expect(e.errorBudget.unit).toBe('ms');
      expect(e.errorBudget.total).toBeCloseTo(0.001 * 31 * DAY, 6);
      expect(e.errorBudget.spent).toBe(5 * MINUTE);
      expect(e.errorBudget.consumed).toBeCloseTo(
        (5 * MINUTE) / (0.001 * 31 * DAY),
        12,
      );
      expect(e.sli).toBeCloseTo(2879 / 2880, 12);
      expect(e.alerts[0].factor).toBeCloseTo((14.4 * 31) / 30, 12);
    });

    it('budgets the Berlin March with the DST change as 31 days less an hour', () => {
      const e = evaluate({
        budgetingMethod: 'RatioTimeslices',
        window: {
          kind: 'calendar',
          unit: 'Month',
          count: 1,
          startTime: '2026-01-01T00:00:00',
          timeZone: 'Europe/Berlin',
        },
        at: utc('2026-03-30T12:00:00Z'),
      });
      expect(e.windowStart).toBe(utc('2026-02-28T23:00:00Z'));
      expect(e.errorBudget.total).toBeCloseTo(0.001 * (31 * DAY - HOUR), 6);
      expect(e.alerts[0].factor).toBeCloseTo(
        (14.4 * (31 * DAY - HOUR)) / (30 * DAY),
        12,
      );
    });

    it('starts a New York week with the DST change at its Monday midnight', () => {
      const e = evaluate({
        window: {
          kind: 'calendar',
          unit: 'Week',
          count: 1,
          startTime: '2026-01-05T00:00:00',
          timeZone: 'America/New_York',
        },
        at: utc('2026-03-08T17:00:00Z'),
      });
      expect(e.windowStart).toBe(utc('2026-03-02T05:00:00Z'));
      // Shorter than 28 days: the 28-day factors, whatever the DST change does.
      expect(e.alerts[3].factor).toBeCloseTo(28 / 30, 12);
    });
  });

  it('spends exactly the whole 99.99 % budget on one bad event in 10 000', () => {
    const e = evaluate({
      objective: { target: 0.9999 },
      window: { kind: 'rolling', durationMs: HOUR },
      buckets: [
        { start: AT - MINUTE, durationMs: MINUTE, good: 9_999, total: 10_000 },
      ],
    });
    expect(e.sli).toBe(0.9999);
    expect(e.errorBudget).toEqual({
      consumed: 1,
      remaining: 0,
      total: 1,
      spent: 1,
      unit: 'events',
    });
    expect(e.forecastExhaustionAt).toBe(AT);
  });

  describe('budgeting methods, by hand', () => {
    it('Occurrences: budget in bad events allowed by the traffic so far', () => {
      const start = AT - HOUR;
      const e = evaluate({
        objective: { target: 0.99 },
        window: { kind: 'rolling', durationMs: HOUR },
        buckets: bucketsBetween(start, AT, t => {
          if (t === start + 10 * MINUTE) return { good: 90, total: 100 };
          if (t === start + 50 * MINUTE) return { good: 95, total: 100 };
          return allGood(100)();
        }),
      });
      expect(e).toMatchObject({
        name: 'availability',
        target: 0.99,
        goodEvents: 5985,
        totalEvents: 6000,
        windowStart: start,
        windowEnd: AT,
        dataQuality: 'ok',
      });
      expect(e.sli).toBe(5985 / 6000);
      expect(e.errorBudget.unit).toBe('events');
      expect(e.errorBudget.spent).toBe(15);
      expect(e.errorBudget.total).toBeCloseTo(60, 10);
      expect(e.errorBudget.consumed).toBeCloseTo(0.25, 12);
      expect(e.errorBudget.remaining).toBeCloseTo(0.75, 12);
      expect(e.burnRates['5m']).toBe(0);
      expect(e.burnRates['30m']).toBeCloseTo(5 / 3000 / 0.01, 12);
      expect(e.burnRates['1h']).toBeCloseTo(0.25, 12);
      // Longer windows are clipped to the hour-long SLO window.
      expect(e.burnRates['3d']).toBe(e.burnRates['1h']);
      // A quarter of the budget per hour: the rest lasts three more hours.
      expect(e.forecastExhaustionAt).toBe(AT + 3 * HOUR);
      expect(e.burnDown).toHaveLength(61);
      // After minute 10: its 10 bad events against the hour's budget of 60.
      expect(e.burnDown[11].remaining).toBeCloseTo(1 - 10 / 60, 12);
    });

    it('Timeslices: budget in bad time, a bad slice spending its length', () => {
      const start = AT - HOUR;
      const minute = (t: number) => (t - start) / MINUTE;
      const e = evaluate({
        budgetingMethod: 'Timeslices',
        objective: {
          target: 0.8,
          timeSliceTarget: 0.95,
          timeSliceWindowMs: 5 * MINUTE,
        },
        window: { kind: 'rolling', durationMs: HOUR },
        buckets: bucketsBetween(start, AT, t => {
          const m = minute(t);
          if (m === 2) return { good: 75, total: 100 }; // slice 0: 475/500 = 0.95, good
          if (m === 15) return { good: 70, total: 100 }; // slice 3: 0.94, bad
          if (m >= 30 && m < 35) return { good: 0, total: 0 }; // slice 6: missing
          if (m === 45 || m === 46) return { good: 80, total: 100 }; // slice 9: 0.92, bad
          if (m === 57) return undefined; // slice 11: a gap, still good
          return allGood(100)();
        }),
      });
      expect(e.sli).toBeCloseTo(9 / 11, 12);
      expect(e.goodEvents).toBe(5400 - 95);
      expect(e.totalEvents).toBe(5400);
      expect(e.errorBudget.unit).toBe('ms');
      expect(e.errorBudget.total).toBeCloseTo(0.2 * HOUR, 6);
      expect(e.errorBudget.spent).toBe(10 * MINUTE);
      expect(e.errorBudget.consumed).toBeCloseTo(5 / 6, 12);
      expect(e.burnRates['5m']).toBe(0);
      expect(e.burnRates['30m']).toBeCloseTo(1 / 5 / 0.2, 12);
      expect(e.burnRates['1h']).toBeCloseTo(2 / 11 / 0.2, 12);
      // The last sixth of the budget, at the current (hour-long) burn of 0.91×.
      expect(e.forecastBurnWindow).toBe('3d');
      expect(e.forecastExhaustionAt).toBe(
        AT + Math.round(HOUR / 6 / (2 / 11 / 0.2)),
      );
      // 54 of 60 minutes carry traffic: exactly 90 %.
      expect(e.dataQuality).toBe('ok');
    });

    it('RatioTimeslices: the mean of slice ratios, whatever their traffic', () => {
      const e = evaluate({
        budgetingMethod: 'RatioTimeslices',
        objective: { target: 0.9, timeSliceWindowMs: 5 * MINUTE },
        window: { kind: 'rolling', durationMs: 20 * MINUTE },
        buckets: bucketsBetween(AT - 20 * MINUTE, AT, t => {
          if (t < AT - 15 * MINUTE) return allGood(100)(); // ratio 1
          if (t < AT - 10 * MINUTE) return { good: 900, total: 1000 }; // 0.9
          if (t < AT - 5 * MINUTE) return undefined; // missing
          return { good: 40, total: 50 }; // 0.8
        }),
      });
      expect(e.sli).toBeCloseTo(0.9, 12);
      expect(e.goodEvents).toBe(5200);
      expect(e.totalEvents).toBe(5750);
      expect(e.errorBudget.total).toBeCloseTo(0.1 * 20 * MINUTE, 6);
      expect(e.errorBudget.spent).toBeCloseTo(0.3 * 5 * MINUTE, 6);
      expect(e.errorBudget.consumed).toBeCloseTo(0.75, 12);
      expect(e.burnRates['5m']).toBeCloseTo(2, 12);
      expect(e.burnRates['1h']).toBeCloseTo(1, 12);
      // A quarter of the budget left at 1×: a quarter of the window.
      expect(e.forecastExhaustionAt).toBe(AT + 5 * MINUTE);
      expect(e.dataQuality).toBe('partial');
    });
  });

  describe('roll-ups', () => {
    // Hourly roll-ups for older data, minute buckets for the last half hour.
    const at = AT + 30 * MINUTE;
    const buckets: SliBucket[] = [
      { start: AT - 2 * HOUR, durationMs: HOUR, good: 6000, total: 6000 },
      { start: AT - HOUR, durationMs: HOUR, good: 5400, total: 6000 },
      ...bucketsBetween(AT, at, allGood(100)),
    ];

    it('count wholly in the window and in burn windows they lie inside', () => {
      const e = evaluate({
        objective: { target: 0.99 },
        window: { kind: 'rolling', durationMs: DAY },
        buckets,
        at,
      });
      expect(e.totalEvents).toBe(15_000);
      expect(e.errorBudget.consumed).toBeCloseTo(600 / 150, 12);
      expect(e.burnRates['6h']).toBeCloseTo(600 / 15_000 / 0.01, 12);
      // [at - 2h, at) holds the bad roll-up whole; the good one straddles and is left out.
      expect(e.burnRates['2h']).toBeCloseTo(600 / 9000 / 0.01, 12);
      // [at - 1h, at) only partly covers the bad roll-up: left out, not pro-rated.
      expect(e.burnRates['1h']).toBe(0);
    });

    it('spend their whole length when a Timeslices roll-up is bad', () => {
      const e = evaluate({
        budgetingMethod: 'Timeslices',
        objective: {
          target: 0.99,
          timeSliceTarget: 0.95,
          timeSliceWindowMs: 5 * MINUTE,
        },
        window: { kind: 'rolling', durationMs: DAY },
        buckets,
        at,
      });
      expect(e.errorBudget.spent).toBe(HOUR);
      // 12 + 6 good slices of 5 minutes, 12 bad.
      expect(e.sli).toBeCloseTo(18 / 30, 12);
    });

    it('leave out buckets straddling the window start', () => {
      // The window starts at AT - 50m, inside the bad roll-up.
      const e = evaluate({
        window: { kind: 'rolling', durationMs: 80 * MINUTE },
        buckets,
        at,
      });
      expect(e.totalEvents).toBe(3000);
      expect(e.sli).toBe(1);
    });
  });

  it('ignores buckets before the window and after the evaluation time', () => {
    const window: SloWindow = { kind: 'rolling', durationMs: HOUR };
    const inside = bucketsBetween(AT - HOUR, AT, allGood(10));
    const bad = () => ({ good: 0, total: 10 });
    const withOutside = [
      ...bucketsBetween(AT - 3 * HOUR, AT - HOUR, bad),
      ...inside,
      ...bucketsBetween(AT, AT + HOUR, bad),
    ];
    expect(evaluate({ window, buckets: withOutside })).toEqual(
      evaluate({ window, buckets: inside }),
    );
  });

  it('gives the same result whatever was evaluated before', () => {
    const small = {
      window: { kind: 'rolling', durationMs: DAY } as SloWindow,
      buckets: bucketsBetween(AT - HOUR, AT, () => ({ good: 7, total: 10 })),
    };
    const first = evaluate(small);
    evaluate({
      buckets: bucketsBetween(AT - 30 * DAY, AT, () => ({ good: 1, total: 3 })),
    });
    expect(evaluate(small)).toEqual(first);
  });

  describe('invalid input', () => {
    it.each<[string, Overrides]>([
      ['objective.target', { objective: { target: 1 } }],
      ['objective.target', { objective: { target: 99.9 } }],
      ['budgetingMethod', { budgetingMethod: 'Events' as never }],
      [
        'objective.timeSliceTarget',
        { budgetingMethod: 'Timeslices', objective: {} },
      ],
      [
        'objective.timeSliceTarget',
        { budgetingMethod: 'Timeslices', objective: { timeSliceTarget: 95 } },
      ],
      [
        'objective.timeSliceWindowMs',
        {
          budgetingMethod: 'RatioTimeslices',
          objective: { timeSliceWindowMs: 90_000 },
        },
      ],
      [
        'objective.timeSliceWindowMs',
        {
          budgetingMethod: 'RatioTimeslices',
          objective: { timeSliceWindowMs: -MINUTE },
        },
      ],
      ['bucketMs', { bucketMs: 0 }],
      ['maxBurnDownPoints', { maxBurnDownPoints: 1 }],
      ['maxBurnDownPoints', { maxBurnDownPoints: 10.5 }],
      ['window.durationMs', { window: { kind: 'rolling', durationMs: -1 } }],
      ['at', { at: Infinity }],
      [
        'buckets[1].total',
        {
          buckets: [
            { start: AT - 2 * MINUTE, durationMs: MINUTE, good: 1, total: 1 },
            { start: AT - MINUTE, durationMs: MINUTE, good: 0, total: -3 },
          ],
        },
      ],
    ])('names %s', (field, overrides) => {
      const error = thrownBy(() => evaluate(overrides));
      expect(error).toBeInstanceOf(BudgetInputError);
      expect((error as BudgetInputError).field).toBe(field);
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    });
  });
});
