import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** Where the knex migrations ship: `migrations/` of this package (listed in `files`). */
export const migrationsDir = resolvePackagePath(
  '@reliability-suite/plugin-reliability-backend',
  'migrations',
);

const MIGRATION_ATTEMPTS = 4;

/**
 * Brings the schema up to date unless the deployment manages migrations itself
 * (`backend.database.plugin.reliability.skipMigrations` / `migrations.skip`).
 */
export async function applyDatabaseMigrations(
  database: DatabaseService,
  knex: Knex,
): Promise<void> {
  if (database.migrations?.skip) {
    return;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (e) {
      // Replicas starting together on a fresh database race to create knex's own tables
      // (knex_migrations, knex_migrations_lock): the loser's CREATE TABLE fails on a
      // duplicate key. Once they exist, knex serialises the migrations themselves (the lock
      // row is taken in the migrations' transaction), so another attempt is safe; a real
      // failure fails every attempt and is thrown.
      if (attempt >= MIGRATION_ATTEMPTS) throw e;
      await new Promise(resolve =>
        setTimeout(resolve, 250 * attempt + Math.random() * 250),
      );
    }
  }
}
