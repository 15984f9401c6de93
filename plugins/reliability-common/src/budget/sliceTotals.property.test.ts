import fc from 'fast-check';
import { bucketsBefore, windowArb } from './__testUtils__/arbitraries';
import { DAY, HOUR, MINUTE, utc } from './__testUtils__/buckets';
import { runningTotalsOf } from './__testUtils__/runningTotals';
import {
  bucketWrite,
  sameEvaluation,
  readSliceTotals,
  writeArb,
} from './__testUtils__/sliceTotals';
import { EvaluationSpec, evaluateObjective } from './evaluate';
import {
  evaluateFromSliceTotals,
  sliceEdgeRanges,
  sliceTotalQueries,
} from './sliceSeries';
import {
  SliceVariant,
  recomputeSliceTotals,
  retainSliceTotals,
  sliceRecomputation,
  sliceTotalsOf,
  sliceVariant,
} from './sliceTotals';
import type { EvaluateObjectiveInput, SliBucket } from './types';

const AT = utc('2026-03-29T00:00:00Z');

/** Slice lengths dividing an hour, one that does not (7 min), and one longer than it. */
const SLICE_MINUTES = [1, 5, 7, 30, 60, 120];

const slicedInputArb: fc.Arbitrary<EvaluateObjectiveInput> = fc
  .integer({ min: AT - 3 * DAY, max: AT + 3 * DAY })
  .chain(at =>
    fc.record(
      {
        objective: fc.record({
          name: fc.constant('objective'),
          target: fc.constantFrom(0.5, 0.9, 0.99, 0.999),
          timeSliceTarget: fc.oneof(
            fc.constantFrom(0.5, 0.9, 0.99, 1),
            fc.double({ min: 0.01, max: 1, noNaN: true }),
          ),
          timeSliceWindowMs: fc
            .constantFrom(...SLICE_MINUTES)
            .map(m => m * MINUTE),
        }),
        budgetingMethod: fc.constantFrom(
          'Timeslices' as const,
          'RatioTimeslices' as const,
        ),
        window: windowArb,
        buckets: bucketsBefore(at),
        at: fc.constant(at),
        maxBurnDownPoints: fc.integer({ min: 2, max: 600 }),
        burnDownFrom: fc.integer({ min: at - 4 * DAY, max: at + HOUR }),
        // SLO revisions: earlier targets and good-slice thresholds split the window.
        earlier: fc
          .uniqueArray(fc.integer({ min: at - 4 * DAY, max: at }), {
            maxLength: 3,
          })
          .chain(untils =>
            fc.tuple(
              ...untils
                .sort((a, b) => a - b)
                .map(until =>
                  fc.record(
                    {
                      until: fc.constant(until),
                      target: fc.constantFrom(0.9, 0.99, 0.995),
                      timeSliceTarget: fc.constantFrom(0.5, 0.95, 1),
                    },
                    { requiredKeys: ['until', 'target'] },
                  ),
                ),
            ),
          ),
      },
      {
        requiredKeys: [
          'objective',
          'budgetingMethod',
          'window',
          'buckets',
          'at',
        ],
      },
    ),
  );

