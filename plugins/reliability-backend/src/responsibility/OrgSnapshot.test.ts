import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { resolveResponsibility } from '@reliability-suite/plugin-reliability-common';
import { catalogEntity } from '../__testUtils__/catalogFixtures';
import { buildOrgSnapshot, OrgSnapshotSource } from './OrgSnapshot';

const group = (name: string, members: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: members.map(m => ({ type: 'hasMember', targetRef: m })),
});
const user = (name: string, memberOf: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf },
});

describe('buildOrgSnapshot: group members', () => {
  it("counts each member once, from Users' memberOf and the group's hasMember", () => {
    const snapshot = buildOrgSnapshot(
      [
        // ann is named both ways; bob only by the relation, cid only by memberOf.
        group('sre', ['user:default/ann', 'user:default/bob']),
        group('empty'),
        user('ann', ['sre']),
        user('cid', ['group:default/sre', 'other']),
      ],
      0,
    );
    expect(snapshot.memberCounts.get('group:default/sre')).toBe(3);
    expect(snapshot.memberCounts.get('group:default/other')).toBe(1);
    expect(snapshot.memberCounts.has('group:default/empty')).toBe(false);
    expect([...snapshot.groupsWithMembers].sort()).toEqual([
      'group:default/other',
      'group:default/sre',
    ]);
  });
});

describe('buildOrgSnapshot: responsibility', () => {
  const entity = (...args: Parameters<typeof catalogEntity>) =>
    catalogEntity(...args) as Entity;
  const entities = [
    entity(
      'Domain',
      'pay',
      { owner: 'team-d' },
      {
        'reliability-suite.dev/sre-team': 'sre-d',
      },
    ),
    entity(
      'System',
      'checkout',
      { owner: 'team-s', domain: 'pay' },
      {
        'reliability-suite.dev/engagement': 'supported',
      },
    ),
    entity('System', 'lonely', { owner: 'team-s', domain: 'gone' }),
    entity(
      'Component',
      'cart',
      { owner: 'team-a', system: 'checkout' },
      {
        'reliability-suite.dev/tier': '1',
      },
    ),
    entity('Component', 'basket', { owner: 'team-b', system: 'checkout' }),
    entity('API', 'cart-api', { owner: 'team-a', system: 'Checkout' }),
    entity('Resource', 'db', { owner: 'team-a', system: 'missing' }),
    entity('Component', 'solo', { owner: 'team-c' }),
  ];
  const snapshot = buildOrgSnapshot(entities, 0);
  const byRef = (ref: string) => snapshot.ownedByRef.get(ref)!;

  it('chains each entity to its System and that System to its Domain, as far as they exist', () => {
    const chainOf = (ref: string) =>
      byRef(ref).chain.map(l => `${l.from}:${l.entity.metadata.name}`);
    expect(chainOf('component:default/cart')).toEqual([
      'entity:cart',
      'system:checkout',
      'domain:pay',
    ]);
    expect(chainOf('api:default/cart-api')).toEqual([
      'entity:cart-api',
      'system:checkout',
      'domain:pay',
    ]);
    expect(chainOf('system:default/checkout')).toEqual([
      'entity:checkout',
      'domain:pay',
    ]);
    expect(chainOf('system:default/lonely')).toEqual(['entity:lonely']);
    expect(chainOf('resource:default/db')).toEqual(['entity:db']);
    expect(chainOf('component:default/solo')).toEqual(['entity:solo']);
    expect(chainOf('domain:default/pay')).toEqual(['entity:pay']);
  });

  it("resolves each entity's model over its chain", () => {
    expect(snapshot.owned).toHaveLength(entities.length);
    for (const o of snapshot.owned) {
      expect(o.responsibility).toEqual(resolveResponsibility(o.chain));
    }
    const cart = byRef('component:default/cart').responsibility;
    expect(cart.ownerRef).toBe('group:default/team-a');
    expect(cart.tier?.from).toBe('entity');
    expect(cart.engagement?.fromRef).toBe('system:default/checkout');
    expect(cart.sreTeamRef).toEqual({
      value: 'group:default/sre-d',
      from: 'domain',
      fromRef: 'domain:default/pay',
    });
  });

  it('shares what the entities of one System inherit from it', () => {
    const cart = byRef('component:default/cart');
    const basket = byRef('component:default/basket');
    expect(cart.responsibility.engagement).toBe(
      basket.responsibility.engagement,
    );
    expect(cart.chain[1]).toBe(basket.chain[1]);
  });
});

describe('OrgSnapshotSource', () => {
  it('reads relations for Groups only, and still counts their members', async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout', namespace: 'default' },
      spec: { owner: 'group:default/sre', system: 'shop' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/sre' }],
    };
    const catalog = catalogServiceMock({
      entities: [
        component,
        group('sre', ['user:default/ann']),
        user('bob', ['sre']),
      ],
    });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const source = new OrgSnapshotSource({
      catalog,
      auth: mockServices.auth(),
    });

    const snapshot = await source.get();

    expect(snapshot.memberCounts.get('group:default/sre')).toBe(2);
    expect(snapshot.owned.map(o => o.ref)).toEqual([
      'component:default/checkout',
    ]);
    expect(
      snapshot.byRef.get('component:default/checkout')?.relations,
    ).toBeUndefined();
    expect(snapshot.byRef.get('group:default/sre')?.relations).toHaveLength(1);
    const reads = getEntities.mock.calls.map(([request]) => ({
      kinds: [request?.filter].flat().map(f => (f as { kind: string }).kind),
      relations: request?.fields?.includes('relations'),
    }));
    expect(reads).toEqual([
      {
        kinds: ['Component', 'System', 'Domain', 'Resource', 'API', 'User'],
        relations: false,
      },
      { kinds: ['Group'], relations: true },
    ]);
  });
});
