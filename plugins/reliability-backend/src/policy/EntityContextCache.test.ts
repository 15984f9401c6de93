import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import { BUILT_IN_DEFAULT_POLICY } from '@reliability-suite/plugin-reliability-common';
import { CatalogLookup } from './CatalogLookup';
import { EntityContextCache } from './EntityContextCache';
import { PolicyResolver } from './PolicyResolver';

const TTL = 30_000;

const entity = (
  kind: string,
  name: string,
  spec: JsonObject = {},
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});

const policy = (name: string, owner: string): Entity => ({
  apiVersion: 'reliability-suite.dev/v1alpha1',
  kind: 'ErrorBudgetPolicy',
  metadata: { name, namespace: 'default', title: `Policy ${name}` },
  spec: {
    owner,
    states: [
      { name: 'healthy', remainingAbove: 0, consequences: 'Ship.' },
      { name: 'exhausted', consequences: 'Frozen.', freeze: true },
    ],
  },
});

const ORG: Entity[] = [
  entity(
    'Domain',
    'commerce',
    { owner: 'leadership' },
    { 'reliability-suite.dev/error-budget-policy': 'standard' },
  ),
  entity(
    'System',
    'storefront',
    { owner: 'team-checkout', domain: 'commerce' },
    { 'reliability-suite.dev/sre-team': 'sre-core' },
  ),
  ...['checkout-api', 'cart', 'search'].map(name =>
    entity('Component', name, { owner: 'team-checkout', system: 'storefront' }),
  ),
  policy('standard', 'group:default/sre-core'),
  policy('strict', 'group:default/team-payments'),
];

/** A catalog whose entities can change, counting the refs each call asks for. */
function fakeCatalog(initial: Entity[]) {
  const byRef = new Map(initial.map(e => [stringifyEntityRef(e), e]));
  const calls: string[][] = [];
  let down = false;
  const catalog = {
    async getEntitiesByRefs({ entityRefs }: { entityRefs: string[] }) {
      calls.push(entityRefs);
      if (down) throw new Error('catalog down');
      return { items: entityRefs.map(r => byRef.get(r)) };
    },
    async getEntityByRef(ref: string) {
      calls.push([ref]);
      if (down) throw new Error('catalog down');
      return byRef.get(ref.toLocaleLowerCase('en-US'));
    },
  };
  return {
    catalog: catalog as unknown as CatalogService,
    calls,
    refsRead: () => calls.flat(),
    put: (e: Entity) => byRef.set(stringifyEntityRef(e), e),
    remove: (ref: string) => byRef.delete(ref),
    setDown: (value: boolean) => {
      down = value;
    },
  };
}

