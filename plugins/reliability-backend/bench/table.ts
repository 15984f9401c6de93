/**
 * One measured number, as `--json` prints it. `id` is stable across runs and code changes
 * (`<scenario>.<figure>`, e.g. `summary.p95`), so that scripts and reports can follow a
 * figure over time; `target` is the condition in the figure's own unit (`<= 50`), null for
 * an informational figure, and `pass` null then too.
 */
export interface Figure {
  id: string;
  value: number;
  unit: string;
  target: string | null;
  pass: boolean | null;
}

/** A figure's target: at most or at least `limit`, in the figure's unit. */
export type Bound = { op: '<=' | '>='; limit: number };

export const atMost = (limit: number): Bound => ({ op: '<=', limit });
export const atLeast = (limit: number): Bound => ({ op: '>=', limit });

/** A figure, judged against `bound` when there is one (none: informational). */
export function figure(
  id: string,
  value: number,
  unit: string,
  bound?: Bound,
): Figure {
  let pass: boolean | null = null;
  if (bound) {
    pass = bound.op === '<=' ? value <= bound.limit : value >= bound.limit;
  }
  return {
    id,
    // Microseconds for ms, and as fine for the rest: more digits are noise.
    value: Math.round(value * 1000) / 1000,
    unit,
    target: bound ? `${bound.op} ${bound.limit}` : null,
    pass,
  };
}

/**
 * One line of the report: measured figures next to their target. `measured` and `target`
 * are what the Markdown table shows; `figures` are the same numbers for `--json`.
 */
export interface Row {
  what: string;
  database: string;
  volume: string;
  measured: string;
  target: string;
  /**
   * undefined: judged by `figures` (PASS when all its targeted figures pass, informational
   * when none has a target). Set only by reports without figures (the load run).
   */
  pass?: boolean;
  figures?: Figure[];
}

/** PASS (true), MISS (false) or informational (undefined). */
export function rowPass(row: Row): boolean | undefined {
  if (row.pass !== undefined) return row.pass;
  const judged = (row.figures ?? []).filter(f => f.pass !== null);
  return judged.length === 0 ? undefined : judged.every(f => f.pass);
}

export const ms = (value: number) =>
  value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`;

export const count = (value: number) =>
  Math.round(value).toLocaleString('en-US');

const COLUMNS: Array<[keyof Row | 'result', string]> = [
  ['what', 'what'],
  ['database', 'database'],
  ['volume', 'volume'],
  ['measured', 'measured'],
  ['target', 'target'],
  ['result', 'result'],
];

function result(row: Row): string {
  const pass = rowPass(row);
  if (pass === undefined) return 'info';
  return pass ? 'PASS' : 'MISS';
}

/** A Markdown table, so the output can be pasted into a PR or report as is. */
export function renderTable(rows: Row[]): string {
  const cells = rows.map(row =>
    COLUMNS.map(([key]) =>
      key === 'result' ? result(row) : String(row[key] ?? ''),
    ),
  );
  const widths = COLUMNS.map(([, title], i) =>
    Math.max(title.length, ...cells.map(c => c[i].length)),
  );
  const line = (values: string[]) =>
    `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(COLUMNS.map(([, title]) => title)),
    line(widths.map(w => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}
