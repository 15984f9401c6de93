import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const group = (name: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'team', children: [] },
});
const user = (name: string, memberOf: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf },
});
const component = (name: string, sreTeam: string, engagement: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'reliability-suite.dev/sre-team': sreTeam,
      'reliability-suite.dev/engagement': engagement,
      'reliability-suite.dev/tier': '2',
    },
  },
  spec: { type: 'service', owner: 'team-shop', lifecycle: 'production' },
});
const catalog = catalogServiceMock.factory({
  entities: [
    group('team-shop'),
    // Two members from the catalog.
    group('sre-core'),
    user('ann', ['sre-core']),
    user('bob', ['sre-core', 'team-shop']),
    // One engineer, by annotation (nobody in the catalog).
    group('sre-platform', { 'reliability-suite.dev/headcount': '1' }),
    component('checkout-api', 'sre-core', 'supported'),
    // Consulting: not the SRE team's operational load.
    component('search-api', 'sre-core', 'consulting'),
    component('payments', 'sre-platform', 'supported'),
  ],
});

const SRE_CORE = 'group:default/sre-core';
const SRE_PLATFORM = 'group:default/sre-platform';
const PAYMENTS = 'component:default/payments';

/** The UTC month `back` months before the current one: its start and YYYY-MM. */
function monthBack(back: number) {
  const d = new Date();
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1);
  return { start, month: new Date(start).toISOString().slice(0, 7) };
}
const iso = (ms: number) => new Date(ms).toISOString();

const { databases, ids } = createTestDatabases();

