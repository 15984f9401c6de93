import { Entity } from '@backstage/catalog-model';
import { mergeResponsibilityMatrix } from '@reliability-suite/plugin-reliability-common';
import { buildOrgSnapshot, OrgSnapshot } from './OrgSnapshot';
import { ResponsibilityService } from './ResponsibilityService';
import { DEFAULT_LOAD_SETTINGS } from './sreLoad';

const service = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'reliability-suite.dev/sre-team': 'group:default/sre-core',
      'reliability-suite.dev/engagement': 'supported',
      'reliability-suite.dev/tier': '1',
    },
  },
  spec: { type: 'service', owner: 'group:default/team-a' },
});
const sreCore: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'sre-core',
    namespace: 'default',
    annotations: { 'reliability-suite.dev/capacity': '6' },
  },
  spec: { type: 'team', children: [] },
};

function setUp(entities: Entity[] = [sreCore, service('a'), service('b')]) {
  let snapshot: OrgSnapshot = buildOrgSnapshot(entities, 1);
  const timeCaps = jest.fn(async (_visible?: ReadonlySet<string>) => new Map());
  const responsibility = new ResponsibilityService({
    snapshots: { get: async () => snapshot } as any,
    statuses: { serviceSummaries: async () => new Map() } as any,
    policies: {
      getStatuses: async () => [],
      activeFreezes: async () => [],
    } as any,
    matrix: mergeResponsibilityMatrix(undefined, 'matrix').matrix,
    load: DEFAULT_LOAD_SETTINGS,
    timeBudget: { timeCaps },
  });
  return {
    responsibility,
    timeCaps,
    newSnapshot: () => {
      snapshot = buildOrgSnapshot(entities, 2);
    },
  };
}

const sreCoreOf = async (
  responsibility: ResponsibilityService,
  visible?: ReadonlySet<string>,
) =>
  (await responsibility.sreTeams(visible)).items.find(
    t => t.groupRef === 'group:default/sre-core',
  );

describe("ResponsibilityService: a restricted caller's SRE loads", () => {
  it('counts the visible services only, with time caps over the visible set', async () => {
    const { responsibility, timeCaps } = setUp();
    expect(await sreCoreOf(responsibility)).toMatchObject({
      load: 8,
      services: 2,
    });
    const visible = new Set(['group:default/sre-core', 'component:default/a']);
    expect(await sreCoreOf(responsibility, visible)).toMatchObject({
      load: 4,
      services: 1,
    });
    expect(timeCaps).toHaveBeenLastCalledWith(visible);
  });

  it('computes them once per visible set and snapshot', async () => {
    const { responsibility, timeCaps, newSnapshot } = setUp();
    const visible = new Set(['group:default/sre-core', 'component:default/a']);
    await sreCoreOf(responsibility, visible);
    await responsibility.team('group:default/sre-core', visible);
    expect(timeCaps.mock.calls.filter(([v]) => v === visible)).toHaveLength(1);
    // Another set (the caller's, read again after its TTL), or a new snapshot: again.
    await sreCoreOf(responsibility, new Set(visible));
    newSnapshot();
    await sreCoreOf(responsibility, visible);
    expect(timeCaps.mock.calls.filter(([v]) => v !== undefined)).toHaveLength(
      3,
    );
  });
});

describe('ResponsibilityService: the audit summary', () => {
  it('says which owning teams the catalog does not hold, as the owner-not-found finding does', async () => {
    const teamA: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-a', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };
    const missing = {
      ...service('c'),
      spec: { type: 'service', owner: 'group:default/team-gone' },
    };
    const { responsibility } = setUp([sreCore, teamA, service('a'), missing]);
    const { teams } = await responsibility.summary();
    const byOwner = new Map(teams.map(t => [t.ownerRef, t.ownerInCatalog]));
    expect(byOwner.get('group:default/team-a')).toBe(true);
    expect(byOwner.get('group:default/team-gone')).toBe(false);
    // The entity's own answer says the same.
    expect(
      await responsibility.entityResponsibility('component:default/c'),
    ).toMatchObject({ ownerInCatalog: false, sreTeamInCatalog: true });
    expect(
      await responsibility.entityResponsibility('component:default/a'),
    ).toMatchObject({ ownerInCatalog: true, sreTeamInCatalog: true });
    const { items } = await responsibility.findings({});
    expect(
      items.filter(f => f.kind === 'owner-not-found').map(f => f.ownerRef),
    ).toEqual(['group:default/team-gone']);
  });
});
