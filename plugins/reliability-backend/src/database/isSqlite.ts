import type { Knex } from 'knex';

/** Whether knex talks to SQLite (better-sqlite3 or node-sqlite3), by its configured client. */
export function isSqlite(knex: Knex): boolean {
  return /sqlite/.test(String(knex.client.config?.client ?? ''));
}
