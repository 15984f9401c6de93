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
 * Records that the objectives' running totals are stale from `since` on. A write only
 * records this (in its own transaction, before its buckets, the order `settle` locks in);
 * the totals are recomputed when next read. A back-fill pushed newest-first thus costs one
 * recomputation per evaluation, not one per batch over every row after it.
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
    .map(c => ({ slo_ref: c.sloRef, objective: c.objective, since: c.since }));
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
      });
  }
}

/**
 * Brings one objective's running totals up to date if a write left them stale: takes the
 * mark and recomputes in one transaction, so a failure leaves the mark for the next read,
 * and a write that lands meanwhile leaves a mark of its own.
 */
export async function settleRunningTotals(
  db: Knex,
  sloRef: string,
  objective: string,
): Promise<void> {
  // Most reads find nothing stale: one cheap statement, no transaction.
  const stale = await db(STALE)
    .where({ slo_ref: sloRef, objective })
    .first('since');
  if (!stale) return;
  await db.transaction(async tx => {
    // Locked first, as a write locks it first: the two never wait on each other.
    const taken: { since: string | number } | undefined = await tx(STALE)
      .where({ slo_ref: sloRef, objective })
      .forUpdate()
      .first('since');
    if (!taken) return; // another reader settled it
    await tx(STALE).where({ slo_ref: sloRef, objective }).delete();
    // From the hour's start: a roll-up of that hour took its totals from stale minutes.
    const since = Math.floor(Number(taken.since) / HOUR_MS) * HOUR_MS;
    await recomputeRunningTotals(tx, sloRef, objective, since);
  });
}

/**
 * Recomputes one objective's running totals from `since` on: the totals of the last row
 * before it plus the running sums over the rows since. Two statements, each held to the
 * objective's rows by its key (a join would let the planner scan the whole table).
 */
export async function recomputeRunningTotals(
  tx: Knex,
  sloRef: string,
  objective: string,
  since: number,
): Promise<void> {
  const before: RunningTotalsRow | undefined = await tx(TABLE)
    .where({ slo_ref: sloRef, objective })
    .andWhere('bucket_start', '<', since)
    .orderBy('bucket_start', 'desc')
    .first('cum_good', 'cum_total', 'cum_covered_ms');
  // UPDATE ... FROM and window functions: PostgreSQL, and SQLite since 3.33.
  await tx.raw(
    `update ${TABLE} set cum_good = r.cg, cum_total = r.ct, cum_covered_ms = r.cc
     from (
       select bucket_start, resolution_ms,
         ? + sum(good) over w as cg, ? + sum(total) over w as ct, ? + sum(covered_ms) over w as cc
       from ${TABLE}
       where slo_ref = ? and objective = ? and bucket_start >= ?
       window w as (order by bucket_start rows between unbounded preceding and current row)
     ) r
     where ${TABLE}.slo_ref = ? and ${TABLE}.objective = ?
       and ${TABLE}.bucket_start = r.bucket_start and ${TABLE}.resolution_ms = r.resolution_ms`,
    [
      Number(before?.cum_good ?? 0),
      Number(before?.cum_total ?? 0),
      Number(before?.cum_covered_ms ?? 0),
      sloRef,
      objective,
      since,
      sloRef,
      objective,
    ],
  );
}

interface RunningTotalsRow {
  cum_good: string | number;
  cum_total: string | number;
  cum_covered_ms: string | number;
}
