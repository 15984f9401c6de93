/**
 * The load run's second phase: the same request mix at a steady rate, below what the
 * backend serves flat out. The first phase (load-drive.ts) keeps its connections busy with
 * no think time, so every answer waits behind the others in flight and its latencies say
 * how long the queue is; this one sends each request at its time whether or not earlier
 * answers are in (an open loop, requests evenly spaced), so its latencies are what a
 * caller sees when the backend is busy but not saturated, stalls included: a stretch of
 * background work that holds Node's thread shows in the p95 here, and hides in the
 * queue there.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type autocannon from 'autocannon';
import { Kind, KINDS } from './load-kinds';

export interface SteadyOptions {
  port: number;
  /** The session of load-mix.ts, replayed in order, one pass after the other. */
  requests: autocannon.Request[];
  /** Requests per second, evenly spaced. */
  rate: number;
  warmupSeconds: number;
  seconds: number;
}

export interface SteadyResult {
  rate: number;
  measuredSeconds: number;
  /** Latencies (ms) of the answers to requests sent after the warm-up, by kind. */
  byKind: Map<Kind, number[]>;
  /** Requests sent, warm-up included. */
  sent: number;
  /** Non-2xx answers, socket errors and timeouts, warm-up included. */
  failures: number;
  /** The first few failures, for the report. */
  failureMessages: string[];
}

const TIMEOUT_MS = 10_000;

/** Sends the mix at `rate` requests per second for warm-up + measured seconds. */
export async function steadyLoad(
  options: SteadyOptions,
): Promise<SteadyResult> {
  const { port, requests, rate } = options;
  // Enough sockets that a request never waits for one on the client side.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const byKind = new Map<Kind, number[]>(KINDS.map(k => [k, []]));
  const failureMessages: string[] = [];
  let failures = 0;
  let sent = 0;
  let outstanding = 0;
  let context: Record<string, unknown> = {};
  const fail = (message: string) => {
    failures++;
    if (failureMessages.length < 3) failureMessages.push(message);
  };

  function send(measured: boolean) {
    const index = sent % requests.length;
    // A new pass of the session: a new entity-page visit (load-mix.ts).
    if (index === 0) context = {};
    const template = requests[index];
    const built = template.setupRequest!({ ...template }, context);
    const kind = template.kind as Kind;
    sent++;
    outstanding++;
    const start = performance.now();
    issue(kind, built, measured, start, true);
  }

  function issue(
    kind: Kind,
    built: ReturnType<NonNullable<autocannon.Request['setupRequest']>>,
    measured: boolean,
    start: number,
    mayRetry: boolean,
  ) {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: built.path,
        method: built.method,
        headers: built.headers,
        agent,
        timeout: TIMEOUT_MS,
      },
      response => {
        // As in the first phase: any answer other than 2xx is a failure.
        const status = response.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        const chunks: Buffer[] = [];
        response.on('data', chunk => {
          if (!ok) chunks.push(chunk);
        });
        response.on('end', () => {
          outstanding--;
          if (!ok) {
            fail(
              `${kind}: HTTP ${response.statusCode}: ${Buffer.concat(chunks)
                .toString('utf8')
                .slice(0, 300)}`,
            );
          } else if (measured) {
            byKind.get(kind)!.push(performance.now() - start);
          }
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', error => {
      // A kept-alive socket the server closed (its keep-alive timeout) just as this request
      // went out on it: sent again once, as Node's documentation advises (every request of
      // the mix may be repeated: reads, and pushes that replace a minute's counts).
      if (
        mayRetry &&
        request.reusedSocket &&
        (error as NodeJS.ErrnoException).code === 'ECONNRESET'
      ) {
        issue(kind, built, measured, start, false);
        return;
      }
      outstanding--;
      fail(`${kind}: ${error.message}`);
    });
    request.end(built.body);
  }

  const totalMs = (options.warmupSeconds + options.seconds) * 1000;
  const measureFromMs = options.warmupSeconds * 1000;
  const started = performance.now();
  await new Promise<void>(resolve => {
    // Every millisecond (Node's timer granularity), the requests whose time has come.
    const tick = () => {
      const elapsed = performance.now() - started;
      const due = Math.floor((Math.min(elapsed, totalMs) * rate) / 1000);
      while (sent < due) send((sent * 1000) / rate >= measureFromMs);
      if (elapsed >= totalMs) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  // The last answers, at most a timeout's worth.
  const deadline = performance.now() + TIMEOUT_MS;
  while (outstanding > 0 && performance.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  agent.destroy();
  return {
    rate,
    measuredSeconds: options.seconds,
    byKind,
    sent,
    failures: failures + outstanding,
    failureMessages,
  };
}
