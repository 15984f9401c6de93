import { thrownBy } from './__testUtils__/buckets';
import { allowedErrorRate } from './errorRate';
import { BudgetInputError } from './errors';

describe('allowedErrorRate', () => {
  it('is 1 - target as the decimal written, free of binary noise', () => {
    expect(1 - 0.999).not.toBe(0.001);
    expect(allowedErrorRate(0.999)).toBe(0.001);
    expect(allowedErrorRate(0.9999)).toBe(0.0001);
    expect(allowedErrorRate(0.95)).toBe(0.05);
    expect(allowedErrorRate(0.99999)).toBe(0.00001);
    expect(allowedErrorRate(0.5)).toBe(0.5);
  });

  it.each([0, 1, -0.5, 99.9, NaN, 1 - 1e-17])(
    'rejects target %p, naming objective.target',
    target => {
      const error = thrownBy(() => allowedErrorRate(target));
      expect(error).toBeInstanceOf(BudgetInputError);
      expect((error as BudgetInputError).field).toBe('objective.target');
    },
  );

  it('hints at fractions when given a percentage', () => {
    expect(() => allowedErrorRate(99.9)).toThrow(/0\.999, not 99\.9/);
  });
});
