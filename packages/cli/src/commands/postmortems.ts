import { ResponseError } from '@backstage/errors';
import { CommanderError } from 'commander';
import {
  PostmortemImportResult,
  validatePostmortemInput,
} from '@reliability-suite/plugin-reliability-common';
import path from 'node:path';
import { PostmortemBatch } from './postmortemBatch';
import { readPostmortemsCsv } from './postmortemsCsv';
import { readPostmortemsJson } from './postmortemsJson';

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