describe('evaluateFromSliceTotals', () => {
  it('gives the evaluation of the buckets whose slices it sums', () => {
    fc.assert(
      fc.property(slicedInputArb, input => {
        const { buckets, ...spec } = input;
        const readings = readSliceTotals(spec, buckets, v =>
          sliceTotalsOf(buckets, v),
        );
        expect(
          sameEvaluation(
            evaluateFromSliceTotals(spec, readings),
            evaluateObjective(input),
            spec,
          ),
        ).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it('gives the evaluation of the buckets retention left, wherever the cutoff falls', () => {
    fc.assert(
      fc.property(
        slicedInputArb,
        fc.integer({ min: -4 * DAY, max: HOUR }),
        (input, cutoffFromAt) => {
          const { buckets, ...spec } = input;
          const cutoff =
            Math.floor((input.at + cutoffFromAt) / MINUTE) * MINUTE;
          const remaining = buckets.filter(b => b.start >= cutoff);
          const events = runningTotalsOf(buckets);
          const kept = buckets.length - remaining.length;
          const readings = readSliceTotals(
            spec,
            remaining,
            v =>
              retainSliceTotals(
                sliceTotalsOf(buckets, v),
                remaining,
                v,
                cutoff,
              ),
            {
              rows: events.slice(kept),
              origin: kept > 0 ? events[kept - 1] : undefined,
            },
          );
          expect(
            sameEvaluation(
              evaluateFromSliceTotals(spec, readings),
              evaluateObjective({ ...input, buckets: remaining }),
              spec,
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads a number of rows and buckets that does not grow with the window', () => {
    const spec = (days: number): EvaluationSpec => ({
      objective: {
        name: 'o',
        target: 0.99,
        timeSliceTarget: 0.95,
        timeSliceWindowMs: 5 * MINUTE,
      },
      budgetingMethod: 'Timeslices',
      window: { kind: 'rolling', durationMs: days * DAY },
      at: AT + 3 * MINUTE,
      maxBurnDownPoints: 2,
    });
    const size = (days: number) => {
      const q = sliceTotalQueries(spec(days));
      const windowStart = AT + 3 * MINUTE - days * DAY;
      // A slice cut by the window's start and one still filling: at most two slices.
      const edge = sliceEdgeRanges(
        spec(days),
        {
          start: windowStart - 3 * MINUTE,
          end: windowStart + 2 * MINUTE,
        } as never,
        { start: AT - 5 * MINUTE, end: AT } as never,
      ).reduce((sum, r) => sum + (r.to - r.from), 0);
      return {
        lookups:
          q.variants.length * (q.startingBefore.length + q.endedBy.length),
        edgeMinutes: edge / MINUTE,
      };
    };
    // A 1-day window clips the 3-day burn window to its start: two lookups fewer.
    expect(size(90)).toEqual(size(28));
    for (const days of [1, 28, 90]) {
      expect(size(days).lookups).toBeLessThanOrEqual(10);
      expect(size(days).edgeMinutes).toBeLessThanOrEqual(10);
    }
  });

  it('refuses Occurrences, whose running totals are the buckets own, naming the field', () => {
    expect(() =>
      sliceTotalQueries({
        objective: { name: 'o', target: 0.99 },
        budgetingMethod: 'Occurrences',
        window: { kind: 'rolling', durationMs: DAY },
        at: AT,
      }),
    ).toThrow(/budgetingMethod/);
  });

  it('judges the slice the window start cuts by the definition in force then', () => {
    // 30-minute slices; the window starts mid-slice, where a revision with a stricter
    // threshold (1) was in force for a moment. The cut slice began under it, so it is
    // judged by it: one good and one bad minute make it a bad slice there, a good one
    // under the current threshold (0.01).
    const at = AT + 20 * MINUTE;
    const windowStart = at - HOUR;
    const spec: EvaluationSpec = {
      objective: {
        name: 'o',
        target: 0.5,
        timeSliceTarget: 0.01,
        timeSliceWindowMs: 30 * MINUTE,
      },
      budgetingMethod: 'Timeslices',
      window: { kind: 'rolling', durationMs: HOUR },
      at,
      earlier: [{ until: windowStart + 1, target: 0.9, timeSliceTarget: 1 }],
    };
    const buckets: SliBucket[] = [
      { start: AT - 35 * MINUTE, durationMs: MINUTE, good: 1, total: 1 },
      { start: AT - 34 * MINUTE, durationMs: MINUTE, good: 0, total: 1 },
    ];
    const expected = evaluateObjective({ ...spec, buckets });
    expect(expected.definitionPeriods?.[0].spent).toBe(30 * MINUTE);
    expect(
      evaluateFromSliceTotals(
        spec,
        readSliceTotals(spec, buckets, v => sliceTotalsOf(buckets, v)),
      ),
    ).toEqual(expected);
  });

  it('names the variant a reading lacks', () => {
    const spec: EvaluationSpec = {
      objective: {
        name: 'o',
        target: 0.99,
        timeSliceTarget: 0.95,
        timeSliceWindowMs: 5 * MINUTE,
      },
      budgetingMethod: 'Timeslices',
      window: { kind: 'rolling', durationMs: DAY },
      at: AT,
      earlier: [{ until: AT - HOUR, target: 0.99, timeSliceTarget: 0.5 }],
    };
    const readings = readSliceTotals(spec, [], () => []);
    const slices = new Map(readings.slices);
    slices.delete('Timeslices:300000:0:0.5');
    expect(() =>
      evaluateFromSliceTotals(spec, { ...readings, slices }),
    ).toThrow(/Timeslices:300000:0:0\.5/);
  });
});

describe('recomputeSliceTotals', () => {
  const variantArb: fc.Arbitrary<SliceVariant> = fc
    .record({
      method: fc.constantFrom(
        'Timeslices' as const,
        'RatioTimeslices' as const,
      ),
      minutes: fc.constantFrom(...SLICE_MINUTES),
      // 0: a rolling window's grid; 30 min: a calendar period starting on the half hour.
      origin: fc.constantFrom(0, 30 * MINUTE, 3 * MINUTE),
      timeSliceTarget: fc.constantFrom(0.5, 0.95, 1),
    })
    .map(v =>
      sliceVariant(v.method, v.minutes * MINUTE, v.origin, v.timeSliceTarget),
    );

  it('after any sequence of writes equals the totals rebuilt from scratch', () => {
    fc.assert(
      fc.property(
        variantArb,
        bucketsBefore(AT),
        fc.array(writeArb, { maxLength: 12 }),
        (v, initial, writes) => {
          let buckets: SliBucket[] = initial;
          let rows = sliceTotalsOf(buckets, v);
          for (const write of writes) {
            const applied = bucketWrite(buckets, write);
            if (!applied) continue;
            buckets = applied.buckets;
            rows = recomputeSliceTotals(rows, buckets, v, applied.since);
            // The same additions in the same order: equal to the last bit, floats too.
            expect(rows).toEqual(sliceTotalsOf(buckets, v));
          }
          // A retried push rewrites the same counts: the same rows.
          const last = writes[writes.length - 1];
          const retried =
            last?.kind === 'replace' ? bucketWrite(buckets, last) : undefined;
          expect(
            retried
              ? recomputeSliceTotals(rows, retried.buckets, v, retried.since)
              : rows,
          ).toEqual(sliceTotalsOf(buckets, v));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads no bucket of the slices a write cannot reach', () => {
    const v = sliceVariant('Timeslices', 5 * MINUTE, 0, 0.9);
    const buckets: SliBucket[] = [];
    for (let m = 0; m < 600; m++) {
      buckets.push({
        start: AT + m * MINUTE,
        durationMs: MINUTE,
        good: 9,
        total: 10,
      });
    }
    const rows = sliceTotalsOf(buckets, v);
    const since = AT + 597 * MINUTE;
    const recomputed = recomputeSliceTotals(rows, buckets, v, since);
    expect(recomputed).toEqual(rows);
    // Only the last slice's buckets were read again.
    const { readFrom } = sliceRecomputation(rows, v, since);
    expect(readFrom).toBe(AT + 595 * MINUTE);
  });
});
