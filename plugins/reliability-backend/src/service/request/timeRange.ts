/**
 * An optional instant of a query (the schema has checked it is an ISO 8601 date-time), in
 * epoch milliseconds.
 */
export function optionalInstant(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Date.parse(value);
}

/** A query's optional `from` and `to`, in epoch milliseconds. */
export function parseTimeRange(query: { from?: string; to?: string }): {
  from?: number;
  to?: number;
} {
  return { from: optionalInstant(query.from), to: optionalInstant(query.to) };
}
