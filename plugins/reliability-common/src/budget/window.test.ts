import fc from 'fast-check';
import { DAY, HOUR, thrownBy, utc } from './__testUtils__/buckets';
import { BudgetInputError } from './errors';
import type { CalendarUnit, SloWindow } from './types';
import { resolveWindow } from './window';

const calendar = (
  unit: CalendarUnit,
  timeZone: string,
  count = 1,
  startTime = '2020-01-01T00:00:00',
): SloWindow => ({ kind: 'calendar', unit, count, startTime, timeZone });

describe('resolveWindow', () => {
  describe('rolling', () => {
    it('is the durationMs before the evaluation time', () => {
      const at = utc('2026-03-15T12:34:56.789Z');
      expect(
        resolveWindow({ kind: 'rolling', durationMs: 28 * DAY }, at),
      ).toEqual({ start: at - 28 * DAY, end: at, periodEnd: at });
    });
  });

  describe('calendar', () => {
    it('gives a 31-day month its 31 days', () => {
      const at = utc('2026-01-17T08:00:00Z');
      const w = resolveWindow(calendar('Month', 'UTC'), at);
      expect(w).toEqual({
        start: utc('2026-01-01T00:00:00Z'),
        end: at,
        periodEnd: utc('2026-02-01T00:00:00Z'),
      });
      expect(w.periodEnd - w.start).toBe(31 * DAY);
    });

    it('makes a month with the spring DST change an hour short (Europe/Berlin)', () => {
      // DST starts 2026-03-29: local midnight is UTC+1 on March 1 and UTC+2 on April 1.
      const w = resolveWindow(
        calendar('Month', 'Europe/Berlin'),
        utc('2026-03-29T12:00:00Z'),
      );
      expect(w.start).toBe(utc('2026-02-28T23:00:00Z'));
      expect(w.periodEnd).toBe(utc('2026-03-31T22:00:00Z'));
      expect(w.periodEnd - w.start).toBe(31 * DAY - HOUR);
    });

    it('makes a week with the spring DST change an hour short (America/New_York)', () => {
      // DST starts Sunday 2026-03-08; the week runs Monday 2 to Monday 9 March.
      const w = resolveWindow(
        calendar('Week', 'America/New_York'),
        utc('2026-03-08T17:00:00Z'),
      );
      expect(w.start).toBe(utc('2026-03-02T05:00:00Z'));
      expect(w.periodEnd).toBe(utc('2026-03-09T04:00:00Z'));
      expect(w.periodEnd - w.start).toBe(7 * DAY - HOUR);
    });

    it('makes a week with the autumn DST change an hour long (America/New_York)', () => {
      const w = resolveWindow(
        calendar('Week', 'America/New_York'),
        utc('2026-11-01T12:00:00Z'),
      );
      expect(w.start).toBe(utc('2026-10-26T04:00:00Z'));
      expect(w.periodEnd - w.start).toBe(7 * DAY + HOUR);
    });

    it('starts weeks on Monday 00:00 local time', () => {
      const zone = 'Europe/Berlin';
      // Sunday 2026-01-11 23:59 in Berlin is still the week of Monday 5 January.
      expect(
        resolveWindow(calendar('Week', zone), utc('2026-01-11T22:59:00Z'))
          .start,
      ).toBe(utc('2026-01-04T23:00:00Z'));
      // Monday 00:00 local opens the next week, and is inside it.
      const monday = utc('2026-01-11T23:00:00Z');
      expect(resolveWindow(calendar('Week', zone), monday)).toEqual({
        start: monday,
        end: monday,
        periodEnd: monday + 7 * DAY,
      });
    });

    it('counts the period in its own zone, not in UTC', () => {
      // 2026-01-31T23:30Z is already February in Tokyo.
      const w = resolveWindow(
        calendar('Month', 'Asia/Tokyo'),
        utc('2026-01-31T23:30:00Z'),
      );
      expect(w.start).toBe(utc('2026-01-31T15:00:00Z'));
      expect(w.periodEnd - w.start).toBe(28 * DAY);
    });

    it('resolves quarters starting January, April, July and October', () => {
      const w = resolveWindow(
        calendar('Quarter', 'UTC'),
        utc('2026-05-20T00:00:00Z'),
      );
      expect(w.start).toBe(utc('2026-04-01T00:00:00Z'));
      expect(w.periodEnd).toBe(utc('2026-07-01T00:00:00Z'));
    });

    it('resolves years, including leap years', () => {
      const w = resolveWindow(
        calendar('Year', 'UTC'),
        utc('2028-07-01T00:00:00Z'),
      );
      expect(w.start).toBe(utc('2028-01-01T00:00:00Z'));
      expect(w.periodEnd - w.start).toBe(366 * DAY);
    });

    it('counts multi-week periods from the week of startTime', () => {
      // startTime is a Wednesday; fortnights start on the Monday of its week.
      const fortnight = calendar('Week', 'UTC', 2, '2026-01-07T10:00:00');
      expect(
        resolveWindow(fortnight, utc('2026-01-18T23:00:00Z')),
      ).toMatchObject({
        start: utc('2026-01-05T00:00:00Z'),
        periodEnd: utc('2026-01-19T00:00:00Z'),
      });
      expect(
        resolveWindow(fortnight, utc('2026-01-19T00:00:00Z')),
      ).toMatchObject({
        start: utc('2026-01-19T00:00:00Z'),
        periodEnd: utc('2026-02-02T00:00:00Z'),
      });
    });

    it('counts multi-month periods from startTime, also before it', () => {
      const quarterly = calendar('Month', 'UTC', 3, '2026-02-01T00:00:00');
      expect(
        resolveWindow(quarterly, utc('2026-06-10T00:00:00Z')),
      ).toMatchObject({
        start: utc('2026-05-01T00:00:00Z'),
        periodEnd: utc('2026-08-01T00:00:00Z'),
      });
      expect(
        resolveWindow(quarterly, utc('2026-01-15T00:00:00Z')),
      ).toMatchObject({
        start: utc('2025-11-01T00:00:00Z'),
        periodEnd: utc('2026-02-01T00:00:00Z'),
      });
    });

    it('reads a startTime with an offset as an instant, converted to the zone', () => {
      // 23:30Z on 31 December is 00:30 on 1 January in Berlin: two-month periods pair
      // January with February, not December with January.
      const w = resolveWindow(
        calendar('Month', 'Europe/Berlin', 2, '2025-12-31T23:30:00Z'),
        utc('2026-02-10T00:00:00Z'),
      );
      expect(w.start).toBe(utc('2025-12-31T23:00:00Z'));
      expect(w.periodEnd).toBe(utc('2026-02-28T23:00:00Z'));
    });

    it('always contains the evaluation time, and periods tile time', () => {
      const zones = [
        'UTC',
        'Europe/Berlin',
        'America/New_York',
        'Asia/Kolkata',
        'Australia/Lord_Howe',
      ];
      fc.assert(
        fc.property(
          fc.constantFrom<CalendarUnit>('Week', 'Month', 'Quarter', 'Year'),
          fc.constantFrom(...zones),
          fc.integer({ min: 1, max: 5 }),
          fc.integer({
            min: utc('2000-01-01T00:00:00Z'),
            max: utc('2040-01-01T00:00:00Z'),
          }),
          (unit, zone, count, at) => {
            const window = calendar(unit, zone, count, '2019-06-15T12:00:00');
            const w = resolveWindow(window, at);
            expect(w.start).toBeLessThanOrEqual(at);
            expect(w.periodEnd).toBeGreaterThan(at);
            expect(w.end).toBe(at);
            // The next period starts exactly where this one ends.
            expect(resolveWindow(window, w.periodEnd).start).toBe(w.periodEnd);
            expect(resolveWindow(window, w.periodEnd - 1).start).toBe(w.start);
          },
        ),
      );
    });
  });

  describe('invalid input', () => {
    const at = utc('2026-01-01T00:00:00Z');
    it.each<[string, SloWindow | number, string]>([
      ['window.durationMs', { kind: 'rolling', durationMs: 0 }, 'positive'],
      ['window.durationMs', { kind: 'rolling', durationMs: NaN }, 'positive'],
      ['window.count', calendar('Month', 'UTC', 0), 'positive integer'],
      ['window.count', calendar('Month', 'UTC', 1.5), 'positive integer'],
      ['window.timeZone', calendar('Month', 'Mars/Olympus'), 'IANA'],
      [
        'window.startTime',
        calendar('Month', 'UTC', 1, 'first of January'),
        'ISO 8601',
      ],
      ['window.unit', calendar('Fortnight' as CalendarUnit, 'UTC'), 'Week'],
      ['window.kind', { kind: 'sliding' } as unknown as SloWindow, 'rolling'],
      ['at', NaN, 'finite'],
    ])('names %s', (field, windowOrAt, problem) => {
      const call =
        typeof windowOrAt === 'number'
          ? () =>
              resolveWindow({ kind: 'rolling', durationMs: DAY }, windowOrAt)
          : () => resolveWindow(windowOrAt, at);
      const error = thrownBy(call);
      expect(error).toBeInstanceOf(BudgetInputError);
      expect(error.message).toMatch(
        new RegExp(`^${field.replace('.', '\\.')}: .*${problem}`),
      );
      expect((error as BudgetInputError).field).toBe(field);
      expect(error.name).toBe('InputError');
    });
  });
});
