import type { Request, RequestHandler } from 'express';

export interface AdmissionOptions {
  /**
   * How many waiting requests start together in one turn of the event loop; a priority
   * request waits for at most these. 0 starts every request as it arrives.
   */
  perTurn: number;
  /** Requests that start as they arrive (the deploy gate: pipelines wait on it). */
  isPriority(req: Request): boolean;
}

interface Waiting {
  next: () => void;
  gone: boolean;
}

/**
 * When requests start running the plugin's handlers, so that the deploy gate answers within
 * its target while the backend is saturated.
 *
 * Node serves every request on one thread, in the order it reads their sockets. A request
 * whose work never leaves the microtask queue (every read on SQLite, where statements run
 * synchronously) runs to its end before the next socket is even read, so with 20 requests
 * in flight a gate check, however cheap (under 1 ms of the thread), waited for the 19 before
 * it (docs/load.md, "Session 13": p50 0.9 ms in the handlers, 31.6 ms at the caller).
 *
 * Here the gate's checks start as they arrive. Every other request waits for the event
 * loop's check phase, and at most `perTurn` of them start in one turn. Between two turns the
 * loop reads every request that has arrived (its poll phase), so a gate check waits for at
 * most `perTurn` others and whatever else holds the thread (a collection, a step of
 * background work). The others keep their arrival order, and how many may be in flight is
 * not bounded: a request waiting on the database, the catalog or a source holds no place.
 *
 * On PostgreSQL it changes little: every statement waits for the server, so the requests in
 * flight interleave at each of them, and the gate's own round trip waits among theirs.
 */
export function createAdmission(options: AdmissionOptions): RequestHandler {
  const { perTurn, isPriority } = options;
  if (perTurn === 0) return (_req, _res, next) => next();

  // In arrival order. No longer than the callers connected at once, so shift() is cheap.
  const waiting: Waiting[] = [];
  let scheduled = false;

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(startTurn);
  }

  function startTurn() {
    scheduled = false;
    let started = 0;
    while (started < perTurn && waiting.length > 0) {
      const item = waiting.shift()!;
      // A caller that hung up while waiting is not run, and takes no place.
      if (item.gone) continue;
      item.next();
      started++;
    }
    if (waiting.length > 0) schedule();
  }

  return (req, res, next) => {
    if (isPriority(req)) {
      next();
      return;
    }
    const item: Waiting = { next, gone: false };
    res.once('close', () => {
      item.gone = true;
    });
    waiting.push(item);
    schedule();
  };
}
