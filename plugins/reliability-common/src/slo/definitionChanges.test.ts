import type { SloDefinition } from '../openslo/toSloDefinition';
import { describeWindow, sloDefinitionChanges } from './definitionChanges';

const DAY = 86_400_000;
const base: SloDefinition = {
  budgetingMethod: 'Occurrences',
  window: { kind: 'rolling', durationMs: 28 * DAY },
  objectives: [
    { name: 'availability', target: 0.999 },
    { name: 'latency', target: 0.99 },
  ],
};

describe('sloDefinitionChanges', () => {
  it('says a first definition was created, and an unchanged one has no change', () => {
    expect(sloDefinitionChanges(null, base)).toEqual([{ kind: 'created' }]);
    expect(sloDefinitionChanges(base, structuredClone(base))).toEqual([]);
  });

  it('names a loosened and a tightened target per objective', () => {
    expect(
      sloDefinitionChanges(base, {
        ...base,
        objectives: [
          { name: 'availability', target: 0.995 },
          { name: 'latency', target: 0.995 },
        ],
      }),
    ).toEqual([
      {
        kind: 'target',
        objective: 'availability',
        before: 0.999,
        after: 0.995,
        direction: 'loosened',
      },
      {
        kind: 'target',
        objective: 'latency',
        before: 0.99,
        after: 0.995,
        direction: 'tightened',
      },
    ]);
  });

  it('names a window, a budgeting method, and objectives added or removed', () => {
    expect(
      sloDefinitionChanges(base, {
        budgetingMethod: 'Timeslices',
        window: {
          kind: 'calendar',
          unit: 'Month',
          count: 1,
          startTime: '2026-01-01T00:00:00',
          timeZone: 'Europe/Berlin',
        },
        objectives: [
          {
            name: 'availability',
            target: 0.999,
            timeSliceTarget: 0.95,
            timeSliceWindowMs: 300_000,
          },
          { name: 'freshness', target: 0.98 },
        ],
      }),
    ).toEqual([
      { kind: 'budgeting-method', before: 'Occurrences', after: 'Timeslices' },
      {
        kind: 'window',
        before: '28d rolling',
        after: '1 Month calendar (Europe/Berlin)',
      },
      { kind: 'objective-removed', objective: 'latency', target: 0.99 },
      {
        kind: 'time-slice',
        objective: 'availability',
        before: { target: undefined, windowMs: undefined },
        after: { target: 0.95, windowMs: 300_000 },
      },
      { kind: 'objective-added', objective: 'freshness', target: 0.98 },
    ]);
  });

  it('describes windows in words', () => {
    expect(describeWindow({ kind: 'rolling', durationMs: 6 * 3_600_000 })).toBe(
      '6h rolling',
    );
  });
});
