import type { Knex } from 'knex';
import { isSqlite } from '../database/isSqlite';

/** What background work awaits between its steps (see `yieldBetweenSteps`). */
export type YieldBetweenSteps = () => Promise<void>;

/** Lets Node's event loop run what waits for it (requests' I/O, timers) before going on. */
function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}

/** Goes on at once: for work whose steps wait for a database server anyway. */
export const noYield: YieldBetweenSteps = () => Promise.resolve();

/**
 * What background work of many steps (an evaluation batch, the policy evaluation of its
 * services) awaits between steps on this database: a turn of the event loop on SQLite,
 * nothing elsewhere.
 *
 * Why: on SQLite every statement runs synchronously (better-sqlite3), so a chain of awaits
 * on the stores never leaves the microtask queue. An evaluation batch of 50 SLOs and the
 * policy evaluation of their services held Node's thread for 25–70 ms at a time, and every
 * request arriving meanwhile waited for all of it: at half the load run's throughput the
 * requests' p95 was 43–119 ms, 9–15 ms with the turns (docs/load.md, session 6). On
 * PostgreSQL each statement waits for the server, which lets requests in already; the extra
 * turns there changed no latency and cost 20–30 % of the saturated load run's throughput.
 */
export function yieldBetweenSteps(knex: Knex): YieldBetweenSteps {
  return isSqlite(knex) ? yieldToEventLoop : noYield;
}
