import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(60_000);

const MIN = 60_000;

const service = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/team-checkout',
    system: 'storefront',
  },
};

// As the catalog hands it out: with the catalog's own annotations, uid, relations.
const sloEntity = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: {
    name: 'checkout-availability',
    namespace: 'default',
    displayName: 'Checkout availability',
    uid: '5f0d1c7e-0000-4000-8000-000000000001',
    etag: 'abc',
    annotations: {
      'backstage.io/managed-by-location': 'file:/repo/slos.yaml',
      'backstage.io/managed-by-origin-location': 'file:/repo/slos.yaml',
    },
  },
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
  relations: [{ type: 'sloOf', targetRef: 'component:default/checkout-api' }],
};

const features = [
  reliabilityPlugin,
  catalogServiceMock.factory({ entities: [service, sloEntity as any] }),
];

function minutesAgo(n: number) {
  return Math.floor((Date.now() - n * MIN) / MIN) * MIN;
}

describe('SLO data through the API', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const user = mockCredentials.user.header();

  beforeAll(async () => {
    ({ server } = await startTestBackend({ features }));
  });

  const push = (body: unknown, auth = user) =>
    request(server)
      .post('/api/reliability/v1/sli/events')
      .set('Authorization', auth)
      .send(body as object);

  async function totals() {
    const res = await request(server)
      .get('/api/reliability/v1/slos/default/checkout-availability')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const points = res.body.series[0].points as Array<{
      good: number;
      total: number;
    }>;
    return points.reduce(
      (s, p) => ({ good: s.good + p.good, total: s.total + p.total }),
      { good: 0, total: 0 },
    );
  }

  it('accepts a batch, and a retried batch does not count twice', async () => {
    const items = [
      {
        slo: 'checkout-availability',
        timestamp: minutesAgo(3),
        good: 990,
        total: 1000,
      },
      {
        slo: 'slo:default/checkout-availability',
        timestamp: new Date(minutesAgo(2)).toISOString(),
        bad: 5,
        total: 1000,
      },
    ];
    const first = await push({ items });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: 2, buckets: 2, duplicate: false });
    expect(await totals()).toEqual({ good: 1985, total: 2000 });

    expect((await push({ items })).status).toBe(200);
    expect(await totals()).toEqual({ good: 1985, total: 2000 });
  });

  it('adds in add mode once per batch id', async () => {
    const items = [
      {
        slo: 'checkout-availability',
        timestamp: minutesAgo(10),
        good: 10,
        total: 10,
      },
    ];
    const before = await totals();
    expect(
      (await push({ mode: 'add', batchId: 'b-1', items })).body.duplicate,
    ).toBe(false);
    expect((await push({ mode: 'add', batchId: 'b-1', items })).body).toEqual({
      accepted: 1,
      buckets: 0,
      duplicate: true,
    });
    expect(await totals()).toEqual({
      good: before.good + 10,
      total: before.total + 10,
    });

    const noId = await push({ mode: 'add', items });
    expect(noId.status).toBe(400);
    expect(noId.body.error.message).toMatch(/^batchId: required in add mode/);
  });

  it('rejects a batch with a bad item whole, naming each problem', async () => {
    const before = await totals();
    const res = await push({
      items: [
        {
          slo: 'checkout-availability',
          timestamp: minutesAgo(1),
          good: 1,
          total: 1,
        },
        {
          slo: 'checkout-availability',
          timestamp: minutesAgo(1),
          good: -4,
          total: 1,
        },
        { slo: 'no-such-slo', timestamp: minutesAgo(1), good: 1, total: 1 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^2 of 3 items rejected; nothing was written/,
    );
    expect(res.body.items).toEqual([
      {
        index: 1,
        field: 'good',
        message: 'must be a whole number of events, 0 or more; got -4',
      },
      {
        index: 2,
        field: 'slo',
        message: 'no SLO slo:default/no-such-slo in the catalog',
      },
    ]);
    expect(await totals()).toEqual(before);
  });

  it.each([
    [{ items: [] }, /items/],
    [
      { items: [{ slo: 'x', timestamp: 1, good: 1, total: 1, extra: true }] },
      /extra|additional/i,
    ],
    [{ items: [{ slo: 'x', timestamp: 1, good: 'many', total: 1 }] }, /good/],
    [
      { mode: 'sum', items: [{ slo: 'x', timestamp: 1, good: 1, total: 1 }] },
      /mode/,
    ],
  ])('rejects a malformed body %p by schema', async (body, field) => {
    const res = await push(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(field);
  });

  it('rejects more than 5,000 items in one batch', async () => {
    const items = Array.from({ length: 5001 }, () => ({
      slo: 'checkout-availability',
      timestamp: minutesAgo(1),
      good: 1,
      total: 1,
    }));
    const res = await push({ items });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/items/);
  });

  it('refuses a body over 2 MB with a 413', async () => {
    const res = await push({
      items: [
        {
          slo: 'x'.repeat(500),
          timestamp: 'y'.repeat(2_200_000),
          good: 1,
          total: 1,
        },
      ],
    });
    expect(res.status).toBe(413);
  });

  it('needs credentials to push', async () => {
    const res = await push(
      {
        items: [
          {
            slo: 'checkout-availability',
            timestamp: minutesAgo(1),
            good: 1,
            total: 1,
          },
        ],
      },
      mockCredentials.none.header(),
    );
    expect(res.status).toBe(401);
  });

  it("serves the entity's SLO status once evaluated after the push", async () => {
    let body: any;
    for (let i = 0; i < 150; i++) {
      const res = await request(server)
        .get(
          '/api/reliability/v1/entities/component/default/checkout-api/summary',
        )
        .set('Authorization', user);
      body = res.body;
      if (body.slos?.[0]?.objectives?.length) break;
      await new Promise(r => setTimeout(r, 200));
    }
    expect(body.slos).toHaveLength(1);
    const [slo] = body.slos;
    expect(slo).toMatchObject({
      sloRef: 'slo:default/checkout-availability',
      name: 'checkout-availability',
      title: 'Checkout availability',
      budgetingMethod: 'Occurrences',
      window: 'rolling 28d',
    });
    const [objective] = slo.objectives;
    expect(objective.name).toBe('requests-succeed');
    expect(objective.target).toBe(0.999);
    expect(objective.totalEvents).toBeGreaterThanOrEqual(2000);
    expect(objective.dataQuality).toBe('partial');
    expect(objective.alerts).toHaveLength(4);

    const list = await request(server)
      .get(
        `/api/reliability/v1/slos?owner=${encodeURIComponent(
          'group:default/team-checkout',
        )}`,
      )
      .set('Authorization', user);
    expect(list.body).not.toHaveProperty('error');
    expect(list.status).toBe(200);
    expect(list.body.totalCount).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      sloRef: 'slo:default/checkout-availability',
      title: 'Checkout availability',
      serviceRef: 'component:default/checkout-api',
      ownerRef: 'group:default/team-checkout',
      systemRef: 'system:default/storefront',
    });
    const none = await request(server)
      .get(
        `/api/reliability/v1/slos?owner=${encodeURIComponent(
          'group:default/nobody',
        )}`,
      )
      .set('Authorization', user);
    expect(none.body).toEqual({ items: [], totalCount: 0 });
  });

  it('serves chart series of at most 500 points', async () => {
    const res = await request(server)
      .get('/api/reliability/v1/slos/default/checkout-availability')
      .set('Authorization', user);
    expect(res.body.series[0].points.length).toBeLessThanOrEqual(500);
    expect(res.body.series[0].points.length).toBeGreaterThan(0);
    const missing = await request(server)
      .get('/api/reliability/v1/slos/default/nope')
      .set('Authorization', user);
    expect(missing.status).toBe(404);
  });

  it('serves the series of the last 7 days or day at a finer grid, with what the charts need', async () => {
    const get = (query: string) =>
      request(server)
        .get(`/api/reliability/v1/slos/default/checkout-availability${query}`)
        .set('Authorization', user);
    const whole = await get('');
    const day = await get('?range=1d');
    expect(day.status).toBe(200);
    expect(whole.body.range).toBe('window');
    expect(day.body.range).toBe('1d');
    expect(day.body.ownerRef).toBe('group:default/team-checkout');
    const [series] = day.body.series;
    const times = series.points.map((p: { t: string }) => Date.parse(p.t));
    const now = Date.now();
    // From a day ago to now, a point every 3 minutes (the window's grid is 81 minutes).
    expect(now - times[0]).toBeGreaterThanOrEqual(24 * 60 * MIN);
    expect(now - times[0]).toBeLessThan(24 * 60 * MIN + MIN);
    expect(times[2] - times[1]).toBe(3 * MIN);
    const wholeTimes = whole.body.series[0].points.map((p: { t: string }) =>
      Date.parse(p.t),
    );
    expect(wholeTimes[2] - wholeTimes[1]).toBe(81 * MIN);
    // All the data pushed is recent, so the day holds every event of the window.
    const sum = (points: Array<{ good: number; total: number }>) =>
      points.reduce(
        (s, p) => ({ good: s.good + p.good, total: s.total + p.total }),
        { good: 0, total: 0 },
      );
    expect(sum(series.points)).toEqual(sum(whole.body.series[0].points));
    // The same budget: the day ends where the window does.
    expect(series.points[series.points.length - 1].remaining).toBe(
      whole.body.series[0].points[whole.body.series[0].points.length - 1]
        .remaining,
    );
    // The window and, rolling, its period end now; the newest bucket ended minutes ago.
    expect(Date.parse(series.periodEnd) - Date.parse(series.windowStart)).toBe(
      28 * 24 * 60 * MIN,
    );
    expect(now - Date.parse(series.lastDataAt)).toBeLessThan(10 * MIN);
    expect(now - Date.parse(series.lastDataAt)).toBeGreaterThanOrEqual(0);

    const week = await get('?range=7d');
    const weekAgo = Date.now() - 7 * 24 * 60 * MIN;
    const weekFrom = Date.parse(week.body.series[0].points[0].t);
    expect(weekFrom).toBeLessThanOrEqual(weekAgo);
    expect(weekFrom).toBeGreaterThan(weekAgo - MIN);

    const bad = await get('?range=month');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/range/);
  });

  it("serves the SLO's refinement history, starting with the definition first synced", async () => {
    const res = await request(server)
      .get('/api/reliability/v1/slos/default/checkout-availability/revisions')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sloRef: 'slo:default/checkout-availability',
      items: [
        {
          revision: 1,
          effectiveFrom: expect.any(String),
          budgetingMethod: 'Occurrences',
          window: '28d rolling',
          objectives: [{ name: 'requests-succeed', target: 0.999 }],
          sourceLocation: 'file:/repo/slos.yaml',
          sourceUrl: null,
          imported: false,
          deliveredAt: expect.any(String),
          changes: [{ kind: 'created' }],
          budget: [
            {
              objective: 'requests-succeed',
              before: null,
              after: null,
              end: expect.objectContaining({ state: expect.any(String) }),
            },
          ],
        },
      ],
      totalCount: 1,
    });
    const badPage = await request(server)
      .get(
        '/api/reliability/v1/slos/default/checkout-availability/revisions?limit=0',
      )
      .set('Authorization', user);
    expect(badPage.status).toBe(400);
    expect(badPage.body.error.message).toMatch(/limit/);
    const missing = await request(server)
      .get('/api/reliability/v1/slos/default/nope/revisions')
      .set('Authorization', user);
    expect(missing.status).toBe(404);
    const anonymous = await request(server)
      .get('/api/reliability/v1/slos/default/checkout-availability/revisions')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });

  it('lists SLO refinements across the org, and rejects bad parameters', async () => {
    const res = await request(server)
      .get('/api/reliability/v1/slo-refinements')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    // Only first definitions so far: nothing has been refined.
    expect(res.body).toEqual({ items: [], totalCount: 0 });
    for (const query of ['since=yesterday', 'limit=500', 'offset=-1']) {
      const bad = await request(server)
        .get(`/api/reliability/v1/slo-refinements?${query}`)
        .set('Authorization', user);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(query.split('=')[0]);
    }
    const anonymous = await request(server)
      .get('/api/reliability/v1/slo-refinements')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });

  it('imports the history from before the catalog delivered the SLO, all or nothing', async () => {
    const route =
      '/api/reliability/v1/slos/default/checkout-availability/revisions/import';
    const item = (target: number, effectiveFrom = '2026-01-01T00:00:00Z') => ({
      effectiveFrom,
      spec: {
        ...sloEntity.spec,
        objectives: [{ displayName: 'requests-succeed', target }],
      },
      sourceUrl: 'https://git.example.com/checkout/commit/1',
    });
    const bad = await request(server)
      .post(route)
      .set('Authorization', user)
      .send({ items: [item(0.99), item(1.5, '2026-02-01T00:00:00Z')] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /^The history was not imported: items\[1\]\.spec\.objectives\[0\]\.target/,
    );
    const noTime = await request(server)
      .post(route)
      .set('Authorization', user)
      .send({ items: [{ spec: item(0.99).spec }] });
    expect(noTime.status).toBe(400);
    expect(noTime.body.error.message).toMatch(/effectiveFrom/);
    const unknown = await request(server)
      .post('/api/reliability/v1/slos/default/nope/revisions/import')
      .set('Authorization', user)
      .send({ items: [item(0.99)] });
    expect(unknown.status).toBe(404);

    const ok = await request(server)
      .post(route)
      .set('Authorization', user)
      .send({ items: [item(0.99)] });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ imported: 1, merged: false, totalCount: 2 });
    const history = await request(server)
      .get('/api/reliability/v1/slos/default/checkout-availability/revisions')
      .set('Authorization', user);
    expect(
      history.body.items.map((r: any) => [
        r.revision,
        r.imported,
        r.objectives[0].target,
        r.sourceUrl,
      ]),
    ).toEqual([
      [1, true, 0.99, 'https://git.example.com/checkout/commit/1'],
      [2, false, 0.999, null],
    ]);
    const refinements = await request(server)
      .get('/api/reliability/v1/slo-refinements')
      .set('Authorization', user);
    expect(refinements.body.items).toEqual([
      expect.objectContaining({
        sloRef: 'slo:default/checkout-availability',
        revision: 2,
        loosened: false,
        changes: [expect.objectContaining({ direction: 'tightened' })],
      }),
    ]);
    const audit = await request(server)
      .get('/api/reliability/v1/audit-events?limit=5')
      .set('Authorization', user);
    expect(audit.body.items[0]).toMatchObject({
      action: 'slo.history.imported',
      entityRef: 'component:default/checkout-api',
      subjectRef: 'slo:default/checkout-availability',
    });
  });
});

describe('SLI writes without the permission', () => {
  it('answers 403 and writes nothing', async () => {
    const { server } = await startTestBackend({
      features: [
        ...features,
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.DENY })),
        }).factory,
      ],
    });
    const res = await request(server)
      .post('/api/reliability/v1/sli/events')
      .set('Authorization', mockCredentials.user.header())
      .send({
        items: [
          {
            slo: 'checkout-availability',
            timestamp: minutesAgo(1),
            good: 1,
            total: 1,
          },
        ],
      });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Pushing SLI data needs the reliability.sli.write permission',
    );
  });
});
