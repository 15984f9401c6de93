import { Entity } from '@backstage/catalog-model';
import {
  isValidOncallValue,
  parseSreTeamRef,
  validateReliabilityAnnotations,
} from './validateAnnotations';

function entity(
  kind: string,
  annotations: Record<string, string>,
  namespace?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations, ...(namespace ? { namespace } : {}) },
  };
}

const SRE_TEAM = 'reliability-suite.dev/sre-team';
const ONCALL = 'reliability-suite.dev/oncall';

describe('validateReliabilityAnnotations', () => {
  it('accepts every valid value', () => {
    for (const engagement of [
      'none',
      'consulting',
      'onboarding',
      'supported',
    ]) {
      for (const tier of ['1', '2', '3', '4']) {
        expect(
          validateReliabilityAnnotations(
            entity('Component', {
              'reliability-suite.dev/engagement': engagement,
              'reliability-suite.dev/tier': tier,
            }),
          ),
        ).toEqual([]);
      }
    }
    expect(
      validateReliabilityAnnotations(
        entity('Group', { 'reliability-suite.dev/capacity': '4.5' }),
      ),
    ).toEqual([]);
  });

  it('names the field and the reason for each bad value', () => {
    expect(
      validateReliabilityAnnotations(
        entity('Component', {
          'reliability-suite.dev/engagement': 'full',
          'reliability-suite.dev/tier': '0',
          'reliability-suite.dev/capacity': '3',
        }),
      ),
    ).toEqual([
      `metadata.annotations["reliability-suite.dev/engagement"]: must be one of none, consulting, onboarding, supported; got 'full'`,
      `metadata.annotations["reliability-suite.dev/tier"]: must be 1, 2, 3 or 4 (1 most critical); got '0'`,
      `metadata.annotations["reliability-suite.dev/capacity"]: only SRE Groups declare a capacity; found on a Component`,
    ]);
  });

  it('takes a headcount on a group, and names a bad one or one off a group', () => {
    expect(
      validateReliabilityAnnotations(
        entity('Group', { 'reliability-suite.dev/headcount': '6' }),
      ),
    ).toEqual([]);
    expect(
      validateReliabilityAnnotations(
        entity('Group', { 'reliability-suite.dev/headcount': '2.5' }),
      ),
    ).toEqual([
      `metadata.annotations["reliability-suite.dev/headcount"]: must be a whole number of engineers, 1 or more; got '2.5'`,
    ]);
    expect(
      validateReliabilityAnnotations(
        entity('Component', { 'reliability-suite.dev/headcount': '3' }),
      ),
    ).toEqual([
      `metadata.annotations["reliability-suite.dev/headcount"]: only SRE Groups declare a headcount; found on a Component`,
    ]);
  });

  it.each(['0', '-2', 'lots', '1e3', ''])(
    'rejects capacity %p on a group',
    capacity => {
      expect(
        validateReliabilityAnnotations(
          entity('Group', { 'reliability-suite.dev/capacity': capacity }),
        ),
      ).toEqual([
        `metadata.annotations["reliability-suite.dev/capacity"]: must be a positive number; got '${capacity}'`,
      ]);
    },
  );

  it.each([
    'sre-core',
    'default/sre-core',
    'group:default/sre-core',
    'Group:Default/SRE-Core',
    'group:sre-core',
    'other/sre-core',
  ])('accepts the SRE team %p', value => {
    expect(
      validateReliabilityAnnotations(entity('System', { [SRE_TEAM]: value })),
    ).toEqual([]);
  });

  it.each([
    'x:y:z',
    'user:default/alice',
    'component:checkout-api',
    'group:',
    '',
    'a/b/c',
    'sre core',
  ])('rejects the SRE team %p with the field path', value => {
    expect(
      validateReliabilityAnnotations(
        entity('Component', { [SRE_TEAM]: value }),
      ),
    ).toEqual([
      `metadata.annotations["reliability-suite.dev/sre-team"]: must be a Group reference like group:default/sre-core; got '${value}'`,
    ]);
  });

  it("reads the SRE team's kind and namespace with the defaults", () => {
    expect(parseSreTeamRef('sre-core', 'shop')).toEqual({
      kind: 'group',
      namespace: 'shop',
      name: 'sre-core',
    });
    expect(parseSreTeamRef('default/sre-core', 'shop')).toEqual({
      kind: 'group',
      namespace: 'default',
      name: 'sre-core',
    });
    expect(parseSreTeamRef('Group:ops/sre', 'shop')).toEqual({
      kind: 'Group',
      namespace: 'ops',
      name: 'sre',
    });
    expect(parseSreTeamRef('user:alice', 'shop')).toBeUndefined();
  });

  it.each([
    'https://oncall.example.com/schedules/checkout',
    'http://pager.internal:8080/rotations/7?tz=UTC',
    'HTTPS://ONCALL.EXAMPLE.COM/x',
    'group:default/sre-core',
    'resource:ops/checkout-rotation',
    'group:sre-core',
  ])('accepts the on-call value %p', value => {
    expect(isValidOncallValue(value)).toBe(true);
    expect(
      validateReliabilityAnnotations(entity('Component', { [ONCALL]: value })),
    ).toEqual([]);
  });

  it.each([
    'checkout-rotation',
    'https://',
    'http:/oncall',
    'ftp://oncall.example.com/x',
    'mailto:oncall@example.com',
    'x:y:z',
    'call Bob',
    '',
  ])('rejects the on-call value %p with the field path', value => {
    expect(isValidOncallValue(value)).toBe(false);
    expect(
      validateReliabilityAnnotations(entity('Component', { [ONCALL]: value })),
    ).toEqual([
      `metadata.annotations["reliability-suite.dev/oncall"]: must be an http(s) URL or an entity reference kind:[namespace/]name, like https://oncall.example.com/schedules/checkout or group:default/sre-core; got '${value}'`,
    ]);
  });

  it('reports every bad annotation of an entity, in a stable order', () => {
    expect(
      validateReliabilityAnnotations(
        entity(
          'Component',
          {
            [SRE_TEAM]: 'x:y:z',
            'reliability-suite.dev/engagement': 'full',
            'reliability-suite.dev/tier': '5',
            [ONCALL]: 'Bob',
          },
          'shop',
        ),
      ).map(p => p.slice(0, p.indexOf(':'))),
    ).toEqual([
      `metadata.annotations["reliability-suite.dev/sre-team"]`,
      `metadata.annotations["reliability-suite.dev/engagement"]`,
      `metadata.annotations["reliability-suite.dev/tier"]`,
      `metadata.annotations["reliability-suite.dev/oncall"]`,
    ]);
  });
});
