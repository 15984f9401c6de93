/**
 * Performance benchmark of the reliability backend plugin (`yarn bench`). From the repo root:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/reliability-backend/bench/run.ts [options]
 *
 * or, from plugins/reliability-backend (what `yarn bench` runs):
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/run.ts [--smoke] [--db sqlite|pg|both] [--only <scenario>[,<scenario>...]]... [--json]
 *
 * --smoke  small volumes, well under a minute: proves in CI that every step runs; prints
 *          the same table, whose figures then say little.
 * --db     which database(s) to run on (default both). SQLite is a file in a temp dir;
 *          PostgreSQL is a fresh database `reliability_bench_<random>` on the server of
 *          RELIABILITY_BENCH_PG_CONNECTION, else of a BACKSTAGE_TEST_DATABASE_POSTGRES*
 *          variable, else postgresql://postgres@127.0.0.1:5432; it is dropped at the end.
 * --only   run only these scenarios (repeatable, or comma-separated), with just the seed
 *          data they need: engine, summary, detail, overview, audit, gate, evaluation,
 *          ingest, prometheusSync, sustained (see scenarioNames.ts; the
 *          last two run on PostgreSQL only). The peak-memory figures of each
 *          database's process are always reported.
 * --json   instead of the table, one JSON object per figure and line on stdout:
 *          { "id", "database", "value", "unit", "target", "pass" }. `id` is stable
 *          (`summary.p95`, `evaluation.windowRatio`, `memory.peakRss`, ...), `database` is
 *          "sqlite", "pg" or null (the engine, which runs without one), `target` the
 *          condition in the figure's unit ("<= 50") and `pass` true/false, both null for an
 *          informational figure. The header and the closing line go to stderr then.
 *
 * Prints a Markdown table (stdout; progress on stderr), each figure next to its target with
 * PASS/MISS. Exits 0 even on a MISS (it is a report); non-zero only if the benchmark
 * itself failed (or an argument is wrong).
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { precompiledChild } from '../src/__testUtils__/precompiled/precompile';
import type { DatabaseKind } from './databases';
import { benchEngine } from './engine';
import {
  databaseScenarios,
  ScenarioName,
  SCENARIOS,
  selectScenarios,
} from './scenarioNames';
import { progress } from './seed';
import { renderTable, Row, rowPass } from './table';
import { volumesFor } from './volumes';

interface Args {
  smoke: boolean;
  json: boolean;
  databases: DatabaseKind[];
  scenarios: ScenarioName[];
}

const USAGE = `usage: run.ts [--smoke] [--db sqlite|pg|both] [--only <scenario>[,<scenario>...]]... [--json]
scenarios: ${SCENARIOS.join(', ')}`;

function parseArgs(argv: string[]): Args {
  const args: Args = {
    smoke: false,
    json: false,
    databases: ['sqlite', 'pg'],
    scenarios: [],
  };
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--smoke') {
      args.smoke = true;
    } else if (arg === '--json') {
      args.json = true;
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (value === undefined || value.startsWith('--')) {
        throw new Error(`--only: missing scenario name\n${USAGE}`);
      }
      only.push(value);
    } else if (arg === '--db' || arg.startsWith('--db=')) {
      const value = arg === '--db' ? argv[++i] : arg.slice('--db='.length);
      if (value === 'both') args.databases = ['sqlite', 'pg'];
      else if (value === 'sqlite' || value === 'pg') args.databases = [value];
      else
        throw new Error(
          `--db: expected sqlite, pg or both; got ${value}\n${USAGE}`,
        );
    } else {
      throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  args.scenarios = selectScenarios(only);
  if (
    !args.scenarios.includes('engine') &&
    args.databases.every(
      kind => databaseScenarios(kind, args.scenarios).length === 0,
    )
  ) {
    throw new Error(
      `nothing to run: ${args.scenarios.join(', ')} on ${args.databases.join(
        ', ',
      )} (prometheusSync and sustained run on PostgreSQL only)\n${USAGE}`,
    );
  }
  return args;
}

/** Runs one database's part in a child process (see child.ts) and collects its rows. */
function runChild(
  kind: DatabaseKind,
  smoke: boolean,
  scenarios: ScenarioName[],
): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    let rows: Row[] | undefined;
    // The child runs the TypeScript compiled ahead (precompile.ts), as a deployed backend
    // runs built code; --expose-gc lets it tell retained heap from V8's slack.
    const child = fork(
      join(__dirname, 'child.ts'),
      [kind, smoke ? 'smoke' : 'full', scenarios.join(',')],
      precompiledChild({ execArgv: ['--expose-gc'] }),
    );
    child.on('message', (message: { rows: Row[] }) => {
      rows = message.rows;
    });
    child.on('error', reject);
    child.on('exit', code => {
      if (code === 0 && rows) resolve(rows);
      else reject(new Error(`the ${kind} run failed (exit code ${code})`));
    });
  });
}

