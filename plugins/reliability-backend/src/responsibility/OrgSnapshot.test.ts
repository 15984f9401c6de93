import { Entity } from '@backstage/catalog-model';
import { buildOrgSnapshot } from './OrgSnapshot';

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
