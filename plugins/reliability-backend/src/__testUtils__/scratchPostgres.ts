import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';

const PG_VARIABLE = /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/;

/**
 * The PostgreSQL server the storage tests use (a
 * BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING), for tests that need one of
 * their own. Without one: undefined and a notice that `skipping` is skipped, or an error
 * when RELIABILITY_REQUIRE_POSTGRES is set (CI must not skip them silently).
 */
export function postgresServer(
  test: string,
  skipping: string,
): string | undefined {
  const server = Object.entries(process.env).find(
    ([name, value]) => PG_VARIABLE.test(name) && !!value,
  )?.[1];
  if (!server) {
    const notice = `${test}: no BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING is set`;
    if (process.env.RELIABILITY_REQUIRE_POSTGRES) {
      throw new Error(`${notice}, and RELIABILITY_REQUIRE_POSTGRES is`);
    }
    // eslint-disable-next-line no-console
    console.warn(`${notice}: SKIPPING ${skipping} (it needs PostgreSQL)`);
  }
  return server;
}

/**
 * A fresh database on the server, for one test file: its name and connection string, a
 * connection to the server outside it (`admin`), and `drop`, which removes it, connections
 * and all.
 */
export async function scratchDatabase(
  server: string,
  prefix: string,
): Promise<{
  name: string;
  connection: string;
  admin: Knex;
  drop(): Promise<void>;
}> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin: Knex = knexFactory({
    client: 'pg',
    connection: server,
    pool: { min: 0, max: 1 },
  });
  await admin.raw('create database ??', [name]);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    name,
    connection: url.toString(),
    admin,
    drop: async () => {
      try {
        await admin.raw('drop database if exists ?? with (force)', [name]);
      } finally {
        await admin.destroy();
      }
    },
  };
}
