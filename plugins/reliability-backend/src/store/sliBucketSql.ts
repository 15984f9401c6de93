import { Knex } from 'knex';
import { pgNumberArray, pgTextArray } from '../database/pgArrayLiteral';
import type { BucketWrite, WriteMode } from './SliBucketStore';

/**
 * The SQL of the bucket store that differs by dialect, and its tables: the upsert of a
 * batch of buckets (array parameters on PostgreSQL, chunked multi-row inserts on SQLite).
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

/** What every row of a batch shares. */
export interface FixedColumns {
  resolutionMs: number;
  updatedAt: number;
}

/**
 * A batch's buckets as columns, in key order: each objective's key once, and per bucket
 * the (1-based) index of its key, its start and its counts. Built before the write's
 * transaction begins, so that the batch's bucket objects can be collected while it runs:
 * held across its round trips, they outlived V8's young generation and were the largest
 * part of what the Prometheus sync promoted to the old one (docs/benchmark.md, "session
 * 12"). Numbers in arrays of numbers are stored unboxed.
 */
export interface BucketColumns {
  refs: string[];
  objectives: string[];
  keys: number[];
  starts: number[];
  good: number[];
  total: number[];
}

/** The columns of buckets in key order (`keyOrderedBuckets`): a key ends where its run does. */
export function bucketColumns(buckets: readonly BucketWrite[]): BucketColumns {
  const c: BucketColumns = {
    refs: [],
    objectives: [],
    keys: new Array<number>(buckets.length),
    starts: new Array<number>(buckets.length),
    good: new Array<number>(buckets.length),
    total: new Array<number>(buckets.length),
  };
  let last: BucketWrite | undefined;
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i];
    if (
      last === undefined ||
      b.sloRef !== last.sloRef ||
      b.objective !== last.objective
    ) {
      c.refs.push(b.sloRef);
      c.objectives.push(b.objective);
      last = b;
    }
    c.keys[i] = c.refs.length;
    c.starts[i] = b.bucketStart;
    c.good[i] = b.good;
    c.total[i] = b.total;
  }
  return c;
}

/**
 * On PostgreSQL the whole batch goes in one statement, its buckets as array parameters
 * (binding parameters per row for thousands of rows costs more than the insert itself);
 * what every row shares is bound once, and rows are upserted in the batch's order, the
 * order in which their locks are taken. Arrays rather than one JSON text: a day of minutes
 * as JSON was a 150 KB string, above V8's largest young-generation object, so each such
 * write went straight to the old generation (the Prometheus sync's 14,000 writes made its
 * large-object space cycle up to 100 MB); each array's literal is a fraction of that, and
 * built by one `join` (docs/benchmark.md, "session 12").
 */
export async function upsertPostgres(
  tx: Knex,
  c: BucketColumns,
  fixed: FixedColumns,
  mode: WriteMode,
): Promise<void> {
  await tx.raw(
    `insert into ${TABLE} (slo_ref, objective, bucket_start, resolution_ms, good, total, covered_ms, updated_at)
     select k.slo_ref, k.objective, x.bucket_start, ?::integer, x.good, x.total, ?::bigint, ?::bigint
     from unnest(?::integer[], ?::bigint[], ?::bigint[], ?::bigint[]) with ordinality
       as x(k, bucket_start, good, total, i)
     join unnest(?::text[], ?::text[]) with ordinality as k(slo_ref, objective, k)
       on k.k = x.k
     order by x.i
     ${onConflict(mode)}`,
    [
      fixed.resolutionMs,
      fixed.resolutionMs,
      fixed.updatedAt,
      pgNumberArray(c.keys),
      pgNumberArray(c.starts),
      pgNumberArray(c.good),
      pgNumberArray(c.total),
      pgTextArray(c.refs),
      pgTextArray(c.objectives),
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
  c: BucketColumns,
  fixed: FixedColumns,
  mode: WriteMode,
): Promise<void> {
  const n = c.starts.length;
  for (let i = 0; i < n; i += INSERT_CHUNK) {
    const end = Math.min(n, i + INSERT_CHUNK);
    const bindings: Array<string | number> = [];
    for (let r = i; r < end; r++) {
      // In UPSERT_COLUMNS' order.
      bindings.push(
        c.refs[c.keys[r] - 1],
        c.objectives[c.keys[r] - 1],
        c.starts[r],
        fixed.resolutionMs,
        c.good[r],
        c.total[r],
        fixed.resolutionMs,
        fixed.updatedAt,
      );
    }
    await tx.raw(upsertStatement(mode, end - i), bindings);
  }
}