describe.each(ids)('SRE time budget API, on %s', databaseId => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let knex: Knex;
  const auth = mockCredentials.user.header('user:default/ann');
  const get = (path: string, authorization = auth) =>
    request(server)
      .get(`/api/reliability${path}`)
      .set('Authorization', authorization);
  const post = (path: string, body: object) =>
    request(server)
      .post(`/api/reliability${path}`)
      .set('Authorization', auth)
      .send(body);
  const last = monthBack(1);
  let paymentsPostmortem = '';
  /** Set-up writes must succeed (a beforeAll cannot expect). */
  const created201 = (res: request.Response) => {
    if (res.status !== 201) {
      throw new Error(`set-up write answered ${res.status}: ${res.text}`);
    }
  };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalog,
        mockServices.database.factory({ knex }),
      ],
    }));
    // Last month, payments: a 60-hour incident with its action items, owned by
    // sre-platform: one toil-reduction item closed last month, one still open.
    const created = await post('/v1/postmortems', {
      title: 'Payments settlement stuck',
      severity: 'sev1',
      startedAt: iso(last.start + 2 * 24 * HOUR),
      resolvedAt: iso(last.start + 2 * 24 * HOUR + 60 * HOUR),
      entityRefs: ['payments'],
      actionItems: [
        {
          title: 'Automate settlement replay',
          ownerRef: 'sre-platform',
          status: 'done',
          labels: ['toil-reduction', 'automation'],
          closedAt: iso(last.start + 10 * 24 * HOUR),
        },
        { title: 'Alert on settlement lag', ownerRef: 'sre-platform' },
        // Dropped: no longer open, and no project work done.
        {
          title: 'Rewrite settlement',
          ownerRef: 'sre-platform',
          status: 'wont-do',
          labels: ['toil-reduction'],
          closedAt: iso(last.start + 12 * 24 * HOUR),
        },
        // Another team's item: not sre-platform's work.
        { title: 'Retry settlement', ownerRef: 'team-shop' },
      ],
    });
    created201(created);
    paymentsPostmortem = created.body.id;
    // Checkout (sre-core): a 5-hour incident; search-api (consulting) a long one that
    // does not count.
    for (const [ref, hours] of [
      ['checkout-api', 5],
      ['search-api', 100],
    ] as const) {
      created201(
        await post('/v1/postmortems', {
          title: `${ref} down`,
          severity: 'sev2',
          startedAt: iso(last.start + 3 * 24 * HOUR),
          resolvedAt: iso(last.start + 3 * 24 * HOUR + hours * HOUR),
          entityRefs: [ref],
        }),
      );
    }
    // Alert episodes as the recorder keeps them: two pages, a ticket during the first page
    // (inhibited) and a ticket on its own.
    const episode = (
      severity: string,
      firedAfterHours: number,
      lastsHours: number,
    ) => ({
      slo_ref: 'slo:default/payments-availability',
      objective: 'availability',
      severity,
      start_at: last.start + (firedAfterHours - 1) * HOUR,
      fired_at: last.start + firedAfterHours * HOUR,
      end_at: last.start + (firedAfterHours + lastsHours) * HOUR,
      peak_burn_rate: 20,
      service_ref: PAYMENTS,
    });
    await knex('reliability_alert_episodes').insert([
      episode('page', 100, 2),
      episode('ticket', 101, 5),
      episode('page', 200, 1),
      episode('ticket', 300, 10),
    ]);
  });

  it('keeps action item labels and closing times', async () => {
    const res = await get(`/v1/postmortems/${paymentsPostmortem}`);
    expect(
      res.body.actionItems.map((i: any) => [i.labels, i.closedAt]),
    ).toEqual([
      [['automation', 'toil-reduction'], iso(last.start + 10 * 24 * HOUR)],
      [[], null],
      [['toil-reduction'], iso(last.start + 12 * 24 * HOUR)],
      [[], null],
    ]);
  });

  it("answers a team's months with pages, tickets, incidents, items and its share against the cap", async () => {
    const res = await get(
      '/v1/sre-teams/default/sre-platform/time-budget?months=3',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      groupRef: SRE_PLATFORM,
      members: 1,
      membersFrom: 'annotation',
      services: [PAYMENTS],
      cap: 0.5,
      overCap: true,
      settings: { cap: 0.5, hoursPerPage: 2, hoursPerIncidentHour: 3 },
    });
    expect(res.body.months.map((m: any) => [m.month, m.partial])).toEqual([
      [monthBack(2).month, false],
      [last.month, false],
      [monthBack(0).month, true],
    ]);
    const lastMonth = res.body.months[1];
    // 2 pages × 2 h + 60 incident hours × 3 h + 1 ticket × 1 h = 185 h of 140 h.
    expect(lastMonth).toEqual({
      month: last.month,
      partial: false,
      pages: 2,
      tickets: 1,
      incidents: 1,
      incidentHours: 60,
      openItems: 1,
      closedItems: 1,
      closedToilReductionItems: 1,
      operationalHours: 185,
      teamHours: 140,
      share: 185 / 140,
      overCap: true,
    });
    expect(res.body.latestComplete).toEqual(lastMonth);
    expect(res.body.months[0]).toMatchObject({
      pages: 0,
      share: 0,
      overCap: false,
    });
  });

  it('counts only supported services, and catalog members', async () => {
    const res = await get('/v1/sre-teams/default/sre-core/time-budget');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      members: 2,
      membersFrom: 'catalog',
      services: ['component:default/checkout-api'],
      overCap: false,
    });
    expect(res.body.months).toHaveLength(6);
    const lastMonth = res.body.months.find((m: any) => m.month === last.month);
    expect(lastMonth).toMatchObject({
      incidents: 1,
      incidentHours: 5,
      operationalHours: 15,
      teamHours: 280,
    });
  });

  it('rejects bad parameters with a 400 naming them, and other groups with a 404', async () => {
    for (const months of ['0', '25', 'six']) {
      const res = await get(
        `/v1/sre-teams/default/sre-core/time-budget?months=${months}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/months/);
    }
    const notSre = await get('/v1/sre-teams/default/team-shop/time-budget');
    expect(notSre.status).toBe(404);
    expect(notSre.body.error.message).toMatch(
      /group:default\/team-shop is not an SRE team/,
    );
    expect((await get('/v1/sre-teams/default/nobody/time-budget')).status).toBe(
      404,
    );
    const badLimit = await get('/v1/sre-time-budget?limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toMatch(/limit/);
    expect(
      (await get('/v1/sre-time-budget', mockCredentials.none.header())).status,
    ).toBe(401);
  });

  it('lists every SRE team, over the cap first, paginated', async () => {
    const all = await get('/v1/sre-time-budget');
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBe(2);
    expect(all.body.items.map((t: any) => [t.groupRef, t.overCap])).toEqual([
      [SRE_PLATFORM, true],
      [SRE_CORE, false],
    ]);
    expect(all.body.items[0].latestComplete.month).toBe(last.month);
    expect(all.body.items[0].current.partial).toBe(true);
    const second = await get('/v1/sre-time-budget?limit=1&offset=1');
    expect(second.body).toMatchObject({ totalCount: 2 });
    expect(second.body.items.map((t: any) => t.groupRef)).toEqual([SRE_CORE]);
  });

  it('puts a team over its time cap over capacity in the SRE load, saying why', async () => {
    const teams = await get('/v1/sre-teams');
    const platform = teams.body.items.find(
      (t: any) => t.groupRef === SRE_PLATFORM,
    );
    expect(platform).toMatchObject({
      capacity: null,
      overCapacity: true,
      overTimeCap: true,
      timeCap: { month: last.month, share: 185 / 140, cap: 0.5, overCap: true },
    });
    const core = teams.body.items.find((t: any) => t.groupRef === SRE_CORE);
    expect(core).toMatchObject({ overCapacity: false, overTimeCap: false });
    const team = await get('/v1/teams/default/sre-platform');
    expect(team.body.sre).toMatchObject({
      overCapacity: true,
      overTimeCap: true,
    });
    const audit = await get('/v1/audit?kind=sre-team-over-capacity');
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        entityRef: SRE_PLATFORM,
        message: `operational work took 132 % of its time in ${last.month}, over its cap of 50 %`,
      }),
    ]);
  });
});