function setup(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const fake = fakeCatalog(ORG);
  let now = 1_000_000;
  const resolver = new PolicyResolver({
    spec: BUILT_IN_DEFAULT_POLICY,
    title: 'Default',
  });
  const cache = new EntityContextCache({
    catalog: fake.catalog,
    auth: mockServices.auth(),
    resolver,
    ttlMs: options.ttlMs ?? TTL,
    maxEntries: options.maxEntries,
    now: () => now,
  });
  return {
    ...fake,
    cache,
    resolver,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('EntityContextCache', () => {
  it('resolves the same context as a fresh read of the catalog', async () => {
    const { cache, catalog, resolver } = setup();
    const fresh = await resolver.context(
      'component:default/checkout-api',
      new CatalogLookup(catalog, mockServices.auth()),
    );
    const cached = await cache.context('component:default/checkout-api');
    expect(cached).toEqual(fresh);
    expect(cached?.resolved.policy.ref).toBe(
      'errorbudgetpolicy:default/standard',
    );
    expect(cached?.resolved.source).toBe('domain');
    expect(cached?.parties['sre-team']).toEqual(['group:default/sre-core']);
    expect(await cache.context('component:default/nope')).toBeUndefined();
  });

  it('serves entities and contexts from memory within the TTL, then reads again', async () => {
    const { cache, calls, advance, put } = setup();
    await cache.context('component:default/checkout-api');
    const reads = calls.length;
    expect(reads).toBeGreaterThan(0);
    await cache.context('component:default/checkout-api');
    await cache.entity('system:default/storefront');
    expect(calls.length).toBe(reads);

    // The catalog changes: the cache shows it once its reads are TTL old, not before.
    put(
      entity(
        'Component',
        'checkout-api',
        { owner: 'team-checkout', system: 'storefront' },
        { 'reliability-suite.dev/error-budget-policy': 'strict' },
      ),
    );
    advance(TTL - 1);
    expect(
      (await cache.context('component:default/checkout-api'))?.resolved.policy
        .ref,
    ).toBe('errorbudgetpolicy:default/standard');
    advance(1);
    expect(
      (await cache.context('component:default/checkout-api'))?.resolved.policy
        .ref,
    ).toBe('errorbudgetpolicy:default/strict');
  });

  it('keeps a context no longer than the oldest entity read it was resolved from', async () => {
    const { cache, advance, put } = setup();
    // The System is read at t0, the component's context resolved 20 s later from it.
    await cache.entity('system:default/storefront');
    advance(20_000);
    expect(
      (await cache.context('component:default/cart'))?.parties['sre-team'],
    ).toEqual(['group:default/sre-core']);
    put(entity('System', 'storefront', { domain: 'commerce' }));
    // 30 s after the System was read (10 s after the context was made): read again.
    advance(10_000);
    expect(
      (await cache.context('component:default/cart'))?.parties['sre-team'],
    ).toEqual([]);
  });

  it('asks the catalog once for concurrent misses, in one batch per event-loop turn', async () => {
    const { cache, calls } = setup();
    const contexts = await Promise.all(
      ['checkout-api', 'cart', 'search', 'cart'].map(name =>
        cache.context(`component:default/${name}`),
      ),
    );
    expect(contexts.map(c => c?.entityRef)).toEqual([
      'component:default/checkout-api',
      'component:default/cart',
      'component:default/search',
      'component:default/cart',
    ]);
    // The three components together, then their one System, its Domain, its policy.
    expect(calls).toEqual([
      [
        'component:default/checkout-api',
        'component:default/cart',
        'component:default/search',
      ],
      ['system:default/storefront'],
      ['domain:default/commerce'],
      ['errorbudgetpolicy:default/standard'],
    ]);
  });

  it('does not remember a failed read', async () => {
    const { cache, setDown, calls } = setup();
    setDown(true);
    await expect(cache.entity('component:default/cart')).rejects.toThrow(
      'catalog down',
    );
    await expect(
      cache.context('component:default/checkout-api'),
    ).rejects.toThrow('catalog down');
    setDown(false);
    expect((await cache.entity('component:default/cart'))?.metadata.name).toBe(
      'cart',
    );
    expect(
      (await cache.context('component:default/checkout-api'))?.entityRef,
    ).toBe('component:default/checkout-api');
    expect(calls.length).toBeGreaterThan(2);
  });

  it('remembers an entity the catalog does not have for the TTL too', async () => {
    const { cache, put, advance } = setup();
    expect(await cache.entity('component:default/new')).toBeUndefined();
    put(entity('Component', 'new', { owner: 'team-checkout' }));
    expect(await cache.entity('component:default/new')).toBeUndefined();
    advance(TTL);
    expect((await cache.entity('component:default/new'))?.metadata.name).toBe(
      'new',
    );
  });

  it('with a TTL of 0 reads the catalog on every request, sharing only reads in flight', async () => {
    const { cache, refsRead, remove } = setup({ ttlMs: 0 });
    await Promise.all([
      cache.entity('component:default/cart'),
      cache.entity('component:default/cart'),
    ]);
    expect(refsRead()).toEqual(['component:default/cart']);
    await cache.entity('component:default/cart');
    expect(refsRead()).toHaveLength(2);
    remove('component:default/cart');
    expect(await cache.context('component:default/cart')).toBeUndefined();
  });

  it('holds at most maxEntries, forgetting the least recently used first', async () => {
    const { cache, refsRead } = setup({ maxEntries: 2 });
    await cache.entity('component:default/cart');
    await cache.entity('component:default/search');
    await cache.entity('component:default/cart'); // now the most recently used
    await cache.entity('component:default/checkout-api'); // evicts search
    expect(refsRead()).toHaveLength(3);
    await cache.entity('component:default/cart');
    expect(refsRead()).toHaveLength(3);
    await cache.entity('component:default/search');
    expect(refsRead()).toHaveLength(4);
  });

  it('reads a ref that does not parse alone, as the catalog answers it', async () => {
    const { cache, calls } = setup();
    expect(await cache.entity('not a ref')).toBeUndefined();
    expect(calls).toEqual([['not a ref']]);
  });

  it('forgets everything on clear', async () => {
    const { cache, refsRead } = setup();
    await cache.entity('component:default/cart');
    cache.clear();
    await cache.entity('component:default/cart');
    expect(refsRead()).toHaveLength(2);
  });
});