function header(args: Args, loadAtStart: number): string {
  const only =
    args.scenarios.length < SCENARIOS.length
      ? `, only ${args.scenarios.join(', ')}`
      : '';
  return [
    `## Reliability backend benchmark (${
      args.smoke ? 'SMOKE: small volumes, figures indicative only' : 'full'
    }${only})`,
    '',
    `Node ${process.version}, ${
      cpus().length
    } CPUs (${cpus()[0]?.model.trim()}); ` +
      `the backend, its database server and the load generator share them. ` +
      // Other work on the machine skews every figure; the load average tells if there was.
      `1-min load average at start ${loadAtStart.toFixed(
        1,
      )}, at end ${loadavg()[0].toFixed(1)}.`,
    "The plugin runs in Backstage's test backend with its mock auth (mock user/service tokens, " +
      'permissions allow all) and a mock catalog, its TypeScript compiled ahead (no compiler in ' +
      'the measured processes, as in a deployment). Latencies are measured by the client over ' +
      'loopback HTTP (127.0.0.1, keep-alive), one request at a time, so they include the loopback.',
    '',
  ].join('\n');
}

/** One JSON line per figure of the rows; `database` is the run's database, null for none. */
function jsonLines(rows: Row[], database: DatabaseKind | null): string {
  return rows
    .flatMap(row => {
      if (!row.figures || row.figures.length === 0) {
        throw new Error(`the row '${row.what}' has no figures for --json`);
      }
      return row.figures.map(f =>
        JSON.stringify({
          id: f.id,
          database,
          value: f.value,
          unit: f.unit,
          target: f.target,
          pass: f.pass,
        }),
      );
    })
    .map(line => `${line}\n`)
    .join('');
}

async function main() {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    // A wrong argument is the caller's mistake, not a failure: the message, no stack.
    process.stderr.write(`[bench] ${(error as Error).message}\n`);
    process.exit(2);
  }
  const started = Date.now();
  const loadAtStart = loadavg()[0];
  const volumes = volumesFor(args.smoke);
  const runs: Array<{ database: DatabaseKind | null; rows: Row[] }> = [];
  if (args.scenarios.includes('engine')) {
    progress('engine');
    runs.push({ database: null, rows: await benchEngine(volumes) });
  }
  // One database after the other: run together they would compete for the two cores.
  for (const kind of args.databases) {
    const scenarios = databaseScenarios(kind, args.scenarios);
    if (scenarios.length === 0) continue;
    runs.push({
      database: kind,
      rows: await runChild(kind, args.smoke, scenarios),
    });
  }
  const rows = runs.flatMap(r => r.rows);
  if (args.json) {
    process.stderr.write(header(args, loadAtStart));
    process.stdout.write(runs.map(r => jsonLines(r.rows, r.database)).join(''));
  } else {
    process.stdout.write(`${header(args, loadAtStart)}${renderTable(rows)}\n`);
  }
  // Figures, not rows: a row can hold several judged figures (the engine's mean and p95).
  const misses = rows
    .map(r =>
      r.figures
        ? r.figures.filter(f => f.pass === false).length
        : Number(rowPass(r) === false),
    )
    .reduce((a, b) => a + b, 0);
  const closing = `${
    misses === 0 ? 'All targets met' : `${misses} figure(s) MISS their target`
  }; took ${((Date.now() - started) / 1000).toFixed(0)} s.\n`;
  if (args.json) process.stderr.write(`[bench] ${closing}`);
  else process.stdout.write(`\n${closing}`);
}

main().catch(error => {
  process.stderr.write(`[bench] failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
