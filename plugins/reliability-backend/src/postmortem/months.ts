import { MonthlyFigures } from '@reliability-suite/plugin-reliability-common';

/** The start (UTC) of the month `count - 1` months before the month of `now`. */
export function monthsBack(now: number, count: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (count - 1), 1);
}

/**
 * Every month from the month of `from` to the month of `now`, oldest first, with the
 * figures where there are some and an empty month otherwise — a chart with gaps closed
 * up would draw a quiet quarter as if it never happened.
 */
export function fillMonths(
  figures: MonthlyFigures[],
  from: number,
  now: number,
): MonthlyFigures[] {
  const byMonth = new Map(figures.map(f => [f.month, f]));
  const out: MonthlyFigures[] = [];
  const d = new Date(from);
  for (
    let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    t <= now;
    t = Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth() + 1, 1)
  ) {
    const month = new Date(t).toISOString().slice(0, 7);
    out.push(
      byMonth.get(month) ?? {
        month,
        incidents: 0,
        mttdMs: null,
        detectedCount: 0,
        mttrMs: null,
        resolvedCount: 0,
      },
    );
  }
  return out;
}
