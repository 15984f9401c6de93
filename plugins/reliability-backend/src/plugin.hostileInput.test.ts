import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { reliabilityPlugin } from './plugin';
import { SYSTEM_ACTOR } from './policy/PolicyEvaluation';

/**
 * Hostile input through the HTTP API, on every test database: each write route answers
 * a bad body with a 400 (or a body over 2 MB with a 413) in Backstage's error format, and
 * the database holds nothing new afterwards, counted table by table.
 */

jest.setTimeout(120_000);

const MIN = 60_000;
const DATA_TABLES = [
  'reliability_sli_buckets',
  'reliability_sli_batches',
  'reliability_postmortems',
  'reliability_postmortem_entities',
  'reliability_action_items',
  'reliability_audit_events',
];

const catalog = catalogServiceMock.factory({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout-api', namespace: 'default' },
      spec: { type: 'service', owner: 'group:default/team-checkout' },
    },
    {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'checkout-availability', namespace: 'default' },
      spec: {
        service: 'checkout-api',
        budgetingMethod: 'Occurrences',
        timeWindow: [{ duration: '28d', isRolling: true }],
        indicator: {
          metadata: { name: 'checkout-non-5xx' },
          spec: {
            ratioMetric: {
              counter: true,
              good: { metricSource: { type: 'Push', spec: {} } },
              total: { metricSource: { type: 'Push', spec: {} } },
            },
          },
        },
        objectives: [{ displayName: 'requests-succeed', target: 0.999 }],
      },
    } as any,
  ],
});

const minutesAgo = (n: number) =>
  Math.floor((Date.now() - n * MIN) / MIN) * MIN;
const validItem = () => ({
  slo: 'checkout-availability',
  timestamp: minutesAgo(2),
  good: 9,
  total: 10,
});
const validRecord = () => ({
  title: 'Checkout 5xx after a config push',
  severity: 'sev2',
  startedAt: '2026-11-20T10:00:00Z',
  resolvedAt: '2026-11-20T11:00:00Z',
  entityRefs: ['checkout-api'],
  actionItems: [{ title: 'Roll back faster', ownerRef: 'team-checkout' }],
});

// Nested 10,000 deep: written as text, since JSON.stringify would overflow the stack.
const DEEP_ARRAY = Symbol('an array nested 10,000 deep');
const DEEP_OBJECT = Symbol('an object nested 10,000 deep');
const deep: unknown = DEEP_ARRAY;
const deepObject: unknown = DEEP_OBJECT;
const DEEP_TEXT = new Map<unknown, string>([
  [DEEP_ARRAY, `${'['.repeat(10_000)}1${']'.repeat(10_000)}`],
  [DEEP_OBJECT, `${'{"a":'.repeat(10_000)}{}${'}'.repeat(10_000)}`],
]);

