import type { SliBucket } from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';

const TABLE = 'reliability_sli_buckets';
const BATCHES = 'reliability_sli_batches';
const HOUR_MS = 3_600_000;
// knex writes a multi-row insert on SQLite as a compound SELECT, which SQLite caps at 500
// terms; PostgreSQL takes the same chunks without loss.
const INSERT_CHUNK = 500;

/** Counts for one bucket, already aligned to the store's resolution. */
export interface BucketWrite {
  sloRef: string;
  objective: string;
  bucketStart: number;
  good: number;
  total: number;
}

/**
 * `replace`: each bucket named in a batch gets the batch's counts (summed over the batch's
 * items for that bucket), whatever it held before — a retried batch writes the same values.
 * `add`: the batch's counts are added to what the buckets hold; the batch's id is recorded
 * in the same transaction, so a retried batch is recognised and counts once.
 */
export type WriteMode = 'replace' | 'add';

interface BucketRow {
  slo_ref: string;
  objective: string;
  bucket_start: string | number;
  resolution_ms: number;
  good: string | number;
  total: string | number;
}

function isPostgres(db: Knex): boolean {
  return String(db.client.config.client).includes('pg');
}

/**
 * On PostgreSQL the whole batch goes in one statement, its rows as one JSON parameter:
 * binding 7 parameters per row for thousands of rows costs more than the insert itself.
 */
async function upsertPostgres(
  tx: Knex,
  rows: Array<Record<string, string | number>>,
  mode: WriteMode,
): Promise<void> {
  const merge =
    mode === 'add'
      ? `good = ${TABLE}.good + excluded.good, total = ${TABLE}.total + excluded.total`
      : 'good = excluded.good, total = excluded.total';
  await tx.raw(
    `insert into ${TABLE} (slo_ref, objective, bucket_start, resolution_ms, good, total, updated_at)
     select slo_ref, objective, bucket_start, resolution_ms, good, total, updated_at
     from json_to_recordset(?::json) as x(slo_ref text, objective text, bucket_start bigint,
       resolution_ms integer, good bigint, total bigint, updated_at bigint)
     on conflict (slo_ref, objective, bucket_start, resolution_ms)
     do update set ${merge}, updated_at = excluded.updated_at`,
    [JSON.stringify(rows)],
  );
}

/**
 * SLI data: good and total counts per objective and bucket. Minute buckets (the ingest
 * resolution) are rolled up into hourly buckets once older than the roll-up age.
 */
export class SliBucketStore {
  constructor(
    private readonly db: Knex,
    readonly resolutionMs: number = 60_000,
  ) {}

