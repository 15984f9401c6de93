import { isValidTimeZone, parseCalendarStartTime } from './calendar';

describe('isValidTimeZone', () => {
  it.each(['America/New_York', 'Europe/Berlin', 'UTC', 'Asia/Kolkata'])(
    'accepts %s',
    zone => expect(isValidTimeZone(zone)).toBe(true),
  );

  it.each([
    'Mars/Olympus_Mons',
    '',
    'New York',
    '+05:00',
    '-03:00',
    'x'.repeat(10_000),
  ])('rejects %p', zone => expect(isValidTimeZone(zone)).toBe(false));
});

describe('parseCalendarStartTime', () => {
  const iso = (text: string, zone = 'America/New_York') =>
    parseCalendarStartTime(text, zone)?.toISO();

  it("reads the spec's zone-less form as a local time in the zone", () => {
    expect(iso('2022-01-01 12:00:00')).toBe('2022-01-01T12:00:00.000-05:00');
    expect(iso('2022-07-01 00:00:00')).toBe('2022-07-01T00:00:00.000-04:00');
    expect(iso('2022-01-01 12:00:00', 'Europe/Berlin')).toBe(
      '2022-01-01T12:00:00.000+01:00',
    );
  });

  it('reads ISO 8601: local without an offset, the given instant with one', () => {
    expect(iso('2022-01-01T12:00:00')).toBe('2022-01-01T12:00:00.000-05:00');
    expect(iso('2022-01-01')).toBe('2022-01-01T00:00:00.000-05:00');
    expect(iso('2022-01-01T17:00:00Z')).toBe('2022-01-01T12:00:00.000-05:00');
    expect(iso('2022-01-01T18:00:00+01:00')).toBe(
      '2022-01-01T12:00:00.000-05:00',
    );
  });

  it('moves a time inside a daylight-saving gap forward', () => {
    expect(iso('2022-03-13 02:30:00')).toBe('2022-03-13T03:30:00.000-04:00');
  });

  it.each([
    '2022-02-30 12:00:00',
    '2022-01-01 24:00:00',
    '2022-1-1 12:00:00',
    '2022-01-01 12:00',
    '01/01/2022',
    'yesterday',
    '',
    `2022-01-01 12:00:00${' '.repeat(100)}`,
  ])('rejects %p', text => {
    expect(parseCalendarStartTime(text, 'UTC')).toBeUndefined();
  });
});
