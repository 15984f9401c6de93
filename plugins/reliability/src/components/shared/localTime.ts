/**
 * Times as people read them: in the browser's time zone, with the zone shown, so that a
 * time typed into a datetime-local field and the same time in a message look alike.
 */

type Instant = number | string | null | undefined;

const isMissing = (at: Instant): at is null | undefined | '' =>
  at === null || at === undefined || at === '';

/**
 * An instant in the browser's locale and time zone with the given parts; "—" without one,
 * the text itself when it is no time.
 */
function localString(at: Instant, parts: Intl.DateTimeFormatOptions): string {
  if (isMissing(at)) return '—';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return date.toLocaleString(undefined, parts);
}

/** "Dec 3, 2026, 09:50 GMT+1" (in the browser's locale and time zone); "—" without one. */
export function formatLocalTime(at: Instant): string {
  return localString(at, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/**
 * "Dec 4, 13:40 CET": a local time of the last weeks, without the year, for chart tooltips
 * and forecasts where the year goes without saying.
 */
export function formatLocalTimeShort(at: Instant): string {
  return localString(at, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** A date and time with its zone: the same as formatLocalTime. */
export const formatDateTime = formatLocalTime;

/** "Dec 3, 2026": a local day, for what happened on a day rather than at a minute. */
export function formatDate(at: Instant): string {
  return localString(at, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** A calendar month given as YYYY-MM: "Nov 2026". */
export function formatMonth(month: string): string {
  const at = Date.parse(`${month}-01T00:00:00Z`);
  if (Number.isNaN(at)) return month;
  return new Date(at).toLocaleDateString('en-US', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

// An instant as the API writes it: ISO 8601 in UTC, with or without seconds and milliseconds.
const ISO_UTC = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z\b/g;

/** A message with every UTC instant in it written as a local time, e.g. a server's 400. */
export function localizeTimes(text: string): string {
  return text.replace(ISO_UTC, iso => formatLocalTime(iso));
}

/** The browser's time zone as forms name it: "Europe/Berlin (GMT+1)". */
export function localTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const short = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' })
    .formatToParts(new Date())
    .find(p => p.type === 'timeZoneName')?.value;
  return short && short !== zone ? `${zone} (${short})` : zone;
}
