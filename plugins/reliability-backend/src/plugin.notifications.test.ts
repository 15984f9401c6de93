import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(60_000);

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-api',
      namespace: 'default',
      title: 'Checkout API',
      annotations: { 'reliability-suite.dev/sre-team': 'sre-core' },
    },
    spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    // mockCredentials.user()'s default user
    metadata: { name: 'mock', namespace: 'default' },
    spec: { profile: { displayName: 'Jane Doe' } },
  },
];

const base =
  '/api/reliability/v1/entities/component/default/checkout-api/policy';

async function start(send: jest.Mock) {
  const { server } = await startTestBackend({
    features: [
      reliabilityPlugin,
      catalogServiceMock.factory({ entities: entities as any }),
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }).factory,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send }),
      }),
    ],
  });
  return server;
}

describe('notifications through the real router', () => {
  it('tells the owning and SRE teams of a manual freeze, once, by name, linking its Policy section', async () => {
    const send = jest.fn().mockResolvedValue(undefined);
    const server = await start(send);
    const res = await request(server)
      .post(`${base}/freeze`)
      .set('Authorization', mockCredentials.user.header())
      .send({ reason: 'Budget spent on the cart outage' });
    expect(res.status).toBe(201);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0]).toEqual({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/team-checkout', 'group:default/sre-core'],
      },
      payload: expect.objectContaining({
        title: 'Checkout API: release freeze by Jane Doe',
        link: '/catalog/default/component/checkout-api/reliability/policy',
        scope: `reliability.freeze:component:default/checkout-api:${res.body.id}`,
        severity: 'critical',
      }),
    });
  });

  it('freezes even when the notification cannot be sent', async () => {
    const send = jest
      .fn()
      .mockRejectedValue(new Error('Request failed with 503 Unavailable'));
    const server = await start(send);
    const res = await request(server)
      .post(`${base}/freeze`)
      .set('Authorization', mockCredentials.user.header())
      .send({ reason: 'Budget spent' });
    expect(res.status).toBe(201);
    expect(send).toHaveBeenCalledTimes(1);
    const policy = await request(server)
      .get(base)
      .set('Authorization', mockCredentials.user.header());
    expect(policy.body.freeze).toMatchObject({
      reason: 'Budget spent',
      startedBy: 'user:default/mock',
    });
    const events = await request(server)
      .get('/api/reliability/v1/audit-events?category=policy')
      .set('Authorization', mockCredentials.user.header());
    expect(events.body.items.map((e: any) => e.action)).toEqual([
      'policy.freeze-enacted',
    ]);
  });
});
