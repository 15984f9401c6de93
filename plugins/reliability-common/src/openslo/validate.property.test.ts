import fc from 'fast-check';
import { validateOpenSloDocument } from './validate';
import { VALID_DOCUMENTS } from './__fixtures__/documents';

/**
 * Hostile input for the OpenSLO validator: generated valid documents must pass, and a
 * generated document with one value made invalid must fail with a problem at that field.
 * (validate.test.ts holds the "never throws" properties on arbitrary values.)
 */

const dnsLabel = fc
  .stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/)
  .filter(s => s.length <= 63);
const labelKey = fc.stringMatching(
  /^[a-zA-Z0-9]([-._a-zA-Z0-9]{0,10}[a-zA-Z0-9])?$/,
);
const text = fc
  .string({ minLength: 1, maxLength: 40 })
  .filter(s => s.trim() !== '');
const target = fc.double({ min: 0.5, max: 0.9999, noNaN: true });

/** A valid Occurrences SLO with a ratio indicator, varied in every free value. */
const validSlo = fc
  .record({
    name: dnsLabel,
    indicatorName: dnsLabel,
    displayName: text,
    service: fc.oneof(
      dnsLabel,
      dnsLabel.map(n => `component:default/${n}`),
      dnsLabel.map(n => `system:${n}`),
    ),
    labels: fc.dictionary(
      labelKey,
      fc.oneof(fc.string(), fc.array(fc.string())),
      {
        maxKeys: 4,
      },
    ),
    days: fc.integer({ min: 1, max: 365 }),
    objectives: fc.uniqueArray(fc.record({ displayName: dnsLabel, target }), {
      minLength: 1,
      maxLength: 3,
      selector: o => o.displayName,
    }),
    query: text,
  })
  .map(v => ({
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: v.name,
      displayName: v.displayName,
      labels: v.labels,
    },
    spec: {
      service: v.service,
      indicator: {
        metadata: { name: v.indicatorName },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource: { type: 'Push', spec: { query: v.query } } },
            total: { metricSource: { type: 'Push', spec: { query: v.query } } },
          },
        },
      },
      timeWindow: [{ duration: `${v.days}d`, isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: v.objectives,
    },
  }));

/** Names no DNS label admits: Unicode of every awkward sort, NUL, upper case, huge. */
const badName = fc.oneof(
  fc.constantFrom(
    'مرحبا', // right-to-left
    'check\u202Eout', // RTL override
    'checkout-🔥',
    'a\u0000b',
    '\uD800', // lone high surrogate
    'x\uDC00y', // lone low surrogate
    'Checkout',
    '__proto__',
    'Constructor',
    '-leading',
    '',
    ' ',
    'a'.repeat(64),
    'x'.repeat(1_000_000),
  ),
  fc
    .string({ unit: 'grapheme', minLength: 1 })
    .filter(s => !/^[a-z0-9-]+$/.test(s)),
);

/** Values no number field may hold, JSON or not. */
const badNumber = fc.constantFrom<unknown>(
  NaN,
  Infinity,
  -Infinity,
  'NaN',
  'Infinity',
  '0.99',
  null,
  true,
  [],
  {},
  BigInt(1),
);

/** Outside the open interval (0, 1) that targets must lie in. */
const badTarget = fc.oneof(
  fc.constantFrom(0, 1, -0.5, 1e308, Number.MAX_SAFE_INTEGER + 2, -1e308),
  fc.double({ min: 1, noNaN: true }),
  fc.double({ max: 0, noNaN: true }),
);

/** Every problem must name the field it is about: a non-empty path. */
function expectFieldPaths(problems: { path: string; message: string }[]) {
  // One expect for all (thousands of expect calls would dominate the run time).
  expect(problems.filter(p => p.path === '' || p.message === '')).toEqual([]);
}

