import {
  formatBudgetLeft,
  formatBurnRate,
  formatCount,
  formatDuration,
  formatShare,
} from './format';

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

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [0, '0 s'],
    [7 * 60_000, '7 min'],
    [90 * 60_000, '1 h 30 min'],
    [24.64 * 3_600_000, '1 d 1 h'],
  ])('%p → %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatShare and formatCount', () => {
  it('round to what a reader needs and say when there is nothing', () => {
    expect(formatShare(0.0456)).toBe('4.6%');
    expect(formatShare(0.62, 0)).toBe('62%');
    expect(formatShare(undefined, 1, 'no data')).toBe('no data');
    expect(formatCount(1234567)).toBe((1234567).toLocaleString());
  });
});
