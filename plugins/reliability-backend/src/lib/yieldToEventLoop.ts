/**
 * Lets Node's event loop run what waits for it (requests' I/O, timers) before going on.
 * Background work of many steps calls it between steps.
 *
 * Why: on SQLite every statement runs synchronously (better-sqlite3), so a chain of awaits
 * on the stores never leaves the microtask queue. An evaluation batch of 50 SLOs and the
 * policy evaluation of their services held the thread for 25–70 ms at a time, and every
 * request that arrived meanwhile waited for all of it (docs/load.md, session 6). On
 * PostgreSQL each statement waits for the server anyway; the yield then costs microseconds.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}
