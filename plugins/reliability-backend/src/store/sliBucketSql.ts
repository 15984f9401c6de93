import { Knex } from 'knex';
import type { WriteMode } from './SliBucketStore';

/**
 * The SQL of the bucket store that differs by dialect, and its tables: the upsert of a
 * batch of buckets (one JSON parameter on PostgreSQL, chunked multi-row inserts on SQLite).
 */

export const TABLE = 'reliability_sli_buckets';
export const BATCHES = 'reliability_sli_batches';
export const STALE_TOTALS = 'reliability_sli_stale_totals';

// knex writes a multi-row insert on SQLite as a compound SELECT, which SQLite caps at 500
// terms (the roll-up's insert); the upsert below binds 8 parameters a row, 4,000 a chunk,
// within SQLite's limit of 32,766. PostgreSQL takes the same chunks without loss.
export const INSERT_CHUNK = 500;

/** What a write does to a bucket already there: replace its counts, or add to them. */
function onConflict(mode: WriteMode): string {
  const merge =
    mode === 'add'
      ? `good = ${TABLE}.good + excluded.good, total = ${TABLE}.total + excluded.total`
      : 'good = excluded.good, total = excluded.total';
  return `on conflict (slo_ref, objective, bucket_start, resolution_ms)
     do update set ${merge}, updated_at = excluded.updated_at`;
}

/**
 * On PostgreSQL the whole batch goes in one statement, its rows as one JSON parameter:
 * binding 7 parameters per row for thousands of rows costs more than the insert itself.
 */
export async function upsertPostgres(
  tx: Knex,
  rows: Array<Record<string, string | number>>,
  mode: WriteMode,
): Promise<void> {
  await tx.raw(
    `insert into ${TABLE} (slo_ref, objective, bucket_start, resolution_ms, good, total, covered_ms, updated_at)
     select slo_ref, objective, bucket_start, resolution_ms, good, total, covered_ms, updated_at
     from json_to_recordset(?::json) as x(slo_ref text, objective text, bucket_start bigint,
       resolution_ms integer, good bigint, total bigint, covered_ms bigint, updated_at bigint)
     ${onConflict(mode)}`,
    [JSON.stringify(rows)],
  );
}

const UPSERT_COLUMNS = [
  'slo_ref',
  'objective',
  'bucket_start',
  'resolution_ms',
  'good',
  'total',
  'covered_ms',
  'updated_at',
] as const;
/** The statement text by mode and number of rows (every chunk but the last is full). */
const upsertText = new Map<string, string>();

function upsertStatement(mode: WriteMode, rows: number): string {
  const key = `${mode} ${rows}`;
  let text = upsertText.get(key);
  if (!text) {
    const row = `(${UPSERT_COLUMNS.map(() => '?').join(', ')})`;
    text = `insert into ${TABLE} (${UPSERT_COLUMNS.join(
      ', ',
    )}) values ${Array.from({ length: rows }, () => row).join(', ')}
     ${onConflict(mode)}`;
    upsertText.set(key, text);
  }
  return text;
}

/**
 * SQLite: multi-row upserts of INSERT_CHUNK rows, their text kept per mode and row
 * count. Why not knex's insert builder: it compiled each chunk anew,
 * quoting every column name of every row, about 3 KB of garbage per bucket written (1.2 GB
 * for the benchmark's 403,200 seeded buckets, docs/benchmark.md "session 9").
 */
export async function upsertChunks(
  tx: Knex,
  rows: Array<Record<string, string | number>>,
  mode: WriteMode,
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const end = Math.min(rows.length, i + INSERT_CHUNK);
    const bindings: Array<string | number> = [];
    for (let r = i; r < end; r++) {
      for (const column of UPSERT_COLUMNS) bindings.push(rows[r][column]);
    }
    await tx.raw(upsertStatement(mode, end - i), bindings);
  }
}
