import { DateTime } from 'luxon';

// The spec's own form: a local date-time without zone, "2020-01-21 12:30:00".
const SPEC_START_TIME_FORMAT = 'yyyy-MM-dd HH:mm:ss';

/**
 * Whether the zone is an IANA time zone name the runtime knows. `Intl.DateTimeFormat`
 * throws a RangeError for unknown zones, in Node and in browsers alike, and luxon (which
 * the engine uses) relies on the same Intl data, so both agree. Offsets such as `+05:00`
 * are rejected although recent runtimes accept them: the spec asks for an IANA name, and an
 * offset has no daylight-saving rules, which calendar periods need.
 *
 * @internal
 */
export function isValidTimeZone(zone: string): boolean {
  if (zone === '' || /^[+-]\d/.test(zone)) {
    return false;
  }
  try {
    // eslint-disable-next-line no-new
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a calendar window's start time in `zone`: the spec form `2022-01-01 12:00:00` (a
 * local time in the zone), or ISO 8601. An ISO value without an offset is a local time in
 * the zone; with an offset (or Z) it is that instant, shown in the zone. A local time
 * inside a daylight-saving gap moves forward by the gap, as luxon does. Returns undefined
 * when the text is neither form or names a date that does not exist (2022-02-30).
 *
 * @internal
 */
export function parseCalendarStartTime(
  text: string,
  zone: string,
): DateTime | undefined {
  // Long inputs are never date-times; skip them before handing them to a parser.
  if (text.length > 64) {
    return undefined;
  }
  const specForm = DateTime.fromFormat(text, SPEC_START_TIME_FORMAT, { zone });
  if (specForm.isValid) {
    // luxon reads hour 24 as the next day; a round trip in UTC (no DST gaps there)
    // rejects such out-of-range fields.
    const utc = DateTime.fromFormat(text, SPEC_START_TIME_FORMAT, {
      zone: 'utc',
    });
    return utc.toFormat(SPEC_START_TIME_FORMAT) === text ? specForm : undefined;
  }
  const iso = DateTime.fromISO(text, { zone });
  return iso.isValid ? iso : undefined;
}
