import { ResponseError } from '@backstage/errors';
import { CommanderError } from 'commander';
import {
  ACTION_ITEM_FIELDS,
  POSTMORTEM_FIELDS,
  POSTMORTEM_LIMITS,
  PostmortemImportResult,
  PostmortemProblem,
  validatePostmortemInput,
} from '@reliability-suite/plugin-reliability-common';
import path from 'node:path';
import { CsvRecord, parseCsv } from '../csv';

/**
 * `reliability postmortems import`: a team's archive of postmortems, read from JSON or CSV,
 * checked record by record with the validator the API uses, and sent in one request that
 * the backend imports all or nothing.
 */

/**
 * The import's exit codes: 2 whenever nothing was sent because of the file or the
 * arguments, 1 when the backend refused the import or could not be asked.
 */
export const IMPORT_EXIT = { imported: 0, refused: 1, input: 2 } as const;

/** The backend's limit of records per request (`PostmortemImport.items.maxItems`). */
export const MAX_IMPORT = 1000;

/** How many problems or rejections are printed before "… and N more". */
const MAX_SHOWN = 100;

export type ImportFormat = 'json' | 'csv';

/** The fields of a postmortem that are columns of their own in CSV. */
const CSV_FIELDS = POSTMORTEM_FIELDS.filter(
  (f): f is Exclude<typeof f, 'actionItems' | 'expectedUpdatedAt'> =>
    f !== 'actionItems' && f !== 'expectedUpdatedAt',
);
const REQUIRED_COLUMNS = ['title', 'severity', 'startedAt', 'entityRefs'];
const ACTION_ITEM_COLUMN = /^actionItem(\d+)\.(.*)$/;

export const IMPORT_HELP = `
The file holds postmortems of incidents from a team's archive, one record each,
with the fields of the API's PostmortemInput: title, documentUrl, severity
(sev1-sev4), status (draft, in-review, published), blamelessReviewHeld,
summary, startedAt, detectedAt, mitigatedAt, resolvedAt (ISO 8601 date-times
with a zone), entityRefs, actionItems, externalId. title, severity, startedAt
and entityRefs are required. A record whose externalId was imported before
replaces that postmortem, so running an import again changes nothing twice.

JSON (.json): an array of records, or an object { "items": [ ... ] }.

CSV (.csv): a header row of field names, then one row per postmortem:
  - an empty cell is an absent field;
  - entityRefs: references separated by ";" (or commas or whitespace);
  - blamelessReviewHeld: true, false, yes or no;
  - action items in numbered columns actionItem1.title, actionItem1.ownerRef,
    actionItem1.dueAt, actionItem1.priority (p0-p3), actionItem1.status
    (open, in-progress, done, wont-do), actionItem1.link, actionItem1.labels
    (separated by ";", e.g. toil-reduction;automation), actionItem1.closedAt (when
    a done or wont-do item was closed), then actionItem2.title, and so on; an item
    whose cells are all empty is left out;
  - cells with commas, quotes or line breaks in double quotes, quotes doubled;
  - any other column is an error.
Problems name the line of the file and the row (the Nth postmortem), e.g.
  line 4 (row 3): severity: must be one of: sev1, sev2, sev3, sev4; got 'high'

Every record is checked before anything is sent; at most ${MAX_IMPORT} records per
file, imported all or nothing (split a larger archive into several files).

Exit codes:
  0  imported (or, with --dry-run, every record is valid)
  1  the backend refused the import or could not be reached; nothing imported
  2  bad input: an unreadable or invalid file, more than ${MAX_IMPORT} records, or
     bad arguments; nothing was sent

Examples:
  reliability postmortems import examples/postmortems-archive.csv --dry-run
  reliability postmortems import archive.json --url http://localhost:7007 --token "$TOKEN"`;

function inputError(code: string, message: string): CommanderError {
  return new CommanderError(IMPORT_EXIT.input, `reliability.${code}`, message);
}

