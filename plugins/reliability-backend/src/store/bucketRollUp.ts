import { Knex } from 'knex';
import { isPostgres } from '../database/isPostgres';
import { INSERT_CHUNK, TABLE } from './sliBucketSql';
import { markSliceTotalsStale } from './sliceTotalsSql';

const HOUR_MS = 3_600_000;

/**
 * Folds minute buckets of whole hours before `olderThan` into hourly buckets, and deletes
 * the minute buckets it folded, in one transaction; answers how many hourly rows it wrote.
 * The hours take over the running totals of their last minute (see SliBucketStore).
 */
export function rollUpHours(db: Knex, olderThan: number): Promise<number> {
  const cutoff = Math.floor(olderThan / HOUR_MS) * HOUR_MS;
  return db.transaction(async tx => {
    const hourly: Array<{
      slo_ref: string;
      objective: string;
      hour_start: string | number;
      good: string | number;
      total: string | number;
      covered_ms: string | number;
      cum_good: string | number;
      cum_total: string | number;
      cum_covered_ms: string | number;
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
      .sum({ good: 'good', total: 'total', covered_ms: 'covered_ms' })
      // Running totals only grow, so an hour's last minute holds the largest; the hour
      // takes them over, and the rows after it keep theirs.
      .max({
        cum_good: 'cum_good',
        cum_total: 'cum_total',
        cum_covered_ms: 'cum_covered_ms',
      })
      .where('resolution_ms', '<', HOUR_MS)
      .andWhere('bucket_start', '<', cutoff)
      .groupBy('slo_ref', 'objective', 'hour_start');
    if (hourly.length === 0) return 0;
    // Folded minutes make other slices (an hour of 5-minute slices becomes one unit of
    // 12): the slice totals are stale from each objective's first hour folded. Marked
    // before the hours are written, in the order writers mark, so neither waits on the
    // other in a cycle.
    await markSliceTotalsStale(
      tx,
      hourly.map(h => ({
        sloRef: h.slo_ref,
        objective: h.objective,
        since: Number(h.hour_start),
      })),
    );
    const now = Date.now();
    const rows = hourly.map(h => ({
      slo_ref: h.slo_ref,
      objective: h.objective,
      bucket_start: Number(h.hour_start),
      resolution_ms: HOUR_MS,
      good: Number(h.good),
      total: Number(h.total),
      covered_ms: Number(h.covered_ms),
      cum_good: Number(h.cum_good),
      cum_total: Number(h.cum_total),
      cum_covered_ms: Number(h.cum_covered_ms),
      updated_at: now,
    }));
    const greatest = isPostgres(tx) ? 'greatest' : 'max';
    const later = (column: string) =>
      tx.raw(`${greatest}(??.??, excluded.??)`, [TABLE, column, column]);
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await tx(TABLE)
        .insert(rows.slice(i, i + INSERT_CHUNK))
        .onConflict(['slo_ref', 'objective', 'bucket_start', 'resolution_ms'])
        .merge({
          good: tx.raw('??.?? + excluded.??', [TABLE, 'good', 'good']),
          total: tx.raw('??.?? + excluded.??', [TABLE, 'total', 'total']),
          covered_ms: tx.raw('??.?? + excluded.??', [
            TABLE,
            'covered_ms',
            'covered_ms',
          ]),
          cum_good: later('cum_good'),
          cum_total: later('cum_total'),
          cum_covered_ms: later('cum_covered_ms'),
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
