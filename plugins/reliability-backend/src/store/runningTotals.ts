import { Knex } from 'knex';

const TABLE = 'reliability_sli_buckets';
const STALE = 'reliability_sli_stale_totals';
const HOUR_MS = 3_600_000;

/** An objective whose buckets from `since` on were written. */
export interface RunningTotalsChange {
  sloRef: string;
  objective: string;
  since: number;
}

function isPostgres(db: Knex): boolean {
  return String(db.client.config.client).includes('pg');
}

/**
 * Records that the objectives' running totals are stale from `since` on, in the write's
 * transaction; the totals are recomputed when next read. A back-fill pushed newest-first
 * thus costs one recomputation per evaluation, not one per batch over every row after it.
 * Each mark counts its writes (`version`), so a reader that recomputed can tell whether
 * another write came in meanwhile.
 */
export async function markRunningTotalsStale(
  tx: Knex,
  changes: RunningTotalsChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const rows = [...changes]
    // One order for every writer, so that two writers never wait on each other's rows.
    .sort((a, b) =>
      a.sloRef === b.sloRef
        ? a.objective.localeCompare(b.objective)
        : a.sloRef.localeCompare(b.sloRef),
    )
    .map(c => ({
      slo_ref: c.sloRef,
      objective: c.objective,
      since: c.since,
      version: 1,
    }));
  const least = isPostgres(tx) ? 'least' : 'min';
  for (let i = 0; i < rows.length; i += 500) {
    await tx(STALE)
      .insert(rows.slice(i, i + 500))
      .onConflict(['slo_ref', 'objective'])
      .merge({
        since: tx.raw(`${least}(??.??, excluded.??)`, [
          STALE,
          'since',
          'since',
        ]),
        version: tx.raw('??.?? + 1', [STALE, 'version']),
      });
  }
}

/** An objective of an SLO. */
export interface ObjectiveKey {
  sloRef: string;
  objective: string;
}

/**
 * Brings the objectives' running totals up to date where writes left them stale: reads
 * their marks (one statement per 300), recomputes each from its mark, then deletes the
 * marks still at the version it read. No transaction or lock: a recomputation is
 * idempotent, a failure leaves the mark for the next read, and a write that lands meanwhile
 * has raised the version, so its mark stays and the next read recomputes again.
 */
export async function settleRunningTotals(
  db: Knex,
  keys: readonly ObjectiveKey[],
): Promise<void> {
  for (let i = 0; i < keys.length; i += 300) {
    const chunk = keys.slice(i, i + 300);
    const marks: Array<{
      slo_ref: string;
      objective: string;
      since: string | number;
      version: number;
    }> = await db(STALE)
      .select('slo_ref', 'objective', 'since', 'version')
      .whereIn(
        ['slo_ref', 'objective'],
        chunk.map(k => [k.sloRef, k.objective]),
      );
    if (marks.length === 0) continue;
    for (const m of marks) {
      // From the hour's start: a roll-up of that hour took its totals from stale minutes.
      const since = Math.floor(Number(m.since) / HOUR_MS) * HOUR_MS;
      await recomputeRunningTotals(db, m.slo_ref, m.objective, since);
    }
    await db(STALE)
      .whereIn(
        ['slo_ref', 'objective', 'version'],
        marks.map(m => [m.slo_ref, m.objective, m.version]),
      )
      .delete();
  }
}

interface RunningTotalsRow {
  cum_good: string | number;
  cum_total: string | number;
  cum_covered_ms: string | number;
}

/**
 * Rows per statement when recomputed totals are written back. Each statement is also bound
 * to its rows' time range, so that a planner joining the table to the written rows as a
 * nested loop (PostgreSQL on fresh statistics, SQLite on a JSON table) compares at most
 * 500 × 500 rows, not every row of the objective with every row written.
 */
const WRITE_BACK_CHUNK = 500;

/**
 * Recomputes one objective's running totals from `since` on: the totals of the last row
 * before it plus the running sums over the rows since, summed here and written back by key
 * (an UPDATE joining the table to a window over itself was planned as a nested loop over
 * both sides on fresh statistics: minutes for a 28-day back-fill).
 */
export async function recomputeRunningTotals(
  db: Knex,
  sloRef: string,
  objective: string,
  since: number,
): Promise<void> {
  const before: RunningTotalsRow | undefined = await db(TABLE)
    .where({ slo_ref: sloRef, objective })
    .andWhere('bucket_start', '<', since)
    .orderBy('bucket_start', 'desc')
    .first('cum_good', 'cum_total', 'cum_covered_ms');
  const rows: Array<{
    bucket_start: string | number;
    resolution_ms: number;
    good: string | number;
    total: string | number;
    covered_ms: string | number;
  }> = await db(TABLE)
    .select('bucket_start', 'resolution_ms', 'good', 'total', 'covered_ms')
    .where({ slo_ref: sloRef, objective })
    .andWhere('bucket_start', '>=', since)
    .orderBy('bucket_start', 'asc');
  let good = Number(before?.cum_good ?? 0);
  let total = Number(before?.cum_total ?? 0);
  let covered = Number(before?.cum_covered_ms ?? 0);
  const totals = rows.map(r => {
    good += Number(r.good);
    total += Number(r.total);
    covered += Number(r.covered_ms);
    return {
      bucket_start: Number(r.bucket_start),
      resolution_ms: r.resolution_ms,
      cum_good: good,
      cum_total: total,
      cum_covered_ms: covered,
    };
  });
  const source = isPostgres(db)
    ? `json_to_recordset(?::json) as x(bucket_start bigint, resolution_ms integer,
         cum_good bigint, cum_total bigint, cum_covered_ms bigint)`
    : `(select json_extract(value, '$.bucket_start') as bucket_start,
          json_extract(value, '$.resolution_ms') as resolution_ms,
          json_extract(value, '$.cum_good') as cum_good,
          json_extract(value, '$.cum_total') as cum_total,
          json_extract(value, '$.cum_covered_ms') as cum_covered_ms
        from json_each(?)) as x`;
  for (let i = 0; i < totals.length; i += WRITE_BACK_CHUNK) {
    const chunk = totals.slice(i, i + WRITE_BACK_CHUNK);
    // UPDATE ... FROM: PostgreSQL, and SQLite since 3.33.
    await db.raw(
      `update ${TABLE} set cum_good = x.cum_good, cum_total = x.cum_total,
         cum_covered_ms = x.cum_covered_ms
       from ${source}
       where ${TABLE}.slo_ref = ? and ${TABLE}.objective = ?
         and ${TABLE}.bucket_start >= ? and ${TABLE}.bucket_start <= ?
         and ${TABLE}.bucket_start = x.bucket_start and ${TABLE}.resolution_ms = x.resolution_ms`,
      [
        JSON.stringify(chunk),
        sloRef,
        objective,
        chunk[0].bucket_start,
        chunk[chunk.length - 1].bucket_start,
      ],
    );
  }
}
