import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { checkoutApi, standardPolicy } from './__testUtils__/catalogFixtures';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(60_000);

const component = checkoutApi();
const policy = standardPolicy();
const catalog = catalogServiceMock.factory({
  entities: [component, policy as any],
});

const base =
  '/api/reliability/v1/entities/component/default/checkout-api/policy';

/** Every mutation of the policy API, with a body that would be accepted. */
const mutations = [
  { path: `${base}/freeze`, body: { reason: 'Budget spent' } },
  { path: `${base}/lift`, body: { reason: 'Recovered' } },
  {
    path: `${base}/exceptions`,
    body: { changeId: 'abc', exceptionClass: 'p0-fix', reason: 'Hotfix' },
  },
  {
    path: `${base}/decisions`,
    body: { decision: 'fund-reliability', reason: 'Two engineers' },
  },
];

describe('policy API', () => {
  it('refuses every mutation without credentials (401) or without the permission (403), writing nothing', async () => {
    const { server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalog,
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.DENY })),
        }).factory,
      ],
    });
    for (const { path, body } of mutations) {
      const anonymous = await request(server)
        .post(path)
        .set('Authorization', mockCredentials.none.header())
        .send(body);
      expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
      const denied = await request(server)
        .post(path)
        .set('Authorization', mockCredentials.user.header())
        .send(body);
      expect({ path, status: denied.status }).toEqual({ path, status: 403 });
      expect(denied.body.error.message).toMatch(
        /component:default\/checkout-api needs the reliability\.policy\.enact permission/,
      );
    }
    const events = await request(server)
      .get('/api/reliability/v1/audit-events?category=policy')
      .set('Authorization', mockCredentials.user.header());
    expect(events.body.items).toEqual([]);
    // Reads stay open to any signed-in caller, closed to anonymous ones.
    const none = mockCredentials.none.header();
    expect(
      (await request(server).get(base).set('Authorization', none)).status,
    ).toBe(401);
    expect(
      (
        await request(server)
          .get(base)
          .set('Authorization', mockCredentials.user.header())
      ).status,
    ).toBe(200);
    expect(
      (
        await request(server)
          .get('/api/reliability/v1/gate?entity=checkout-api')
          .set('Authorization', none)
      ).status,
    ).toBe(401);
  });

  it('asks the permission framework about the entity the mutation targets', async () => {
    const authorize = jest.fn(
      async (requests: any[]): Promise<any[]> =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    const { server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalog,
        mockServices.permissions.mock({ authorize }).factory,
      ],
    });
    const user = mockCredentials.user.header('user:default/erin');
    const post = (path: string, body: object) =>
      request(server).post(path).set('Authorization', user).send(body);

    // Validation names the field; nothing is written.
    const bad = await post(`${base}/freeze`, { reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/reason/);
    const badLink = await post(`${base}/freeze`, {
      reason: 'x',
      link: 'not a url',
    });
    expect(badLink.status).toBe(400);
    expect(badLink.body.error.message).toMatch(/link/);
    const extra = await post(`${base}/freeze`, { reason: 'x', force: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/additional properties/);

    const freeze = await post(`${base}/freeze`, { reason: 'Budget spent' });
    expect(freeze.status).toBe(201);
    expect(freeze.body).toMatchObject({
      entityRef: 'component:default/checkout-api',
      policyRef: 'errorbudgetpolicy:default/standard',
      startedBy: 'user:default/erin',
      automatic: false,
    });
    expect(authorize).toHaveBeenLastCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'reliability.policy.enact',
          }),
          resourceRef: 'component:default/checkout-api',
        },
      ],
      expect.anything(),
    );
    const again = await post(`${base}/freeze`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already frozen/);

    const gate = () =>
      request(server)
        .get('/api/reliability/v1/gate')
        .query({ entity: 'checkout-api', change: 'abc' })
        .set('Authorization', mockCredentials.service.header());
    expect((await gate()).body).toMatchObject({
      allowed: false,
      frozen: true,
      entityRef: 'component:default/checkout-api',
    });
    const wrongClass = await post(`${base}/exceptions`, {
      changeId: 'abc',
      exceptionClass: 'security',
      reason: 'x',
    });
    expect(wrongClass.status).toBe(400);
    expect(wrongClass.body.error.message).toMatch(
      /exceptionClass: 'security' is not an exception class/,
    );
    expect((await post(mutations[2].path, mutations[2].body)).status).toBe(201);
    expect((await gate()).body).toMatchObject({ allowed: true });

    const decision = await post(`${base}/decisions`, {
      decision: 'accept-risk',
      reason: 'x',
    });
    expect(decision.status).toBe(400);
    expect(decision.body.error.message).toMatch(/acceptUntil/);
    expect((await post(mutations[3].path, mutations[3].body)).status).toBe(201);

    expect((await post(`${base}/lift`, { reason: 'ok' })).status).toBe(200);
    expect((await post(`${base}/lift`, { reason: 'ok' })).status).toBe(409);

    const unknown = await post(
      '/api/reliability/v1/entities/component/default/nope/policy/freeze',
      { reason: 'x' },
    );
    expect(unknown.status).toBe(404);
    const badGate = await request(server)
      .get('/api/reliability/v1/gate')
      .query({ entity: 'component:default/' })
      .set('Authorization', user);
    expect(badGate.status).toBe(400);
    expect(badGate.body.error.message).toMatch(/^entity: /);

    const history = await request(server)
      .get('/api/reliability/v1/audit-events')
      .query({
        category: 'policy',
        subjectRef: 'errorbudgetpolicy:default/standard',
      })
      .set('Authorization', user);
    expect(history.body.items.map((e: any) => e.action)).toEqual([
      'policy.freeze-lifted',
      'policy.decision-recorded',
      'policy.exception-granted',
      'policy.freeze-enacted',
    ]);

    const policies = await request(server)
      .get('/api/reliability/v1/policies')
      .set('Authorization', user);
    expect(policies.status).toBe(200);
    expect(policies.body.items.map((i: any) => i.policy.ref)).toEqual([
      'errorbudgetpolicy:app-config/default',
      'errorbudgetpolicy:default/standard',
    ]);
    const detail = await request(server)
      .get('/api/reliability/v1/policies/default/standard')
      .set('Authorization', user);
    expect(detail.status).toBe(200);
    expect(detail.body.policy.ownerRef).toBe('group:default/sre-core');
    const defaultPolicy = await request(server)
      .get('/api/reliability/v1/policies/app-config/default')
      .set('Authorization', user);
    expect(defaultPolicy.body.policy.states.map((s: any) => s.name)).toEqual([
      'healthy',
      'at-risk',
      'exhausted',
    ]);
    expect(
      (
        await request(server)
          .get('/api/reliability/v1/policies/default/nope')
          .set('Authorization', user)
      ).status,
    ).toBe(404);
  });
});
