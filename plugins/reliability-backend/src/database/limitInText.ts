/**
 * Knex's option that writes a query's LIMIT into the SQL text instead of binding it:
 * `.limit(n, LIMIT_IN_TEXT)`, and `.first().limit(1, LIMIT_IN_TEXT)` for `first()`, which
 * binds its `LIMIT 1` otherwise. Every LIMIT the plugin sends is written so.
 *
 * Why: SQLite's planner reads the value of a bound LIMIT, so binding a statement's LIMIT
 * marks the statement to be compiled again each time it runs (`sqlite3ExprIsInteger` sets
 * the statement's variable mask), which defeats the prepared-statement cache
 * (sqliteStatementCache.ts). An indexed one-row lookup took 17 µs with `LIMIT ?` against
 * 9 µs with `LIMIT 1`, and the deploy gate's joined read 136 µs against 49 in the load run's
 * backend. OFFSET stays bound: its value does not reach the planner. Knex parses the value
 * as an integer before writing it, so the text takes no input verbatim; a limit that varies
 * makes one statement text per value, which the cache keeps. PostgreSQL plans either alike.
 */
export const LIMIT_IN_TEXT = { skipBinding: true } as const;
