import { describeBudgetLeft, formatBudgetLeft, formatBurnRate } from './format';

describe('formatBudgetLeft', () => {
  it('says the share left, and past exhaustion the spend as a multiple, never a negative share', () => {
    expect(formatBudgetLeft(0.836)).toBe('83.6% left');
    expect(formatBudgetLeft(0)).toBe('0% left');
    // -330.7 % left: 4.307 budgets spent.
    expect(formatBudgetLeft(-3.307)).toBe('4.31× over budget');
    expect(formatBudgetLeft(-0.05)).toBe('1.05× over budget');
    expect(formatBudgetLeft(null)).toBe('—');
  });
});

describe('formatBurnRate', () => {
  it.each([
    [24, '24×'],
    [13.44, '13.4×'],
    [0.933, '0.93×'],
    [0, '0×'],
    [0.001, '<0.01×'],
    [null, '—'],
  ])('%p → %p', (rate, text) => {
    expect(formatBurnRate(rate)).toBe(text);
  });
});

describe('describeBudgetLeft', () => {
  it('reads as a sentence away from a chart, never as a negative share', () => {
    expect(describeBudgetLeft(0.836)).toBe('83.6% of the error budget left');
    expect(describeBudgetLeft(-2.887)).toBe('3.89× over budget');
  });
});
