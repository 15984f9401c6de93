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

/** Rows held at once by a recomputation of several objectives (one may hold more). */
const RECOMPUTE_ROWS = 20_000;

/** An objective of an SLO. */
export interface ObjectiveKey {
  sloRef: string;
  objective: string;
}

/**
 * Brings the objectives' running totals up to date where writes left them stale: reads
 * their marks (one statement per 300), recomputes them from their marks, then deletes the
 * marks still at the version it read. No transaction or lock: a recomputation is
 * idempotent, a failure leaves the mark for the next read, and a write that lands meanwhile
 * has raised the version, so its mark stays and the next read recomputes again.
 *
 * The marks of a chunk are recomputed together, a few statements for many objectives, in
 * groups of at most `groupRows` rows (counted first; RECOMPUTE_ROWS by default): a
 * back-fill's mark may cover weeks of minutes, and a batch must not hold many objectives'
 * long histories in memory at once.
 */
export async function settleRunningTotals(
  db: Knex,
  keys: readonly ObjectiveKey[],
  options: { groupRows?: number } = {},
): Promise<void> {
  const groupRows = options.groupRows ?? RECOMPUTE_ROWS;
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
    const changes = marks.map(m => ({
      sloRef: m.slo_ref,
      objective: m.objective,
      // From the hour's start: a roll-up of that hour took its totals from stale minutes.
      since: Math.floor(Number(m.since) / HOUR_MS) * HOUR_MS,
    }));
    const counts = await countRowsSince(db, changes);
    let group: RunningTotalsChange[] = [];
    let rows = 0;
    for (const [k, change] of changes.entries()) {
      if (group.length > 0 && rows + counts[k] > groupRows) {
        await recomputeRunningTotals(db, group);
        group = [];
        rows = 0;
      }
      group.push(change);
      rows += counts[k];
    }
    await recomputeRunningTotals(db, group);
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

/** A bucket row's counts, as read for a recomputation. */
interface CountsRow {
  i: string | number;
  bucket_start: string | number;
  resolution_ms: number;
  good: string | number;
  total: string | number;
  covered_ms: string | number;
}

/**
 * Recomputes objectives' running totals, each from its `since`: the totals of its last row
 * before it plus the running sums over the rows since, summed here and written back by key
 * (an UPDATE joining the table to a window over itself was planned as a nested loop over
 * both sides on fresh statistics: minutes for a 28-day back-fill). A fixed number of
 * statements for many objectives: the totals before, the rows since, and the write-back
 * of at most 500 rows a statement.
 */
export async function recomputeRunningTotals(
  db: Knex,
  changes: readonly RunningTotalsChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const pg = isPostgres(db);
  const { before, rows } = pg
    ? await readForRecomputePostgres(db, changes)
    : await readForRecomputeUnion(db, changes);
  const totals: RecomputedRow[] = [];
  let current = -1;
  let good = 0;
  let total = 0;
  let covered = 0;
  // Rows come ordered by objective (i), then time.
  for (const r of rows) {
    const i = Number(r.i);
    if (i !== current) {
      current = i;
      const b = before.get(i);
      good = Number(b?.cum_good ?? 0);
      total = Number(b?.cum_total ?? 0);
      covered = Number(b?.cum_covered_ms ?? 0);
    }
    good += Number(r.good);
    total += Number(r.total);
    covered += Number(r.covered_ms);
    totals.push({
      slo_ref: changes[i].sloRef,
      objective: changes[i].objective,
      bucket_start: Number(r.bucket_start),
      resolution_ms: r.resolution_ms,
      cum_good: good,
      cum_total: total,
      cum_covered_ms: covered,
    });
  }
  if (pg) {
    for (let i = 0; i < totals.length; i += WRITE_BACK_CHUNK) {
      await writeBackPostgres(db, totals.slice(i, i + WRITE_BACK_CHUNK));
    }
  } else {
    await writeBackSqlite(db, totals);
  }
}

interface RecomputedRow {
  slo_ref: string;
  objective: string;
  bucket_start: number;
  resolution_ms: number;
  cum_good: number;
  cum_total: number;
  cum_covered_ms: number;
}

/**
 * PostgreSQL: writes recomputed totals back by key, with their rows locked first; the rows
 * may belong to several objectives.
 */
async function writeBackPostgres(
  db: Knex,
  chunk: RecomputedRow[],
): Promise<void> {
  const refs = [...new Set(chunk.map(r => r.slo_ref))];
  let from = Infinity;
  let to = -Infinity;
  for (const r of chunk) {
    from = Math.min(from, r.bucket_start);
    to = Math.max(to, r.bucket_start);
  }
  const bounds = `${TABLE}.slo_ref in (${refs.map(() => '?').join(', ')})
       and ${TABLE}.bucket_start >= ? and ${TABLE}.bucket_start <= ?`;
  const byKey = `${TABLE}.slo_ref = x.slo_ref and ${TABLE}.objective = x.objective
       and ${TABLE}.bucket_start = x.bucket_start and ${TABLE}.resolution_ms = x.resolution_ms`;
  // The rows locked first, in key order, as a push locks its rows (SliBucketStore.write):
  // one statement updating several objectives' rows in plan order could otherwise hold a
  // row a push waits for while waiting for one the push holds (a deadlock).
  await db.raw(
    `with x as materialized (
       select * from json_to_recordset(?::json) as x(slo_ref text, objective text,
         bucket_start bigint, resolution_ms integer, cum_good bigint, cum_total bigint,
         cum_covered_ms bigint)),
     locked as materialized (
       select ${TABLE}.ctid as row_id from ${TABLE} join x on ${byKey}
       where ${bounds}
       order by ${TABLE}.slo_ref collate "C", ${TABLE}.objective collate "C",
         ${TABLE}.bucket_start, ${TABLE}.resolution_ms
       for update of ${TABLE})
     update ${TABLE} set cum_good = x.cum_good, cum_total = x.cum_total,
       cum_covered_ms = x.cum_covered_ms
     from x where ${bounds} and ${byKey}
       and ${TABLE}.ctid in (select row_id from locked)`,
    [JSON.stringify(chunk), ...refs, from, to, ...refs, from, to],
  );
}

/** Rows per SQLite write-back statement (each found by its key: cost linear in rows). */
const SQLITE_WRITE_BACK_CHUNK = 5_000;

/** SQLite: writes recomputed totals back by key, SQLITE_WRITE_BACK_CHUNK rows a statement. */
async function writeBackSqlite(
  db: Knex,
  totals: RecomputedRow[],
): Promise<void> {
  for (let i = 0; i < totals.length; i += SQLITE_WRITE_BACK_CHUNK) {
    // An upsert that always conflicts: SQLite walks the JSON rows and finds each by its
    // key, whatever their number (an UPDATE ... FROM a JSON table was planned with the
    // table outside, scanning the JSON once per row updated: 213 s for 20 objectives of
    // 28 days, now 6 s). Only rows that still exist: a row deleted since it was read
    // stays deleted. SQLite has one writer at a time: no lock order to keep.
    await db.raw(
      `insert into ${TABLE} (slo_ref, objective, bucket_start, resolution_ms, good, total,
         covered_ms, updated_at, cum_good, cum_total, cum_covered_ms)
       select x.slo_ref, x.objective, x.bucket_start, x.resolution_ms, 0, 0, 0, 0,
         x.cum_good, x.cum_total, x.cum_covered_ms
       from (select json_extract(value, '$.slo_ref') as slo_ref,
            json_extract(value, '$.objective') as objective,
            json_extract(value, '$.bucket_start') as bucket_start,
            json_extract(value, '$.resolution_ms') as resolution_ms,
            json_extract(value, '$.cum_good') as cum_good,
            json_extract(value, '$.cum_total') as cum_total,
            json_extract(value, '$.cum_covered_ms') as cum_covered_ms
          from json_each(?)) as x
       where exists (select 1 from ${TABLE} as t
         where t.slo_ref = x.slo_ref and t.objective = x.objective
           and t.bucket_start = x.bucket_start and t.resolution_ms = x.resolution_ms)
       on conflict (slo_ref, objective, bucket_start, resolution_ms) do update set
         cum_good = excluded.cum_good, cum_total = excluded.cum_total,
         cum_covered_ms = excluded.cum_covered_ms`,
      [JSON.stringify(totals.slice(i, i + SQLITE_WRITE_BACK_CHUNK))],
    );
  }
}

type BeforeTotals = Map<number, RunningTotalsRow>;

/** PostgreSQL: the objectives as array parameters, one lateral index scan each. */
async function readForRecomputePostgres(
  db: Knex,
  changes: readonly RunningTotalsChange[],
): Promise<{ before: BeforeTotals; rows: CountsRow[] }> {
  const keys = [
    changes.map(c => c.sloRef),
    changes.map(c => c.objective),
    changes.map(c => c.since),
  ];
  const objectives = `unnest(?::text[], ?::text[], ?::bigint[]) with ordinality
    as k(slo_ref, objective, since, i)`;
  const before = await db.raw(
    `select k.i - 1 as i, b.cum_good, b.cum_total, b.cum_covered_ms
     from ${objectives}
     cross join lateral (
       select cum_good, cum_total, cum_covered_ms from ${TABLE}
       where slo_ref = k.slo_ref and objective = k.objective and bucket_start < k.since
       order by bucket_start desc limit 1) b`,
    keys,
  );
  const rows = await db.raw(
    `select k.i - 1 as i, b.bucket_start, b.resolution_ms, b.good, b.total, b.covered_ms
     from ${objectives}
     cross join lateral (
       select bucket_start, resolution_ms, good, total, covered_ms from ${TABLE}
       where slo_ref = k.slo_ref and objective = k.objective and bucket_start >= k.since
       -- Keeps the subquery a per-objective index scan: flattened into a join, it was
       -- planned as a hash join over a scan of the whole table.
       order by bucket_start) b
     order by k.i, b.bucket_start`,
    keys,
  );
  return {
    before: new Map(
      (before.rows as Array<RunningTotalsRow & { i: string | number }>).map(
        r => [Number(r.i), r],
      ),
    ),
    rows: rows.rows,
  };
}

/** Objectives per SQLite statement (four parameters each). */
const UNION_CHUNK = 100;

/** SQLite: one index scan per objective, joined by UNION ALL, in chunks. */
async function readForRecomputeUnion(
  db: Knex,
  changes: readonly RunningTotalsChange[],
): Promise<{ before: BeforeTotals; rows: CountsRow[] }> {
  const before: BeforeTotals = new Map();
  const rows: CountsRow[] = [];
  for (let from = 0; from < changes.length; from += UNION_CHUNK) {
    const chunk = changes.slice(from, from + UNION_CHUNK);
    const bindings = chunk.flatMap(c => [c.sloRef, c.objective, c.since]);
    // Each part a subquery: SQLite takes no ORDER BY or LIMIT in a compound part.
    const found: Array<RunningTotalsRow & { i: number }> = await db.raw(
      chunk
        .map(
          (_, k) => `select * from (select ${from + k} as i, cum_good, cum_total,
            cum_covered_ms from ${TABLE}
            where slo_ref = ? and objective = ? and bucket_start < ?
            order by bucket_start desc limit 1)`,
        )
        .join(' union all '),
      bindings,
    );
    for (const r of found) before.set(Number(r.i), r);
    const counts: CountsRow[] = await db.raw(
      `select * from (${chunk
        .map(
          (_, k) => `select * from (select ${
            from + k
          } as i, bucket_start, resolution_ms, good, total, covered_ms
            from ${TABLE} where slo_ref = ? and objective = ? and bucket_start >= ?)`,
        )
        .join(' union all ')}) order by i, bucket_start`,
      bindings,
    );
    rows.push(...counts);
  }
  return { before, rows };
}

/** How many rows each objective holds from its `since` on (index-only counts). */
async function countRowsSince(
  db: Knex,
  changes: readonly RunningTotalsChange[],
): Promise<number[]> {
  const counts = new Array<number>(changes.length).fill(0);
  if (isPostgres(db)) {
    const result = await db.raw(
      `select k.i - 1 as i, (select count(*) from ${TABLE}
         where slo_ref = k.slo_ref and objective = k.objective and bucket_start >= k.since) as n
       from unnest(?::text[], ?::text[], ?::bigint[]) with ordinality
         as k(slo_ref, objective, since, i)`,
      [
        changes.map(c => c.sloRef),
        changes.map(c => c.objective),
        changes.map(c => c.since),
      ],
    );
    for (const r of result.rows) counts[Number(r.i)] = Number(r.n);
    return counts;
  }
  for (let from = 0; from < changes.length; from += UNION_CHUNK) {
    const chunk = changes.slice(from, from + UNION_CHUNK);
    const rows: Array<{ i: number; n: number }> = await db.raw(
      chunk
        .map(
          (_, k) => `select ${from + k} as i, count(*) as n from ${TABLE}
            where slo_ref = ? and objective = ? and bucket_start >= ?`,
        )
        .join(' union all '),
      chunk.flatMap(c => [c.sloRef, c.objective, c.since]),
    );
    for (const r of rows) counts[Number(r.i)] = Number(r.n);
  }
  return counts;
}
