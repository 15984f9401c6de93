import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  catalogEntity as entity,
  errorBudgetPolicy,
  pushSlo,
} from './__testUtils__/catalogFixtures';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(120_000);

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const slo = (name: string, service: string) =>
  pushSlo(name, service, { target: 0.999 });
const policy = errorBudgetPolicy('strict', {
  owner: 'group:default/team-pay',
  // Due in the first window out of budget, so a test need not wait a window.
  escalation: { afterWindows: 1, to: 'group:default/leadership' },
});
const POLICY = { 'reliability-suite.dev/error-budget-policy': 'strict' };

const catalog = catalogServiceMock.factory({
  entities: [
    entity('Group', 'team-pay', { type: 'team', children: [] }),
    entity('Domain', 'commerce', { owner: 'team-pay' }, {}, 'Commerce'),
    entity(
      'System',
      'payments',
      { owner: 'team-pay', domain: 'commerce' },
      POLICY,
    ),
    entity(
      'Component',
      'ledger',
      { type: 'service', owner: 'team-pay', system: 'payments' },
      {},
      'Ledger',
    ),
    entity(
      'Component',
      'payouts',
      { type: 'service', owner: 'team-pay', system: 'payments' },
      {},
      'Payouts',
    ),
    // In no System, so in no Domain.
    entity(
      'Component',
      'batch',
      { type: 'service', owner: 'team-pay' },
      POLICY,
      'Batch',
    ),
    policy as any,
    slo('ledger-availability', 'ledger') as any,
    slo('payouts-availability', 'payouts') as any,
    slo('batch-availability', 'batch') as any,
  ],
});

const { databases, ids } = createTestDatabases();

