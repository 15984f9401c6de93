/**
 * One database's part of the benchmark, forked by run.ts so that each backend starts in a
 * fresh process: its memory figure is its own, and one database's garbage cannot slow the
 * other. Arguments: <sqlite|pg> <full|smoke> <scenario,scenario,...>; sends its rows to the
 * parent over IPC.
 */
import { benchDatabase } from './database-run';
import type { DatabaseKind } from './databases';
import { selectScenarios } from './scenarioNames';
import { volumesFor } from './volumes';

const [kind, mode, scenarios] = process.argv.slice(2) as [
  DatabaseKind,
  string,
  string,
];

benchDatabase(
  kind,
  volumesFor(mode === 'smoke'),
  selectScenarios([scenarios]),
).then(
  rows => process.send!({ rows }, () => process.exit(0)),
  error => {
    process.stderr.write(`[bench] ${kind} failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
