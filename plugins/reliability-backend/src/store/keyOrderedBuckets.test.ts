import fc from 'fast-check';
import type { BucketWrite } from './SliBucketStore';
import { keyOrderedBuckets } from './keyOrderedBuckets';

/** Code-unit order of SLO, then objective, then start. */
function order(a: BucketWrite, b: BucketWrite): number {
  const ka = [a.sloRef, a.objective].join('\u0000');
  const kb = [b.sloRef, b.objective].join('\u0000');
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.bucketStart - b.bucketStart;
}

/** What a batch stores by definition: each bucket's writes summed, in key order. */
function reference(writes: BucketWrite[]) {
  const merged = new Map<string, BucketWrite>();
  for (const w of writes) {
    const key = JSON.stringify([w.sloRef, w.objective, w.bucketStart]);
    const seen = merged.get(key);
    if (seen) {
      seen.good += w.good;
      seen.total += w.total;
    } else {
      merged.set(key, { ...w });
    }
  }
  const kept = [...merged.values()].sort(order);
  const since = new Map<
    string,
    { sloRef: string; objective: string; since: number }
  >();
  for (const w of kept) {
    const key = JSON.stringify([w.sloRef, w.objective]);
    const seen = since.get(key);
    if (!seen || w.bucketStart < seen.since) {
      since.set(key, {
        sloRef: w.sloRef,
        objective: w.objective,
        since: w.bucketStart,
      });
    }
  }
  return {
    buckets: kept,
    since: [...since.values()],
  };
}

const writeArb: fc.Arbitrary<BucketWrite> = fc.record({
  // 'a' and 'a-b' and 'B': prefixes and upper case, where a careless order goes wrong.
  sloRef: fc.constantFrom('slo:default/a', 'slo:default/a-b', 'slo:default/B'),
  objective: fc.constantFrom('x', 'x2', 'Y'),
  bucketStart: fc.integer({ min: 0, max: 6 }).map(i => i * 60_000),
  good: fc.integer({ min: 0, max: 50 }),
  total: fc.integer({ min: 0, max: 100 }),
});

describe('keyOrderedBuckets', () => {
  it('stores each bucket once with its writes summed, in key order, and each objective from its earliest bucket, in any order of writes', () => {
    fc.assert(
      fc.property(
        fc.array(writeArb, { maxLength: 40 }),
        fc.boolean(),
        (writes, presorted) => {
          // Already in key order (read as it is) or not (sorted first).
          const input = presorted ? [...writes].sort(order) : writes;
          const before = JSON.stringify(input);
          expect(keyOrderedBuckets(input)).toEqual(reference(input));
          // The caller's writes are left as they were.
          expect(JSON.stringify(input)).toBe(before);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sums the writes of one bucket that are not next to each other', () => {
    const w = (sloRef: string, bucketStart: number, good: number) => ({
      sloRef,
      objective: 'o',
      bucketStart,
      good,
      total: 10,
    });
    const { buckets, since } = keyOrderedBuckets([
      w('s:b', 0, 1),
      w('s:a', 60_000, 2),
      w('s:b', 0, 3),
      w('s:a', 0, 4),
    ]);
    expect(
      buckets.map(b => [b.sloRef, b.bucketStart, b.good, b.total]),
    ).toEqual([
      ['s:a', 0, 4, 10],
      ['s:a', 60_000, 2, 10],
      ['s:b', 0, 4, 20],
    ]);
    expect(since).toEqual([
      { sloRef: 's:a', objective: 'o', since: 0 },
      { sloRef: 's:b', objective: 'o', since: 0 },
    ]);
  });
});
