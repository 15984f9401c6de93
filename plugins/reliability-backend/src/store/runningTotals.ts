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
    await recomputeRunningTotals(tx, [{ sloRef, objective, since }]);
  });
}

/**
 * Recomputes the running totals of each objective's rows from `since` on: the totals of
 * the last row before it plus the sums over the rows since, in one statement for every
 * objective given.
 */
export async function recomputeRunningTotals(
  tx: Knex,
  changes: RunningTotalsChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const json = JSON.stringify(
    changes.map(c => ({
      slo_ref: c.sloRef,
      objective: c.objective,
      since: c.since,
    })),
  );
  const changed = isPostgres(tx)
    ? `select * from json_to_recordset(?::json) as x(slo_ref text, objective text, since bigint)`
    : `select json_extract(value, '$.slo_ref') as slo_ref, json_extract(value, '$.objective') as objective,
         json_extract(value, '$.since') as since from json_each(?)`;
  // UPDATE ... FROM and window functions: PostgreSQL, and SQLite since 3.33.
  await tx.raw(
    `with changed as (${changed}),
     base as (
       select c.slo_ref, c.objective, c.since,
         coalesce(p.cum_good, 0) as g, coalesce(p.cum_total, 0) as n, coalesce(p.cum_covered_ms, 0) as v
       from changed c left join ${TABLE} p
         on p.slo_ref = c.slo_ref and p.objective = c.objective
         and p.bucket_start = (
           select max(q.bucket_start) from ${TABLE} q
           where q.slo_ref = c.slo_ref and q.objective = c.objective and q.bucket_start < c.since)
     ),
     running as (
       select b.slo_ref, b.objective, b.bucket_start, b.resolution_ms,
         base.g + sum(b.good) over w as cg,
         base.n + sum(b.total) over w as ct,
         base.v + sum(b.covered_ms) over w as cc
       from ${TABLE} b
       join base on b.slo_ref = base.slo_ref and b.objective = base.objective
         and b.bucket_start >= base.since
       window w as (partition by b.slo_ref, b.objective order by b.bucket_start
                    rows between unbounded preceding and current row)
     )
     update ${TABLE} set cum_good = running.cg, cum_total = running.ct, cum_covered_ms = running.cc
     from running
     where ${TABLE}.slo_ref = running.slo_ref and ${TABLE}.objective = running.objective
       and ${TABLE}.bucket_start = running.bucket_start
       and ${TABLE}.resolution_ms = running.resolution_ms`,
    [json],
  );
}
