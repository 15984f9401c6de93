import { Entity } from '@backstage/catalog-model';
import { auditFindings, ServiceSlos } from './findings';
import { buildOrgSnapshot } from './OrgSnapshot';
import { DEFAULT_LOAD_SETTINGS, sreLoads } from './sreLoad';

const component = (
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
  links: Entity['metadata']['links'] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations, links },
  spec: { type: 'service', lifecycle: 'production', ...spec },
});
const group = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'team', children: [] },
});
const user = (name: string, memberOf: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf },
});

const RUNBOOK = [{ url: 'https://runbooks.example.com/x', type: 'runbook' }];
const ONCALL = {
  'reliability-suite.dev/oncall': 'https://oncall.example.com/x',
};

const base: Entity[] = [
  group('team-a'),
  group('team-empty'),
  group('sre', { 'reliability-suite.dev/capacity': '4' }),
  user('ann', ['team-a', 'sre']),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'shop',
      namespace: 'default',
      annotations: {
        'reliability-suite.dev/sre-team': 'sre',
        'reliability-suite.dev/engagement': 'supported',
      },
      links: RUNBOOK.map(l => ({ ...l, url: `${l.url}/shop` })),
    },
    spec: { owner: 'team-a' },
  },
];

/** The findings for these entities (plus the base org), as kind per entity. */
function audit(
  entities: Entity[],
  slos: Record<string, ServiceSlos> = {},
  approved: string[] = entities.map(
    e => `component:default/${e.metadata.name}`,
  ),
) {
  const snapshot = buildOrgSnapshot([...base, ...entities], 0);
  const findings = auditFindings(
    snapshot,
    new Map(Object.entries(slos)),
    sreLoads(snapshot, DEFAULT_LOAD_SETTINGS),
    new Set(approved),
  );
  return findings;
}
const kindsOf = (findings: ReturnType<typeof audit>, ref: string) =>
  findings.filter(f => f.entityRef === ref).map(f => f.kind);

const SLO_OK = { objectives: 1, noData: 0 };

