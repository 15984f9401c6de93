import type { Knex } from 'knex';

/** Rows in a query's response: an array on SQLite, `{ rows }` from PostgreSQL's raw queries. */
function rowsOf(response: unknown): number {
  if (Array.isArray(response)) return response.length;
  const rows = (response as { rows?: unknown[] } | undefined)?.rows;
  return Array.isArray(rows) ? rows.length : 0;
}

/**
 * Records how many rows each SELECT whose text `matches` returned (knex's query events), until
 * `stop`: what a test of reading "a page at a time" asserts on.
 */
export function recordReadSizes(
  knex: Knex,
  matches: (sql: string) => boolean,
): { sizes: number[]; stop(): void } {
  const sizes: number[] = [];
  const onResponse = (response: unknown, query: { sql?: string }) => {
    const sql = query.sql ?? '';
    if (/^\s*select/i.test(sql) && matches(sql)) sizes.push(rowsOf(response));
  };
  knex.on('query-response', onResponse);
  return { sizes, stop: () => knex.off('query-response', onResponse) };
}
