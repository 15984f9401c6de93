import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  catalogEntity as entity,
  pushSlo,
} from './__testUtils__/catalogFixtures';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(120_000);

const MIN = 60_000;

const sreTeam = (engagement: string) => ({
  'reliability-suite.dev/sre-team': 'group:default/sre-core',
  'reliability-suite.dev/engagement': engagement,
  'reliability-suite.dev/tier': '1',
});
const slo = (name: string, service: string) =>
  pushSlo(name, service, { target: 0.999 });

const catalog = catalogServiceMock.factory({
  entities: [
    entity('Group', 'sre-core', { type: 'team', children: [] }, {}, 'SRE Core'),
    entity('Group', 'team-pay', { type: 'team', children: [] }),
    entity('Domain', 'commerce', { owner: 'team-pay' }),
    entity('System', 'payments', { owner: 'team-pay', domain: 'commerce' }),
    entity('System', 'storefront', { owner: 'team-pay', domain: 'commerce' }),
    entity('System', 'elsewhere', { owner: 'team-pay' }),
    entity(
      'Component',
      'ledger',
      { type: 'service', owner: 'team-pay', system: 'payments' },
      sreTeam('onboarding'),
      'Ledger',
    ),
    entity(
      'Component',
      'payouts',
      { type: 'service', owner: 'team-pay', system: 'payments' },
      sreTeam('supported'),
      'Payouts',
    ),
    entity(
      'Component',
      'checkout-api',
      { type: 'service', owner: 'team-pay', system: 'storefront' },
      sreTeam('supported'),
      'Checkout API',
    ),
    entity(
      'Component',
      'search-api',
      { type: 'service', owner: 'team-pay', system: 'storefront' },
      sreTeam('consulting'),
      'Search API',
    ),
    entity(
      'Component',
      'docs',
      { type: 'website', owner: 'team-pay', system: 'elsewhere' },
      {},
      'Docs',
    ),
    slo('ledger-availability', 'ledger') as any,
    slo('payouts-availability', 'payouts') as any,
  ],
});

const { databases, ids } = createTestDatabases();

describe.each(ids)('roll-ups and supported services, on %s', databaseId => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const auth = mockCredentials.user.header('user:default/erin');
  const get = (path: string) =>
    request(server).get(`/api/reliability${path}`).set('Authorization', auth);
  const post = (path: string, body: object) =>
    request(server)
      .post(`/api/reliability${path}`)
      .set('Authorization', auth)
      .send(body);

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalog,
        mockServices.database.factory({ knex }),
      ],
    }));
    // The Ledger fails every request: its budget is gone. Payouts succeed.
    const at = Math.floor((Date.now() - 5 * MIN) / MIN) * MIN;
    const pushed = await post('/v1/sli/events', {
      items: [
        { slo: 'ledger-availability', timestamp: at, good: 0, total: 1000 },
        { slo: 'payouts-availability', timestamp: at, good: 1000, total: 1000 },
      ],
    });
    if (pushed.status !== 200) {
      throw new Error(`push answered ${pushed.status}: ${pushed.text}`);
    }
    const frozen = await post(
      '/v1/entities/component/default/ledger/policy/freeze',
      {
        reason: 'Ledger out of budget',
      },
    );
    if (frozen.status !== 201) {
      throw new Error(`freeze answered ${frozen.status}: ${frozen.text}`);
    }
  });

  /** The summary once both SLOs are evaluated (evaluation follows the push). */
  async function evaluatedSummary(path: string) {
    let body: any;
    for (let i = 0; i < 150; i++) {
      body = (await get(path)).body;
      const rows = body.components ?? [];
      if (rows.filter((c: any) => c.sloState !== null).length >= 2) break;
      await new Promise(r => setTimeout(r, 200));
    }
    return body;
  }

  it("a System's summary holds its components' SLO and policy state, worst first", async () => {
    const body = await evaluatedSummary(
      '/v1/entities/system/default/payments/summary',
    );
    // The System has no SLO of its own; its components say how it stands.
    expect(body.slos).toEqual([]);
    expect(
      body.components.map((c: any) => [c.entityRef, c.sloState, c.frozen]),
    ).toEqual([
      ['component:default/ledger', 'exhausted', true],
      ['component:default/payouts', 'healthy', false],
    ]);
    expect(body.components[0]).toMatchObject({
      title: 'Ledger',
      systemRef: 'system:default/payments',
      remaining: expect.any(Number),
    });
    expect(body.components[0].remaining).toBeLessThan(0);
  });

  it("a Domain's summary holds the components of its Systems, and only those", async () => {
    const body = await evaluatedSummary(
      '/v1/entities/domain/default/commerce/summary',
    );
    expect(body.components.map((c: any) => [c.entityRef, c.systemRef])).toEqual(
      [
        ['component:default/ledger', 'system:default/payments'],
        ['component:default/payouts', 'system:default/payments'],
        // Without SLOs: last, by title.
        ['component:default/checkout-api', 'system:default/storefront'],
        ['component:default/search-api', 'system:default/storefront'],
      ],
    );
    // A component has no roll-up.
    const component = await get(
      '/v1/entities/component/default/ledger/summary',
    );
    expect(component.status).toBe(200);
    expect(component.body).not.toHaveProperty('components');
  });

  it('counts the same supported services in the SRE teams list, the team page and the time budget', async () => {
    const teams = await get('/v1/sre-teams');
    expect(teams.status).toBe(200);
    const [core] = teams.body.items;
    // Supported: payouts and checkout-api; the Ledger (onboarding) and Search API
    // (consulting) name the team without counting.
    expect(core).toMatchObject({
      groupRef: 'group:default/sre-core',
      services: 2,
      engaged: 2,
      load: 8,
    });
    const team = await get('/v1/teams/default/sre-core');
    expect(team.status).toBe(200);
    expect(
      team.body.supported.map((s: any) => [s.entityRef, s.weight]),
    ).toEqual([
      ['component:default/payouts', 4],
      ['component:default/checkout-api', 4],
    ]);
    expect(team.body.engaged.map((s: any) => [s.entityRef, s.weight])).toEqual([
      ['component:default/ledger', 0],
      ['component:default/search-api', 0],
    ]);
    expect(team.body.sre.services).toBe(team.body.supported.length);
    const budget = await get('/v1/sre-teams/default/sre-core/time-budget');
    expect(budget.status).toBe(200);
    expect([...budget.body.services].sort()).toEqual([
      'component:default/checkout-api',
      'component:default/payouts',
    ]);
    const list = await get('/v1/sre-time-budget');
    expect(list.body.items[0].services).toHaveLength(core.services);
  });
});
