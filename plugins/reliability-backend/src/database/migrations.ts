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
/** How long to wait for another replica that holds knex's migration lock. */
const LOCK_WAIT_MS = 60_000;

const isMigrationLocked = (e: unknown) =>
  (e as Error)?.name === 'MigrationLocked' ||
  /migration table is already locked/i.test(String(e));

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
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (e) {
      // Replicas starting together on a fresh database race to create knex's own tables
      // (knex_migrations, knex_migrations_lock): the loser's CREATE TABLE fails on a
      // duplicate key. Once they exist, knex serialises the migrations with its lock row,
      // and a replica that finds it taken waits for the one migrating (up to a minute: a
      // lock left by a crashed process is still an error). Other failures get a few
      // attempts and are thrown.
      if (isMigrationLocked(e)) {
        if (Date.now() - started > LOCK_WAIT_MS) throw e;
        await new Promise(resolve => setTimeout(resolve, 500));
        continue;
      }
      if (attempt >= MIGRATION_ATTEMPTS) throw e;
      await new Promise(resolve =>
        setTimeout(resolve, 250 * attempt + Math.random() * 250),
      );
    }
  }
}
