import { fillMonths, monthsBack } from './months';

const NOW = Date.parse('2026-03-15T10:00:00Z');

describe('months', () => {
  it('goes back across a year boundary', () => {
    expect(new Date(monthsBack(NOW, 1)).toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(new Date(monthsBack(NOW, 6)).toISOString()).toBe(
      '2025-10-01T00:00:00.000Z',
    );
  });

  it('lists every month of the range, empty ones included', () => {
    const filled = fillMonths(
      [
        {
          month: '2026-01',
          incidents: 2,
          mttdMs: 1000,
          detectedCount: 2,
          mttrMs: 5000,
          resolvedCount: 1,
        },
      ],
      monthsBack(NOW, 4),
      NOW,
    );
    expect(filled.map(m => [m.month, m.incidents, m.mttrMs])).toEqual([
      ['2025-12', 0, null],
      ['2026-01', 2, 5000],
      ['2026-02', 0, null],
      ['2026-03', 0, null],
    ]);
  });
});
