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

/**
 * Recomputes one objective's running totals from `since` on: the totals of the last row
 * before it plus the running sums over the rows since: one statement held to the
 * objective's rows by its key (a join would let the planner scan the whole table).
 */
export async function recomputeRunningTotals(
  db: Knex,
  sloRef: string,
  objective: string,
  since: number,
): Promise<void> {
  const before = (column: string) =>
    `coalesce((select ${column} from ${TABLE} p where p.slo_ref = ? and p.objective = ?
       and p.bucket_start < ? order by p.bucket_start desc limit 1), 0)`;
  const key = [sloRef, objective, since];
  // UPDATE ... FROM and window functions: PostgreSQL, and SQLite since 3.33.
  await db.raw(
    `update ${TABLE} set cum_good = r.cg, cum_total = r.ct, cum_covered_ms = r.cc
     from (
       select bucket_start, resolution_ms,
         ${before('cum_good')} + sum(good) over w as cg,
         ${before('cum_total')} + sum(total) over w as ct,
         ${before('cum_covered_ms')} + sum(covered_ms) over w as cc
       from ${TABLE}
       where slo_ref = ? and objective = ? and bucket_start >= ?
       window w as (order by bucket_start rows between unbounded preceding and current row)
     ) r
     where ${TABLE}.slo_ref = ? and ${TABLE}.objective = ?
       and ${TABLE}.bucket_start = r.bucket_start and ${TABLE}.resolution_ms = r.resolution_ms`,
    [...key, ...key, ...key, ...key, sloRef, objective],
  );
}
