import fc from 'fast-check';
import type { SloRecord } from '../store/SloStore';
import { parseSliBatch } from './parseSliBatch';

/**
 * Hostile push items, as the API schema lets them through (slo and objective strings,
 * timestamp a string or any number, counts any number): the batch parser never throws,
 * names the item and field of every problem, and returns writes only for a clean batch,
 * each of sound values.
 */

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const DAY = 86_400_000;
const limits = {
  maxFutureSkewMs: 300_000,
  maxAgeMs: 36 * DAY,
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
      window: { kind: 'rolling', durationMs: 28 * DAY },
      objectives: objectives.map(name => ({ name, target: 0.999 })),
    },
  };
}
const slos = new Map([
  ['slo:default/one', slo('slo:default/one', ['only'])],
  ['slo:default/two', slo('slo:default/two', ['fast', 'slow'])],
]);

const hostileNumber = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    NaN,
    Infinity,
    -Infinity,
    -0,
    -1,
    0.5,
    1e12,
    1e12 + 1,
  ),
  fc.double(),
  fc.integer(),
  fc.nat(1000),
);
const hostileTimestamp = fc.oneof(
  hostileNumber,
  fc.constantFrom(
    NOW,
    NOW - 60_000,
    Math.floor(NOW / 1000), // seconds
    0,
    8.64e15,
    8.64e15 + 1,
    '0001-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2026-11-27T11:59:00Z',
    '2026-11-27T11:59:00',
    '2026-02-30T00:00:00Z',
    '2026-11-27T11:59:00.123456789+05:30',
    'NaN',
    'Infinity',
    String(NOW),
  ),
  fc.string({ minLength: 1, maxLength: 64 }),
);
const hostileName = fc.oneof(
  fc.constantFrom(
    'one',
    'two',
    'slo:default/one',
    'SLO:DEFAULT/ONE',
    'مرحبا',
    '🔥',
    'a\u0000b',
    '\uD800',
    '__proto__',
    'constructor',
    'slo:__proto__/x',
    ':',
    '/',
  ),
  fc.string({ minLength: 1, maxLength: 512 }),
);

const item = fc.record(
  {
    slo: hostileName,
    objective: fc.oneof(
      fc.constantFrom('only', 'fast', 'slow', '__proto__', 'constructor'),
      fc.string({ minLength: 1, maxLength: 255 }),
    ),
    timestamp: hostileTimestamp,
    good: hostileNumber,
    bad: hostileNumber,
    total: hostileNumber,
  },
  { requiredKeys: ['slo', 'timestamp'] },
);

const FIELDS = ['slo', 'objective', 'timestamp', 'good', 'bad', 'total'];

describe('parseSliBatch on hostile items', () => {
  it('never throws; names item and field of every problem; writes only sound values of a clean batch', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 20 }), items => {
        const { writes, errors } = parseSliBatch(
          items as any,
          slos,
          NOW,
          limits,
        );
        expect(
          errors.filter(
            e =>
              !FIELDS.includes(e.field) ||
              !Number.isInteger(e.index) ||
              e.index < 0 ||
              e.index >= items.length ||
              e.message === '' ||
              e.message.length > 1000,
          ),
        ).toEqual([]);
        // A clean batch is written whole (and the router writes nothing of any other).
        expect(errors.length > 0 || writes.length === items.length).toBe(true);
        for (const w of writes) {
          expect(Number.isSafeInteger(w.good)).toBe(true);
          expect(Number.isSafeInteger(w.total)).toBe(true);
          expect(w.good).toBeGreaterThanOrEqual(0);
          expect(w.good).toBeLessThanOrEqual(w.total);
          expect(w.total).toBeLessThanOrEqual(1e12);
          expect(w.bucketStart % limits.bucketMs).toBe(0);
          expect(w.bucketStart).toBeGreaterThan(NOW - limits.maxAgeMs - 60_000);
          expect(w.bucketStart).toBeLessThanOrEqual(
            NOW + limits.maxFutureSkewMs,
          );
          expect(['slo:default/one', 'slo:default/two']).toContain(w.sloRef);
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    [
      'a timestamp past what a Date can hold',
      { timestamp: Number.MAX_SAFE_INTEGER },
      'timestamp',
      /is in the future \(after \+275760/,
    ],
    [
      'a timestamp in seconds',
      { timestamp: Math.floor(NOW / 1000) },
      'timestamp',
      /older than/,
    ],
    [
      'year 0001',
      { timestamp: '0001-01-01T00:00:00Z' },
      'timestamp',
      /older than .*0001-01-01/,
    ],
    [
      'year 9999',
      { timestamp: '9999-12-31T23:59:59Z' },
      'timestamp',
      /in the future \(9999-12-31/,
    ],
    ['a fractional timestamp', { timestamp: NOW - 0.5 }, 'timestamp', /whole/],
    ['NaN as a string', { timestamp: 'NaN' }, 'timestamp', /ISO 8601/],
    ['1e308 events', { total: 1e308 }, 'total', /at most/],
    [
      'MAX_SAFE_INTEGER + 2 events',
      { total: Number.MAX_SAFE_INTEGER + 2, good: 1 },
      'total',
      /at most/,
    ],
    ['a negative count', { good: -1 }, 'good', /0 or more/],
    ['a fractional count', { good: 0.5 }, 'good', /whole/],
    ['NaN', { good: NaN }, 'good', /whole number/],
    [
      'good over total',
      { good: 11 },
      'good',
      /must not exceed total \(11 > 10\)/,
    ],
    [
      'an SLO with a NUL',
      { slo: 'a\u0000b' },
      'slo',
      /is not an entity reference/,
    ],
    [
      'an SLO with a line break',
      { slo: 'one\n' },
      'slo',
      /is not an entity reference/,
    ],
    [
      'a __proto__ objective',
      { slo: 'two', objective: '__proto__' },
      'objective',
      /has no objective '__proto__'/,
    ],
  ])('rejects %s naming %s', (_name, over, field, message) => {
    const { writes, errors } = parseSliBatch(
      [
        { slo: 'one', timestamp: NOW - 60_000, good: 9, total: 10 },
        { slo: 'one', timestamp: NOW - 60_000, good: 9, total: 10, ...over },
      ] as any,
      slos,
      NOW,
      limits,
    );
    expect(errors).toEqual([
      expect.objectContaining({
        index: 1,
        field,
        message: expect.stringMatching(message),
      }),
    ]);
    // The valid item's write is there, but the router writes nothing unless errors is empty.
    expect(writes).toHaveLength(1);
  });
});
