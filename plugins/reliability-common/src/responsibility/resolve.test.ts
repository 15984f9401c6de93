import { Entity } from '@backstage/catalog-model';
import fc from 'fast-check';
import {
  ANNOTATION_ENGAGEMENT,
  ANNOTATION_ONCALL,
  ANNOTATION_SRE_TEAM,
  ANNOTATION_TIER,
} from '../annotations';
import {
  resolveResponsibility,
  resolveResponsibilityLink,
  ResolvedResponsibility,
  ResponsibilitySource,
  RESPONSIBILITY_LINK_TYPES,
  Sourced,
  toFullRef,
} from './resolve';

type Chain = Array<{ from: ResponsibilitySource; entity: Entity }>;

function entity(
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
  links: Array<{ url: string; type?: string; title?: string }> = [],
  spec: NonNullable<Entity['spec']> = {},
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace, annotations, links },
    spec,
  };
}

/**
 * The rule as documented, written the plain way: each value from the first entity of the
 * chain that has one, links by type taken whole from the first entity with any of that type.
 */
function byTheRule(chain: Chain): ResolvedResponsibility {
  const refOf = (e: Entity) =>
    `${e.kind}:${e.metadata.namespace ?? 'default'}/${
      e.metadata.name
    }`.toLowerCase();
  function first<T>(read: (e: Entity) => T | undefined): Sourced<T> | null {
    for (const { from, entity: e } of chain) {
      const value = read(e);
      if (value !== undefined) return { value, from, fromRef: refOf(e) };
    }
    return null;
  }
  const a = (e: Entity, name: string) =>
    e.metadata.annotations?.[name] || undefined;
  const links = {} as ResolvedResponsibility['links'];
  for (const type of RESPONSIBILITY_LINK_TYPES) {
    links[type] =
      first(e => {
        const found = (e.metadata.links ?? []).filter(
          l => (l.type ?? '').toLowerCase() === type,
        );
        return found.length
          ? found.map(l => ({ url: l.url, title: l.title }))
          : undefined;
      })?.value ?? [];
  }
  const self = chain[0].entity;
  return {
    ownerRef: toFullRef(
      self.spec?.owner,
      'group',
      self.metadata.namespace ?? 'default',
    ),
    sreTeamRef: first(
      e =>
        toFullRef(
          a(e, ANNOTATION_SRE_TEAM),
          'group',
          e.metadata.namespace ?? 'default',
        ) ?? undefined,
    ),
    engagement: first(e => {
      const v = a(e, ANNOTATION_ENGAGEMENT);
      return v === 'none' ||
        v === 'consulting' ||
        v === 'onboarding' ||
        v === 'supported'
        ? v
        : undefined;
    }),
    tier: first(e => {
      const v = a(e, ANNOTATION_TIER);
      return v && /^[1-4]$/.test(v) ? Number(v) : undefined;
    }),
    oncall: first(e => {
      const an = e.metadata.annotations ?? {};
      if (an[ANNOTATION_ONCALL] !== undefined) return an[ANNOTATION_ONCALL];
      if (an['pagerduty.com/service-id']) {
        return `pagerduty:${an['pagerduty.com/service-id']}`;
      }
      if (an['opsgenie.com/component-selector']) {
        return `opsgenie:${an['opsgenie.com/component-selector']}`;
      }
      return undefined;
    }),
    links,
  };
}

