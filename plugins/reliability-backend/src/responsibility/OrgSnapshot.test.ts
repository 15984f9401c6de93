import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
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
