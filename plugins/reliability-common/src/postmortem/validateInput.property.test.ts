import fc from 'fast-check';
import { POSTMORTEM_FIELDS } from './types';
import { validatePostmortemInput } from './validateInput';

/**
 * Hostile input for the postmortem record validator (API bodies, imports, CLI files):
 * it never throws, every problem names a field, generated valid records pass and one
 * invalid value makes a record fail at that field.
 */

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const HOUR = 3_600_000;

const name = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: max }).filter(s => s.trim() !== '');

/** A valid record: times in order between 1990 and now, references of known shape. */
const validRecord = fc
  .record({
    title: text(300),
    severity: fc.constantFrom('sev1', 'sev2', 'sev3', 'sev4'),
    status: fc.constantFrom('draft', 'in-review', 'published'),
    startedAt: fc.integer({ min: Date.UTC(1990, 0, 1), max: NOW - 3 * HOUR }),
    steps: fc.array(fc.integer({ min: 0, max: HOUR }), {
      minLength: 3,
      maxLength: 3,
    }),
    entityRefs: fc.array(
      fc.oneof(
        name,
        name.map(n => `component:default/${n}`),
      ),
      { minLength: 1, maxLength: 5 },
    ),
    actionItems: fc.array(
      fc.record({
        title: text(100),
        priority: fc.constantFrom('p0', 'p1', 'p2', 'p3'),
        ownerRef: fc.option(
          name.map(n => `group:${n}`),
          { nil: null },
        ),
      }),
      { maxLength: 3 },
    ),
    summary: fc.option(fc.string({ maxLength: 200 }), { nil: null }),
  })
  .map(v => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const detected = v.startedAt + v.steps[0];
    const mitigated = detected + v.steps[1];
    return {
      title: v.title,
      severity: v.severity,
      status: v.status,
      summary: v.summary,
      startedAt: iso(v.startedAt),
      detectedAt: iso(detected),
      mitigatedAt: iso(mitigated),
      resolvedAt: iso(mitigated + v.steps[2]),
      entityRefs: v.entityRefs,
      actionItems: v.actionItems,
    } as Record<string, unknown>;
  });

/** Times no record may carry: out of range, in seconds, not ISO, not finite. */
const badTime = fc.constantFrom<unknown>(
  '0001-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '2026-13-45T99:99:99Z',
  1_764_240_000, // seconds
  1_764_240_000_000, // milliseconds: the API takes ISO strings only
  '1764240000',
  NaN,
  'NaN',
  Infinity,
  'Infinity',
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  true,
  [],
  {},
  '',
);

function expectNamedProblems(problems: { field: string; message: string }[]) {
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.filter(p => p.field === '' || p.message === '')).toEqual([]);
}

