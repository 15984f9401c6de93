import type { Knex } from 'knex';

/** Whether knex talks to PostgreSQL (`pg`, `pg-native`), by its configured client. */
export function isPostgres(knex: Knex): boolean {
  return String(knex.client.config.client).includes('pg');
}
