/**
 * The load generator of load.ts: autocannon against the backend that load-backend.ts runs,
 * replaying the session of load-mix.ts on every connection, with each answer's latency and
 * status counted by the kind of request it answered. Loaded by load.ts once its first
 * backend process is starting, so that the two start up side by side.
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { FromBackend, ToBackend } from './load-backend';
import { Kind, KINDS } from './load-kinds';
import { CpuShares, CpuTimes, cpuShares, readCpuTimes } from './machineCpu';
import { nextMessage } from './load-messages';
import { session } from './load-mix';
import { steadyLoad, SteadyResult } from './load-steady';
import type { LoadVolumes } from './load-volumes';
import { progress } from './progress';

/** What one database's run measured. */
export interface KindFigures {
  latencies: number[];
  /** Answers other than 2xx over the whole run, warm-up included. */
  non2xx: number;
  statuses: Map<number, number>;
  /** The first few bodies of such answers, for the error report. */
  errorBodies: string[];
}

export interface LoadResult {
  label: string;
  seeded: Extract<FromBackend, { type: 'ready' }>['seeded'];
  measuredSeconds: number;
  byKind: Map<Kind, KindFigures>;
  /** All answers other than 2xx (autocannon's count, if higher than the kinds' sum). */
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  errorMessages: Map<string, number>;
  rssAtStartBytes: number;
  /** The second phase: the mix at a steady rate (load-steady.ts). */
  steady: SteadyResult;
  /** The evaluation queue at the end of each phase (statuses falling behind). */
  backlog: { flatOut: Backlog; steady: Backlog };
  /** How the machine's CPU time went over the measured flat-out seconds. */
  machineCpu: CpuShares | undefined;
  memory: Extract<FromBackend, { type: 'done' }>;
}

export type Backlog = Omit<Extract<FromBackend, { type: 'backlog' }>, 'type'>;

/** The backend's evaluation backlog now. */
async function backlogOf(child: ChildProcess): Promise<Backlog> {
  const reply = nextMessage(child, 'backlog');
  child.send({ type: 'backlog' } satisfies ToBackend);
  const { queued, overdueMs } = await reply;
  return { queued, overdueMs };
}

/** One request of each kind, before the load: a broken route fails loudly and at once. */
async function preflight(
  port: number,
  requests: autocannon.Request[],
): Promise<void> {
  const seen = new Set<string>();
  for (const request of requests) {
    if (seen.has(request.kind!)) continue;
    seen.add(request.kind!);
    const built = request.setupRequest!({ ...request }, { entity: 'svc-1' });
    const res = await fetch(`http://127.0.0.1:${port}${built.path}`, {
      method: built.method,
      headers: built.headers,
      body: built.body,
    });
    const text = await res.text();
    if (!res.ok) {
      throw new Error(
        `${request.kind}: ${built.method} ${built.path}: HTTP ${
          res.status
        }: ${text.slice(0, 300)}`,
      );
    }
  }
}

/**
 * autocannon against the child's backend for warm-up + measured seconds, then the same mix
 * at a steady fraction of the throughput it measured.
 */
