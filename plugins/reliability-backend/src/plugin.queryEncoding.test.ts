import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ReliabilityClient } from '@reliability-suite/plugin-reliability-common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { reliabilityPlugin } from './plugin';
import { spec } from './schema/openapi.generated';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout-api';
const TEAM = 'group:default/team-checkout';
const SYSTEM = 'system:default/payments';
const POLICY = 'errorbudgetpolicy:default/standard';
const SRE = 'group:default/sre-core';
/** A search text with a space and every character `encodeURIComponent` leaves as it is. */
const TITLE = "Shard rebalance: it's (a/b) *50%* done! @ops, +1; x=y & z?";
/** A change id with what a CI system puts in one: slashes, a space, #, & and +. */
const CHANGE = 'release/2026.12 #4&x=1+2 (hotfix)';

const catalog = catalogServiceMock.factory({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout-api',
        namespace: 'default',
        annotations: {
          'reliability-suite.dev/error-budget-policy': 'standard',
          'reliability-suite.dev/sre-team': SRE,
        },
      },
      spec: {
        type: 'service',
        owner: 'team-checkout',
        system: 'payments',
        lifecycle: 'production',
      },
    },
    {
      apiVersion: 'reliability-suite.dev/v1alpha1',
      kind: 'ErrorBudgetPolicy',
      metadata: { name: 'standard', namespace: 'default' },
      spec: {
        owner: SRE,
        states: [
          { name: 'healthy', remainingAbove: 0, consequences: 'Ship.' },
          { name: 'exhausted', consequences: 'Frozen.', freeze: true },
        ],
        freeze: {
          exceptionClasses: [{ name: 'p0-fix', preApproved: true }],
        },
      },
    } as any,
  ],
});

type Query = Record<string, string | number | boolean>;
type Call = (client: ReliabilityClient, query: Query) => Promise<unknown>;
const ref = { namespace: 'default', name: 'sre-core' };
const slo = { namespace: 'default', name: 'checkout-availability' };

/**
 * Every GET route with query parameters, called through the typed client. A route of the
 * schema missing here fails the first test, so a new one cannot be forgotten.
 */
const routes: Record<string, { call: Call; required?: Query }> = {
  '/v1/audit-events': { call: (c, q) => c.listAuditEvents(q) },
  '/v1/slos': { call: (c, q) => c.listSlos(q) },
  // An SLO the store does not know answers 404 whatever the query; the limits still pass
  // the router's validation first, which is what is tested here.
  '/v1/slos/{namespace}/{name}/revisions': {
    call: (c, q) => c.getSloRevisions(slo, q).catch(notFoundIsFine),
  },
  '/v1/slos/{namespace}/{name}': {
    call: (c, q) => c.getSlo(slo, q).catch(notFoundIsFine),
  },
  '/v1/slo-refinements': { call: (c, q) => c.listSloRefinements(q) },
  '/v1/decisions': { call: (c, q) => c.getDecisions(q) },
  '/v1/gate': {
    call: (c, q) => c.checkGate(q as any),
    required: { entity: CHECKOUT },
  },
  '/v1/sre-teams/{namespace}/{name}/time-budget': {
    call: (c, q) => c.getSreTimeBudget(ref, q).catch(notFoundIsFine),
  },
  '/v1/sre-time-budget': { call: (c, q) => c.listSreTimeBudgets(q) },
  '/v1/audit': { call: (c, q) => c.listAuditFindings(q) },
  '/v1/audit/export.csv': { call: (c, q) => c.exportAuditFindings(q) },
  '/v1/reviews': { call: (c, q) => c.listReviews(q) },
  '/v1/postmortems': { call: (c, q) => c.listPostmortems(q) },
  '/v1/postmortems/figures': { call: (c, q) => c.getPostmortemFigures(q) },
  '/v1/prometheus-rules': { call: (c, q) => c.getPrometheusRules(q) },
};

function notFoundIsFine(e: any) {
  if (e?.response?.status === 404) return { notFound: true };
  throw e;
}

/** Values with reserved characters where the parameter takes them, valid ones elsewhere. */
const valueFor: Record<string, string | number> = {
  q: TITLE,
  team: TEAM,
  entity: CHECKOUT,
  owner: TEAM,
  system: SYSTEM,
  policy: POLICY,
  sreTeam: SRE,
  entityRef: CHECKOUT,
  subjectRef: POLICY,
  change: CHANGE,
  class: 'p0-fix',
  cursor: '9007199254740991',
  service: CHECKOUT,
  dataSource: 'prometheus main',
};

type Param = {
  name: string;
  in: string;
  schema: {
    type?: string;
    format?: string;
    enum?: string[];
    minimum?: number;
    $ref?: string;
  };
};

function queryParams(): Array<{ path: string; param: Param }> {
  const out: Array<{ path: string; param: Param }> = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const get = (item as any).get;
    for (const p of (get?.parameters ?? []) as any[]) {
      const param: Param = p.$ref
        ? (spec as any).components.parameters[p.$ref.split('/').pop()]
        : p;
      if (param.in === 'query') out.push({ path, param });
    }
  }
  return out;
}

function sampleValue(param: Param): string | number | boolean {
  const schema = param.schema.$ref
    ? (spec as any).components.schemas[param.schema.$ref.split('/').pop()!]
    : param.schema;
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'integer') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  // With an offset and a +: a + written as it is would arrive as a space.
  if (schema.format === 'date-time') return '2026-11-20T10:00:00+01:00';
  const value = valueFor[param.name];
  if (value === undefined) {
    throw new Error(`No sample value for the query parameter ${param.name}`);
  }
  return value;
}

