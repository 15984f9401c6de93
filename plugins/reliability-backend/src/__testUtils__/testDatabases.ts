import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';

const PG_VARIABLE = /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/;

/**
 * The databases every storage test runs on: SQLite always, and the PostgreSQL server named
 * by a `BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING` variable (Docker is never
 * used). Without one, the PostgreSQL cases are skipped with a notice, unless
 * RELIABILITY_REQUIRE_POSTGRES is set (as CI does), where that is an error.
 */
export function createTestDatabases(): {
  databases: TestDatabases;
  ids: TestDatabaseId[];
} {
  const pgIds = Object.keys(process.env)
    .map(name => PG_VARIABLE.exec(name))
    .filter((m): m is RegExpExecArray => m !== null && !!process.env[m[0]])
    .map(m => `POSTGRES_${m[1]}` as TestDatabaseId);
  if (pgIds.length === 0) {
    const notice =
      'PostgreSQL storage tests: no BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING is set';
    if (process.env.RELIABILITY_REQUIRE_POSTGRES) {
      throw new Error(`${notice}, and RELIABILITY_REQUIRE_POSTGRES is`);
    }
    // eslint-disable-next-line no-console
    console.warn(
      `${notice}: SKIPPING the PostgreSQL cases, running SQLite only`,
    );
  }
  const ids: TestDatabaseId[] = ['SQLITE_3', ...pgIds];
  const databases = TestDatabases.create({ ids, disableDocker: true });
  const boundLimits = watchBoundLimits(databases);
  afterAll(() => {
    // Every LIMIT is written into the SQL text on SQLite (database/limitInText.ts).
    expect([...boundLimits]).toEqual([]);
  });
  return { databases, ids };
}

/**
 * The SQLite statements of the tests that bind their LIMIT (knex's `first()` does), but for
 * the migrations'.
 */
function watchBoundLimits(databases: TestDatabases): Set<string> {
  const found = new Set<string>();
  const watched = new WeakSet<Knex>();
  const init = databases.init.bind(databases);
  databases.init = async (id: TestDatabaseId) => {
    const knex = await init(id);
    if (id.startsWith('SQLITE') && !watched.has(knex)) {
      watched.add(knex);
      // Migrations run once, under knex's lock row; their statements are not watched.
      let migrating = false;
      knex.on('query', (q: { sql: string; bindings?: unknown[] }) => {
        if (/^update\s+\S*knex_migrations_lock/i.test(q.sql)) {
          migrating = q.bindings?.[0] === 1;
        } else if (!migrating && /\blimit\s+\?/i.test(q.sql)) {
          found.add(q.sql);
        }
      });
    }
    return knex;
  };
  return found;
}
