import type { Knex } from 'knex';
import { onEverySqliteConnection, SqliteConnection } from './sqliteConnections';

/**
 * How many prepared statements each SQLite connection keeps. The plugin's queries have a
 * few hundred distinct texts (lists of different lengths each make one), so the statements
 * of every request kind stay prepared; the least recently used goes first beyond that.
 */
export const SQLITE_STATEMENT_CACHE_SIZE = 500;

/**
 * Keeps the prepared statements of a better-sqlite3 database's connections, so that a
 * statement's SQL text is compiled once per connection instead of once per query.
 * PostgreSQL and the node-sqlite3 driver are left as they are. Returns whether the cache
 * is in place.
 *
 * Why: knex's better-sqlite3 client calls `prepare` for every query, and SQLite's compiler
 * ran on Node's one thread: 11 % of the backend's CPU in the load run (docs/load.md), as
 * much as executing the statements of a deploy-gate check. A prepared statement is
 * reusable with other bindings, and SQLite compiles it again by itself when the schema
 * changes (a migration), so reuse returns what a fresh `prepare` would.
 *
 * Knex sets a statement's `safeIntegers` only for a query given that option, which the
 * plugin never does; a statement so set would keep the mode for later queries of the same
 * text.
 */
export function cacheSqliteStatements(
  knex: Knex,
  capacity: number = SQLITE_STATEMENT_CACHE_SIZE,
): boolean {
  return onEverySqliteConnection(knex, connection =>
    installStatementCache(connection, capacity),
  );
}

function installStatementCache(connection: SqliteConnection, capacity: number) {
  const prepare = connection.prepare.bind(connection);
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used
  // first, to be dropped when the cache is full.
  const statements = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement !== undefined) {
      statements.delete(sql);
    } else {
      statement = prepare(sql);
      if (statements.size >= capacity) {
        statements.delete(statements.keys().next().value!);
      }
    }
    statements.set(sql, statement);
    return statement;
  };
}