describe('ownership audit', () => {
  it('finds nothing wrong with a well-kept service', () => {
    const findings = audit(
      [
        component(
          'good',
          { owner: 'team-a', system: 'shop' },
          { 'reliability-suite.dev/tier': '1', ...ONCALL },
          RUNBOOK,
        ),
      ],
      { 'component:default/good': SLO_OK },
    );
    expect(findings).toEqual([]);
  });

  it('no owner: an error with the fix', () => {
    const [f] = audit([component('orphan', {})]);
    expect(f).toMatchObject({
      entityRef: 'component:default/orphan',
      kind: 'no-owner',
      severity: 'error',
      fix: 'Set spec.owner to the group that runs it',
      ownerRef: null,
    });
  });

  it('owner not in the catalog', () => {
    const findings = audit([component('lost', { owner: 'team-gone' })]);
    expect(kindsOf(findings, 'component:default/lost')).toEqual([
      'owner-not-found',
    ]);
    expect(findings[0].message).toBe('Owner team-gone is not in the catalog');
  });

  it('owner group without members (a user owner is fine)', () => {
    const findings = audit([
      component('lonely', { owner: 'team-empty' }),
      component('personal', { owner: 'user:default/ann' }),
    ]);
    expect(kindsOf(findings, 'component:default/lonely')).toEqual([
      'owner-without-members',
    ]);
    expect(kindsOf(findings, 'component:default/personal')).toEqual([]);
  });

  it('counts a group member from the hasMember relation too', () => {
    const withRelation: Entity = {
      ...group('team-rel'),
      relations: [{ type: 'hasMember', targetRef: 'user:default/bob' }],
    };
    const findings = audit([
      withRelation,
      component('x', { owner: 'team-rel' }),
    ]);
    expect(kindsOf(findings, 'component:default/x')).toEqual([]);
  });

  it('SRE team that does not resolve, on the entity or inherited from its System', () => {
    const ghostSystem: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: 'haunted',
        namespace: 'default',
        annotations: { 'reliability-suite.dev/sre-team': 'sre-ghost' },
      },
      spec: { owner: 'team-a' },
    };
    const findings = audit([
      ghostSystem,
      component(
        'a',
        { owner: 'team-a' },
        { 'reliability-suite.dev/sre-team': 'group:default/nobody' },
      ),
      component(
        'u',
        { owner: 'team-a' },
        { 'reliability-suite.dev/sre-team': 'user:default/ann' },
      ),
      component('b', { owner: 'team-a', system: 'haunted' }),
    ]);
    expect(kindsOf(findings, 'component:default/a')).toEqual([
      'sre-team-not-found',
    ]);
    // A user is no SRE team, even though the reference resolves.
    expect(kindsOf(findings, 'component:default/u')).toEqual([
      'sre-team-not-found',
    ]);
    expect(kindsOf(findings, 'component:default/b')).toEqual([
      'sre-team-not-found',
    ]);
    expect(
      findings.find(f => f.entityRef === 'component:default/b')!.message,
    ).toBe(
      "SRE team 'sre-ghost' (set on system:default/haunted) is not a group in the catalog",
    );
    expect(kindsOf(findings, 'system:default/haunted')).toEqual([
      'sre-team-not-found',
    ]);
  });

  it('tier 1-2 without on-call, runbook or SLO; tier 3 needs none of them', () => {
    const findings = audit([
      component(
        'bare',
        { owner: 'team-a' },
        { 'reliability-suite.dev/tier': '2' },
      ),
      component(
        'relaxed',
        { owner: 'team-a' },
        { 'reliability-suite.dev/tier': '3' },
      ),
    ]);
    expect(kindsOf(findings, 'component:default/bare').sort()).toEqual([
      'tier-without-oncall',
      'tier-without-runbook',
      'tier-without-slo',
    ]);
    expect(kindsOf(findings, 'component:default/relaxed')).toEqual([]);
    // Errors first.
    expect(findings[0].kind).toBe('tier-without-oncall');
  });

  it('recognises PagerDuty and Opsgenie as on-call, and inherits runbooks from the System', () => {
    const findings = audit(
      [
        component(
          'pd',
          { owner: 'team-a', system: 'shop' },
          {
            'reliability-suite.dev/tier': '1',
            'pagerduty.com/service-id': 'P123',
          },
        ),
        component(
          'og',
          { owner: 'team-a', system: 'shop' },
          {
            'reliability-suite.dev/tier': '1',
            'opsgenie.com/component-selector': 'x',
          },
        ),
      ],
      { 'component:default/pd': SLO_OK, 'component:default/og': SLO_OK },
    );
    expect(findings.filter(f => f.kind.startsWith('tier-'))).toEqual([]);
  });

  it('SLO without data, whatever the tier', () => {
    const findings = audit([component('quiet', { owner: 'team-a' })], {
      'component:default/quiet': { objectives: 2, noData: 1 },
    });
    expect(kindsOf(findings, 'component:default/quiet')).toEqual([
      'slo-without-data',
    ]);
    expect(findings[0].message).toBe('1 of 2 SLO objectives have no data');
  });

  it('SRE team over capacity: a finding on the group, from the supported services’ tier weights', () => {
    // Capacity 4: two supported tier-2 services (2 + 2) fit, a third (tier 4: 0.5) does not.
    const supported = (name: string, tier: string) =>
      component(
        name,
        { owner: 'team-a', system: 'shop' },
        { 'reliability-suite.dev/tier': tier, ...ONCALL },
        RUNBOOK,
      );
    const slos = Object.fromEntries(
      ['s1', 's2', 's3'].map(n => [`component:default/${n}`, SLO_OK]),
    );
    const fits = audit([supported('s1', '2'), supported('s2', '2')], slos);
    expect(kindsOf(fits, 'group:default/sre')).toEqual([]);
    const over = audit(
      [supported('s1', '2'), supported('s2', '2'), supported('s3', '4')],
      slos,
    );
    const [finding] = over.filter(f => f.entityRef === 'group:default/sre');
    expect(finding).toMatchObject({
      kind: 'sre-team-over-capacity',
      severity: 'warning',
      message: 'SRE load 4.5 over its capacity 4 (3 supported services)',
    });
  });

  it('SRE-supported without an approved readiness review', () => {
    const supported = component(
      'fresh',
      { owner: 'team-a', system: 'shop' },
      { 'reliability-suite.dev/tier': '3' },
    );
    expect(
      kindsOf(audit([supported], {}, []), 'component:default/fresh'),
    ).toEqual(['supported-without-review']);
    expect(
      kindsOf(
        audit([supported], {}, ['component:default/fresh']),
        'component:default/fresh',
      ),
    ).toEqual([]);
    // Not supported (consulting): no review needed.
    const consulting = component(
      'adviced',
      { owner: 'team-a' },
      { 'reliability-suite.dev/engagement': 'consulting' },
    );
    expect(
      kindsOf(audit([consulting], {}, []), 'component:default/adviced'),
    ).toEqual([]);
  });

  it('carries owner, system, tier and engagement for filtering', () => {
    const [f] = audit(
      [
        component(
          't',
          { owner: 'team-a', system: 'shop' },
          { 'reliability-suite.dev/tier': '4' },
        ),
      ],
      {
        'component:default/t': { objectives: 1, noData: 1 },
      },
    );
    expect(f).toMatchObject({
      ownerRef: 'group:default/team-a',
      systemRef: 'system:default/shop',
      tier: 4,
      engagement: 'supported',
    });
  });
});

