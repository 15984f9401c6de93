import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  catalogEntity,
  errorBudgetPolicy,
} from './__testUtils__/catalogFixtures';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(60_000);

const entities = [
  catalogEntity(
    'Domain',
    'commerce',
    { owner: 'group:default/leadership' },
    { 'reliability-suite.dev/error-budget-policy': 'standard' },
  ),
  catalogEntity(
    'System',
    'storefront',
    { owner: 'group:default/team-checkout', domain: 'commerce' },
    { 'reliability-suite.dev/sre-team': 'sre-core' },
  ),
  ...['checkout-api', 'cart'].map(name =>
    catalogEntity('Component', name, {
      type: 'service',
      owner: 'team-checkout',
      lifecycle: 'production',
      system: 'storefront',
    }),
  ),
  errorBudgetPolicy('standard'),
];

/** The catalog mock, recording the refs each by-ref read asks for. */
function countingCatalog() {
  const mock = catalogServiceMock({ entities: entities as any });
  const refsRead: string[] = [];
  const catalog = new Proxy(mock, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: any[]) => {
        if (property === 'getEntityByRef') refsRead.push(String(args[0]));
        if (property === 'getEntitiesByRefs') {
          refsRead.push(...args[0].entityRefs);
        }
        return value.apply(target, args);
      };
    },
  });
  return { catalog, refsRead };
}

async function start(config: object) {
  const { catalog, refsRead } = countingCatalog();
  const { server } = await startTestBackend({
    features: [
      reliabilityPlugin,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  /** The requests of an entity page and a gate check for a never-evaluated entity. */
  const visit = async (name: string) => {
    const base = `/api/reliability/v1/entities/component/default/${name}`;
    const answers = [];
    for (const path of [
      `${base}/summary`,
      `${base}/policy`,
      `${base}/postmortems`,
      `${base}/responsibility`,
      `/api/reliability/v1/gate?entity=component:default/${name}`,
    ]) {
      const res = await request(server)
        .get(path)
        .set('Authorization', mockCredentials.user.header());
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      answers.push(res.body);
    }
    return answers;
  };
  return { visit, refsRead };
}

describe('the request path reads the catalog through one shared cache', () => {
  it('reads each entity of a context once, and nothing for the next visits within the TTL', async () => {
    const { visit, refsRead } = await start({});
    const first = await visit('checkout-api');
    const [, policy] = first;
    expect(policy.policy.ref).toBe('errorbudgetpolicy:default/standard');
    expect(policy.source).toBe('domain');
    // The entity, its System, its Domain and its policy: once each, for all five requests.
    expect([...refsRead].sort()).toEqual([
      'component:default/checkout-api',
      'domain:default/commerce',
      'errorbudgetpolicy:default/standard',
      'system:default/storefront',
    ]);
    const again = await visit('checkout-api');
    expect(again[0]).toEqual(first[0]);
    expect(again[1].policy).toEqual(first[1].policy);
    expect(refsRead).toHaveLength(4);
    // Another component of the same System: only the component itself is new.
    await visit('cart');
    expect(refsRead.slice(4)).toEqual(['component:default/cart']);
  });

  it('with reliability.catalogCache.ttl 0 reads the catalog on every request, as before', async () => {
    const { visit, refsRead } = await start({
      reliability: { catalogCache: { ttl: { seconds: 0 } } },
    });
    const first = await visit('checkout-api');
    const once = refsRead.length;
    expect(once).toBeGreaterThan(4);
    const again = await visit('checkout-api');
    expect(again[1].policy).toEqual(first[1].policy);
    expect(refsRead).toHaveLength(2 * once);
  });
});
