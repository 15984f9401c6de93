import {
  percentAxisWidth,
  percentLabel,
  percentTicks,
  timeTicks,
} from './chartAxes';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('percentTicks', () => {
  it('are round, pass through 0 and end at 100 for an overspent budget', () => {
    expect(percentTicks(-123)).toEqual([-150, -100, -50, 0, 50, 100]);
    expect(percentTicks(-1234)).toEqual([
      -1250, -1000, -750, -500, -250, 0, 100,
    ]);
  });

  it('run from 0 to 100 while the budget lasts', () => {
    expect(percentTicks(40)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(percentTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(percentTicks(Number.NaN)).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('always hold 0, and the lowest value', () => {
    for (let min = -5000; min <= 100; min += 7) {
      const ticks = percentTicks(min);
      expect(ticks).toContain(0);
      expect(ticks[0]).toBeLessThanOrEqual(Math.min(0, min));
      expect(ticks[ticks.length - 1]).toBe(100);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });
});

describe('percent labels', () => {
  it('keep the minus sign and get the width they need', () => {
    expect(percentLabel(-150)).toBe('-150%');
    // The old fixed 48 px clipped "-123%" to "123%".
    expect(percentAxisWidth([-150, 0, 100])).toBeGreaterThan(
      percentAxisWidth([0, 100]),
    );
    expect(percentAxisWidth([-150, 0, 100])).toBeGreaterThanOrEqual(48 + 8);
  });
});

describe('timeTicks', () => {
  it('label each date of a calendar month once, at local midnights', () => {
    // December as a Berlin calendar month: from Dec 1 00:00 CET.
    const from = Date.UTC(2026, 10, 30, 23);
    const to = from + 31 * DAY;
    const ticks = timeTicks(from, to);
    const labels = ticks.map(t => t.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(8);
    for (const t of ticks) {
      const d = new Date(t.t);
      expect([d.getHours(), d.getMinutes()]).toEqual([0, 0]);
      expect(t.t).toBeGreaterThanOrEqual(from);
      expect(t.t).toBeLessThanOrEqual(to);
    }
  });

  it('label each date once early in a month too, with a tick a day', () => {
    const from = Date.UTC(2026, 11, 1);
    const ticks = timeTicks(from, from + 2 * DAY + 13 * HOUR);
    const labels = ticks.map(t => t.label);
    expect(labels).toHaveLength(new Set(labels).size);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
  });

  it('label hours for windows under two days', () => {
    const from = Date.UTC(2026, 11, 3, 9, 30);
    const ticks = timeTicks(from, from + 6 * HOUR);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(new Set(ticks.map(t => t.label)).size).toBe(ticks.length);
    for (const t of ticks) expect(new Date(t.t).getMinutes()).toBe(0);
  });

  it('are empty for an empty span', () => {
    expect(timeTicks(5, 5)).toEqual([]);
  });
});
