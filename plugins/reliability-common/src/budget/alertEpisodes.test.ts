import {
  DAY,
  HOUR,
  MINUTE,
  bucketsBetween,
  utc,
} from './__testUtils__/buckets';
import { alertEpisodes, pageEpisodes } from './alertEpisodes';
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

describe('alertEpisodes', () => {
  it('finds a slow burn as a ticket episode, not a page', () => {
    // 4× burn for a day: above the ticket tiers (3× over 1d, 1× over 3d), below the pages.
    const buckets = withOutage(AT - 3 * DAY, AT - 2 * DAY, 0.004);
    expect(alertEpisodes({ ...def, buckets, severity: 'page' })).toEqual([]);
    const tickets = alertEpisodes({ ...def, buckets, severity: 'ticket' });
    expect(tickets).toHaveLength(1);
    const [e] = tickets;
    // It fires during the slow burn, and its start is a long window (1d or 3d) before.
    expect(e.firedAt).toBeGreaterThan(AT - 3 * DAY);
    expect(e.firedAt).toBeLessThan(AT - 2 * DAY);
    expect([e.firedAt - DAY, e.firedAt - 3 * DAY]).toContain(e.start);
    expect(e.end).not.toBeNull();
    expect(e.end!).toBeGreaterThan(AT - 2 * DAY);
    expect(e.peakBurnRate).toBeGreaterThan(1);
  });

  it('judges each step by the target then in force', () => {
    // 2% errors for an hour: 20× a 99.9% budget rate (a page), 4× a 99.5% one (no page).
    const buckets = withOutage(AT - 4 * DAY, AT - 4 * DAY + HOUR, 0.02);
    const loosened = {
      ...def,
      objective: { name: 'availability', target: 0.995 },
    };
    expect(alertEpisodes({ ...loosened, buckets, severity: 'page' })).toEqual(
      [],
    );
    // 99.9% until two days ago: the outage was a page then, and still is in the replay.
    const replayed = alertEpisodes({
      ...loosened,
      buckets,
      severity: 'page',
      earlier: [{ until: AT - 2 * DAY, target: 0.999 }],
    });
    expect(replayed).toEqual(
      alertEpisodes({ ...def, buckets, severity: 'page' }),
    );
    expect(replayed).toHaveLength(1);
  });

  it('is what pageEpisodes answers for the page severity', () => {
    const buckets = withOutage(AT - 2 * DAY, AT - 2 * DAY + HOUR, 0.1);
    expect(pageEpisodes({ ...def, buckets })).toEqual(
      alertEpisodes({ ...def, buckets, severity: 'page' }),
    );
    expect(pageEpisodes({ ...def, buckets })).toHaveLength(1);
  });

  it('replays only from `from`, finding the same episodes after it as a whole replay', () => {
    const buckets = bucketsBetween(AT - 7 * DAY, AT, t =>
      (t >= AT - 5 * DAY && t < AT - 5 * DAY + HOUR) ||
      (t >= AT - 2 * DAY && t < AT - 2 * DAY + HOUR)
        ? { good: 800, total: 1000 }
        : { good: 1000, total: 1000 },
    );
    const whole = alertEpisodes({ ...def, buckets, severity: 'page' });
    expect(whole).toHaveLength(2);
    const partial = alertEpisodes({
      ...def,
      buckets: buckets.filter(b => b.start >= AT - 4 * DAY - 3 * DAY),
      severity: 'page',
      from: AT - 4 * DAY,
    });
    expect(partial).toEqual([whole[1]]);
  });

  it('replaying from where an open episode fired finds it again with the same start', () => {
    const buckets = withOutage(AT - 40 * MINUTE, AT, 0.05);
    const [first] = alertEpisodes({ ...def, buckets, severity: 'page' });
    expect(first.end).toBeNull();
    const again = alertEpisodes({
      ...def,
      buckets,
      severity: 'page',
      from: first.firedAt,
    });
    expect(again).toEqual([first]);
  });

  it('finds nothing when `from` is after the evaluation time', () => {
    const buckets = withOutage(AT - 40 * MINUTE, AT, 0.05);
    expect(
      alertEpisodes({ ...def, buckets, severity: 'page', from: AT + 1 }),
    ).toEqual([]);
  });

  it('rejects a step that is not a positive duration, naming it', () => {
    expect(() =>
      alertEpisodes({ ...def, buckets: [], severity: 'page', stepMs: 0 }),
    ).toThrow(/stepMs/);
  });
});
