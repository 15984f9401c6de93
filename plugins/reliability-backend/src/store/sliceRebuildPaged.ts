import {
  SliBucket,
  SliceTotal,
  SliceTotalsBase,
  sliceTotalsBuilder,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { TABLE } from './sliBucketSql';
import {
  ROWS_PER_INSERT,
  VariantKey,
  insertSliceTotals,
  keyOf,
} from './sliceTotalsRows';
import { LIMIT_IN_TEXT } from '../database/limitInText';

/**
 * Buckets per read of one variant's history. A new 28-day variant reads 40,320 buckets
 * and a 90-day one 129,600: read at once, their rows lived long enough for V8 to move them
 * to the old generation, where a first build of 40 objectives left hundreds of MB of
 * garbage before a full collection (docs/benchmark.md, "session 9"). A page at a time they
 * die young.
 */
export const PAGE_ROWS = 5_000;
/** Rows of slice totals held before they are inserted (whole statements' worth). */
const INSERT_AT = 1_000;
/** Beyond any bucket start: keeps PostgreSQL's estimate of "from t on" a range's. */
export const NO_LATER_THAN = Number.MAX_SAFE_INTEGER;

/** A bucket row as read, on SQLite (numbers) or PostgreSQL (bigints as strings). */
export interface BucketRow {
  bucket_start: string | number;
  resolution_ms: string | number;
  good: string | number;
  total: string | number;
}

export const bucketOf = (r: BucketRow): SliBucket => ({
  start: Number(r.bucket_start),
  durationMs: Number(r.resolution_ms),
  good: Number(r.good),
  total: Number(r.total),
});

/**
 * Inserts a variant's slice totals built from its buckets from `readFrom` on, continuing
 * `base`, reading them PAGE_ROWS at a time (one read for a rebuild of fewer). The caller
 * has deleted the rows they replace.
 */
export async function insertRebuiltSliceTotals(
  tx: Knex,
  k: VariantKey,
  readFrom: number,
  base: SliceTotalsBase,
): Promise<void> {
  const key = keyOf(k);
  const builder = sliceTotalsBuilder(k.variant, base);
  const pending: SliceTotal[] = [];
  let from = readFrom;
  for (;;) {
    const rows: BucketRow[] = await tx(TABLE)
      .select('bucket_start', 'resolution_ms', 'good', 'total')
      .where({ slo_ref: k.sloRef, objective: k.objective })
      .andWhere('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', NO_LATER_THAN)
      .orderBy([
        { column: 'bucket_start', order: 'asc' },
        { column: 'resolution_ms', order: 'asc' },
      ])
      .limit(PAGE_ROWS, LIMIT_IN_TEXT);
    const full = rows.length === PAGE_ROWS;
    let upTo = rows.length;
    if (full) {
      // The next page starts at the last start read, so that no start's buckets (one per
      // resolution) are split between pages.
      from = Number(rows[upTo - 1].bucket_start);
      while (upTo > 0 && Number(rows[upTo - 1].bucket_start) === from) upTo--;
      // A page holds far more buckets than a start has resolutions.
      if (upTo === 0) throw new Error(`${PAGE_ROWS} buckets at ${from}`);
    }
    const closed = builder.add(rows.slice(0, upTo).map(bucketOf));
    for (const t of closed) pending.push(t);
    if (pending.length >= INSERT_AT) {
      const whole = pending.length - (pending.length % ROWS_PER_INSERT);
      await insertSliceTotals(tx, [{ key, totals: pending.splice(0, whole) }]);
    }
    if (!full) break;
  }
  pending.push(...builder.end());
  await insertSliceTotals(tx, [{ key, totals: pending }]);
}
