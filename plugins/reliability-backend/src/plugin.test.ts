import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ReliabilityClient } from '@reliability-suite/plugin-reliability-common';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(60_000);

const checkoutApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-checkout' },
};

describe('reliability backend plugin', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({ entities: [checkoutApi] }),
      ],
    }));
  });

  it('answers the health route without credentials', async () => {
    const res = await request(server)
      .get('/api/reliability/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it.each([
    '/api/reliability/v1/entities/component/default/checkout-api/summary',
    '/api/reliability/v1/audit-events',
    '/api/reliability/v1/no-such-route',
  ])('answers 401 without credentials: %s', async path => {
    const res = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('rejects a forged token', async () => {
    const res = await request(server)
      .get('/api/reliability/v1/audit-events')
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(res.status).toBe(401);
  });

  it("returns an entity's summary, with the canonical reference", async () => {
    const res = await request(server)
      .get(
        '/api/reliability/v1/entities/Component/default/checkout-api/summary',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/checkout-api',
      slos: [],
    });
  });

  it('answers 404 for an entity the catalog does not have', async () => {
    const res = await request(server)
      .get('/api/reliability/v1/entities/component/default/nope/summary')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'No entity component:default/nope in the catalog',
    );
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=abc', /limit/],
    ['entityRef=checkout-api', /entityRef/],
    ['cursor=not-a-cursor', /cursor/],
  ])('rejects bad input %s with a 400 naming the field', async (qs, field) => {
    const res = await request(server)
      .get(`/api/reliability/v1/audit-events?${qs}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(field);
  });

  it('serves the typed client the frontend and the CLI use', async () => {
    const { port } = server.address() as AddressInfo;
    const client = new ReliabilityClient({
      discoveryApi: {
        getBaseUrl: async () => `http://localhost:${port}/api/reliability`,
      },
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: { Authorization: mockCredentials.user.header() },
          }),
      },
    });
    await expect(
      client.getEntitySummary({
        kind: 'component',
        namespace: 'default',
        name: 'checkout-api',
      }),
    ).resolves.toEqual({
      entityRef: 'component:default/checkout-api',
      slos: [],
    });
    await expect(client.listAuditEvents({ limit: 5 })).resolves.toEqual({
      items: [],
    });
    await expect(
      client.getEntitySummary({
        kind: 'component',
        namespace: 'default',
        name: 'nope',
      }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
  });
});
