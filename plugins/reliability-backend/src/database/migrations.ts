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
  await knex.migrate.latest({ directory: migrationsDir });
}
