import type { Knex } from 'knex';
import { isSqlite } from './isSqlite';

/**
 * Refreshes SQLite's query-planner statistics where they are missing or out of date
 * (`PRAGMA optimize`, checking every table: the 0x10002 mask); PostgreSQL is left alone (its
 * autovacuum analyses tables). Returns whether it ran. Called at start and by the storage
 * maintenance task (hourly by default), as SQLite advises for long-lived connections.
 *
 * Why: without statistics SQLite guesses each index's selectivity, and guesses wrong for the
 * org-wide SLO list filtered by System and state: it walked the state's index (thousands of
 * rows) instead of the System's (~40), 1.0 ms instead of 0.03 per page of 4,000 objectives.
 * The pragma analyses only tables whose statistics are missing or whose size has changed
 * much, with a bounded sample (SQLite ≥ 3.46 sets its own analysis limit): ~2 ms for the
 * benchmark's org, a no-op when nothing changed. Empty tables get no statistics, so a
 * database that fills after start is analysed by the next run.
 */
export async function refreshSqlitePlannerStatistics(
  knex: Knex,
): Promise<boolean> {
  if (!isSqlite(knex)) return false;
  await knex.raw('PRAGMA optimize=0x10002');
  return true;
}
