/**
 * A real Prometheus for tests: back-fills OpenMetrics text into a fresh TSDB with
 * `promtool tsdb create-blocks-from openmetrics`, then serves it on 127.0.0.1 with no
 * scrape targets. Needs the Debian `prometheus` package (2.42); installs it when missing and
 * running as root.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const PROMETHEUS_BIN = '/usr/bin/prometheus';
const PROMTOOL_BIN = '/usr/bin/promtool';

/** @public */
export interface TestPrometheus {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Runs an instant query and returns the single sample value (or undefined if none). */
  instantQuery(expr: string, timeMs: number): Promise<number | undefined>;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes its data. */
  stop(): Promise<void>;
  /** How long setup took, in milliseconds, per step. */
  timings: Record<string, number>;
}

async function exists(file: string): Promise<boolean> {
  return fs
    .access(file)
    .then(() => true)
    .catch(() => false);
}

/** Makes sure /usr/bin/prometheus and /usr/bin/promtool exist, installing them if needed. */
export async function ensurePrometheusInstalled(): Promise<void> {
  if ((await exists(PROMETHEUS_BIN)) && (await exists(PROMTOOL_BIN))) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `The Prometheus tests need ${PROMETHEUS_BIN} and ${PROMTOOL_BIN} (Debian package 'prometheus', 2.42). ` +
        `Install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus`,
    );
  }
  // eslint-disable-next-line no-console
  console.log('Installing the Debian prometheus package for the tests...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const opts = { env, maxBuffer: 64 * 1024 * 1024 };
  await execFileAsync('apt-get', ['update'], opts);
  // No recommends: they would pull in (and try to start) prometheus-node-exporter.
  await execFileAsync(
    'apt-get',
    ['install', '-y', '--no-install-recommends', 'prometheus'],
    opts,
  );
}

/** A TCP port that was free a moment ago, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(
  url: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `Prometheus exited with code ${
          child.exitCode
        } before it was ready:\n${log()}`,
      );
    }
    try {
      const res = await fetch(`${url}/-/ready`, {
        signal: AbortSignal.timeout(1000),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(
    `Prometheus at ${url} was not ready after ${timeoutMs} ms:\n${log()}`,
  );
}

/**
 * Back-fills `openMetrics` (OpenMetrics text ending with `# EOF`) and starts Prometheus on
 * it. Samples must lie within the 30-day retention, so generate data ending near now.
 * `rules` (a Prometheus rule file, YAML) is loaded as is: give its groups a short
 * `interval` (e.g. `1s`) for alerts to fire soon after the start.
 *
 * @public
 */
export async function startTestPrometheus(options: {
  openMetrics?: string;
  rules?: string;
  /** The global rule evaluation interval (groups without their own), default `1m`. */
  evaluationInterval?: string;
}): Promise<TestPrometheus> {
  const timings: Record<string, number> = {};
  let t0 = Date.now();
  await ensurePrometheusInstalled();
  timings.install = Date.now() - t0;

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reliability-prom-'));
  const dataDir = path.join(dir, 'data');
  const inputFile = path.join(dir, 'series.om.txt');
  const configFile = path.join(dir, 'prometheus.yml');
  const rulesFile = path.join(dir, 'rules.yml');
  if (options.rules !== undefined) {
    await fs.writeFile(rulesFile, options.rules);
  }
  // No scrape targets: the server only serves the back-filled blocks (and its rules).
  await fs.writeFile(
    configFile,
    `global:\n  scrape_interval: 1m\n  evaluation_interval: ${
      options.evaluationInterval ?? '1m'
    }\nscrape_configs: []\n${
      options.rules !== undefined
        ? `rule_files:\n  - ${JSON.stringify(rulesFile)}\n`
        : ''
    }`,
  );

  t0 = Date.now();
  if (options.openMetrics !== undefined) {
    await fs.writeFile(inputFile, options.openMetrics);
  }
  try {
    if (options.openMetrics === undefined) {
      await fs.mkdir(dataDir);
    } else {
      await execFileAsync(
        PROMTOOL_BIN,
        [
          'tsdb',
          'create-blocks-from',
          'openmetrics',
          '--quiet',
          inputFile,
          dataDir,
        ],
        { maxBuffer: 64 * 1024 * 1024 },
      );
    }
  } catch (e) {
    await fs.rm(dir, { recursive: true, force: true });
    throw new Error(`promtool could not back-fill the test series: ${e}`);
  }
  timings.backfill = Date.now() - t0;

  t0 = Date.now();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // Back-filled blocks older than the retention would be deleted at start-up.
      '--storage.tsdb.retention.time=30d',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr!.on('data', chunk => {
    output = (output + chunk.toString()).slice(-20_000);
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>(resolve =>
        child.once('exit', () => resolve()),
      );
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killTimer);
    }
    await fs.rm(dir, { recursive: true, force: true });
  };

  try {
    await waitForReady(url, child, () => output, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  timings.start = Date.now() - t0;

  return {
    url,
    timings,
    stop,
    async instantQuery(expr, timeMs) {
      const body = new URLSearchParams({
        query: expr,
        time: (timeMs / 1000).toFixed(3),
      });
      const res = await fetch(`${url}/api/v1/query`, { method: 'POST', body });
      const json = (await res.json()) as any;
      if (json.status !== 'success') {
        throw new Error(`Instant query '${expr}' failed: ${json.error}`);
      }
      const result = json.data.result as Array<{ value: [number, string] }>;
      if (result.length > 1) {
        throw new Error(
          `Instant query '${expr}' returned ${result.length} series`,
        );
      }
      return result.length ? Number(result[0].value[1]) : undefined;
    },
  };
}