/** The format from `--format`, or else from the file's extension. */
export function importFormat(file: string, format?: string): ImportFormat {
  if (format !== undefined) {
    const f = format.toLowerCase();
    if (f !== 'json' && f !== 'csv') {
      throw inputError(
        'format',
        `--format: must be json or csv; got '${format}'`,
      );
    }
    return f;
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  throw inputError(
    'format',
    `${file}: cannot tell the format from ${
      ext ? `the extension '${ext}'` : 'a name without an extension'
    }; name the file .json or .csv, or pass --format json|csv`,
  );
}

/** Postmortem records read from a file, in the API's JSON shape. */
export interface PostmortemBatch {
  /** The records as they are sent: JSON as parsed, CSV rows turned into JSON records. */
  items: unknown[];
  /** Problems with the file as a whole, each naming where it is; no records then. */
  problems: string[];
  /**
   * Where a problem of `items[index]` at `field` (a path inside the record, '' for the
   * record itself) is, as the file names it: `items[2].startedAt` for JSON,
   * `line 4 (row 3): startedAt` for CSV.
   */
  where(index: number, field: string): string;
  /**
   * Problems found while turning each record's cells into JSON (CSV); the validator's
   * problems with these fields are not repeated, and a problem with the field '' (the
   * record as a whole, e.g. a row of the wrong length) means the record is not checked.
   */
  cellProblems: PostmortemProblem[][];
}

function subPath(base: string, field: string): string {
  if (field === '' || field === '(record)') return base;
  return field.startsWith('[') ? `${base}${field}` : `${base}.${field}`;
}

/** Reads a JSON array of records, or an object `{ "items": [...] }`. */
export function readPostmortemsJson(text: string): PostmortemBatch {
  const batch: PostmortemBatch = {
    items: [],
    problems: [],
    where: (index, field) => subPath(`items[${index}]`, field),
    cellProblems: [],
  };
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    batch.problems.push(`not JSON: ${(e as Error).message}`);
    return batch;
  }
  if (Array.isArray(value)) {
    batch.items = value;
  } else if (
    value &&
    typeof value === 'object' &&
    Array.isArray((value as { items?: unknown }).items)
  ) {
    const others = Object.keys(value).filter(k => k !== 'items');
    if (others.length > 0) {
      batch.problems.push(
        `unknown field(s) next to items: ${others.join(
          ', ',
        )} (expected { "items": [ ... ] } or an array of records)`,
      );
      return batch;
    }
    batch.items = (value as { items: unknown[] }).items;
  } else {
    batch.problems.push(
      'expected an array of postmortem records, or an object { "items": [ ... ] }',
    );
    return batch;
  }
  batch.cellProblems = batch.items.map(() => []);
  return batch;
}

type Column =
  | { kind: 'field'; name: (typeof CSV_FIELDS)[number] }
  | {
      kind: 'item';
      number: number;
      name: (typeof ACTION_ITEM_FIELDS)[number];
    };

function headerColumns(
  header: CsvRecord,
  problems: string[],
): Column[] | undefined {
  const columns: Column[] = [];
  const seen = new Set<string>();
  const where = `line ${header.line} (header)`;
  header.cells.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') {
      problems.push(`${where}: column ${i + 1} has no name`);
      return;
    }
    if (seen.has(name)) {
      problems.push(`${where}: column '${name}' appears twice`);
      return;
    }
    seen.add(name);
    if ((CSV_FIELDS as readonly string[]).includes(name)) {
      columns.push({
        kind: 'field',
        name: name as (typeof CSV_FIELDS)[number],
      });
      return;
    }
    const m = ACTION_ITEM_COLUMN.exec(name);
    if (m) {
      const n = Number(m[1]);
      if (
        !/^[1-9]\d*$/.test(m[1]) ||
        n > POSTMORTEM_LIMITS.actionItems ||
        !(ACTION_ITEM_FIELDS as readonly string[]).includes(m[2])
      ) {
        problems.push(
          `${where}: unknown column '${name}' (action item columns are actionItem<N>.<field>, N from 1 to ${
            POSTMORTEM_LIMITS.actionItems
          }, field one of: ${ACTION_ITEM_FIELDS.join(', ')})`,
        );
        return;
      }
      columns.push({
        kind: 'item',
        number: n,
        name: m[2] as (typeof ACTION_ITEM_FIELDS)[number],
      });
      return;
    }
    const hint =
      name === 'actionItems'
        ? '; action items go in numbered columns: actionItem1.title, actionItem1.ownerRef, …'
        : CSV_FIELDS.filter(f => f.toLowerCase() === name.toLowerCase()).map(
            f => `; did you mean '${f}'?`,
          )[0] ?? '';
    problems.push(
      `${where}: unknown column '${name}' (expected: ${CSV_FIELDS.join(
        ', ',
      )}, actionItem<N>.<field>)${hint}`,
    );
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) {
      problems.push(`${where}: the required column '${required}' is missing`);
    }
  }
  return problems.length > 0 ? undefined : columns;
}

