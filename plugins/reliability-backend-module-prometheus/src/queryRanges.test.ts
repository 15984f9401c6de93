import { splitQueryRange } from './queryRanges';

describe('splitQueryRange', () => {
  const m = 60_000;

  it('evaluates each bucket at its end', () => {
    expect(
      splitQueryRange({
        from: 10 * m,
        to: 13 * m,
        bucketMs: m,
        maxPoints: 10_000,
      }),
    ).toEqual([{ start: 11 * m, end: 13 * m, points: 3 }]);
  });

  it('splits long ranges into queries of at most maxPoints points', () => {
    const ranges = splitQueryRange({
      from: 0,
      to: 25 * m,
      bucketMs: m,
      maxPoints: 10,
    });
    expect(ranges).toEqual([
      { start: 1 * m, end: 10 * m, points: 10 },
      { start: 11 * m, end: 20 * m, points: 10 },
      { start: 21 * m, end: 25 * m, points: 5 },
    ]);
    for (const r of ranges) {
      expect((r.end - r.start) / m + 1).toBe(r.points);
    }
  });

  it('keeps a 30-day range of minutes under the Prometheus limit', () => {
    const ranges = splitQueryRange({
      from: 0,
      to: 30 * 24 * 60 * m,
      bucketMs: m,
      maxPoints: 10_000,
    });
    expect(ranges).toHaveLength(5);
    expect(ranges.reduce((n, r) => n + r.points, 0)).toBe(43_200);
    expect(Math.max(...ranges.map(r => r.points))).toBe(10_000);
  });

  it('returns no query for an empty range', () => {
    expect(
      splitQueryRange({ from: m, to: m, bucketMs: m, maxPoints: 10 }),
    ).toEqual([]);
  });
});