async function start() {
  const { server } = await startTestBackend({
    features: [
      reliabilityPlugin,
      catalog,
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }).factory,
    ],
  });
  const baseUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/reliability`;
  const client = new ReliabilityClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string> | undefined),
            Authorization: mockCredentials.user.header('user:default/pat'),
          },
        }),
    },
  });
  return { server, client };
}

describe('query strings through the real router', () => {
  let server: Server;
  let client: ReliabilityClient;

  beforeAll(async () => {
    ({ server, client } = await start());
    await client.createPostmortem({
      title: TITLE,
      severity: 'sev2',
      startedAt: '2026-11-20T10:00:00Z',
      resolvedAt: '2026-11-20T11:00:00Z',
      entityRefs: [CHECKOUT],
    } as any);
    const entity = {
      kind: 'component',
      namespace: 'default',
      name: 'checkout-api',
    };
    await client.enactFreeze(entity, { reason: 'Budget spent' });
    await client.grantException(entity, {
      changeId: CHANGE,
      exceptionClass: 'p0-fix',
      reason: 'Hotfix',
    });
  });

  it('covers every query parameter of every route of the schema', () => {
    const inSchema = [...new Set(queryParams().map(p => p.path))].sort();
    expect(Object.keys(routes).sort()).toEqual(inSchema);
  });

  it.each(queryParams().map(p => [`${p.path} ${p.param.name}`, p]))(
    '%s: the client sends it in a form the router accepts',
    async (_label, { path, param }) => {
      const { call, required = {} } = routes[path];
      await expect(
        call(client, { ...required, [param.name]: sampleValue(param) }),
      ).resolves.toBeDefined();
    },
  );

  it('finds a postmortem by a search text with spaces and reserved characters', async () => {
    const found = await client.listPostmortems({ q: 'shard rebalance' });
    expect(found.items.map(p => p.title)).toEqual([TITLE]);
    const exact = await client.listPostmortems({ q: TITLE });
    expect(exact.items.map(p => p.title)).toEqual([TITLE]);
    const other = await client.listPostmortems({ q: 'shard rebalancer' });
    expect(other.items).toEqual([]);
  });

  it('filters postmortems and their figures by entity and team references', async () => {
    expect(
      (await client.listPostmortems({ entity: CHECKOUT })).totalCount,
    ).toBe(1);
    expect((await client.listPostmortems({ team: TEAM })).totalCount).toBe(1);
    expect(
      (await client.listPostmortems({ team: 'group:default/other' }))
        .totalCount,
    ).toBe(0);
    const figures = await client.getPostmortemFigures({ entity: CHECKOUT });
    expect(figures.scope).toEqual({ kind: 'entity', ref: CHECKOUT });
  });

  it('looks the gate exception up by the change id as it was granted', async () => {
    const entity = CHECKOUT;
    expect(await client.checkGate({ entity, change: CHANGE })).toMatchObject({
      allowed: true,
      entityRef: CHECKOUT,
      exception: { changeId: CHANGE },
    });
    expect(
      await client.checkGate({ entity, change: 'release/2026.12 #4' }),
    ).toMatchObject({ allowed: false });
    expect(await client.checkGate({ entity, class: 'p0-fix' })).toMatchObject({
      allowed: true,
      preApprovedClass: 'p0-fix',
    });
  });

  it('filters the audit trail by an entity reference', async () => {
    const events = await client.listAuditEvents({ entityRef: CHECKOUT });
    expect(events.items.length).toBeGreaterThan(0);
    expect(new Set(events.items.map(e => e.entityRef))).toEqual(
      new Set([CHECKOUT]),
    );
  });

  it('accepts an entity reference written plainly, as in a hand-written curl', async () => {
    const gate = await request(server)
      .get('/api/reliability/v1/gate?entity=component:default/checkout-api')
      .set('Authorization', mockCredentials.service.header());
    expect(gate.status).toBe(200);
    expect(gate.body).toMatchObject({ entityRef: CHECKOUT, frozen: true });
    const postmortems = await request(server)
      .get(
        '/api/reliability/v1/postmortems?entity=component:default/checkout-api&team=group:default/team-checkout&from=2026-11-01T00:00:00Z',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(postmortems.status).toBe(200);
    expect(postmortems.body.totalCount).toBe(1);
  });

  it('says how to encode a text written with a + or other reserved characters', async () => {
    const plus = await request(server)
      .get('/api/reliability/v1/postmortems?q=shard+rebalance')
      .set('Authorization', mockCredentials.user.header());
    expect(plus.status).toBe(400);
    expect(plus.body.error.message).toBe(
      "q: the value must be percent-encoded; send q=shard%20rebalance for 'shard rebalance' (a space is %20, not +), or q=shard%2Brebalance for 'shard+rebalance'",
    );
    const colon = await request(server)
      .get('/api/reliability/v1/gate?entity=checkout-api&change=fix:1/2')
      .set('Authorization', mockCredentials.service.header());
    expect(colon.status).toBe(400);
    expect(colon.body.error.message).toBe(
      "change: the value must be percent-encoded; send change=fix%3A1%2F2 for 'fix:1/2'",
    );
  });
});
