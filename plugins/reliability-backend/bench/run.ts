/**
 * Performance benchmark of the reliability backend plugin (`yarn bench`). From the repo root:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/reliability-backend/bench/run.ts [--smoke] [--db sqlite|pg|both]
 *
 * or, from plugins/reliability-backend (what `yarn bench` runs):
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/run.ts [--smoke] [--db sqlite|pg|both]
 *
 * --smoke  small volumes, well under a minute: proves in CI that every step runs; prints
 *          the same table, whose figures then say little.
 * --db     which database(s) to run on (default both). SQLite is a file in a temp dir;
 *          PostgreSQL is a fresh database `reliability_bench_<random>` on the server of
 *          RELIABILITY_BENCH_PG_CONNECTION, else of a BACKSTAGE_TEST_DATABASE_POSTGRES*
 *          variable, else postgresql://postgres@127.0.0.1:5432; it is dropped at the end.
 *
 * Prints a Markdown table (stdout; progress on stderr), each figure next to its target with
 * PASS/MISS. Exits 0 even on a MISS (it is a report); non-zero only if the benchmark
 * itself failed.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { DatabaseKind } from './databases';
import { benchEngine } from './engine';
import { progress } from './seed';
import { renderTable, Row } from './table';
import { volumesFor } from './volumes';

interface Args {
  smoke: boolean;
  databases: DatabaseKind[];
}

const USAGE = 'usage: run.ts [--smoke] [--db sqlite|pg|both]';

function parseArgs(argv: string[]): Args {
  const args: Args = { smoke: false, databases: ['sqlite', 'pg'] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--smoke') {
      args.smoke = true;
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
  return args;
}

/** Runs one database's part in a child process (see child.ts) and collects its rows. */
function runChild(kind: DatabaseKind, smoke: boolean): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    let rows: Row[] | undefined;
    // The child loads TypeScript the same way (inherited execArgv); --expose-gc lets it
    // tell retained heap from V8's slack.
    const child = fork(
      join(__dirname, 'child.ts'),
      [kind, smoke ? 'smoke' : 'full'],
      { execArgv: [...process.execArgv, '--expose-gc'] },
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
  return [
    `## Reliability backend benchmark (${
      args.smoke ? 'SMOKE: small volumes, figures indicative only' : 'full'
    })`,
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
      'permissions allow all) and a mock catalog. Latencies are measured by the client over ' +
      'loopback HTTP (127.0.0.1, keep-alive), one request at a time, so they include the loopback.',
    '',
  ].join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadAtStart = loadavg()[0];
  progress('engine');
  const rows = await benchEngine(volumesFor(args.smoke));
  // One database after the other: run together they would compete for the two cores.
  for (const kind of args.databases) {
    rows.push(...(await runChild(kind, args.smoke)));
  }
  process.stdout.write(`${header(args, loadAtStart)}${renderTable(rows)}\n`);
  const misses = rows.filter(r => r.pass === false).length;
  process.stdout.write(
    `\n${
      misses === 0 ? 'All targets met' : `${misses} figure(s) MISS their target`
    }; ` + `took ${((Date.now() - started) / 1000).toFixed(0)} s.\n`,
  );
}

main().catch(error => {
  process.stderr.write(`[bench] failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
