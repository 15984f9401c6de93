import type { Knex } from 'knex';
import { isSqlite } from './isSqlite';
import { onEverySqliteConnection } from './sqliteConnections';

/**
 * Puts a SQLite database file in write-ahead-log mode (`PRAGMA journal_mode = WAL`) and
 * makes every connection sync each commit (`PRAGMA synchronous = FULL`); PostgreSQL and
 * in-memory SQLite are left as they are. Returns the journal mode in force.
 *
 * Why WAL: better-sqlite3 runs every statement on Node's one thread, so a commit's fsyncs
 * block every request of the process. In the default rollback-journal mode a commit syncs
 * the journal and the database file (and deletes the journal); under the load run's pushes
 * that was ~25 ms of blocked event loop per commit, most of the backend's time on SQLite
 * (docs/load.md). In WAL mode a commit appends to the log and syncs it once; readers no
 * longer wait for a writer either.
 *
 * Why FULL, on every connection: better-sqlite3 builds SQLite with
 * `SQLITE_DEFAULT_WAL_SYNCHRONOUS=1`, so a connection that has not set `synchronous` itself
 * drops to NORMAL at its first write in WAL mode: commits are synced only at checkpoints,
 * and a transaction answered as committed (a push, a freeze) can be rolled back by a power
 * loss or an operating-system crash. FULL keeps the rollback journal's guarantee: a
 * committed transaction survives them (one fsync of the log per commit, ~0.25 ms on the
 * benchmark machine's disk; docs/load.md, "Session 16"). The setting belongs to a
 * connection, so it is made on each one the pool opens (`onEverySqliteConnection`).
 *
 * The mode is a property of the file (it persists), so setting it on one connection of
 * the pool is enough. It needs the `-wal` and `-shm` files beside the database, which a
 * local file system gives (not a network share, where SQLite is not safe anyway).
 */
export async function useSqliteWriteAheadLog(
  knex: Knex,
): Promise<string | undefined> {
  if (!isSqlite(knex)) return undefined;
  // Before the pragma's own query, so that its connection is set up too.
  const everyConnection = onEverySqliteConnection(knex, connection => {
    connection.pragma('synchronous = FULL');
  });
  const result = await knex.raw('PRAGMA journal_mode = WAL');
  if (!everyConnection) {
    // node-sqlite3 (no hook for its connections): its pool's one connection.
    await knex.raw('PRAGMA synchronous = FULL');
  }
  // better-sqlite3 answers rows; node-sqlite3 too: [{ journal_mode: 'wal' }].
  const rows = Array.isArray(result) ? result : [];
  return rows[0]?.journal_mode;
}
