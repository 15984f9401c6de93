/**
 * Axis ticks of the burn-down, chosen here rather than by the chart library, which picks
 * them by pixel spacing: uneven percentages (-123 %, -67 %, …) and, on a time grid of
 * 500 points, several ticks a day that all read "Dec 1".
 */

const PERCENT_STEPS = [10, 20, 25, 50];
const MAX_PERCENT_TICKS = 7;

/**
 * Round percentage ticks from below `min` (or 0) up to 100, always through 0: steps of
 * 10, 20, 25, 50, 100, 200, 250, 500, … so that at most 7 ticks are needed.
 */
export function percentTicks(min: number): number[] {
  const low = Math.min(0, Number.isFinite(min) ? min : 0);
  for (let scale = 1; ; scale *= 10) {
    for (const base of PERCENT_STEPS) {
      const step = base * scale;
      const from = Math.floor(low / step) * step;
      // 100 must be a tick too: only steps that divide it (and any step above 100,
      // from 0 up) qualify.
      if (100 % step !== 0 && step < 100) continue;
      const ticks: number[] = [];
      for (let v = from; v < 100; v += step) ticks.push(v);
      ticks.push(100);
      if (ticks.length <= MAX_PERCENT_TICKS) return ticks;
    }
  }
}

/** "-150%": a tick label, the minus sign kept. */
export const percentLabel = (v: number) => `${v}%`;

/** Pixels the y-axis needs for its longest label, so "-150%" is not clipped to "150%". */
export function percentAxisWidth(ticks: number[]): number {
  const longest = Math.max(...ticks.map(t => percentLabel(t).length));
  // About 7 px a character at the axis's 12 px font, plus the tick mark and a margin.
  return 8 * longest + 16;
}

const HOUR = 3_600_000;
const DAY_STEPS = [1, 2, 3, 4, 7, 14, 28, 56, 91];
const HOUR_STEPS = [1, 2, 3, 6, 12];
const MAX_TIME_TICKS = 8;

/** One tick and its label. */
export interface TimeTick {
  t: number;
  label: string;
}

/**
 * Ticks at local midnights (every 1, 2, 3, 4, 7, 14… days, at most 8) labelled with their
 * date, each date once; for spans under two days, ticks on local hours labelled with the
 * time. Local: the viewer's zone, as every time on the card.
 */
export function timeTicks(from: number, to: number): TimeTick[] {
  if (!(to > from)) return [];
  const span = to - from;
  if (span >= 2 * 24 * HOUR) {
    const days = span / (24 * HOUR);
    const step =
      DAY_STEPS.find(s => days / s <= MAX_TIME_TICKS) ??
      Math.ceil(days / MAX_TIME_TICKS);
    const ticks: TimeTick[] = [];
    const d = new Date(from);
    // The first local midnight at or after `from`; setDate keeps midnights across DST.
    if (
      d.getHours() ||
      d.getMinutes() ||
      d.getSeconds() ||
      d.getMilliseconds()
    ) {
      d.setHours(24, 0, 0, 0);
    }
    for (; d.getTime() <= to; d.setDate(d.getDate() + step)) {
      ticks.push({
        t: d.getTime(),
        label: d.toLocaleDateString(undefined, {
          month: 'short',
          day: 'numeric',
        }),
      });
    }
    return ticks;
  }
  const hours = span / HOUR;
  const step = HOUR_STEPS.find(s => hours / s <= MAX_TIME_TICKS) ?? 24;
  const ticks: TimeTick[] = [];
  const d = new Date(from);
  if (d.getMinutes() || d.getSeconds() || d.getMilliseconds()) {
    d.setHours(d.getHours() + 1, 0, 0, 0);
  }
  // Align to the step so ticks read 00:00, 06:00, 12:00 rather than 01:00, 07:00.
  while (d.getHours() % step !== 0) d.setHours(d.getHours() + 1, 0, 0, 0);
  for (; d.getTime() <= to; d.setHours(d.getHours() + step, 0, 0, 0)) {
    ticks.push({
      t: d.getTime(),
      label: d.toLocaleTimeString(undefined, {
        hour: '2-digit',
        minute: '2-digit',
      }),
    });
  }
  return ticks;
}
