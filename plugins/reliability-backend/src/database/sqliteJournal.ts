import type { Knex } from 'knex';
import { isSqlite } from './isSqlite';

/**
 * Puts a SQLite database file in write-ahead-log mode (`PRAGMA journal_mode = WAL`);
 * PostgreSQL and in-memory SQLite are left as they are. Returns the journal mode in force.
 *
 * Why: better-sqlite3 runs every statement on Node's one thread, so a commit's fsyncs
 * block every request of the process. In the default rollback-journal mode a commit syncs
 * the journal and the database file (and deletes the journal); under the load run's pushes
 * that was ~25 ms of blocked event loop per commit, most of the backend's time on SQLite
 * (docs/load.md). In WAL mode a commit appends to the log and syncs it once; readers no
 * longer wait for a writer either. Durability is unchanged: `synchronous` stays at its
 * default (FULL), so a committed transaction survives a power loss as before.
 *
 * The mode is a property of the file (it persists), so setting it on one connection of
 * the pool is enough. It needs the `-wal` and `-shm` files beside the database, which a
 * local file system gives (not a network share, where SQLite is not safe anyway).
 */
export async function useSqliteWriteAheadLog(
  knex: Knex,
): Promise<string | undefined> {
  if (!isSqlite(knex)) return undefined;
  const result = await knex.raw('PRAGMA journal_mode = WAL');
  // better-sqlite3 answers rows; node-sqlite3 too: [{ journal_mode: 'wal' }].
  const rows = Array.isArray(result) ? result : [];
  return rows[0]?.journal_mode;
}
