import { evaluateObjective } from '@reliability-suite/plugin-reliability-common';
import { render } from '@testing-library/react';
import { BurnDownChart, BurnDownDatum } from './BurnDownChart';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// December as a Berlin calendar month.
const DEC1 = Date.UTC(2026, 10, 30, 23);

function tickLabels(container: HTMLElement, axis: 'x' | 'y'): string[] {
  return Array.from(
    container.querySelectorAll(`.recharts-${axis}Axis-tick-labels text`),
  ).map(t => t.textContent ?? '');
}

/** A month's 500 chart points, the budget going from 100 % to `end`. */
function month(end: number): BurnDownDatum[] {
  return Array.from({ length: 500 }, (_, i) => ({
    t: new Date(DEC1 + (i * 31 * DAY) / 499).toISOString(),
    remaining: 1 + ((end - 1) * i) / 499,
  }));
}

describe('BurnDownChart', () => {
  it('labels an overspent budget with round ticks, the minus sign and 0%', () => {
    const { container } = render(<BurnDownChart points={month(-1.23)} />);
    expect(tickLabels(container, 'y')).toEqual([
      '-150%',
      '-100%',
      '-50%',
      '0%',
      '50%',
      '100%',
    ]);
    // The plot starts right of an axis wide enough for "-150%": the old 48 px cut its
    // minus sign off.
    const grid = container.querySelector(
      '.recharts-cartesian-grid-horizontal line',
    );
    expect(Number(grid?.getAttribute('x1'))).toBeGreaterThan(48);
  });

  it('names each date of a calendar month once', () => {
    const { container } = render(<BurnDownChart points={month(0.5)} />);
    const labels = tickLabels(container, 'x');
    // A tick every few days, each date once (in a browser, the old category axis over 500
    // points put several ticks on a day: "Dec 1, Dec 1, Dec 2").
    expect(labels.length).toBeGreaterThanOrEqual(4);
    expect(labels.length).toBeLessThanOrEqual(8);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("does not plunge at a month's start when one early minute is bad", () => {
    // Dec 3, 12:00: one bad event in the month's first minute of 300 events, then clean
    // traffic; a 99.95 % Occurrences objective.
    const at = DEC1 + 2 * DAY + 13 * 60 * MINUTE;
    const buckets = [];
    for (let t = DEC1; t < at; t += MINUTE) {
      buckets.push({
        start: t,
        durationMs: MINUTE,
        good: t === DEC1 ? 299 : 300,
        total: 300,
      });
    }
    const e = evaluateObjective({
      objective: { name: 'authorised', target: 0.9995 },
      budgetingMethod: 'Occurrences',
      window: {
        kind: 'calendar',
        unit: 'Month',
        count: 1,
        startTime: '2026-01-01T00:00:00',
        timeZone: 'Europe/Berlin',
      },
      buckets,
      at,
    });
    const points = e.burnDown.map(p => ({
      t: new Date(p.t).toISOString(),
      remaining: p.remaining,
    }));
    const { container, getByText } = render(
      <BurnDownChart points={points} unit="events" />,
    );
    // Against the first minute's 0.15 allowed bad events, that event read as -567 %;
    // against the budget so far it is under 1 % of it.
    expect(Math.min(...e.burnDown.map(p => p.remaining))).toBeGreaterThan(0.99);
    expect(tickLabels(container, 'y')[0]).toBe('0%');
    expect(getByText(/the line only goes down/)).toBeInTheDocument();
  });
});
