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
// terms; PostgreSQL takes the same chunks without loss.
export const INSERT_CHUNK = 500;

/**
 * On PostgreSQL the whole batch goes in one statement, its rows as one JSON parameter:
 * binding 7 parameters per row for thousands of rows costs more than the insert itself.
 */
export async function upsertPostgres(
  tx: Knex,
  rows: Array<Record<string, string | number>>,
  mode: WriteMode,
): Promise<void> {
  const merge =
    mode === 'add'
      ? `good = ${TABLE}.good + excluded.good, total = ${TABLE}.total + excluded.total`
      : 'good = excluded.good, total = excluded.total';
  await tx.raw(
    `insert into ${TABLE} (slo_ref, objective, bucket_start, resolution_ms, good, total, covered_ms, updated_at)
     select slo_ref, objective, bucket_start, resolution_ms, good, total, covered_ms, updated_at
     from json_to_recordset(?::json) as x(slo_ref text, objective text, bucket_start bigint,
       resolution_ms integer, good bigint, total bigint, covered_ms bigint, updated_at bigint)
     on conflict (slo_ref, objective, bucket_start, resolution_ms)
     do update set ${merge}, updated_at = excluded.updated_at`,
    [JSON.stringify(rows)],
  );
}

/** SQLite (and any dialect but PostgreSQL): multi-row inserts of INSERT_CHUNK rows. */
export async function upsertChunks(
  tx: Knex,
  rows: Array<Record<string, string | number>>,
  mode: WriteMode,
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const insert = tx(TABLE)
      .insert(chunk)
      .onConflict(['slo_ref', 'objective', 'bucket_start', 'resolution_ms']);
    if (mode === 'add') {
      await insert.merge({
        good: tx.raw('??.?? + excluded.??', [TABLE, 'good', 'good']),
        total: tx.raw('??.?? + excluded.??', [TABLE, 'total', 'total']),
        updated_at: tx.raw('excluded.??', ['updated_at']),
      });
    } else {
      await insert.merge(['good', 'total', 'updated_at']);
    }
  }
}
