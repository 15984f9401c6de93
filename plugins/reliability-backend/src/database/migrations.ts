import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { isPostgres } from './isPostgres';

/** Where the knex migrations ship: `migrations/` of this package (listed in `files`). */
export const migrationsDir = resolvePackagePath(
  '@reliability-suite/plugin-reliability-backend',
  'migrations',
);

/**
 * The PostgreSQL advisory lock the replicas' migrations take, held until their transaction
 * ends. Any fixed number serves; this one spells "reliab" in ASCII.
 */
export const MIGRATION_ADVISORY_LOCK = 0x72656c696162;

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
  if (isPostgres(knex)) {
    await migrateOneReplicaAtATime(knex);
    return;
  }
  await migrateWithRetries(knex);
}

/**
 * Replicas starting together on a fresh database race in knex's own set-up: both can find
 * knex_migrations_lock empty and both insert its row, and with two rows knex's lock can never
 * be taken again (its UPDATE must change exactly one), so every start fails from then on. On
 * PostgreSQL the whole migration runs in one transaction holding an advisory lock: replicas
 * wait for each other, the later ones find nothing pending, and a replica that dies
 * mid-migration leaves neither a half-applied schema nor a lock behind.
 */
async function migrateOneReplicaAtATime(knex: Knex): Promise<void> {
  await knex.transaction(async trx => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [MIGRATION_ADVISORY_LOCK]);
    await keepOneLockRow(trx);
    await trx.migrate.latest({ directory: migrationsDir });
  });
}

/** Repairs a lock table that the race above left with more than one row. */
async function keepOneLockRow(trx: Knex.Transaction): Promise<void> {
  if (!(await trx.schema.hasTable('knex_migrations_lock'))) return;
  await trx('knex_migrations_lock')
    .whereNot('index', trx('knex_migrations_lock').min('index'))
    .delete();
}

/**
 * Elsewhere (SQLite: one process per file) a replica that loses the race to create knex's
 * tables retries, and one that finds knex's lock taken waits for the one migrating (up to a
 * minute: a lock left by a crashed process is still an error). Other failures get a few
 * attempts and are thrown.
 */
async function migrateWithRetries(knex: Knex): Promise<void> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (e) {
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