/** JSON text of a value, which may hold deep ones anywhere. */
function json(value: unknown): string {
  if (DEEP_TEXT.has(value)) return DEEP_TEXT.get(value)!;
  if (Array.isArray(value)) return `[${value.map(json).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${json(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Values no JSON field of a push item may hold, each with the field it goes in. */
const hostileItemField: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(
    fc.constant('timestamp'),
    fc.constantFrom<unknown>(
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER + 2,
      1e308,
      Math.floor(Date.now() / 1000), // seconds
      -1,
      0.5,
      '0001-01-01T00:00:00Z',
      '1970-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      'NaN',
      'Infinity',
      '',
      null,
      true,
      deep,
      deepObject,
    ),
  ),
  fc.tuple(
    fc.constantFrom('good', 'total'),
    fc.constantFrom<unknown>(
      'NaN',
      'Infinity',
      '10',
      1e308,
      Number.MAX_SAFE_INTEGER + 2,
      -1,
      0.5,
      null,
      [],
      deep,
    ),
  ),
  fc.tuple(fc.constant('good'), fc.constant(11)), // more than total
  fc.tuple(
    fc.constant('slo'),
    fc.constantFrom<unknown>(
      'مرحبا',
      '🔥',
      'a\u0000b',
      '\uD800',
      '__proto__',
      'constructor',
      '',
      'x'.repeat(513),
      42,
    ),
  ),
  fc.tuple(fc.constant('objective'), fc.constantFrom('__proto__', '', 'nope')),
  fc.tuple(
    fc.constantFrom('unknownField', '__proto__', 'constructor'),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  fc.tuple(
    fc.constantFrom('slo', 'timestamp', 'good', 'total'),
    fc
      .anything({ maxDepth: 2 })
      .map(v => JSON.parse(JSON.stringify(v ?? null)))
      // A number may be a fine count (5 of 10): wrong types only.
      .filter(v => typeof v !== 'number'),
  ),
);

/** Values no postmortem record may hold, each with the field it goes in. */
const hostileRecordField: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(
    fc.constantFrom('startedAt', 'resolvedAt'),
    fc.constantFrom<unknown>(
      '0001-01-01T00:00:00Z',
      '1970-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      1_764_240_000,
      'NaN',
      1e308,
      deep,
    ),
  ),
  fc.tuple(
    fc.constantFrom('title', 'summary', 'externalId', 'documentUrl'),
    fc.constantFrom<unknown>(
      'x'.repeat(1_000_000),
      42,
      [],
      deepObject,
      'a\u0000b', // PostgreSQL takes no NUL in text
    ),
  ),
  fc.tuple(
    fc.constant('entityRefs'),
    fc.constantFrom<unknown>(
      [],
      ['nope'],
      ['🔥'],
      ['a\u0000b'],
      [deep],
      'checkout-api',
    ),
  ),
  fc.tuple(
    fc.constant('actionItems'),
    fc.constantFrom<unknown>(
      [{ title: 'x', ownerRef: 42 }],
      [{ title: 'x', dueAt: '9999-99-99' }],
      [{ title: 'x', priority: '__proto__' }],
      [{ title: 'a\u0000b' }],
      [{ title: 'x', ownerRef: 'team\u0000x' }],
      [deepObject],
      [null],
    ),
  ),
  fc.tuple(
    fc.constantFrom('severity', 'status', 'blamelessReviewHeld'),
    fc.constantFrom<unknown>('NaN', '__proto__', 'yes', null, 1e308),
  ),
  fc.tuple(
    fc.constantFrom('unknownField', '__proto__', 'constructor'),
    fc.jsonValue({ maxDepth: 2 }),
  ),
);

/**
 * The JSON text of `value` with `field` set last (a repeated key's last value wins), as an
 * own property even for __proto__.
 */
function withField(value: object, field: string, fieldValue: unknown): string {
  return `${JSON.stringify(value).slice(0, -1)},${JSON.stringify(field)}:${json(
    fieldValue,
  )}}`;
}

const { databases, ids } = createTestDatabases();

describe.each(ids)('hostile input through the API, on %s', databaseId => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let knex: Knex;
  const user = mockCredentials.user.header();

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalog,
        mockServices.database.factory({ knex }),
      ],
    }));
  });

  const send = (method: 'post' | 'put', path: string, body: string) =>
    request(server)
      [method](`/api/reliability${path}`)
      .set('Authorization', user)
      .set('Content-Type', 'application/json')
      .send(body);

  /**
   * What requests have written. The plugin's own audit events are left out: the baseline
   * push's evaluation records its policy's state change in the background, whenever it
   * runs, and no rejected request is the cause of it.
   */
  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of DATA_TABLES) {
      const query = knex(table);
      if (table === 'reliability_audit_events') {
        query.whereNot('actor_ref', SYSTEM_ACTOR);
      }
      const [{ n }] = await query.count({ n: '*' });
      counts[table] = Number(n);
    }
    return counts;
  }

  /** A 400 or 413 in Backstage's error format, with a message. */
  function expectErrorShape(res: request.Response, status: number) {
    expect({ status: res.status, body: res.body }).toEqual({
      status,
      body: expect.objectContaining({
        error: expect.objectContaining({
          name: expect.any(String),
          message: expect.stringMatching(/\S/),
        }),
        response: { statusCode: status },
      }),
    });
    // A 1 MB value is not echoed back whole.
    expect(JSON.stringify(res.body).length).toBeLessThan(50_000);
  }

  it('writes a valid push and a valid postmortem (the baseline)', async () => {
    const push = await send(
      'post',
      '/v1/sli/events',
      JSON.stringify({ items: [validItem()] }),
    );
    expect(push.status).toBe(200);
    const created = await send(
      'post',
      '/v1/postmortems',
      JSON.stringify(validRecord()),
    );
    expect(created.status).toBe(201);
    expect(await rowCounts()).toMatchObject({
      reliability_sli_buckets: 1,
      reliability_postmortems: 1,
    });
  });

  it('refuses a push batch with one hostile item whole, naming the field, and writes nothing', async () => {
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(3),
        hostileItemField,
        async (position, [field, value]) => {
          const items = [validItem(), validItem(), validItem()].map(i =>
            JSON.stringify(i),
          );
          items.splice(position, 0, withField(validItem(), field, value));
          const res = await send(
            'post',
            '/v1/sli/events',
            `{"items":[${items.join(',')}]}`,
          );
          expectErrorShape(res, 400);
          // Named by the batch parser (items one by one, and in the message) or by the
          // schema (the value's path in its message): the item and the field either way.
          const message: string = res.body.error.message;
          const named = res.body.items
            ? res.body.items.length === 1 &&
              res.body.items[0].index === position &&
              // A count over total is told at good, whichever was changed.
              [field, field === 'total' ? 'good' : field].includes(
                res.body.items[0].field,
              ) &&
              message.includes(
                `items[${position}].${res.body.items[0].field}: `,
              )
            : message.includes(`items/${position}/${field} `);
          expect(named ? 'named' : JSON.stringify(res.body)).toBe('named');
        },
      ),
      { numRuns: 40 },
    );
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a postmortem import with one hostile record, naming the field, and writes nothing', async () => {
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(2),
        hostileRecordField,
        async (position, [field, value]) => {
          const items = [validRecord(), validRecord()].map(r =>
            JSON.stringify(r),
          );
          items.splice(position, 0, withField(validRecord(), field, value));
          const res = await send(
            'post',
            '/v1/postmortems/import',
            `{"items":[${items.join(',')}]}`,
          );
          expectErrorShape(res, 400);
          expect(res.body.items).toEqual(
            expect.arrayContaining([
              expect.objectContaining({
                index: position,
                field: expect.stringMatching(new RegExp(`^${field}`)),
              }),
            ]),
          );
          // The same record alone, through create, is refused too.
          const single = await send(
            'post',
            '/v1/postmortems',
            withField(validRecord(), field, value),
          );
          expectErrorShape(single, 400);
          expect(single.body.error.message).toContain(field);
        },
      ),
      { numRuns: 40 },
    );
    expect(await rowCounts()).toEqual(before);
  });

  it('answers bodies nested 10,000 deep with a 400, writing nothing', async () => {
    const before = await rowCounts();
    for (const [method, path] of [
      ['post', '/v1/sli/events'],
      ['post', '/v1/postmortems'],
      ['post', '/v1/postmortems/import'],
      ['put', '/v1/postmortems/1'],
    ] as const) {
      for (const body of [
        deep,
        deepObject,
        { items: deep },
        { items: [deepObject] },
      ]) {
        expectErrorShape(await send(method, path, json(body)), 400);
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a body over 2 MB on every write route with a 413 in the error format, writing nothing', async () => {
    const before = await rowCounts();
    const huge = {
      items: [
        { ...validItem(), ...validRecord(), summary: 'x'.repeat(2_200_000) },
      ],
    };
    for (const [method, path] of [
      ['post', '/v1/sli/events'],
      ['post', '/v1/postmortems'],
      ['post', '/v1/postmortems/import'],
      ['put', '/v1/postmortems/1'],
    ] as const) {
      const res = await send(method, path, JSON.stringify(huge));
      expectErrorShape(res, 413);
      expect(res.body.error.message).toMatch(/too large/i);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a NUL in a batchId, which PostgreSQL could not store', async () => {
    const before = await rowCounts();
    const res = await send(
      'post',
      '/v1/sli/events',
      JSON.stringify({
        mode: 'add',
        batchId: 'a\u0000b',
        items: [validItem()],
      }),
    );
    expectErrorShape(res, 400);
    expect(res.body.error.message).toMatch(/^batchId: /);
    expect(await rowCounts()).toEqual(before);
  });

  it('reads a JSON __proto__ key as a field, not a prototype', async () => {
    const res = await send(
      'post',
      '/v1/postmortems',
      withField(validRecord(), '__proto__', { polluted: true, isAdmin: true }),
    );
    expectErrorShape(res, 400);
    expect(({} as any).polluted).toBeUndefined();
  });
});
