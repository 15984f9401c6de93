/**
 * PostgreSQL array literals built here, to bind as one text parameter (`?::bigint[]`):
 * node-postgres turns a JavaScript array into the same literal, but by concatenating and
 * quoting each element, and knex first walks every element for `undefined`. For the
 * bucket upsert's thousands of numbers that was about 1.3 MB of garbage a write (18 GB over
 * the benchmark's Prometheus sync, docs/benchmark.md "session 12"); a `join` builds the
 * literal in one string.
 */

/** `{1,2,3}`: whole numbers, as an integer or bigint array. */
export function pgNumberArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

/** `{"a","b \"quoted\""}`: each element quoted, its backslashes and double quotes escaped. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values
    .map(v => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',')}}`;
}