/** The CSV column of a record's `field` (a validator path): actionItems[0].title is actionItem1.title. */
function csvColumn(field: string, itemNumbers: number[]): string {
  const m = /^actionItems\[(\d+)\](.*)$/.exec(field);
  if (!m || itemNumbers[Number(m[1])] === undefined) return field;
  return `actionItem${itemNumbers[Number(m[1])]}${m[2]}`;
}

/**
 * Reads CSV: a header row of field names and one row per postmortem, each row turned into
 * the JSON record the API takes (see IMPORT_HELP for the mapping).
 */
export function readPostmortemsCsv(text: string): PostmortemBatch {
  const labels: string[] = [];
  const itemNumbers: number[][] = [];
  const batch: PostmortemBatch = {
    items: [],
    problems: [],
    where: (index, field) => {
      const label = labels[index] ?? `row ${index + 1}`;
      const column = csvColumn(field, itemNumbers[index] ?? []);
      return column === '' || column === '(record)'
        ? label
        : `${label}: ${column}`;
    },
    cellProblems: [],
  };
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    batch.problems.push((e as Error).message);
    return batch;
  }
  if (records.length === 0) {
    batch.problems.push('line 1: the header row is missing');
    return batch;
  }
  const [header, ...rows] = records;
  const columns = headerColumns(header, batch.problems);
  if (!columns) return batch;

  for (const row of rows) {
    const cells = row.cells.map(c => c.trim());
    // A row with nothing in it (",,,," from a spreadsheet) is not a postmortem.
    if (cells.every(c => c === '')) continue;
    const index = batch.items.length;
    const label = `line ${row.line} (row ${index + 1})`;
    labels.push(label);
    const problems: PostmortemProblem[] = [];
    batch.cellProblems.push(problems);
    const record: Record<string, unknown> = {};
    batch.items.push(record);
    if (cells.length !== columns.length) {
      // Cells may be shifted: checking their values would only add confusion.
      problems.push({
        field: '',
        message: `has ${cells.length} cells; the header has ${columns.length} columns`,
      });
      itemNumbers.push([]);
      continue;
    }
    const items = new Map<number, Record<string, string | string[]>>();
    columns.forEach((column, i) => {
      const value = cells[i];
      if (value === '') return;
      if (column.kind === 'item') {
        const item = items.get(column.number) ?? {};
        item[column.name] =
          column.name === 'labels'
            ? value.split(/[;,\s]+/).filter(l => l !== '')
            : value;
        items.set(column.number, item);
      } else if (column.name === 'entityRefs') {
        record.entityRefs = value.split(/[;,\s]+/).filter(r => r !== '');
      } else if (column.name === 'blamelessReviewHeld') {
        if (/^(true|yes)$/i.test(value)) record.blamelessReviewHeld = true;
        else if (/^(false|no)$/i.test(value)) {
          record.blamelessReviewHeld = false;
        } else {
          record.blamelessReviewHeld = value;
          problems.push({
            field: 'blamelessReviewHeld',
            message: `must be true, false, yes or no; got '${value}'`,
          });
        }
      } else {
        record[column.name] = value;
      }
    });
    const numbers = [...items.keys()].sort((a, b) => a - b);
    itemNumbers.push(numbers);
    if (numbers.length > 0) {
      record.actionItems = numbers.map(n => items.get(n));
    }
  }
  return batch;
}

