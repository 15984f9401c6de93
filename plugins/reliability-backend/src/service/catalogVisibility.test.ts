import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogVisibility } from './catalogVisibility';

const component = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

/**
 * A permission service whose `catalog.entity.read` is conditional for mallory (so her
 * visible set is read from the catalog) and an ALLOW for anyone else; `fail` makes the next
 * decision throw, as an unreachable permission backend would.
 */
function setUp(ttlMs?: number) {
  let now = 1_000_000;
  const failures: Error[] = [];
  const authorizeConditional = jest.fn(
    async (requests: any[], { credentials }: any) => {
      const failure = failures.shift();
      if (failure) throw failure;
      return requests.map(() =>
        credentials.principal.userEntityRef === 'user:default/mallory'
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: { rule: 'IS_ENTITY_OWNER', params: {} },
            }
          : { result: AuthorizeResult.ALLOW },
      );
    },
  );
  const catalog = catalogServiceMock({
    entities: [component('a'), component('b')],
  });
  const queryEntities = jest.spyOn(catalog, 'queryEntities');
  const visibility = new CatalogVisibility({
    catalog,
    permissions: mockServices.permissions.mock({
      authorizeConditional: authorizeConditional as any,
    }),
    ttlMs,
    now: () => now,
  });
  return {
    visibility,
    authorizeConditional,
    queryEntities,
    fail: (error: Error) => failures.push(error),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const user = (name: string) => mockCredentials.user(`user:default/${name}`);

describe('CatalogVisibility: the per-principal cache', () => {
  it('asks once for two requests of the same user within the TTL, and again after it', async () => {
    const { visibility, authorizeConditional, advance } = setUp();
    // Two requests: two credentials objects of the same user.
    expect(await visibility.seesEverything(user('erin'))).toBe(true);
    advance(9_999);
    expect(await visibility.seesEverything(user('erin'))).toBe(true);
    expect(authorizeConditional).toHaveBeenCalledTimes(1);
    // The default TTL is 10 s: a permission change shows within it.
    advance(1);
    await visibility.seesEverything(user('erin'));
    expect(authorizeConditional).toHaveBeenCalledTimes(2);
  });

  it('does not share the decision of one user with another, nor with a service', async () => {
    const { visibility, authorizeConditional } = setUp();
    expect(await visibility.seesEverything(user('erin'))).toBe(true);
    expect(await visibility.seesEverything(user('mallory'))).toBe(false);
    await visibility.seesEverything(mockCredentials.service('external:ci'));
    expect(authorizeConditional).toHaveBeenCalledTimes(3);
    // Each is served its own answer from the cache afterwards.
    expect(await visibility.seesEverything(user('erin'))).toBe(true);
    expect(await visibility.seesEverything(user('mallory'))).toBe(false);
    expect(authorizeConditional).toHaveBeenCalledTimes(3);
  });

  it('never keeps the decision of a none principal', async () => {
    const { visibility, authorizeConditional } = setUp();
    await visibility.seesEverything(mockCredentials.none());
    await visibility.seesEverything(mockCredentials.none());
    expect(authorizeConditional).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failure: the next request asks again', async () => {
    const { visibility, authorizeConditional, fail } = setUp();
    fail(new Error('permission backend unreachable'));
    await expect(visibility.seesEverything(user('erin'))).rejects.toThrow(
      'permission backend unreachable',
    );
    expect(await visibility.seesEverything(user('erin'))).toBe(true);
    expect(authorizeConditional).toHaveBeenCalledTimes(2);
  });

  it('shares one question in flight between concurrent requests of a user', async () => {
    const { visibility, authorizeConditional, queryEntities } = setUp();
    const answers = await Promise.all([
      visibility.visible(user('mallory')),
      visibility.visible(user('mallory')),
      visibility.seesEverything(user('mallory')),
    ]);
    expect(authorizeConditional).toHaveBeenCalledTimes(1);
    expect(queryEntities).toHaveBeenCalledTimes(1);
    expect(answers[0]).toBe(answers[1]);
  });

  it('reads the visible set of a restricted caller once per TTL', async () => {
    const { visibility, queryEntities, advance } = setUp(2_000);
    const first = await visibility.visible(user('mallory'));
    expect([...first!].sort()).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    advance(1_999);
    expect(await visibility.visible(user('mallory'))).toBe(first);
    expect(queryEntities).toHaveBeenCalledTimes(1);
    advance(1);
    await visibility.visible(user('mallory'));
    expect(queryEntities).toHaveBeenCalledTimes(2);
    // An unrestricted caller never reads the catalog.
    expect(await visibility.visible(user('erin'))).toBeUndefined();
    expect(queryEntities).toHaveBeenCalledTimes(2);
  });

  it('asks on every request with a TTL of 0', async () => {
    const { visibility, authorizeConditional } = setUp(0);
    await visibility.seesEverything(user('erin'));
    await visibility.seesEverything(user('erin'));
    expect(authorizeConditional).toHaveBeenCalledTimes(2);
  });
});
