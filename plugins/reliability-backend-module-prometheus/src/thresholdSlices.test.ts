import { meetsThreshold, thresholdSlices } from './thresholdSlices';

describe('meetsThreshold', () => {
  it.each([
    ['lt', 0.2, 0.3, true],
    ['lt', 0.3, 0.3, false],
    ['lte', 0.3, 0.3, true],
    ['lte', 0.31, 0.3, false],
    ['gt', 0.4, 0.3, true],
    ['gt', 0.3, 0.3, false],
    ['gte', 0.3, 0.3, true],
    ['gte', 0.29, 0.3, false],
    ['lt', Infinity, 0.3, false],
    ['gt', Infinity, 0.3, true],
    ['lt', NaN, 0.3, false],
    ['gte', NaN, 0.3, false],
  ] as const)('%s: %d vs %d → %s', (op, value, threshold, expected) => {
    expect(meetsThreshold(value, op, threshold)).toBe(expected);
  });

  it('rejects an unknown operator', () => {
    expect(() => meetsThreshold(1, 'eq' as any, 1)).toThrow(
      "unknown threshold operator 'eq'",
    );
  });
});

describe('thresholdSlices', () => {
  it('makes one good or bad slice per bucket, sorted, leaving NaN out', () => {
    expect(
      thresholdSlices(
        [
          { start: 180_000, value: 0.5 },
          { start: 0, value: 0.1 },
          { start: 60_000, value: NaN },
          { start: 120_000, value: 0.3 },
        ],
        { op: 'lt', value: 0.3 },
      ),
    ).toEqual([
      { start: 0, good: 1, total: 1 },
      { start: 120_000, good: 0, total: 1 },
      { start: 180_000, good: 0, total: 1 },
    ]);
  });

  it('returns nothing for no values', () => {
    expect(thresholdSlices([], { op: 'gte', value: 0.99 })).toEqual([]);
  });
});
