import type { OpenSloSlo } from '../openslo/types';
import { slothId, slothIdsOf, slothSloName } from './contract';

function slo(objectives: OpenSloSlo['spec']['objectives']): OpenSloSlo {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'checkout-availability' },
    spec: {
      service: 'checkout',
      timeWindow: [{ duration: '28d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives,
    },
  };
}

describe('slothId', () => {
  it('is <service>-<slo> as Sloth builds it, with the objective when given', () => {
    expect(slothId('checkout', 'availability')).toBe('checkout-availability');
    expect(slothId('checkout', 'availability', 'fast')).toBe(
      'checkout-availability-fast',
    );
    expect(slothSloName('availability', 'fast')).toBe('availability-fast');
  });

  it('appends the objective name only when the SLO has several objectives', () => {
    expect(slothIdsOf(slo([{ target: 0.99, displayName: 'main' }]))).toEqual([
      'checkout-checkout-availability',
    ]);
    expect(
      slothIdsOf(slo([{ target: 0.99, displayName: 'main' }, { target: 0.9 }])),
    ).toEqual([
      'checkout-checkout-availability-main',
      'checkout-checkout-availability-objective-2',
    ]);
  });
});