export async function drive(
  child: ChildProcess,
  ready: Extract<FromBackend, { type: 'ready' }>,
  volumes: LoadVolumes,
): Promise<Omit<LoadResult, 'memory'>> {
  const requests = session({
    volumes,
    userAuth: ready.userAuth,
    serviceAuth: ready.serviceAuth,
  });
  await preflight(ready.port, requests);

  const byKind = new Map<Kind, KindFigures>(
    KINDS.map(k => [
      k,
      { latencies: [], non2xx: 0, statuses: new Map(), errorBodies: [] },
    ]),
  );
  for (const request of requests) {
    const figures = byKind.get(request.kind as Kind)!;
    request.onResponse = (status, body) => {
      if (status >= 200 && status < 300) return;
      if (figures.errorBodies.length < 3) {
        figures.errorBodies.push(`HTTP ${status}: ${body.slice(0, 300)}`);
      }
    };
  }

  let socketErrors = 0;
  let timeouts = 0;
  const errorMessages = new Map<string, number>();
  const totalSeconds = volumes.warmupSeconds + volumes.seconds;
  const started = performance.now();
  const measureFrom = started + volumes.warmupSeconds * 1000;
  let measureUntil = 0;
  let cpuFrom: CpuTimes | undefined;
  const cpuAtMeasure = setTimeout(() => {
    cpuFrom = readCpuTimes();
  }, volumes.warmupSeconds * 1000);
  child.send({ type: 'measure' } satisfies ToBackend);
  progress(
    `${ready.label}: ${volumes.connections} connections for ${volumes.warmupSeconds} s warm-up + ${volumes.seconds} s`,
  );
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${ready.port}`,
        connections: volumes.connections,
        pipelining: 1,
        duration: totalSeconds,
        timeout: 10,
        requests,
      },
      (error, r) => {
        clearTimeout(cpuAtMeasure);
        if (error) reject(error);
        else resolve(r);
      },
    );
    instance.on('response', (client, status, _bytes, latencyMs) => {
      const figures = byKind.get(
        client.requestIterator.currentRequest.kind as Kind,
      )!;
      if (status < 200 || status >= 300) {
        figures.non2xx++;
        figures.statuses.set(status, (figures.statuses.get(status) ?? 0) + 1);
      }
      const now = performance.now();
      if (now >= measureFrom) {
        figures.latencies.push(latencyMs);
        measureUntil = now;
      }
    });
    instance.on('reqError', error => {
      if (/timed out/.test(error.message)) timeouts++;
      else socketErrors++;
      errorMessages.set(
        error.message,
        (errorMessages.get(error.message) ?? 0) + 1,
      );
    });
  });
  const machineCpu = cpuShares(cpuFrom, readCpuTimes());
  // autocannon's own counts are the reference; ours attribute them to kinds.
  const non2xx = [...byKind.values()].reduce((s, f) => s + f.non2xx, 0);
  if (result.non2xx !== non2xx) {
    progress(
      `note: autocannon counted ${result.non2xx} non-2xx answers, the per-kind count ${non2xx}`,
    );
  }
  const flatOutBacklog = await backlogOf(child);
  const measuredSeconds = (measureUntil - measureFrom) / 1000;
  const answered = [...byKind.values()].reduce(
    (s, f) => s + f.latencies.length,
    0,
  );
  // No answer measured (every request failed or the run was too short): nothing to take
  // a fraction of, and a rate of answered / 0 would never stop sending.
  if (answered === 0 || !(measuredSeconds > 0)) {
    throw new Error(
      `${ready.label}: the first phase measured no answers; no steady rate to send at`,
    );
  }
  const rate = Math.max(
    1,
    Math.round((volumes.steady.fraction * answered) / measuredSeconds),
  );
  progress(
    `${ready.label}: ${rate} requests/s, evenly spaced, for ${volumes.steady.warmupSeconds} s warm-up + ${volumes.steady.seconds} s`,
  );
  const steady = await steadyLoad({
    port: ready.port,
    // Other services and pages than the first phase's.
    requests: session({
      volumes,
      userAuth: ready.userAuth,
      serviceAuth: ready.serviceAuth,
      seed: 2,
    }),
    rate,
    warmupSeconds: volumes.steady.warmupSeconds,
    seconds: volumes.steady.seconds,
  });
  const steadyBacklog = await backlogOf(child);
  return {
    label: ready.label,
    seeded: ready.seeded,
    measuredSeconds,
    byKind,
    non2xx: Math.max(non2xx, result.non2xx),
    socketErrors: Math.max(socketErrors, result.errors - result.timeouts),
    timeouts: Math.max(timeouts, result.timeouts),
    errorMessages,
    rssAtStartBytes: ready.rssBytes,
    steady,
    backlog: { flatOut: flatOutBacklog, steady: steadyBacklog },
    machineCpu,
  };
}