describe.each(ids)('GET /v1/decisions, on %s', databaseId => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const auth = mockCredentials.user.header('user:default/vp');
  const get = (path: string) =>
    request(server).get(`/api/reliability${path}`).set('Authorization', auth);
  const post = async (path: string, body: object, status = 201) => {
    const res = await request(server)
      .post(`/api/reliability${path}`)
      .set('Authorization', auth)
      .send(body);
    if (res.status !== status) {
      throw new Error(`POST ${path} answered ${res.status}: ${res.text}`);
    }
    return res.body;
  };

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalog,
        mockServices.database.factory({ knex }),
      ],
    }));
    // The Ledger and Batch fail every request: their budgets are gone. Payouts succeed.
    const at = Math.floor((Date.now() - 5 * MIN) / MIN) * MIN;
    await post(
      '/v1/sli/events',
      {
        items: [
          { slo: 'ledger-availability', timestamp: at, good: 0, total: 1000 },
          { slo: 'batch-availability', timestamp: at, good: 0, total: 1000 },
          {
            slo: 'payouts-availability',
            timestamp: at,
            good: 1000,
            total: 1000,
          },
        ],
      },
      200,
    );
  });

  /** The view once both spent budgets are evaluated (evaluation follows the push). */
  async function withPending(count: number) {
    let body: any;
    for (let i = 0; i < 150; i++) {
      body = (await get('/v1/decisions')).body;
      if (body.pending?.length >= count) break;
      await new Promise(r => setTimeout(r, 200));
    }
    return body;
  }

  it('answers 401 without credentials and 400 naming months when it is out of range', async () => {
    const anonymous = await request(server)
      .get('/api/reliability/v1/decisions')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const bad = await get('/v1/decisions?months=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/months/);
  });

  it('lists what waits on leadership, moves a recorded decision to taken with its follow-up, and counts by domain', async () => {
    const before = await withPending(2);
    // Both due alike: the one out of budget longest comes first, whichever it is.
    expect(before.pending).toHaveLength(2);
    expect(before.pending).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entityRef: 'component:default/batch',
          title: 'Batch',
          domainRef: null,
          reason: 'escalation-due',
          windowsOutOfBudget: 1,
          escalation: expect.objectContaining({
            afterWindows: 1,
            to: 'group:default/leadership',
          }),
        }),
        expect.objectContaining({
          entityRef: 'component:default/ledger',
          title: 'Ledger',
          domainRef: 'domain:default/commerce',
          reason: 'escalation-due',
        }),
      ]),
    );
    const ledger = before.pending.find((p: any) => p.title === 'Ledger');
    expect(ledger.remaining).toBeLessThan(0);
    expect(ledger.escalation.dueAt).toBe(ledger.outOfBudgetSince);
    expect(before.taken).toEqual([]);
    expect(before.byDomain).toEqual([
      {
        domainRef: 'domain:default/commerce',
        title: 'Commerce',
        pending: 1,
        taken: 0,
      },
      { domainRef: null, title: null, pending: 1, taken: 0 },
    ]);
    expect(before.trend).toHaveLength(12);

    // Leadership funds reliability work on the Ledger; the team labels the item funded.
    await post('/v1/entities/component/default/ledger/policy/decisions', {
      decision: 'fund-reliability',
      reason: 'Two engineers for a quarter',
    });
    await post('/v1/postmortems', {
      title: 'Ledger outage',
      severity: 'sev2',
      status: 'draft',
      startedAt: new Date(Date.now() - DAY).toISOString(),
      entityRefs: ['component:default/ledger'],
      actionItems: [
        { title: 'Shard the ledger', status: 'open', labels: ['funded'] },
        { title: 'Unrelated clean-up', status: 'open' },
      ],
    });
    // Payouts' SLO was tighter before the catalog delivered it: the delivered target is a
    // loosening, the follow-up of leadership's decision to loosen it.
    await post('/v1/entities/component/default/payouts/policy/decisions', {
      decision: 'loosen-slo',
      reason: 'Four nines cost more than they earn',
    });
    await post(
      '/v1/slos/default/payouts-availability/revisions/import',
      {
        items: [
          {
            effectiveFrom: new Date(Date.now() - 10 * DAY).toISOString(),
            spec: {
              ...slo('payouts-availability', 'payouts').spec,
              objectives: [{ displayName: 'requests-succeed', target: 0.9999 }],
            },
          },
        ],
      },
      200,
    );

    const after = (await get('/v1/decisions')).body;
    expect(after.pending.map((p: any) => p.entityRef)).toEqual([
      'component:default/batch',
    ]);
    expect(after.takenTotal).toBe(2);
    const [loosen, fund] = after.taken;
    expect(fund).toMatchObject({
      entityRef: 'component:default/ledger',
      title: 'Ledger',
      domainRef: 'domain:default/commerce',
      decision: 'fund-reliability',
      decidedBy: 'user:default/vp',
      followUp: {
        kind: 'action-items',
        status: 'in-progress',
        actionItems: [
          expect.objectContaining({
            title: 'Shard the ledger',
            postmortemTitle: 'Ledger outage',
            status: 'open',
          }),
        ],
      },
    });
    expect(fund.followUp.actionItems).toHaveLength(1);
    expect(loosen).toMatchObject({
      entityRef: 'component:default/payouts',
      decision: 'loosen-slo',
      followUp: {
        kind: 'refinement',
        status: 'done',
        refinement: {
          sloRef: 'slo:default/payouts-availability',
          targets: [
            { objective: 'requests-succeed', before: 0.9999, after: 0.999 },
          ],
        },
      },
    });
    expect(after.byDomain).toEqual([
      {
        domainRef: 'domain:default/commerce',
        title: 'Commerce',
        pending: 0,
        taken: 2,
      },
      { domainRef: null, title: null, pending: 1, taken: 0 },
    ]);
    const month = new Date().toISOString().slice(0, 7);
    expect(after.trend[11]).toEqual({
      month,
      'fund-reliability': 1,
      'loosen-slo': 1,
      'accept-risk': 0,
    });
  });
});
