/**
 * An instant in epoch milliseconds as the API writes it (ISO 8601, UTC), or null where there
 * is none: the one form every view of the backend answers times in.
 */
export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}
