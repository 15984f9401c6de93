/**
 * Times as people read them: in the browser's time zone, with the zone shown, so that a
 * time typed into a datetime-local field and the same time in a message look alike.
 */

/** "Dec 3, 2026, 09:50 GMT+1" (in the browser's locale and time zone). */
export function formatLocalTime(at: number | string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
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
