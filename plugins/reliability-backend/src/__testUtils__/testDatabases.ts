import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

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
  return {
    databases: TestDatabases.create({ ids, disableDocker: true }),
    ids,
  };
}
