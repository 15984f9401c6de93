/**
 * Load run of the reliability backend (`yarn bench:load`, short form `yarn bench:load:smoke`).
 * From plugins/reliability-backend:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/load.ts [--smoke] [--db sqlite|pg|both] [--seconds N] [--connections N]
 *
 * For each database, a child process (load-backend.ts) seeds a fresh database with the org
 * of the benchmark's overview scenario (services with two SLOs each and their statuses, a
 * policy state per service with freezes and exceptions, postmortems) and runs the plugin on
 * it; this process then drives its HTTP API over loopback with autocannon: `--connections`
 * keep-alive connections, each replaying the session of load-mix.ts, for a warm-up and then
 * `--seconds`; then sends the same mix at a steady half of the throughput measured, evenly
 * spaced whatever the answers (load-steady.ts), to show latencies below saturation. Reports
 * throughput, latency p50 / p95 / p99 and errors per kind of request and overall for both
 * phases, and the backend process's peak resident memory.
 *
 * --smoke        small org, 10 s, SQLite only (unless --db): proves in CI that the whole
 *                mix runs without an error; its figures say little.
 * --db           which database(s), as in run.ts (default both; with --smoke, sqlite).
 * --seconds      measured seconds after the warm-up (default 60; smoke 10).
 * --connections  concurrent connections (default 20; smoke 10).
 *
 * Prints a Markdown table (stdout; progress on stderr). Exits non-zero if any request failed
 * (a non-2xx answer, a socket error or a timeout) or the run itself failed; a latency or
 * memory figure over its target is reported as MISS but does not fail the run.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { precompiledChild } from '../src/__testUtils__/precompiled/precompile';
import type { DatabaseKind } from './databases';
import type { ToBackend } from './load-backend';
import { nextMessage } from './load-messages';
import { EVALUATION_DEFAULTS } from '../src/evaluation/EvaluationWorker';
import type { LoadResult } from './load-drive';
import { KIND_LABELS, KINDS, P95_TARGET_MS } from './load-kinds';
import { LoadVolumes, loadVolumesFor } from './load-volumes';
import { formatCpuShares } from './machineCpu';
import { percentile } from './stats';
import { count, ms, renderTable, Row } from './table';

const RSS_TARGET_MB = 600;
const USAGE =
  'usage: load.ts [--smoke] [--db sqlite|pg|both] [--seconds N] [--connections N]';

interface Args {
  smoke: boolean;
  databases?: DatabaseKind[];
  seconds?: number;
  connections?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { smoke: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string?];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag}: missing value\n${USAGE}`);
      return v;
    };
    const positive = () => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        throw new Error(`${flag}: expected a positive integer, got ${v}`);
      }
      return n;
    };
    if (flag === '--smoke') args.smoke = true;
    else if (flag === '--db') {
      const v = value();
      if (v === 'both') args.databases = ['sqlite', 'pg'];
      else if (v === 'sqlite' || v === 'pg') args.databases = [v];
      else throw new Error(`--db: expected sqlite, pg or both; got ${v}`);
    } else if (flag === '--seconds') args.seconds = positive();
    else if (flag === '--connections') args.connections = positive();
    else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  return args;
}

async function runDatabase(
  kind: DatabaseKind,
  volumes: LoadVolumes,
): Promise<LoadResult> {
  const child = fork(
    join(__dirname, 'load-backend.ts'),
    [kind, volumes.mode],
    precompiledChild(),
  );
  const exited = new Promise<number | null>(resolve =>
    child.on('exit', code => resolve(code)),
  );
  try {
    const ready = nextMessage(child, 'ready');
    ready.catch(() => {}); // awaited below, after the import
    // The load generator's modules load while the backend starts and seeds (a require:
    // import() would load the TypeScript module as ESM, without its named exports).
    const { drive }: typeof import('./load-drive') = require('./load-drive');
    const driven = await drive(child, await ready, volumes);
    const done = nextMessage(child, 'done');
    child.send({ type: 'stop' } satisfies ToBackend);
    const memory = await done;
    const code = await exited;
    if (code !== 0) throw new Error(`the load backend exited with ${code}`);
    return { ...driven, memory };
  } finally {
    if (child.exitCode === null && child.connected) child.disconnect();
  }
}

const mb = (bytes: number) => bytes / 1048576;
const rate = (n: number, seconds: number) =>
  `${(n / seconds).toFixed(n / seconds >= 100 ? 0 : 1)} req/s`;
const latencies = (sorted: number[]) =>
  sorted.length === 0
    ? 'no answers'
    : `${[50, 95, 99].map(p => ms(percentile(sorted, p))).join(' / ')}`;

function rows(r: LoadResult, volumes: LoadVolumes): Row[] {
  const out: Row[] = [];
  const all: number[] = [];
  const seconds = r.measuredSeconds;
  const total = [...r.byKind.values()].reduce(
    (s, f) => s + f.latencies.length,
    0,
  );
  for (const kind of KINDS) {
    const f = r.byKind.get(kind)!;
    const sorted = [...f.latencies].sort((a, b) => a - b);
    all.push(...sorted);
    const target = P95_TARGET_MS[kind];
    const p95 = sorted.length > 0 ? percentile(sorted, 95) : Infinity;
    out.push({
      what: KIND_LABELS[kind],
      database: r.label,
      volume: `${count(sorted.length)} requests (${(
        (100 * sorted.length) /
        Math.max(1, total)
      ).toFixed(0)} %)`,
      measured: `${rate(sorted.length, seconds)}; ${latencies(sorted)}; ${
        f.non2xx
      } non-2xx`,
      target:
        target !== undefined ? `p95 <= ${target} ms; 0 errors` : '0 errors',
      pass:
        f.non2xx === 0 &&
        sorted.length > 0 &&
        (target === undefined || p95 <= target),
    });
  }
  all.sort((a, b) => a - b);
  const non2xx = r.non2xx;
  const errors = non2xx + r.socketErrors + r.timeouts;
  out.push({
    what: 'all requests: throughput; latency p50 / p95 / p99; errors (non-2xx, socket, timeout)',
    database: r.label,
    volume: `${volumes.connections} connections, ${seconds.toFixed(
      0,
    )} s after ${volumes.warmupSeconds} s warm-up; ${count(
      all.length,
    )} requests`,
    measured: `${rate(all.length, seconds)}; ${latencies(
      all,
    )}; ${errors} errors (${non2xx}, ${r.socketErrors}, ${r.timeouts})`,
    target: '0 errors (warm-up included)',
    pass: errors === 0,
  });
  out.push({
    what: "the machine's CPU time over the measured flat-out seconds, all cores (/proc/stat): busy, stolen by the hypervisor, idle",
    database: r.label,
    volume:
      'the backend, its database, the load generator and anything else running',
    measured: formatCpuShares(r.machineCpu),
    target: '-',
  });
  out.push(...steadyRows(r));
  for (const [phase, b] of [
    ['flat-out', r.backlog.flatOut],
    ['steady half-load', r.backlog.steady],
  ] as const) {
    out.push({
      what: `evaluation backlog at the end of the ${phase} phase: SLOs queued; how long the longest-waiting due SLO has waited past its debounce for a worker`,
      database: r.label,
      volume: `${count(r.seeded.slos)} SLOs; pushes queue theirs, due ${
        EVALUATION_DEFAULTS.debounceMs / 1000
      } s later`,
      measured: `${count(b.queued)} queued; ${(b.overdueMs / 1000).toFixed(
        1,
      )} s`,
      target: '-',
    });
  }
  const peak = mb(r.memory.loadPeakBytes);
  out.push({
    what: 'peak RSS of the backend process during the load, both phases (100 ms samples)',
    database: r.label,
    volume: `${count(r.seeded.entities)} services, ${count(
      r.seeded.slos,
    )} SLOs; ${count(r.memory.loadSamples)} samples`,
    measured: `${peak.toFixed(0)} MB`,
    target: `<= ${RSS_TARGET_MB} MB`,
    pass: peak <= RSS_TARGET_MB,
  });
  out.push({
    what: 'RSS of the backend process: after seeding, before the load / peak over its life (start-up, seeding, load, shutdown)',
    database: r.label,
    volume: 'the same process',
    measured: `${mb(r.rssAtStartBytes).toFixed(0)} MB / ${mb(
      r.memory.processPeakBytes,
    ).toFixed(0)} MB`,
    target: '-',
  });
  return out;
}

/**
 * The second phase's figures: informational, the design's targets being for the first
 * (20 connections flat out).
 */