describe('validatePostmortemInput on hostile input', () => {
  it('never throws, and names a field in every problem, for any value', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({
            maxDepth: 3,
            withNullPrototype: true,
            withBigInt: true,
          }),
          // Known fields with any value, so that the checks past the envelope run too.
          fc.dictionary(
            fc.constantFrom(...POSTMORTEM_FIELDS, '__proto__', 'constructor'),
            fc.anything({ maxDepth: 3 }),
          ),
        ),
        raw => {
          const { value, problems } = validatePostmortemInput(raw, NOW);
          // Either a value and no problem, or no value and named problems.
          expect(value === undefined).toBe(problems.length > 0);
          expect(
            problems.filter(p => p.field === '' || p.message === ''),
          ).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts generated valid records, normalised', () => {
    fc.assert(
      fc.property(validRecord, raw => {
        const { value, problems } = validatePostmortemInput(raw, NOW);
        expect(problems).toEqual([]);
        expect(value!.startedAt).toBe(Date.parse(raw.startedAt as string));
        expect(value!.entityRefs.every(r => r.startsWith('component:'))).toBe(
          true,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a bad time, naming its field', () => {
    fc.assert(
      fc.property(
        validRecord,
        fc.constantFrom('startedAt', 'detectedAt', 'mitigatedAt', 'resolvedAt'),
        badTime,
        (raw, field, time) => {
          raw[field] = time;
          const { value, problems } = validatePostmortemInput(raw, NOW);
          expect(value).toBeUndefined();
          expectNamedProblems(problems);
          expect(problems.map(p => p.field)).toContain(field);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects wrong types, enormous values and unknown fields, naming them', () => {
    const mutations: [string, fc.Arbitrary<unknown>][] = [
      ['title', fc.constantFrom('', '   ', 'x'.repeat(1_000_000), 42, null)],
      // PostgreSQL stores no NUL in text: refused here rather than failing the write.
      ['title', fc.constant('a\u0000b')],
      ['summary', fc.constant('a\u0000b')],
      ['externalId', fc.constant('INC-\u00001')],
      ['entityRefs', fc.constant(['checkout\u0000'])],
      [
        'actionItems',
        fc.constantFrom(
          [{ title: 'a\u0000b' }],
          [{ title: 'a', ownerRef: 'x\u0000' }],
        ),
      ],
      ['severity', fc.constantFrom('SEV1', 'sev5', '', 1, ['sev1'])],
      ['summary', fc.constantFrom('x'.repeat(20_001), 7, {})],
      ['entityRefs', fc.constantFrom([], 'checkout', [''], [42], [null])],
      [
        'entityRefs',
        fc.constant(Array.from({ length: 101 }, (_, i) => `c${i}`)),
      ],
      ['entityRefs', fc.constant(['x'.repeat(513)])],
      [
        'actionItems',
        fc.constantFrom('todo', [null], [{}], [{ title: 'a', extra: 1 }]),
      ],
      [
        'documentUrl',
        fc.constantFrom('ftp://example.com/x', 'not a url', 'x'.repeat(2001)),
      ],
      ['blamelessReviewHeld', fc.constantFrom('yes', 1, 'true')],
    ];
    fc.assert(
      fc.property(
        validRecord,
        fc.constantFrom(...mutations),
        fc.nat(),
        (raw, [field, arb], seed) => {
          raw[field] = fc.sample(arb, { seed, numRuns: 1 })[0];
          const { value, problems } = validatePostmortemInput(raw, NOW);
          expect(value).toBeUndefined();
          expectNamedProblems(problems);
          expect(problems.every(p => p.field.startsWith(field))).toBe(true);
          expect(JSON.stringify(problems).length).toBeLessThan(5_000);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names unknown fields, prototype-pollution keys included, and pollutes nothing', () => {
    for (const key of [
      '__proto__',
      'constructor',
      'prototype',
      'hasOwnProperty',
    ]) {
      const raw = JSON.parse(
        `{"title":"t","severity":"sev1","startedAt":"2026-01-01T00:00:00Z","entityRefs":["a"],${JSON.stringify(
          key,
        )}:{"polluted":true}}`,
      );
      expect(validatePostmortemInput(raw, NOW).problems).toEqual([
        {
          field: key,
          message: expect.stringMatching(/^unknown field/),
        },
      ]);
    }
    expect(({} as any).polluted).toBeUndefined();
  });

  it('names the index of a reference with Unicode of any sort that it refuses', () => {
    for (const odd of ['مرحبا', '🔥', 'a\u0000b', '\uD800', 'x\u202Ey']) {
      const ref = validatePostmortemInput(
        {
          title: 't',
          severity: 'sev1',
          startedAt: '2026-01-01T00:00:00Z',
          entityRefs: [`component:default/${odd}`, `a:b:c/${odd}`],
        },
        NOW,
      );
      // parseEntityRef admits any name; what it refuses names its index.
      expect(ref.problems.every(p => p.field.startsWith('entityRefs['))).toBe(
        true,
      );
    }
  });

  it('answers deep nesting and huge arrays with one named problem', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const base = {
      title: 't',
      severity: 'sev1',
      startedAt: '2026-01-01T00:00:00Z',
      entityRefs: ['a'],
    };
    for (const [field, value] of [
      ['title', deep],
      ['entityRefs', deep],
      ['actionItems', deep],
      ['actionItems', Array.from({ length: 100_000 }, () => ({}))],
      ['entityRefs', Array.from({ length: 100_000 }, () => 'a')],
    ] as const) {
      const { problems } = validatePostmortemInput(
        { ...base, [field]: value },
        NOW,
      );
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.length).toBeLessThanOrEqual(1);
      expect(problems[0].field.startsWith(field)).toBe(true);
    }
  });
});
