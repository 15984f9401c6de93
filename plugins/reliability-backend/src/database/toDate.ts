/**
 * Timestamps come back from knex as Date (PostgreSQL), epoch milliseconds or a
 * `YYYY-MM-DD HH:MM:SS` UTC string (SQLite). One conversion serves every store.
 */
export function toDate(value: Date | string | number): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  // SQLite's CURRENT_TIMESTAMP has no zone designator but is UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}