function steadyRows(r: LoadResult): Row[] {
  const { steady } = r;
  const out: Row[] = [];
  const all: number[] = [];
  const volume = `${steady.rate} req/s, evenly spaced, for ${steady.measuredSeconds} s`;
  for (const kind of KINDS) {
    const sorted = [...steady.byKind.get(kind)!].sort((a, b) => a - b);
    all.push(...sorted);
    out.push({
      what: `at a steady half load: ${KIND_LABELS[kind]}`,
      database: r.label,
      volume: `${count(sorted.length)} requests`,
      measured: latencies(sorted),
      target: '-',
    });
  }
  all.sort((a, b) => a - b);
  out.push({
    what: 'at a steady half load, all requests: latency p50 / p95 / p99; failed requests (warm-up included)',
    database: r.label,
    volume,
    measured: `${latencies(all)}; ${steady.failures} failed`,
    target: '0 failed',
    pass: steady.failures === 0,
  });
  return out;
}

function header(
  volumes: LoadVolumes,
  results: LoadResult[],
  loadAtStart: number,
): string {
  const s = results[0]?.seeded;
  return [
    `## Reliability backend load run (${
      volumes.mode === 'smoke'
        ? 'SMOKE: small org, short, figures indicative only'
        : 'full'
    })`,
    '',
    `Node ${process.version}, ${
      cpus().length
    } CPUs (${cpus()[0]?.model.trim()}); the backend, its database server and the load ` +
      `generator share them. 1-min load average at start ${loadAtStart.toFixed(
        1,
      )}, at end ${loadavg()[0].toFixed(1)}.`,
    `Seeded: ${count(s?.entities ?? 0)} services owned by ${
      volumes.org.teams
    } teams, ${count(
      s?.slos ?? 0,
    )} SLOs with a stored status, a policy state per service (${count(
      s?.frozen ?? 0,
    )} frozen), ${count(s?.postmortems ?? 0)} postmortems. ` +
      `The plugin runs in Backstage's test backend (mock auth, permissions allow all, mock ` +
      `catalog) with its default configuration, in a process of its own.`,
    `Load: autocannon, ${volumes.connections} keep-alive connections over loopback, each ` +
      `replaying the session of bench/load-mix.ts with no think time (17 requests: two ` +
      `entity-page visits of 5 reads, 4 gate checks, 2 pushes of ${volumes.pushBatch} ` +
      `current-minute buckets, 1 org-overview page). Latencies (ms) are client-measured; ` +
      `the first ${volumes.warmupSeconds} s are not counted, their errors are.`,
    `Then the same mix at a steady ${Math.round(
      volumes.steady.fraction * 100,
    )} % of the throughput measured flat out, each request sent at its time whatever ` +
      `the answers before it (an open loop, bench/load-steady.ts), ${volumes.steady.warmupSeconds} s warm-up + ${volumes.steady.seconds} s: what callers see when the backend is ` +
      `busy but not saturated. Its latencies are information; the targets are the first ` +
      `phase's.`,
    '',
  ].join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const defaults = loadVolumesFor(args.smoke);
  const volumes: LoadVolumes = {
    ...defaults,
    seconds: args.seconds ?? defaults.seconds,
    connections: args.connections ?? defaults.connections,
  };
  const databases: DatabaseKind[] =
    args.databases ?? (args.smoke ? ['sqlite'] : ['sqlite', 'pg']);
  const started = Date.now();
  const loadAtStart = loadavg()[0];
  const results: LoadResult[] = [];
  // One database after the other: together they would compete for the cores.
  for (const kind of databases) {
    results.push(await runDatabase(kind, volumes));
  }
  const table = results.flatMap(r => rows(r, volumes));
  process.stdout.write(
    `${header(volumes, results, loadAtStart)}${renderTable(table)}\n`,
  );
  let errors = 0;
  for (const r of results) {
    errors += r.non2xx + r.socketErrors + r.timeouts + r.steady.failures;
    for (const message of r.steady.failureMessages) {
      process.stderr.write(`[bench] ${r.label}: steady load: ${message}\n`);
    }
    for (const [kind, f] of r.byKind) {
      if (f.non2xx > 0) {
        process.stderr.write(
          `[bench] ${r.label}: ${kind}: ${f.non2xx} non-2xx (${[...f.statuses]
            .map(([s, n]) => `${n} x ${s}`)
            .join(', ')}); first: ${f.errorBodies.join(' | ')}\n`,
        );
      }
    }
    for (const [message, n] of r.errorMessages) {
      process.stderr.write(`[bench] ${r.label}: ${n} x ${message}\n`);
    }
  }
  const misses = table.filter(r => r.pass === false).length;
  process.stdout.write(
    `\n${
      misses === 0 ? 'All targets met' : `${misses} figure(s) MISS their target`
    }; ${errors} failed request(s); took ${(
      (Date.now() - started) /
      1000
    ).toFixed(0)} s.\n`,
  );
  if (errors > 0) process.exitCode = 1;
}

main().catch(error => {
  process.stderr.write(`[bench] load run failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
