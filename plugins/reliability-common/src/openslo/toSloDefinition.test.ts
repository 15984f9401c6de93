import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import { toSloDefinition } from './toSloDefinition';
import {
  availabilitySlo,
  calendarSlo,
  compositeSlo,
  latencySlo,
  ratioTimeslicesSlo,
} from './__fixtures__/documents';

const DAY = 86_400_000;

describe('toSloDefinition', () => {
  it('converts an Occurrences SLO over a rolling window', () => {
    expect(toSloDefinition(availabilitySlo())).toEqual({
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 28 * DAY },
      objectives: [{ name: 'Good requests', target: 0.999 }],
    });
  });

  it('converts a Timeslices SLO, keeping the slice target and window', () => {
    expect(toSloDefinition(latencySlo())).toEqual({
      budgetingMethod: 'Timeslices',
      window: { kind: 'rolling', durationMs: 7 * DAY },
      objectives: [
        {
          name: 'p95 under 300 ms',
          target: 0.99,
          timeSliceTarget: 0.95,
          timeSliceWindowMs: 60_000,
        },
      ],
    });
  });

  it('converts a RatioTimeslices SLO; a numeric slice window is minutes', () => {
    expect(toSloDefinition(ratioTimeslicesSlo())).toEqual({
      budgetingMethod: 'RatioTimeslices',
      window: { kind: 'rolling', durationMs: 30 * DAY },
      objectives: [
        { name: 'objective-1', target: 0.995, timeSliceWindowMs: 300_000 },
      ],
    });
  });

  it('converts seconds in a slice window', () => {
    const slo = latencySlo();
    slo.spec.objectives[0].timeSliceWindow = '30s';
    expect(toSloDefinition(slo).objectives[0].timeSliceWindowMs).toBe(30_000);
  });

  it('converts a calendar window, with the start time in ISO 8601 in its zone', () => {
    expect(toSloDefinition(calendarSlo())).toEqual({
      budgetingMethod: 'Occurrences',
      window: {
        kind: 'calendar',
        unit: 'Month',
        count: 1,
        startTime: '2022-01-01T12:00:00.000-05:00',
        timeZone: 'America/New_York',
      },
      objectives: [
        { name: 'objective-1', target: 0.995 },
        { name: 'objective-2', target: 0.99 },
      ],
    });
  });

  it.each([
    ['2w', 'Week', 2],
    ['1M', 'Month', 1],
    ['3M', 'Month', 3],
    ['1Q', 'Quarter', 1],
    ['1Y', 'Year', 1],
  ])('maps the calendar duration %s to %s × %d', (duration, unit, count) => {
    const slo = calendarSlo();
    slo.spec.timeWindow[0].duration = duration;
    expect(toSloDefinition(slo).window).toMatchObject({
      kind: 'calendar',
      unit,
      count,
    });
  });

  it('converts an ISO start time with an offset to the same instant in the zone', () => {
    const slo = calendarSlo();
    slo.spec.timeWindow[0].calendar = {
      startTime: '2022-07-01T00:00:00Z',
      timeZone: 'Europe/Berlin',
    };
    expect(toSloDefinition(slo).window).toMatchObject({
      startTime: '2022-07-01T02:00:00.000+02:00',
      timeZone: 'Europe/Berlin',
    });
  });

  it('treats an omitted isRolling with a calendar as a calendar window', () => {
    const slo = calendarSlo();
    delete slo.spec.timeWindow[0].isRolling;
    expect(toSloDefinition(slo).window.kind).toBe('calendar');
  });

  it('converts rolling windows in minutes, hours and weeks', () => {
    for (const [duration, ms] of [
      ['90m', 90 * 60_000],
      ['12h', 12 * 3_600_000],
      ['4w', 28 * DAY],
    ] as const) {
      const slo = availabilitySlo();
      slo.spec.timeWindow[0].duration = duration;
      expect(toSloDefinition(slo).window).toEqual({
        kind: 'rolling',
        durationMs: ms,
      });
    }
  });

  it('converts a composite SLO objective by objective', () => {
    expect(toSloDefinition(compositeSlo()).objectives).toEqual([
      { name: 'Browse', target: 0.999 },
      { name: 'Pay', target: 0.99 },
    ]);
  });

  it('turns targetPercent into the closest fraction, without binary noise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999 }),
        fc.integer({ min: 0, max: 4 }),
        (digits, decimals) => {
          const percent = digits / 10 ** decimals;
          fc.pre(percent > 0 && percent < 100);
          const slo = availabilitySlo();
          slo.spec.objectives[0].targetPercent = percent;
          expect(toSloDefinition(slo).objectives[0].target).toBe(
            Number(`${digits}e-${decimals + 2}`),
          );
        },
      ),
    );
    const slo = availabilitySlo();
    slo.spec.objectives[0].targetPercent = 99.9;
    expect(toSloDefinition(slo).objectives[0].target).toBe(0.999);
  });

  it('refuses an invalid SLO, naming every problem', () => {
    const slo = availabilitySlo();
    slo.spec.timeWindow[0].duration = '1M';
    delete slo.spec.objectives[0].targetPercent;
    expect(() => toSloDefinition(slo)).toThrow(InputError);
    expect(() => toSloDefinition(slo)).toThrow(
      "Invalid OpenSLO SLO: spec.timeWindow[0].duration: must be a fixed length for a rolling window, in m, h, d or w (months, quarters and years are calendar windows); got '1M'; spec.objectives[0]: exactly one of target or targetPercent is required",
    );
  });

  it('refuses another kind', () => {
    const { spec, ...rest } = availabilitySlo();
    expect(() =>
      toSloDefinition({ ...rest, kind: 'Service' as any, spec: {} as any }),
    ).toThrow('Expected an OpenSLO SLO; got kind Service');
  });
});
