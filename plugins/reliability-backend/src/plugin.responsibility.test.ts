import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(60_000);

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: 'commerce',
      namespace: 'default',
      annotations: {
        'reliability-suite.dev/engagement': 'supported',
        'reliability-suite.dev/sre-team': 'sre-core',
      },
    },
    spec: { owner: 'team-checkout' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'storefront',
      namespace: 'default',
      links: [
        { url: 'https://runbooks.example.com/storefront', type: 'runbook' },
      ],
    },
    spec: { owner: 'team-checkout', domain: 'commerce' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-api',
      namespace: 'default',
      title: 'Checkout API',
      annotations: {
        'reliability-suite.dev/tier': '1',
        'reliability-suite.dev/oncall': 'https://oncall.example.com/checkout',
      },
    },
    spec: { type: 'service', owner: 'team-checkout', system: 'storefront' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'legacy-batch', namespace: 'default' },
    spec: { type: 'service', system: 'storefront' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'sre-core',
      namespace: 'default',
      title: 'SRE Core',
      annotations: { 'reliability-suite.dev/capacity': '3' },
    },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-checkout', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'erin', namespace: 'default' },
    spec: { memberOf: ['sre-core', 'team-checkout'] },
  },
];

describe('responsibility and audit API', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const user = mockCredentials.user.header();
  const get = (path: string) =>
    request(server).get(`/api/reliability${path}`).set('Authorization', user);

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({ entities: entities as any }),
      ],
    }));
  });

  it('resolves the model with inheritance and the matrix of its engagement', async () => {
    const res = await get(
      '/v1/entities/component/default/checkout-api/responsibility',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/checkout-api',
      ownerRef: 'group:default/team-checkout',
      ownerInCatalog: true,
      sreTeam: {
        value: 'group:default/sre-core',
        from: 'domain',
        fromRef: 'domain:default/commerce',
      },
      sreTeamInCatalog: true,
      engagement: { value: 'supported', from: 'domain' },
      tier: { value: 1, from: 'entity' },
      oncall: { value: 'https://oncall.example.com/checkout', from: 'entity' },
      links: {
        runbook: [{ url: 'https://runbooks.example.com/storefront' }],
        dashboard: [],
        playbook: [],
      },
    });
    expect(res.body.matrix).toHaveLength(9);
    expect(res.body.matrix[2]).toEqual({
      concern: 'oncall-primary',
      title: 'On-call (primary)',
      owner: 'I',
      sre: 'RA',
    });
    expect(
      (await get('/v1/entities/component/default/nope/responsibility')).status,
    ).toBe(404);
  });

  it("shows a team's owned and supported services and its SRE load", async () => {
    const sre = await get('/v1/teams/default/sre-core');
    expect(sre.status).toBe(200);
    expect(sre.body.supported.map((s: any) => s.entityRef)).toEqual([
      'component:default/checkout-api',
      'component:default/legacy-batch',
    ]);
    // checkout-api tier 1 (4) + legacy-batch untiered (0.5) over a capacity of 3.
    expect(sre.body.sre).toMatchObject({
      capacity: 3,
      load: 4.5,
      overCapacity: true,
      services: 2,
    });
    const team = await get('/v1/teams/default/team-checkout');
    expect(team.body.owned.map((s: any) => s.entityRef)).toEqual([
      'component:default/checkout-api',
    ]);
    expect(team.body.sre).toBeNull();
    expect((await get('/v1/teams/default/nope')).status).toBe(404);
    const teams = await get('/v1/sre-teams');
    expect(teams.body.items[0]).toMatchObject({
      groupRef: 'group:default/sre-core',
      overCapacity: true,
    });
  });

  it('lists findings with filters and pagination, sums them by team, exports CSV', async () => {
    const all = await get('/v1/audit');
    expect(all.status).toBe(200);
    // Errors first, then by entity and kind.
    expect(all.body.items.map((f: any) => `${f.entityRef} ${f.kind}`)).toEqual([
      'component:default/legacy-batch no-owner',
      'component:default/checkout-api supported-without-review',
      'component:default/checkout-api tier-without-slo',
      'component:default/legacy-batch supported-without-review',
      'group:default/sre-core sre-team-over-capacity',
    ]);
    expect(all.body.totalCount).toBe(5);

    const page = await get('/v1/audit?limit=1&offset=1');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.totalCount).toBe(5);
    const errors = await get('/v1/audit?severity=error');
    expect(errors.body.items.map((f: any) => f.kind)).toEqual(['no-owner']);
    const owner = await get(
      `/v1/audit?owner=${encodeURIComponent(
        'group:default/team-checkout',
      )}&tier=1`,
    );
    expect(owner.body.items.map((f: any) => f.kind)).toEqual([
      'supported-without-review',
      'tier-without-slo',
    ]);
    const bad = await get('/v1/audit?kind=made-up');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/kind/);
    const badOwner = await get('/v1/audit?owner=team-checkout');
    expect(badOwner.status).toBe(400);
    expect(badOwner.body.error.message).toMatch(/^owner: /);

    const summary = await get('/v1/audit/summary');
    expect(summary.body.teams).toEqual([
      {
        ownerRef: null,
        ownerInCatalog: false,
        entities: 1,
        errors: 1,
        warnings: 1,
      },
      {
        ownerRef: 'group:default/team-checkout',
        ownerInCatalog: true,
        entities: 1,
        errors: 0,
        warnings: 2,
      },
      {
        ownerRef: 'group:default/sre-core',
        ownerInCatalog: true,
        entities: 1,
        errors: 0,
        warnings: 1,
      },
    ]);
    expect(summary.body.byKind['no-owner']).toBe(1);

    const csv = await get('/v1/audit/export.csv?severity=warning');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /filename="reliability-audit.csv"/,
    );
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'severity,kind,entityRef,title,ownerRef,systemRef,tier,engagement,message,fix',
    );
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(
      /^warning,tier-without-slo,component:default\/checkout-api,Checkout API,group:default\/team-checkout,system:default\/storefront,1,supported,Tier 1 without an SLO,/,
    );
  });
});