describe('validateOpenSloDocument on hostile input', () => {
  it('accepts generated valid documents', () => {
    fc.assert(
      fc.property(validSlo, doc => {
        expect(validateOpenSloDocument(doc)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a bad name, naming metadata.name', () => {
    fc.assert(
      fc.property(validSlo, badName, (doc, name) => {
        doc.metadata.name = name;
        const problems = validateOpenSloDocument(doc);
        expect(problems.map(p => p.path)).toEqual(['metadata.name']);
        // A 1 MB value is not echoed back whole.
        expect(problems[0].message.length).toBeLessThan(400);
      }),
      { numRuns: 150 },
    );
  });

  it('rejects a target that is not a number in (0, 1), naming it', () => {
    fc.assert(
      fc.property(
        validSlo,
        fc.oneof(badTarget, badNumber),
        fc.nat(2),
        (doc, value, i) => {
          const index = i % doc.spec.objectives.length;
          (doc.spec.objectives[index] as any).target = value;
          const problems = validateOpenSloDocument(doc);
          expect(problems.length).toBeGreaterThan(0);
          expectFieldPaths(problems);
          expect(problems.map(p => p.path)).toContain(
            `spec.objectives[${index}].target`,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects wrong types anywhere in the spec, naming a field under it', () => {
    // Any value of another type in place of an object, array, string or boolean field.
    const fields: [string[], (v: unknown) => boolean][] = [
      [['spec', 'service'], v => typeof v === 'string'],
      [['spec', 'indicator'], v => typeof v === 'object' && v !== null],
      [['spec', 'timeWindow'], v => Array.isArray(v)],
      [['spec', 'objectives'], v => Array.isArray(v)],
      [['spec', 'budgetingMethod'], v => typeof v === 'string'],
      [['metadata'], v => typeof v === 'object' && v !== null],
      [['metadata', 'labels'], v => typeof v === 'object' && v !== null],
    ];
    fc.assert(
      fc.property(
        validSlo,
        fc.constantFrom(...fields),
        fc.anything({ maxDepth: 3 }),
        (doc: any, [path, sameType], value) => {
          fc.pre(value !== undefined && !sameType(value));
          let node = doc;
          for (const key of path.slice(0, -1)) node = node[key];
          node[path[path.length - 1]] = value;
          const problems = validateOpenSloDocument(doc);
          expect(problems.length).toBeGreaterThan(0);
          expectFieldPaths(problems);
          expect(problems.map(p => p.path)).toContain(path.join('.'));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects a time window in nonsense units or sizes, naming its duration', () => {
    fc.assert(
      fc.property(
        validSlo,
        fc.oneof(
          fc.constantFrom(
            '0d',
            '-1d',
            '1.5d',
            'NaN d',
            'Infinityd',
            `${'9'.repeat(400)}d`,
            '28 days',
            '28D',
            28,
            1e308,
            '',
          ),
          fc.string().filter(s => !/^[1-9][0-9]*[mhdwMQY]$/.test(s)),
        ),
        (doc, duration) => {
          (doc.spec.timeWindow[0] as any).duration = duration;
          const problems = validateOpenSloDocument(doc);
          expect(problems.length).toBeGreaterThan(0);
          expectFieldPaths(problems);
          expect(problems.map(p => p.path)).toContain(
            'spec.timeWindow[0].duration',
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects unknown fields, prototype-pollution keys included, without polluting', () => {
    fc.assert(
      fc.property(
        validSlo,
        fc.oneof(
          fc.constantFrom(
            '__proto__',
            'constructor',
            'prototype',
            'toString',
            'budgetMethod',
          ),
          fc.string({ minLength: 1 }),
        ),
        fc.jsonValue({ maxDepth: 2 }),
        (doc, key, value) => {
          const known = [
            'description',
            'service',
            'indicator',
            'indicatorRef',
            'timeWindow',
            'budgetingMethod',
            'objectives',
            'alertPolicies',
          ];
          fc.pre(!known.includes(key));
          // As a JSON or YAML parser hands it over: an own property, even for __proto__.
          const spec = JSON.parse(JSON.stringify(doc.spec));
          const withKey = JSON.parse(
            `{${JSON.stringify(key)}: ${JSON.stringify(value ?? null)}}`,
          );
          const hostile = { ...doc, spec: Object.assign(spec, {}) };
          Object.defineProperty(hostile.spec, key, {
            value: withKey[key],
            enumerable: true,
            configurable: true,
            writable: true,
          });
          const problems = validateOpenSloDocument(hostile);
          expect(problems).toHaveLength(1);
          expect(problems[0].path.startsWith('spec')).toBe(true);
          expect(problems[0].path.length).toBeGreaterThan('spec'.length);
          expect(problems[0].message).toMatch(/^unknown field/);
          expect(({} as any).polluted).toBeUndefined();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads a JSON-parsed __proto__ as a field, not as the prototype', () => {
    const doc = JSON.parse(
      '{"apiVersion":"openslo/v1","kind":"Service","metadata":{"name":"svc","__proto__":{"name":"x"}},"__proto__":{"kind":"SLO"},"spec":{"__proto__":{"polluted":true}}}',
    );
    expect(validateOpenSloDocument(doc)).toEqual([
      {
        path: 'spec.__proto__',
        message: 'unknown field (expected one of: description)',
      },
    ]);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('answers within bounds for deep, wide and enormous documents of every kind', () => {
    let deepArray: unknown = [];
    let deepObject: unknown = {};
    for (let i = 0; i < 10_000; i++) {
      deepArray = [deepArray];
      deepObject = { a: deepObject };
    }
    const wide = Object.fromEntries(
      Array.from({ length: 10_000 }, (_, i) => [`field${i}`, i]),
    );
    const megabyte = '\u{1F525}'.repeat(262_144); // 1 MB of emoji (UTF-16: 2 units each)
    for (const make of Object.values(VALID_DOCUMENTS)) {
      for (const hostile of [
        { ...make(), spec: deepArray },
        { ...make(), spec: { ...make().spec, description: deepObject } },
        { ...make(), metadata: { ...make().metadata, labels: deepObject } },
        { ...make(), spec: { ...make().spec, description: megabyte } },
        { ...make(), metadata: { name: megabyte } },
      ]) {
        const problems = validateOpenSloDocument(hostile);
        expect(problems.length).toBeGreaterThan(0);
        expectFieldPaths(problems);
        expect(JSON.stringify(problems).length).toBeLessThan(10_000);
      }
      const problems = validateOpenSloDocument({
        ...make(),
        spec: { ...make().spec, ...wide },
      });
      // One problem per unknown field, each named.
      expect(problems).toHaveLength(10_000);
      expectFieldPaths(problems);
    }
  });
});
