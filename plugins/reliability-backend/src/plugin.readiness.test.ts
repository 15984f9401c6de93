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

const catalog = catalogServiceMock.factory({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout-api', namespace: 'default' },
      spec: {
        type: 'service',
        owner: 'team-checkout',
        lifecycle: 'production',
      },
    },
  ],
});

const base =
  '/api/reliability/v1/entities/component/default/checkout-api/readiness';

/** Every mutation of the readiness API, the permission it needs, and a valid body. */
const mutations = [
  {
    path: `${base}/attestations`,
    needs: 'reliability.review.attest',
    body: {
      itemId: 'load-tested',
      statement: 'Tested at 2x peak',
      evidenceUrl: 'https://docs.example.com/lt',
    },
  },
  {
    path: `${base}/comments`,
    needs: 'reliability.review.attest or reliability.review.signoff',
    body: { body: 'Looks good' },
  },
  ...(['submit', 'reopen'] as const).map(action => ({
    path: `${base}/review`,
    needs: 'reliability.review.attest',
    body: { action },
  })),
  ...(['approve', 'request-changes', 'hand-back'] as const).map(action => ({
    path: `${base}/review`,
    needs: 'reliability.review.signoff',
    body: { action, comment: 'why' },
  })),
];

describe('readiness API', () => {
  it('refuses every mutation without credentials or permission, writing nothing', async () => {
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
    for (const { path, body, needs } of mutations) {
      const anonymous = await request(server)
        .post(path)
        .set('Authorization', mockCredentials.none.header())
        .send(body);
      expect({ path, body, status: anonymous.status }).toEqual({
        path,
        body,
        status: 401,
      });
      const denied = await request(server)
        .post(path)
        .set('Authorization', mockCredentials.user.header())
        .send(body);
      expect({ path, body, status: denied.status }).toEqual({
        path,
        body,
        status: 403,
      });
      expect(denied.body.error.message).toContain(`needs the ${needs}`);
    }
    const readiness = await request(server)
      .get(base)
      .set('Authorization', mockCredentials.user.header());
    expect(readiness.status).toBe(200);
    expect(readiness.body.review).toBeNull();
    expect(readiness.body.template.id).toBe('production-readiness');
    const events = await request(server)
      .get('/api/reliability/v1/audit-events?category=review')
      .set('Authorization', mockCredentials.user.header());
    expect(events.body.items).toEqual([]);
  });

  it('validates input and answers 404, 409 and the queue', async () => {
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
    const user = mockCredentials.user.header('user:default/pat');
    const post = (path: string, body: object) =>
      request(server).post(path).set('Authorization', user).send(body);

    const badUrl = await post(`${base}/attestations`, {
      itemId: 'load-tested',
      statement: 'x',
      evidenceUrl: 'not a url',
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.message).toMatch(/evidenceUrl/);
    const badAction = await post(`${base}/review`, { action: 'merge' });
    expect(badAction.status).toBe(400);
    expect(badAction.body.error.message).toMatch(/action/);
    const submit = await post(`${base}/review`, { action: 'submit' });
    expect(submit.status).toBe(400);
    expect(submit.body.error.message).toMatch(/Not every required item passes/);
    const approve = await post(`${base}/review`, { action: 'approve' });
    expect(approve.status).toBe(409);
    expect(approve.body.error.message).toMatch(
      /a review that is draft cannot be given 'approve'/,
    );
    // Sign-off actions ask for the sign-off permission on the entity.
    expect(authorize).toHaveBeenLastCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'reliability.review.signoff',
          }),
          resourceRef: 'component:default/checkout-api',
        },
      ],
      expect.anything(),
    );
    const attested = await post(`${base}/attestations`, {
      itemId: 'load-tested',
      statement: 'Tested at 2x peak',
      evidenceUrl: 'https://docs.example.com/lt',
    });
    expect(attested.status).toBe(201);
    expect(attested.body).toMatchObject({ attestedBy: 'user:default/pat' });
    const unknown = await post(
      '/api/reliability/v1/entities/component/default/nope/readiness/attestations',
      {
        itemId: 'load-tested',
        statement: 'x',
        evidenceUrl: 'https://docs.example.com/x',
      },
    );
    expect(unknown.status).toBe(404);
    const queue = await request(server)
      .get('/api/reliability/v1/reviews?state=draft')
      .set('Authorization', user);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: any) => i.review.entityRef)).toEqual([
      'component:default/checkout-api',
    ]);
    // Open reviews (under way) by the query string's boolean; a non-boolean is refused.
    const open = await request(server)
      .get('/api/reliability/v1/reviews?open=true')
      .set('Authorization', user);
    expect(open.status).toBe(200);
    expect(open.body.totalCount).toBe(1);
    const badOpen = await request(server)
      .get('/api/reliability/v1/reviews?open=maybe')
      .set('Authorization', user);
    expect(badOpen.status).toBe(400);
    expect(badOpen.body.error.message).toMatch(/open/);
    // The history through the API: a plain comment has no decision, and a refused decision
    // leaves no row.
    const commented = await post(`${base}/comments`, { body: 'Which peak?' });
    expect(commented.status).toBe(201);
    expect(commented.body).toMatchObject({
      body: 'Which peak?',
      decision: null,
    });
    const refused = await post(`${base}/review`, {
      action: 'submit',
      comment: 'Ready for a look',
    });
    expect(refused.status).toBe(400);
    const readiness = await request(server)
      .get(base)
      .set('Authorization', user);
    expect(
      readiness.body.comments.map((c: any) => [c.decision, c.body]),
    ).toEqual([[null, 'Which peak?']]);
  });
});
