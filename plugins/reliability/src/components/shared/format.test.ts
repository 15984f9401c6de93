import {
  formatBudgetLeft,
  formatBudgetLeftLabel,
  formatCount,
  formatDate,
  formatDuration,
  formatLocalTimeShort,
  formatShare,
} from './format';

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

describe('formatBudgetLeftLabel', () => {
  it('says an overspent budget in the words of the lists, never as a negative percentage', () => {
    // The Ledger's demo outage: 3.54 budgets spent.
    expect(formatBudgetLeftLabel(-2.54)).toBe('3.54× over budget');
    expect(formatBudgetLeftLabel(-2.54)).toBe(formatBudgetLeft(-2.54));
    expect(formatBudgetLeftLabel(0.873)).toBe('87.3% budget left');
    expect(formatBudgetLeftLabel(0)).toBe('0% budget left');
    expect(formatBudgetLeftLabel(null)).toBe('—');
  });
});

describe('local dates and times', () => {
  const at = '2026-12-04T12:40:00.000Z';
  it('read in the browser time zone, with the zone where a time of day is shown', () => {
    expect(formatDate(at)).toBe(
      new Date(at).toLocaleDateString(undefined, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
      }),
    );
    expect(formatLocalTimeShort(Date.parse(at))).toMatch(/Dec 4, .*\d{2}:40/);
    expect(formatLocalTimeShort(Date.parse(at))).not.toMatch(/2026/);
  });

  it('say "—" without a time and give back text that is no time', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatLocalTimeShort(undefined)).toBe('—');
    expect(formatDate('soon')).toBe('soon');
  });
});
