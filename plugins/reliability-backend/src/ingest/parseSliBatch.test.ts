import type { SloRecord } from '../store/SloStore';
import { parseSliBatch, sloRefOf } from './parseSliBatch';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const limits = {
  maxFutureSkewMs: 300_000,
  maxAgeMs: 36 * 86_400_000,
  bucketMs: 60_000,
};

function slo(ref: string, objectives: string[]): SloRecord {
  return {
    sloRef: ref,
    serviceRef: 'component:default/checkout-api',
    title: ref,
    definitionHash: 'h',
    definition: {
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 28 * 86_400_000 },
      objectives: objectives.map(name => ({ name, target: 0.999 })),
    },
  };
}

const slos = new Map([
  ['slo:default/one', slo('slo:default/one', ['only'])],
  ['slo:default/two', slo('slo:default/two', ['fast', 'slow'])],
]);

const parse = (items: any[]) => parseSliBatch(items, slos, NOW, limits);

describe('sloRefOf', () => {
  it('defaults kind SLO and namespace default, lower-cased', () => {
    expect(sloRefOf('One')).toBe('slo:default/one');
    expect(sloRefOf('SLO:Team/Two')).toBe('slo:team/two');
    expect(sloRefOf('')).toBeUndefined();
  });
});

describe('parseSliBatch', () => {
  it('aligns timestamps to buckets and derives good from bad', () => {
    const { writes, errors } = parse([
      { slo: 'one', timestamp: '2026-11-27T11:58:42.123Z', good: 9, total: 10 },
      {
        slo: 'slo:default/two',
        objective: 'slow',
        timestamp: NOW - 1,
        bad: 3,
        total: 10,
      },
    ]);
    expect(errors).toEqual([]);
    expect(writes).toEqual([
      {
        sloRef: 'slo:default/one',
        objective: 'only',
        bucketStart: NOW - 120_000,
        good: 9,
        total: 10,
      },
      {
        sloRef: 'slo:default/two',
        objective: 'slow',
        bucketStart: NOW - 60_000,
        good: 7,
        total: 10,
      },
    ]);
  });

  it.each([
    [
      { slo: 'nope', timestamp: NOW, good: 1, total: 1 },
      'slo',
      'no SLO slo:default/nope in the catalog',
    ],
    [
      { slo: 'two', timestamp: NOW, good: 1, total: 1 },
      'objective',
      'required: slo:default/two has several objectives (fast, slow)',
    ],
    [
      { slo: 'two', objective: 'x', timestamp: NOW, good: 1, total: 1 },
      'objective',
      "slo:default/two has no objective 'x'; it has fast, slow",
    ],
    [
      { slo: 'one', timestamp: '2026-11-27 11:00', good: 1, total: 1 },
      'timestamp',
      'must be an ISO 8601 date-time with a time zone',
    ],
    [
      { slo: 'one', timestamp: NOW + 600_000, good: 1, total: 1 },
      'timestamp',
      'is in the future',
    ],
    [
      { slo: 'one', timestamp: NOW - 40 * 86_400_000, good: 1, total: 1 },
      'timestamp',
      'is older than the 36 days',
    ],
    [
      { slo: 'one', timestamp: 1.5, good: 1, total: 1 },
      'timestamp',
      'must be epoch milliseconds',
    ],
    [
      { slo: 'one', timestamp: NOW, good: -1, total: 1 },
      'good',
      'must be a whole number of events, 0 or more; got -1',
    ],
    [
      { slo: 'one', timestamp: NOW, good: 0.5, total: 1 },
      'good',
      'must be a whole number',
    ],
    [
      { slo: 'one', timestamp: NOW, good: NaN, total: 1 },
      'good',
      'must be a whole number',
    ],
    [
      { slo: 'one', timestamp: NOW, good: 1, total: 1e13 },
      'total',
      'must be at most',
    ],
    [
      { slo: 'one', timestamp: NOW, good: 5, total: 4 },
      'good',
      'must not exceed total (5 > 4)',
    ],
    [
      { slo: 'one', timestamp: NOW, bad: 5, total: 4 },
      'bad',
      'must not exceed total (5 > 4)',
    ],
    [
      { slo: 'one', timestamp: NOW, good: 1, bad: 0, total: 1 },
      'bad',
      'exactly one of good or bad is required',
    ],
    [
      { slo: 'one', timestamp: NOW, total: 1 },
      'good',
      'exactly one of good or bad is required',
    ],
    [{ slo: 'one', timestamp: NOW, good: 1 }, 'total', 'required'],
  ])('rejects %p at %s', (item, field, message) => {
    const { writes, errors } = parse([item]);
    expect(writes).toEqual([]);
    expect(errors).toContainEqual({
      index: 0,
      field,
      message: expect.stringContaining(message),
    });
  });

  it('reports every bad item with its index and keeps none of a bad item', () => {
    const { writes, errors } = parse([
      { slo: 'one', timestamp: NOW, good: 1, total: 1 },
      { slo: 'one', timestamp: NOW, good: 2, total: 1 },
      { slo: 'nope', timestamp: 'yesterday', good: 1, total: 1 },
    ]);
    expect(writes).toHaveLength(1);
    expect(errors.map(e => [e.index, e.field])).toEqual([
      [1, 'good'],
      [2, 'slo'],
      [2, 'timestamp'],
    ]);
  });
});
