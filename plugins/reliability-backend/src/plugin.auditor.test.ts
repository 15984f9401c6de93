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

const checkout = checkoutApi();
const policy = standardPolicy();

describe("Backstage's auditor", () => {
  it('records every mutation with the caller, the action and the outcome', async () => {
    const events: Array<{ options: any; outcome?: string; error?: Error }> = [];
    const auditor = mockServices.auditor.mock({
      createEvent: async options => {
        const event: (typeof events)[number] = { options };
        events.push(event);
        return {
          success: async () => {
            event.outcome = 'succeeded';
          },
          fail: async ({ error }) => {
            event.outcome = 'failed';
            event.error = error;
          },
        };
      },
    });
    const allowed = new Set(['user:default/erin']);
    const { server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({ entities: [checkout, policy as any] }),
        auditor.factory,
        mockServices.permissions.mock({
          authorize: async (requests, { credentials }) =>
            requests.map(() => ({
              result: allowed.has((credentials.principal as any).userEntityRef)
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
            })),
        }).factory,
      ],
    });
    const path =
      '/api/reliability/v1/entities/component/default/checkout-api/policy/freeze';
    const done = await request(server)
      .post(path)
      .set('Authorization', mockCredentials.user.header('user:default/erin'))
      .send({ reason: 'Budget spent' });
    expect(done.status).toBe(201);
    const refused = await request(server)
      .post(path)
      .set('Authorization', mockCredentials.user.header('user:default/mallory'))
      .send({ reason: 'Budget spent' });
    expect(refused.status).toBe(403);
    // Reads are not mutations: no event.
    await request(server)
      .get(path.replace(/\/freeze$/, ''))
      .set('Authorization', mockCredentials.user.header('user:default/erin'));

    // The outcome is recorded once the answer is sent.
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      options: {
        eventId: 'policy-freeze',
        severityLevel: 'medium',
        meta: { operation: 'EnactFreeze' },
      },
      outcome: 'succeeded',
    });
    expect(events[1]).toMatchObject({
      options: { eventId: 'policy-freeze' },
      outcome: 'failed',
      error: expect.objectContaining({ name: 'NotAllowedError' }),
    });
    // The auditor reads the caller from the request it is given.
    expect(events[1].options.request.headers.authorization).toBe(
      mockCredentials.user.header('user:default/mallory'),
    );
  });
});
