import {
  DAY,
  HOUR,
  MINUTE,
  bucketsBetween,
  utc,
} from './__testUtils__/buckets';
import {
  intervalSpend,
  largestShare,
  spendInPart,
  windowParts,
} from './intervalSpend';
import type { SloWindow } from './types';

const MONTH_BERLIN: SloWindow = {
  kind: 'calendar',
  unit: 'Month',
  count: 1,
  startTime: '2026-01-01T00:00:00',
  timeZone: 'UTC',
};
const ROLLING_28D: SloWindow = { kind: 'rolling', durationMs: 28 * DAY };
const availability = { objective: { name: 'availability', target: 0.999 } };

describe('windowParts', () => {
  it('keeps an interval inside one rolling window whole, charged to the window ending with it', () => {
    const from = utc('2026-11-10T10:00:00Z');
    const to = utc('2026-11-10T12:00:00Z');
    expect(windowParts(ROLLING_28D, from, to)).toEqual([
      { from, to, windowStart: to - 28 * DAY, windowEnd: to },
    ]);
  });

  it('splits an interval at a calendar period boundary', () => {
    const from = utc('2026-10-31T23:00:00Z');
    const to = utc('2026-11-01T01:00:00Z');
    expect(windowParts(MONTH_BERLIN, from, to)).toEqual([
      {
        from,
        to: utc('2026-11-01T00:00:00Z'),
        windowStart: utc('2026-10-01T00:00:00Z'),
        windowEnd: utc('2026-11-01T00:00:00Z'),
      },
      {
        from: utc('2026-11-01T00:00:00Z'),
        to,
        windowStart: utc('2026-11-01T00:00:00Z'),
        windowEnd: utc('2026-12-01T00:00:00Z'),
      },
    ]);
  });

  it('has no part for an empty or reversed interval', () => {
    expect(windowParts(ROLLING_28D, 10, 10)).toEqual([]);
    expect(windowParts(ROLLING_28D, 10, 5)).toEqual([]);
  });
});

describe('intervalSpend', () => {
  it('Occurrences: bad events of the interval over the budget sized by the traffic seen so far', () => {
    const incidentFrom = utc('2026-11-10T10:00:00Z');
    const incidentTo = incidentFrom + HOUR;
    // 1000 events a minute for a day before the end; 10% bad during the hour.
    const buckets = bucketsBetween(incidentTo - DAY, incidentTo + HOUR, t =>
      t >= incidentFrom && t < incidentTo
        ? { good: 900, total: 1000 }
        : { good: 1000, total: 1000 },
    );
    const [part] = intervalSpend(
      { ...availability, budgetingMethod: 'Occurrences', window: ROLLING_28D },
      incidentFrom,
      incidentTo,
      buckets,
    );
    // 60 × 100 bad; budget 0.001 × (1440 × 1000) events seen in the window up to the end.
    expect(part.spent).toBe(6000);
    expect(part.budget).toBeCloseTo(1440, 6);
    expect(part.share).toBeCloseTo(6000 / 1440, 6);
    expect(part.unit).toBe('events');
  });

  it('counts a bucket straddling the start whole, and ignores buckets outside', () => {
    const from = utc('2026-11-10T10:00:30Z');
    const buckets = bucketsBetween(
      from - 30_000 - 5 * MINUTE,
      from + 5 * MINUTE,
      () => ({
        good: 90,
        total: 100,
      }),
    );
    const [part] = intervalSpend(
      { ...availability, budgetingMethod: 'Occurrences', window: ROLLING_28D },
      from,
      from + 2 * MINUTE,
      buckets,
    );
    // The buckets at 10:00, 10:01 and 10:02 (which the interval ends inside).
    expect(part.spent).toBe(30);
  });

  it('Timeslices: bad slices × slice length over the whole window budget', () => {
    const from = utc('2026-11-10T10:00:00Z');
    const buckets = bucketsBetween(from - HOUR, from + 2 * HOUR, t =>
      t >= from && t < from + 30 * MINUTE
        ? { good: 0, total: 1 }
        : { good: 1, total: 1 },
    );
    const [part] = intervalSpend(
      {
        objective: {
          name: 'latency',
          target: 0.99,
          timeSliceTarget: 1,
          timeSliceWindowMs: 5 * MINUTE,
        },
        budgetingMethod: 'Timeslices',
        window: ROLLING_28D,
      },
      from,
      from + HOUR,
      buckets,
    );
    expect(part.spent).toBe(30 * MINUTE);
    expect(part.budget).toBeCloseTo(0.01 * 28 * DAY, 3);
    expect(part.share).toBeCloseTo((30 * MINUTE) / (0.01 * 28 * DAY), 9);
  });

  it('charges an incident across a calendar boundary to each period against its own budget', () => {
    const from = utc('2026-10-31T23:00:00Z');
    const to = utc('2026-11-01T01:00:00Z');
    // 1000 events a minute in both months; 10% bad during the incident.
    const buckets = bucketsBetween(utc('2026-10-30T00:00:00Z'), to + HOUR, t =>
      t >= from && t < to
        ? { good: 900, total: 1000 }
        : { good: 1000, total: 1000 },
    );
    const parts = intervalSpend(
      { ...availability, budgetingMethod: 'Occurrences', window: MONTH_BERLIN },
      from,
      to,
      buckets,
    );
    expect(parts).toHaveLength(2);
    // October: 6000 bad over 0.001 × 48h of traffic (the data starts on the 30th).
    expect(parts[0].spent).toBe(6000);
    expect(parts[0].share).toBeCloseTo(6000 / (0.001 * 48 * 60 * 1000), 6);
    // November: the hour is all the period has seen, so it is 100× its budget.
    expect(parts[1].spent).toBe(6000);
    expect(parts[1].share).toBeCloseTo(6000 / 60, 6);
    expect(largestShare(parts)).toBeCloseTo(100, 6);
  });

  it('has a null share without data, and largestShare ignores such parts', () => {
    const from = utc('2026-11-10T10:00:00Z');
    const parts = intervalSpend(
      { ...availability, budgetingMethod: 'Occurrences', window: ROLLING_28D },
      from,
      from + HOUR,
      [],
    );
    expect(parts[0].share).toBeNull();
    expect(largestShare(parts)).toBeNull();
  });

  it('names a bad objective field', () => {
    expect(() =>
      spendInPart(
        {
          objective: { name: 'x', target: 1.5 },
          budgetingMethod: 'Occurrences',
          window: ROLLING_28D,
        },
        { from: 0, to: 1, windowStart: 0, windowEnd: 1 },
        [],
        0,
      ),
    ).toThrow(/target/);
  });
});
