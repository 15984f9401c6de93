import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  catalogReadPolicy,
  ERIN,
  MALLORY,
  visibilityCatalog,
} from './__testUtils__/hiddenTeamCatalog';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(60_000);

// The TTL itself (expiry, failures, concurrency) is tested with a clock in
// service/catalogVisibility.test.ts; here, that the routes go through one cache per backend.
describe("a caller's catalog visibility, across requests", () => {
  it('is decided once per user, and the visible set of a restricted user read once, within the TTL', async () => {
    const catalog = visibilityCatalog();
    const permissions = catalogReadPolicy();
    const { server } = await startTestBackend({
      features: [reliabilityPlugin, catalog.factory, permissions.factory],
    });
    const get = (user: string, path: string) =>
      request(server)
        .get(`/api/reliability${path}`)
        .set('Authorization', mockCredentials.user.header(user));
    const decisionsOf = (user: string) =>
      permissions.authorizeConditional.mock.calls.filter(
        ([, { credentials }]) =>
          (credentials.principal as any).userEntityRef === user,
      ).length;

    // An entity page and org lists, twice each: one decision per user.
    for (let i = 0; i < 2; i++) {
      for (const user of [ERIN, MALLORY]) {
        const page = await get(
          user,
          '/v1/entities/component/default/checkout-api/summary',
        );
        expect(page.status).toBe(200);
        expect((await get(user, '/v1/slos')).status).toBe(200);
        expect((await get(user, '/v1/postmortems')).status).toBe(200);
      }
    }
    expect(decisionsOf(ERIN)).toBe(1);
    expect(decisionsOf(MALLORY)).toBe(1);
    // mallory's visible set: one sweep of the catalog for her four org lists.
    expect(catalog.userReads.filter(r => r === 'queryEntities')).toEqual([
      'queryEntities',
    ]);
  });
});