/** Reads a file's text as `format`. */
export function readPostmortems(
  text: string,
  format: ImportFormat,
): PostmortemBatch {
  return format === 'json'
    ? readPostmortemsJson(text)
    : readPostmortemsCsv(text);
}

/**
 * Every problem of the file and of every record, with the validator the API uses, each
 * naming where it is in the file, record by record.
 */
export function checkPostmortems(
  batch: PostmortemBatch,
  now: number,
): string[] {
  const problems = [...batch.problems];
  batch.items.forEach((raw, index) => {
    const found = batch.cellProblems[index] ?? [];
    for (const p of found) {
      problems.push(`${batch.where(index, p.field)}: ${p.message}`);
    }
    if (found.some(p => p.field === '')) return;
    const fields = new Set(found.map(p => p.field));
    for (const p of validatePostmortemInput(raw, now, '').problems) {
      if (!fields.has(p.field)) {
        problems.push(`${batch.where(index, p.field)}: ${p.message}`);
      }
    }
  });
  return problems;
}

/** At most MAX_SHOWN lines, then how many more there are. */
export function clipLines(lines: string[], indent = ''): string[] {
  if (lines.length <= MAX_SHOWN) return lines.map(l => `${indent}${l}`);
  return lines
    .slice(0, MAX_SHOWN)
    .map(l => `${indent}${l}`)
    .concat(`${indent}… and ${lines.length - MAX_SHOWN} more`);
}

/**
 * The lines for an import the backend refused: its status and message, then each rejected
 * record and field as the file names it.
 */
export function formatImportRefusal(
  e: ResponseError,
  batch: PostmortemBatch,
): string[] {
  const lines = [
    `error: ${e.statusCode} ${e.body.error.name}: ${e.body.error.message}`,
  ];
  const items = (e.body as { items?: unknown }).items;
  if (!Array.isArray(items)) return lines;
  const rejections = items.map(item => {
    const r = (item ?? {}) as Record<string, unknown>;
    const index = Number(r.index);
    const field = typeof r.field === 'string' ? r.field : '';
    const where = Number.isInteger(index)
      ? batch.where(index, field)
      : field || '(file)';
    return `${where}: ${String(r.message ?? '')}`;
  });
  return lines.concat(clipLines(rejections, '  '));
}

/** Rejects a 200 answer that is not an import result (a proxy page, another service). */
export function asImportResult(value: unknown): PostmortemImportResult {
  const r = value as Partial<PostmortemImportResult> | null;
  if (
    !r ||
    typeof r !== 'object' ||
    typeof r.created !== 'number' ||
    typeof r.updated !== 'number'
  ) {
    throw new CommanderError(
      IMPORT_EXIT.refused,
      'reliability.answer',
      'the backend answered with something that is not an import result; is --url the Backstage backend?',
    );
  }
  return r as PostmortemImportResult;
}

function plural(n: number): string {
  return `${n} postmortem${n === 1 ? '' : 's'}`;
}

export function formatImportResult(result: PostmortemImportResult): string {
  return `Imported ${plural(result.created + result.updated)}: ${
    result.created
  } created, ${result.updated} updated.`;
}

export function formatDryRun(file: string, count: number): string {
  return `Dry run: ${plural(count)} in ${file} ${
    count === 1 ? 'is' : 'are'
  } valid and would be imported in one request; nothing was sent.`;
}

export function tooManyError(file: string, count: number): CommanderError {
  return inputError(
    'too-many',
    `${file}: ${count} records; the backend imports at most ${MAX_IMPORT} in one request, all or nothing. Split the file into parts of at most ${MAX_IMPORT} records and import each part; nothing was sent`,
  );
}

export function emptyError(file: string): CommanderError {
  return inputError(
    'empty',
    `${file}: no postmortem records; nothing was sent`,
  );
}

export function invalidError(file: string, problems: number): CommanderError {
  return inputError(
    'invalid',
    `${problems} problem(s) in ${file}; nothing was sent`,
  );
}

export function readError(file: string, e: unknown): CommanderError {
  return inputError('file', `${file}: cannot read: ${(e as Error).message}`);
}
