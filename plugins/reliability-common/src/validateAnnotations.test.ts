import { Entity } from '@backstage/catalog-model';
import { validateReliabilityAnnotations } from './validateAnnotations';

function entity(kind: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
  };
}

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
});
