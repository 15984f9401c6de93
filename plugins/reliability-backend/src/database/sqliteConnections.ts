import type { Knex } from 'knex';

/** A better-sqlite3 connection, as the set-ups here use it. */
export interface SqliteConnection {
  prepare(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

/** The part of knex's client hooked into here (not in knex's public types). */
interface KnexClientInternals {
  driverName?: string;
  acquireConnection(): Promise<unknown>;
}

const SETUPS = Symbol('reliability.sqliteConnectionSetups');

type HookedClient = KnexClientInternals & {
  [SETUPS]?: Array<{
    setup: (c: SqliteConnection) => void;
    done: WeakSet<object>;
  }>;
};

/**
 * Runs `setup` once on every better-sqlite3 connection of the pool, before the connection's
 * first query or transaction: those the pool holds already, and those it opens later (after
 * a broken connection, say). Connection settings such as `PRAGMA synchronous` belong to a
 * connection, not to the file, so setting them once through `knex.raw` would reach only
 * whichever connection ran it. Returns false, doing nothing, on another driver.
 */
export function onEverySqliteConnection(
  knex: Knex,
  setup: (connection: SqliteConnection) => void,
): boolean {
  const client = knex.client as unknown as HookedClient;
  if (client.driverName !== 'better-sqlite3') return false;
  if (!client[SETUPS]) {
    const setups: NonNullable<HookedClient[typeof SETUPS]> = [];
    client[SETUPS] = setups;
    const acquire = client.acquireConnection.bind(client);
    client.acquireConnection = async () => {
      const connection = (await acquire()) as SqliteConnection & object;
      for (const { setup: run, done } of setups) {
        if (done.has(connection)) continue;
        run(connection);
        done.add(connection);
      }
      return connection;
    };
  }
  client[SETUPS].push({ setup, done: new WeakSet() });
  return true;
}