  /**
   * Writes a batch atomically: all of it or, on any failure, none of it. Returns how many
   * buckets were written, or `duplicate: true` when an additive batch with the same id was
   * already applied (nothing is written again).
   */
  async write(
    writes: BucketWrite[],
    options: { mode: WriteMode; batchId?: string; now?: number },
  ): Promise<{ buckets: number; duplicate: boolean }> {
    const now = options.now ?? Date.now();
    const merged = new Map<string, BucketWrite>();
    for (const w of writes) {
      const key = `${w.sloRef}\u0000${w.objective}\u0000${w.bucketStart}`;
      const seen = merged.get(key);
      if (seen) {
        seen.good += w.good;
        seen.total += w.total;
      } else {
        merged.set(key, { ...w });
      }
    }
    const rows = [...merged.values()].map(w => ({
      slo_ref: w.sloRef,
      objective: w.objective,
      bucket_start: w.bucketStart,
      resolution_ms: this.resolutionMs,
      good: w.good,
      total: w.total,
      updated_at: now,
    }));

    return this.db.transaction(async tx => {
      if (options.batchId !== undefined) {
        const inserted = await tx(BATCHES)
          .insert({
            batch_id: options.batchId,
            items: writes.length,
            received_at: now,
          })
          .onConflict('batch_id')
          .ignore()
          .returning('batch_id');
        if (inserted.length === 0) {
          return { buckets: 0, duplicate: true };
        }
      }
      if (isPostgres(tx)) {
        await upsertPostgres(tx, rows, options.mode);
        return { buckets: rows.length, duplicate: false };
      }
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        const insert = tx(TABLE)
          .insert(chunk)
          .onConflict([
            'slo_ref',
            'objective',
            'bucket_start',
            'resolution_ms',
          ]);
        if (options.mode === 'add') {
          await insert.merge({
            good: tx.raw('??.?? + excluded.??', [TABLE, 'good', 'good']),
            total: tx.raw('??.?? + excluded.??', [TABLE, 'total', 'total']),
            updated_at: tx.raw('excluded.??', ['updated_at']),
          });
        } else {
          await insert.merge(['good', 'total', 'updated_at']);
        }
      }
      return { buckets: rows.length, duplicate: false };
    });
  }

  /** The buckets of one objective that start in `[from, to)`, oldest first. */
  async read(
    sloRef: string,
    objective: string,
    from: number,
    to: number,
  ): Promise<SliBucket[]> {
    const rows = await this.db<BucketRow>(TABLE)
      .select('bucket_start', 'resolution_ms', 'good', 'total')
      .where({ slo_ref: sloRef, objective })
      .andWhere('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to)
      .orderBy('bucket_start', 'asc');
    return rows.map(r => ({
      start: Number(r.bucket_start),
      durationMs: r.resolution_ms,
      good: Number(r.good),
      total: Number(r.total),
    }));
  }

  /** The start of the oldest bucket of one objective; undefined without data. */
  async firstBucketStart(
    sloRef: string,
    objective: string,
  ): Promise<number | undefined> {
    const row = await this.db(TABLE)
      .where({ slo_ref: sloRef, objective })
      .min({ first: 'bucket_start' })
      .first();
    return row?.first === null || row?.first === undefined
      ? undefined
      : Number(row.first);
  }

  /** The events of one objective in buckets starting in `[from, to)` (an SQL sum). */
  async sumTotal(
    sloRef: string,
    objective: string,
    from: number,
    to: number,
  ): Promise<number> {
    const row = await this.db(TABLE)
      .where({ slo_ref: sloRef, objective })
      .andWhere('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to)
      .sum({ total: 'total' })
      .first();
    return Number(row?.total ?? 0);
  }

  /**
   * Folds minute buckets of whole hours before `olderThan` into hourly buckets, and deletes
   * the minute buckets it folded, in one transaction.
   */
  async rollUp(olderThan: number): Promise<number> {
    const cutoff = Math.floor(olderThan / HOUR_MS) * HOUR_MS;
    return this.db.transaction(async tx => {
      const hourly: Array<{
        slo_ref: string;
        objective: string;
        hour_start: string | number;
        good: string | number;
        total: string | number;
      }> = await tx(TABLE)
        .select(
          'slo_ref',
          'objective',
          tx.raw('?? - (?? % ?) as hour_start', [
            'bucket_start',
            'bucket_start',
            HOUR_MS,
          ]),
        )
        .sum({ good: 'good', total: 'total' })
        .where('resolution_ms', '<', HOUR_MS)
        .andWhere('bucket_start', '<', cutoff)
        .groupBy('slo_ref', 'objective', 'hour_start');
      if (hourly.length === 0) return 0;
      const now = Date.now();
      const rows = hourly.map(h => ({
        slo_ref: h.slo_ref,
        objective: h.objective,
        bucket_start: Number(h.hour_start),
        resolution_ms: HOUR_MS,
        good: Number(h.good),
        total: Number(h.total),
        updated_at: now,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx(TABLE)
          .insert(rows.slice(i, i + INSERT_CHUNK))
          .onConflict(['slo_ref', 'objective', 'bucket_start', 'resolution_ms'])
          .merge({
            good: tx.raw('??.?? + excluded.??', [TABLE, 'good', 'good']),
            total: tx.raw('??.?? + excluded.??', [TABLE, 'total', 'total']),
            updated_at: tx.raw('excluded.??', ['updated_at']),
          });
      }
      await tx(TABLE)
        .where('resolution_ms', '<', HOUR_MS)
        .andWhere('bucket_start', '<', cutoff)
        .delete();
      return rows.length;
    });
  }

  /** Drops buckets and batch ids older than the retention. */
  async deleteOlderThan(cutoff: number): Promise<void> {
    await this.db(TABLE).where('bucket_start', '<', cutoff).delete();
    await this.db(BATCHES).where('received_at', '<', cutoff).delete();
  }

  /** Drops all data of SLOs that no longer exist. */
  async deleteSlo(sloRef: string): Promise<void> {
    await this.db(TABLE).where('slo_ref', sloRef).delete();
  }
}
