// Durations in milliseconds, and the minute a time falls in.
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** The start of the minute `ms` falls in: the series' points are per minute. */
export function minuteOf(ms: number): number {
  return Math.floor(ms / MIN) * MIN;
}

/** An ISO 8601 timestamp of `ms`, as the API takes them. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
