// Reading postmortem records from JSON.
import { PostmortemBatch } from './postmortemBatch';

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