describe('SRE load', () => {
  it('weighs supported services by tier, ignores other engagements, lists every supported service', () => {
    const snapshot = buildOrgSnapshot(
      [
        ...base,
        component(
          'a',
          { owner: 'team-a', system: 'shop' },
          { 'reliability-suite.dev/tier': '1' },
        ),
        component(
          'b',
          { owner: 'team-a' },
          {
            'reliability-suite.dev/sre-team': 'sre',
            'reliability-suite.dev/engagement': 'consulting',
            'reliability-suite.dev/tier': '1',
          },
        ),
        component('c', { owner: 'team-a', system: 'shop' }),
      ],
      0,
    );
    const load = sreLoads(snapshot, DEFAULT_LOAD_SETTINGS).get(
      'group:default/sre',
    )!;
    // a: tier 1 = 4; b consulting = 0; c untiered = tier 4 = 0.5.
    expect(load).toMatchObject({ capacity: 4, load: 4.5, overCapacity: true });
    // Its supported services are those under a counted engagement; b names the team but
    // is consulting, so it is engaged, not supported.
    expect(load.services.sort()).toEqual([
      'component:default/a',
      'component:default/c',
    ]);
    expect(load.engaged).toEqual(['component:default/b']);
  });
  it('an SRE team over its operational time cap is over capacity, whatever its weight', () => {
    const snapshot = buildOrgSnapshot(
      [
        ...base,
        component(
          'a',
          { owner: 'team-a', system: 'shop' },
          { 'reliability-suite.dev/tier': '3', ...ONCALL },
          RUNBOOK,
        ),
      ],
      0,
    );
    const under = sreLoads(snapshot, DEFAULT_LOAD_SETTINGS).get(
      'group:default/sre',
    )!;
    expect(under).toMatchObject({
      load: 1,
      overCapacity: false,
      overTimeCap: false,
      timeCap: null,
    });
    const timeCap = { month: '2026-10', share: 0.62, cap: 0.5, overCap: true };
    const loads = sreLoads(
      snapshot,
      DEFAULT_LOAD_SETTINGS,
      new Map([['group:default/sre', timeCap]]),
    );
    expect(loads.get('group:default/sre')).toMatchObject({
      load: 1,
      overCapacity: true,
      overTimeCap: true,
      timeCap,
    });
    const [finding] = auditFindings(
      snapshot,
      new Map(),
      loads,
      new Set(['component:default/a']),
    ).filter(f => f.entityRef === 'group:default/sre');
    expect(finding).toMatchObject({
      kind: 'sre-team-over-capacity',
      message:
        'operational work took 62 % of its time in 2026-10, over its cap of 50 %',
    });
    expect(finding.fix).toMatch(/toil reduction/);
    // Under the cap: not over capacity.
    expect(
      sreLoads(
        snapshot,
        DEFAULT_LOAD_SETTINGS,
        new Map([
          ['group:default/sre', { ...timeCap, share: 0.3, overCap: false }],
        ]),
      ).get('group:default/sre')!.overCapacity,
    ).toBe(false);
  });
});
