// Reading postmortem records from CSV: named columns, numbered action-item columns, and
// cells turned into the JSON record the API takes.
import {
  ACTION_ITEM_FIELDS,
  POSTMORTEM_FIELDS,
  POSTMORTEM_LIMITS,
  PostmortemProblem,
} from '@reliability-suite/plugin-reliability-common';
import { CsvRecord, parseCsv } from '../csv';
import { PostmortemBatch } from './postmortemBatch';

/** The fields of a postmortem that are columns of their own in CSV. */
const CSV_FIELDS = POSTMORTEM_FIELDS.filter(
  (f): f is Exclude<typeof f, 'actionItems' | 'expectedUpdatedAt'> =>
    f !== 'actionItems' && f !== 'expectedUpdatedAt',
);
const REQUIRED_COLUMNS = ['title', 'severity', 'startedAt', 'entityRefs'];
const ACTION_ITEM_COLUMN = /^actionItem(\d+)\.(.*)$/;

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
 * the JSON record the API takes (see IMPORT_HELP in postmortems.ts for the mapping).
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
