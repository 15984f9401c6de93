import {
  DAY,
  HOUR,
  MINUTE,
  bucketsBetween,
  utc,
} from './__testUtils__/buckets';
import { pageEpisodes } from './alertEpisodes';
import type { SloWindow } from './types';

const ROLLING_28D: SloWindow = { kind: 'rolling', durationMs: 28 * DAY };
const AT = utc('2026-11-27T12:00:00Z');
const def = {
  objective: { name: 'availability', target: 0.999 },
  budgetingMethod: 'Occurrences' as const,
  window: ROLLING_28D,
  at: AT,
};

const withOutage = (from: number, to: number, errorRate: number) =>
  bucketsBetween(AT - 7 * DAY, AT, t =>
    t >= from && t < to
      ? { good: 1000 * (1 - errorRate), total: 1000 }
      : { good: 1000, total: 1000 },
  );

describe('pageEpisodes', () => {
  it('finds none in a healthy window', () => {
    expect(pageEpisodes({ ...def, buckets: withOutage(0, 0, 0) })).toEqual([]);
  });

  it('finds a past outage: from the long window before it fired to when it stopped firing', () => {
    const from = AT - 3 * DAY;
    const episodes = pageEpisodes({
      ...def,
      buckets: withOutage(from, from + 2 * HOUR, 0.1),
    });
    expect(episodes).toHaveLength(1);
    const [e] = episodes;
    // 100× burn: the 1h tier (14.4×) fires once 10 bad minutes are in its hour
    // (5 minutes make 8.3×).
    expect(e.firedAt).toBe(from + 10 * MINUTE);
    expect(e.start).toBe(from + 10 * MINUTE - HOUR);
    expect(e.peakBurnRate).toBeCloseTo(100, 6);
    // The 6h tier keeps firing after the 1h tier stops: its short window (30m) clears
    // 30 minutes after the outage.
    expect(e.end).toBe(from + 2 * HOUR + 30 * MINUTE);
  });

  it('leaves an episode still firing at the evaluation time open', () => {
    const episodes = pageEpisodes({
      ...def,
      buckets: withOutage(AT - 40 * MINUTE, AT, 0.05),
    });
    expect(episodes).toHaveLength(1);
    expect(episodes[0].end).toBeNull();
  });

  it('does not page on a slow burn (ticket tier only)', () => {
    // 4× burn for a day: above the ticket tiers (3×, 1×), below the page tiers.
    expect(
      pageEpisodes({
        ...def,
        buckets: withOutage(AT - 2 * DAY, AT - DAY, 0.004),
      }),
    ).toEqual([]);
  });

  it('separates two outages', () => {
    const buckets = bucketsBetween(AT - 7 * DAY, AT, t =>
      (t >= AT - 5 * DAY && t < AT - 5 * DAY + HOUR) ||
      (t >= AT - 2 * DAY && t < AT - 2 * DAY + HOUR)
        ? { good: 800, total: 1000 }
        : { good: 1000, total: 1000 },
    );
    expect(pageEpisodes({ ...def, buckets }).map(e => e.firedAt)).toEqual([
      AT - 5 * DAY + 5 * MINUTE,
      AT - 2 * DAY + 5 * MINUTE,
    ]);
  });

  it('follows an outage through hourly roll-ups without stopping between buckets', () => {
    // Old data rolled up into hours: a 2-hour outage at 10% errors, 300 requests a minute.
    const from = AT - 5 * DAY;
    const buckets = bucketsBetween(
      AT - 7 * DAY,
      AT - 2 * DAY,
      t =>
        t >= from && t < from + 2 * HOUR
          ? { good: 60 * 300 * 0.9, total: 60 * 300 }
          : { good: 60 * 300, total: 60 * 300 },
      HOUR,
    );
    const episodes = pageEpisodes({ ...def, buckets });
    expect(episodes).toHaveLength(1);
    expect(episodes[0].firedAt).toBe(from + 5 * MINUTE);
    expect(episodes[0].start).toBe(from + 5 * MINUTE - HOUR);
    expect(episodes[0].end!).toBeGreaterThanOrEqual(from + 2 * HOUR);
  });
});