describe('resolveResponsibility', () => {
  const domain = entity(
    'Domain',
    'payments',
    {
      [ANNOTATION_SRE_TEAM]: 'sre-core',
      [ANNOTATION_ENGAGEMENT]: 'consulting',
      [ANNOTATION_TIER]: '3',
    },
    [
      { url: 'https://d/runbook', type: 'runbook' },
      { url: 'https://d/dash', type: 'dashboard' },
    ],
  );
  const system = entity(
    'System',
    'checkout',
    { [ANNOTATION_ENGAGEMENT]: 'supported', 'pagerduty.com/service-id': 'P1' },
    [{ url: 'https://s/runbook', type: 'Runbook', title: 'Checkout' }],
  );
  const service = entity('Component', 'Cart', { [ANNOTATION_TIER]: '1' }, [], {
    owner: 'team-a',
  });
  const chain: Chain = [
    { from: 'entity', entity: service },
    { from: 'system', entity: system },
    { from: 'domain', entity: domain },
  ];

  it('takes each value from the entity, else its System, else its Domain', () => {
    expect(resolveResponsibility(chain)).toEqual({
      ownerRef: 'group:default/team-a',
      sreTeamRef: {
        value: 'group:default/sre-core',
        from: 'domain',
        fromRef: 'domain:default/payments',
      },
      engagement: {
        value: 'supported',
        from: 'system',
        fromRef: 'system:default/checkout',
      },
      tier: { value: 1, from: 'entity', fromRef: 'component:default/cart' },
      oncall: {
        value: 'pagerduty:P1',
        from: 'system',
        fromRef: 'system:default/checkout',
      },
      links: {
        runbook: [{ url: 'https://s/runbook', title: 'Checkout' }],
        dashboard: [{ url: 'https://d/dash', title: undefined }],
        playbook: [],
      },
    });
  });

  it('takes the owner from the entity alone, and skips values that are not valid', () => {
    const bad = entity('Component', 'x', {
      [ANNOTATION_TIER]: '7',
      [ANNOTATION_ENGAGEMENT]: 'sometimes',
    });
    const resolved = resolveResponsibility([
      { from: 'entity', entity: bad },
      { from: 'system', entity: system },
      { from: 'domain', entity: domain },
    ]);
    expect(resolved.ownerRef).toBeNull();
    expect(resolved.tier).toEqual({
      value: 3,
      from: 'domain',
      fromRef: 'domain:default/payments',
    });
    expect(resolved.engagement?.from).toBe('system');
  });

  it('shares what entities inherit from one resolved System instead of copying it', () => {
    const rest = resolveResponsibility([
      { from: 'entity', entity: system },
      { from: 'domain', entity: domain },
    ]);
    const tail = resolveResponsibilityLink(
      { from: 'system', entity: system },
      resolveResponsibilityLink({ from: 'domain', entity: domain }, null),
    );
    const a = resolveResponsibilityLink(
      { from: 'entity', entity: entity('Component', 'a') },
      tail,
    );
    const b = resolveResponsibilityLink(
      { from: 'entity', entity: entity('Component', 'b') },
      tail,
    );
    expect(a.sreTeamRef).toBe(b.sreTeamRef);
    expect(a.links).toBe(b.links);
    // The System resolved as the head of its own chain says 'entity', not 'system'.
    expect(rest.engagement?.from).toBe('entity');
    expect(tail.engagement?.from).toBe('system');
  });

  it('resolves every chain as the documented rule does (random chains)', () => {
    const annotationValue = fc.option(
      fc.constantFrom(
        '',
        '1',
        '4',
        '9',
        'supported',
        'consulting',
        'onboarding',
        'none',
        'sre-a',
        'group:ops/sre-b',
        'https://oncall/x',
      ),
      { nil: undefined },
    );
    const arbEntity = fc
      .record({
        kind: fc.constantFrom('Component', 'System', 'Domain', 'API'),
        name: fc.constantFrom('a', 'B', 'c-1'),
        namespace: fc.constantFrom('default', 'Ops'),
        sre: annotationValue,
        engagement: annotationValue,
        tier: annotationValue,
        oncall: annotationValue,
        pagerduty: annotationValue,
        opsgenie: annotationValue,
        owner: fc.option(fc.constantFrom('team-a', 'user:bob', ''), {
          nil: undefined,
        }),
        links: fc.array(
          fc.record({
            url: fc.constantFrom('https://1', 'https://2'),
            type: fc.option(
              fc.constantFrom('runbook', 'Dashboard', 'playbook', 'docs'),
              { nil: undefined },
            ),
            title: fc.option(fc.constantFrom('T'), { nil: undefined }),
          }),
          { maxLength: 3 },
        ),
      })
      .map(r => {
        const annotations: Record<string, string> = {};
        const put = (k: string, v?: string) => {
          if (v !== undefined) annotations[k] = v;
        };
        put(ANNOTATION_SRE_TEAM, r.sre);
        put(ANNOTATION_ENGAGEMENT, r.engagement);
        put(ANNOTATION_TIER, r.tier);
        put(ANNOTATION_ONCALL, r.oncall);
        put('pagerduty.com/service-id', r.pagerduty);
        put('opsgenie.com/component-selector', r.opsgenie);
        return entity(
          r.kind,
          r.name,
          annotations,
          r.links.map(l => ({
            url: l.url,
            ...(l.type === undefined ? {} : { type: l.type }),
            ...(l.title === undefined ? {} : { title: l.title }),
          })),
          r.owner === undefined ? {} : { owner: r.owner },
          r.namespace,
        );
      });
    fc.assert(
      fc.property(fc.array(arbEntity, { minLength: 1, maxLength: 3 }), es => {
        const froms: ResponsibilitySource[] = ['entity', 'system', 'domain'];
        const c: Chain = es.map((e, i) => ({ from: froms[i], entity: e }));
        expect(resolveResponsibility(c)).toEqual(byTheRule(c));
      }),
      { numRuns: 500, seed: 12 },
    );
  });

  it('refuses an empty chain', () => {
    expect(() => resolveResponsibility([])).toThrow(/empty/);
  });
});

describe('toFullRef', () => {
  it('resolves a reference against its defaults, lower-cased', () => {
    expect(toFullRef('Team-A', 'group', 'default')).toBe(
      'group:default/team-a',
    );
    expect(toFullRef('user:Ops/Jo', 'group', 'default')).toBe('user:ops/jo');
    expect(toFullRef('payments', 'system', 'Shop')).toBe(
      'system:shop/payments',
    );
    expect(toFullRef('', 'group', 'default')).toBeNull();
    expect(toFullRef('  ', 'group', 'default')).toBeNull();
    expect(toFullRef('group:', 'group', 'default')).toBeNull();
    expect(toFullRef(42, 'group', 'default')).toBeNull();
  });

  it('applies the default kind and namespace it is given', () => {
    expect(toFullRef('team-b', 'group', 'one')).toBe('group:one/team-b');
    expect(toFullRef('team-b', 'group', 'two')).toBe('group:two/team-b');
    expect(toFullRef('team-b', 'system', 'one')).toBe('system:one/team-b');
  });

  it('gives the same answers when asked again, past the number of answers it keeps', () => {
    // Twice over more distinct values than it keeps (10,000), in two namespaces, with
    // values that are not references among them: every answer is the parse's.
    const expected = (i: number, ns: string) =>
      i % 7 === 0 ? null : `group:${ns}/team-${i}`;
    const asked = (i: number) => (i % 7 === 0 ? `Team-${i}:` : `Team-${i}`);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < 12_000; i++) {
        const ns = i % 2 === 0 ? 'default' : 'shop';
        expect(toFullRef(asked(i), 'group', ns)).toBe(expected(i, ns));
      }
    }
    expect(toFullRef('Team-1', 'system', 'shop')).toBe('system:shop/team-1');
  });
});
