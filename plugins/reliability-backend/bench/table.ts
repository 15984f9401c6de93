/** One line of the report: a measured figure next to its target. */
export interface Row {
  what: string;
  database: string;
  volume: string;
  measured: string;
  target: string;
  /** undefined: informational, no target. */
  pass?: boolean;
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
  if (row.pass === undefined) return 'info';
  return row.pass ? 'PASS' : 'MISS';
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
