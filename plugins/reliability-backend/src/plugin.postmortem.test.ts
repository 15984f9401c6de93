import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(60_000);

const component = (name: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner, lifecycle: 'production' },
});
const catalog = catalogServiceMock.factory({
  entities: [
    component('checkout-api', 'team-checkout'),
    component('search-api', 'team-search'),
  ],
});

const CHECKOUT = 'component:default/checkout-api';
const SEARCH = 'component:default/search-api';
const body = (over: Record<string, unknown> = {}) => ({
  title: 'Checkout 5xx after a config push',
  severity: 'sev2',
  startedAt: '2026-11-20T10:00:00Z',
  resolvedAt: '2026-11-20T11:00:00Z',
  entityRefs: ['checkout-api'],
  ...over,
});

/** The demo's rule in small: a user may write postmortems of checkout-api only. */
const onlyCheckout = jest.fn(
  async (requests: any[]): Promise<any[]> =>
    requests.map(r => ({
      result:
        r.resourceRef === CHECKOUT
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })),
);

async function start() {
  const { server } = await startTestBackend({
    features: [
      reliabilityPlugin,
      catalog,
      mockServices.permissions.mock({ authorize: onlyCheckout }).factory,
    ],
  });
  const user = mockCredentials.user.header('user:default/pat');
  const as = (auth: string) => ({
    post: (path: string, b: unknown) =>
      request(server)
        .post(`/api/reliability${path}`)
        .set('Authorization', auth)
        .send(b as object),
    put: (path: string, b: unknown) =>
      request(server)
        .put(`/api/reliability${path}`)
        .set('Authorization', auth)
        .send(b as object),
    get: (path: string) =>
      request(server).get(`/api/reliability${path}`).set('Authorization', auth),
  });
  return { user: as(user), anonymous: as(mockCredentials.none.header()) };
}

describe('postmortems API', () => {
  it('asks for reliability.postmortem.write on every affected entity, before and after an edit', async () => {
    const { user, anonymous } = await start();
    expect((await anonymous.post('/v1/postmortems', body())).status).toBe(401);
    expect((await anonymous.get('/v1/postmortems')).status).toBe(401);

    const refused = await user.post(
      '/v1/postmortems',
      body({ entityRefs: ['checkout-api', 'search-api'] }),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `Writing postmortems needs the reliability.postmortem.write permission on every affected entity; refused on ${SEARCH}`,
    );

    const created = await user.post('/v1/postmortems', body());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      entityRefs: [CHECKOUT],
      teamRefs: ['group:default/team-checkout'],
      createdBy: 'user:default/pat',
      timeToResolveMs: 3_600_000,
      status: 'draft',
    });
    const id = created.body.id;

    // Moving it onto an entity the caller may not write is refused, and changes nothing.
    const moved = await user.put(
      `/v1/postmortems/${id}`,
      body({ entityRefs: ['search-api'] }),
    );
    expect(moved.status).toBe(403);
    expect((await user.get(`/v1/postmortems/${id}`)).body.entityRefs).toEqual([
      CHECKOUT,
    ]);

    const stale = await user.put(
      `/v1/postmortems/${id}`,
      body({ status: 'published', expectedUpdatedAt: '2020-01-01T00:00:00Z' }),
    );
    expect(stale.status).toBe(409);
    const published = await user.put(
      `/v1/postmortems/${id}`,
      body({ status: 'published', expectedUpdatedAt: created.body.updatedAt }),
    );
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    const events = await user.get('/v1/audit-events?category=postmortem');
    expect(events.body.items.map((e: any) => e.action)).toEqual([
      'postmortem.updated',
      'postmortem.created',
    ]);
    expect((await user.get('/v1/postmortems/99999')).status).toBe(404);
  });

  it('validates bodies naming the field, and imports all or nothing', async () => {
    const { user } = await start();
    const bad = await user.post(
      '/v1/postmortems',
      body({ detectedAt: '2026-11-20T09:00:00Z', entityRefs: ['nope'] }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /detectedAt: .* is before startedAt/,
    );
    const unknown = await user.post(
      '/v1/postmortems',
      body({ entityRefs: ['nope'] }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      'entityRefs[0]: no entity component:default/nope in the catalog',
    );

    const rejected = await user.post('/v1/postmortems/import', {
      items: [body({ externalId: 'INC-1' }), body({ severity: 'p1' }), 42],
    });
    expect(rejected.status).toBe(400);
    expect(rejected.body.items).toEqual([
      expect.objectContaining({ index: 1, field: 'severity' }),
      expect.objectContaining({ index: 2, field: '(record)' }),
    ]);
    expect(rejected.body.error.message).toMatch(
      /^2 of 3 records rejected; nothing was imported/,
    );
    expect((await user.get('/v1/postmortems')).body.totalCount).toBe(0);

    const denied = await user.post('/v1/postmortems/import', {
      items: [body(), body({ entityRefs: ['search-api'] })],
    });
    expect(denied.status).toBe(403);
    expect((await user.get('/v1/postmortems')).body.totalCount).toBe(0);

    const imported = await user.post('/v1/postmortems/import', {
      items: [
        body({ externalId: 'INC-1' }),
        body({ externalId: 'INC-2', severity: 'sev1' }),
      ],
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ created: 2, updated: 0 });
    const sev1 = await user.get('/v1/postmortems?severity=sev1&q=CONFIG');
    expect(sev1.body.totalCount).toBe(1);
    const figures = await user.get(
      `/v1/postmortems/figures?team=${encodeURIComponent(
        'group:default/team-checkout',
      )}&months=1`,
    );
    expect(figures.status).toBe(200);
    expect(figures.body.scope).toEqual({
      kind: 'team',
      ref: 'group:default/team-checkout',
    });
    const both = await user.get(
      `/v1/postmortems/figures?team=group%3Adefault%2Fa&entity=${encodeURIComponent(
        CHECKOUT,
      )}`,
    );
    expect(both.status).toBe(400);
    const entity = await user.get(
      '/v1/entities/component/default/checkout-api/postmortems',
    );
    expect(entity.status).toBe(200);
    expect(entity.body.items).toHaveLength(2);
    expect(entity.body.rule.budgetShareAbove).toBe(0.2);
    expect(
      (await user.get('/v1/entities/component/default/nope/postmortems'))
        .status,
    ).toBe(404);
  });

  it('refuses an action item owner that is a display name, naming the item’s field', async () => {
    const { user } = await start();
    const items = [
      { title: 'Canary config pushes', ownerRef: 'team-checkout' },
      { title: 'Alert on pool saturation', ownerRef: 'Checkout team' },
    ];
    const refused = await user.post(
      '/v1/postmortems',
      body({ actionItems: items }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(
      "actionItems[1].ownerRef: must be the entity reference of a group or user, e.g. group:default/team-checkout or user:default/jane; got 'Checkout team'",
    );
    const imported = await user.post('/v1/postmortems/import', {
      items: [body({ externalId: 'INC-7', actionItems: items })],
    });
    expect(imported.status).toBe(400);
    expect(imported.body.items).toEqual([
      expect.objectContaining({ index: 0, field: 'actionItems[1].ownerRef' }),
    ]);
    expect((await user.get('/v1/postmortems')).body.totalCount).toBe(0);

    const created = await user.post(
      '/v1/postmortems',
      body({
        actionItems: [items[0], { ...items[1], ownerRef: 'user:default/pat' }],
      }),
    );
    expect(created.status).toBe(201);
    expect(
      created.body.actionItems.map((i: { ownerRef: string }) => i.ownerRef),
    ).toEqual(['group:default/team-checkout', 'user:default/pat']);
  });
});
