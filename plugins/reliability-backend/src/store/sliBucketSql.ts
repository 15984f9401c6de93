import { Knex } from 'knex';
import type { BucketWrite, WriteMode } from './SliBucketStore';

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

/** The fields of a bucket the PostgreSQL upsert sends (JSON.stringify's allow-list). */
const BUCKET_FIELDS: Array<keyof BucketWrite> = [
  'sloRef',
  'objective',
  'bucketStart',
  'good',
  'total',
];

/** What every row of a batch shares. */
export interface FixedColumns {
  resolutionMs: number;
  updatedAt: number;
}

/**
 * On PostgreSQL the whole batch goes in one statement, its buckets as one JSON parameter
 * (binding parameters per row for thousands of rows costs more than the insert itself),
 * written straight from the buckets with only their own fields: what every row shares is
 * bound once.
 */
export async function upsertPostgres(
  tx: Knex,
  buckets: readonly BucketWrite[],
  fixed: FixedColumns,
  mode: WriteMode,
): Promise<void> {
  await tx.raw(
    `insert into ${TABLE} (slo_ref, objective, bucket_start, resolution_ms, good, total, covered_ms, updated_at)
     select x."sloRef", x.objective, x."bucketStart", ?::integer, x.good, x.total, ?::bigint, ?::bigint
     from json_to_recordset(?::json) as x("sloRef" text, objective text, "bucketStart" bigint,
       good bigint, total bigint)
     ${onConflict(mode)}`,
    [
      fixed.resolutionMs,
      fixed.resolutionMs,
      fixed.updatedAt,
      JSON.stringify(buckets, BUCKET_FIELDS),
    ],
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
  buckets: readonly BucketWrite[],
  fixed: FixedColumns,
  mode: WriteMode,
): Promise<void> {
  for (let i = 0; i < buckets.length; i += INSERT_CHUNK) {
    const end = Math.min(buckets.length, i + INSERT_CHUNK);
    const bindings: Array<string | number> = [];
    for (let r = i; r < end; r++) {
      const b = buckets[r];
      // In UPSERT_COLUMNS' order.
      bindings.push(
        b.sloRef,
        b.objective,
        b.bucketStart,
        fixed.resolutionMs,
        b.good,
        b.total,
        fixed.resolutionMs,
        fixed.updatedAt,
      );
    }
    await tx.raw(upsertStatement(mode, end - i), bindings);
  }
}
