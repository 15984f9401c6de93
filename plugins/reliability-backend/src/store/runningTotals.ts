import { Knex } from 'knex';
import { isPostgres } from '../database/isPostgres';

const TABLE = 'reliability_sli_buckets';
const STALE = 'reliability_sli_stale_totals';
const HOUR_MS = 3_600_000;

/** An objective whose buckets from `since` on were written. */
export interface RunningTotalsChange {
  sloRef: string;
  objective: string;
  since: number;
}

/**
 * The order in which marks are locked, by pushes (inserting them) and by the evaluation
 * (deleting the settled ones): the same for all, so that neither holds a mark the other
 * waits for while waiting for one the other holds.
 */
function byObjectiveKey(
  a: { sloRef: string; objective: string },
  b: { sloRef: string; objective: string },
): number {
  return a.sloRef === b.sloRef
    ? a.objective.localeCompare(b.objective)
    : a.sloRef.localeCompare(b.sloRef);
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
    .sort(byObjectiveKey)
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

/** Objectives per SQLite recomputation statement (twelve parameters each). */
const UNION_CHUNK = 100;

/**
 * An upper bound on bucket starts that excludes nothing, added to "the rows from t on": with
 * t a parameter PostgreSQL estimates a third of an objective's rows for `bucket_start >= t`
 * (10,000 for 28 days of minutes), but a two-sided range at 0.5 %. The estimate made a read of
 * 20 objectives' one new row each cost 580,000, past `jit_above_cost` and
 * `jit_inline_above_cost`: JIT-compiled in 0.5-0.9 s on the benchmark's busy machine, the
 * bulk of an evaluation batch's time.
 */
const NO_LATER_THAN = Number.MAX_SAFE_INTEGER;

/** Objectives per recomputation group: keeps a statement's estimate under JIT's threshold. */
const GROUP_OBJECTIVES = 100;

/** Rows held at once by a recomputation of several objectives. */
const RECOMPUTE_ROWS = 20_000;

/**
 * Rows per read of one objective recomputed alone on PostgreSQL (a back-fill's mark may
 * cover 40,320 rows for 28 days of minutes): bounds what one recomputation holds, as the
 * slice rebuild's pages do (`sliceRebuildPaged.ts`, where reading whole histories had left
 * hundreds of MB of garbage; here the Prometheus sync's peak did not move: docs/benchmark.md,
 * "session 9"). SQLite recomputes in the database.
 */
export const RECOMPUTE_PAGE_ROWS = 5_000;

/** An objective of an SLO. */
export interface ObjectiveKey {
  sloRef: string;
  objective: string;
}

/**
 * Brings the objectives' running totals up to date where writes left them stale: reads
 * their marks (one statement per 300, with where each recomputation starts and how many
 * rows it rewrites), recomputes them, then deletes the marks still at the version it read
 * (on PostgreSQL in the statement of the last write-back). No transaction or lock: a
 * recomputation is idempotent, a failure leaves the mark for the next read, and a write
 * that lands meanwhile has raised the version, so its mark stays and the next read
 * recomputes again.
 *
 * The marks of a chunk are recomputed together, a few statements for many objectives, in
 * groups of at most `groupRows` rows (RECOMPUTE_ROWS by default): a back-fill's mark may
 * cover weeks of minutes, and a batch must not hold many objectives' long histories in
 * memory at once. An objective with more is a group of its own, on PostgreSQL read
 * RECOMPUTE_PAGE_ROWS at a time.
 */
export async function settleRunningTotals(
  db: Knex,
  keys: readonly ObjectiveKey[],
  options: { groupRows?: number } = {},
): Promise<void> {
  const groupRows = options.groupRows ?? RECOMPUTE_ROWS;
  const unique = [
    ...new Map(keys.map(k => [`${k.sloRef}\u0000${k.objective}`, k])).values(),
  ];
  for (let i = 0; i < unique.length; i += 300) {
    const marks = await readMarks(db, unique.slice(i, i + 300));
    if (marks.length === 0) continue;
    const groups: Mark[][] = [[]];
    let rows = 0;
    for (const mark of marks) {
      const group = groups[groups.length - 1];
      if (
        group.length >= GROUP_OBJECTIVES ||
        (group.length > 0 && rows + mark.rows > groupRows)
      ) {
        groups.push([]);
        rows = 0;
      }
      groups[groups.length - 1].push(mark);
      rows += mark.rows;
    }
    for (const [g, group] of groups.entries()) {
      const settled = g === groups.length - 1 ? marks : [];
      if (
        isPostgres(db) &&
        group.length === 1 &&
        group[0].rows > RECOMPUTE_PAGE_ROWS
      ) {
        await recomputePagedPostgres(db, group[0], settled);
      } else {
        await recomputeRunningTotals(db, group, settled);
      }
    }
  }
}

/** A stale mark as read for its recomputation. */
interface Mark extends RunningTotalsChange {
  /** The mark's version, deleted only if still the same. */
  version: number;
  /** The rows its recomputation rewrites (an index-only count). */
  rows: number;
}

/**
 * The marks of the objectives, each with where its recomputation starts (`since`) and how
 * many rows it rewrites, in one statement.
 *
 * A recomputation starts at the mark's `since`, or earlier at the start of a row that
 * began before it and still covers it: an hour rolled up after the mark took its totals
 * from stale minutes (and late minutes may sit inside a rolled-up hour, after it in key
 * order). Every row starting before that is untouched by the writes since the totals were
 * last settled. So a push of the current minute rewrites that minute's row, not every row
 * since the start of its hour (up to 60).
 */
async function readMarks(
  db: Knex,
  keys: readonly ObjectiveKey[],
): Promise<Mark[]> {
  // Rows are at most an hour long (the roll-up's), so a row covering \`since\` starts
  // within the hour before it: a bounded index range.
  const result = await db.raw(
    `select x.slo_ref, x.objective, x.version, x.start, (select count(*) from ${TABLE}
         where slo_ref = x.slo_ref and objective = x.objective and bucket_start >= x.start
           and bucket_start < ${NO_LATER_THAN}) as n
     from (select s.slo_ref, s.objective, s.version, coalesce(
         (select min(bucket_start) from ${TABLE}
           where slo_ref = s.slo_ref and objective = s.objective
             and bucket_start > s.since - ${HOUR_MS} and bucket_start < s.since
             and bucket_start + resolution_ms > s.since),
         s.since) as start
       from ${STALE} as s
       where (s.slo_ref, s.objective) in (${
         // A list of row values on PostgreSQL (index probes on the marks' key, as knex's
         // whereIn); SQLite takes rows on the right of IN only as a subquery.
         isPostgres(db) ? '' : 'values '
       }${keys.map(() => '(?, ?)').join(', ')})) as x`,
    keys.flatMap(k => [k.sloRef, k.objective]),
  );
  const rows: Array<{
    slo_ref: string;
    objective: string;
    version: number;
    start: string | number;
    n: string | number;
  }> = isPostgres(db) ? result.rows : result;
  return rows.map(r => ({
    sloRef: r.slo_ref,
    objective: r.objective,
    since: Number(r.start),
    version: Number(r.version),
    rows: Number(r.n),
  }));
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
  settled: readonly Mark[] = [],
): Promise<void> {
  if (!isPostgres(db)) {
    await recomputeSqlite(db, changes);
    await deleteMarks(db, settled);
    return;
  }
  const { before, rows } = await readForRecomputePostgres(db, changes);
  await writeBackAll(db, runningSums(changes, before, rows), settled);
}

/**
 * PostgreSQL: one objective's recomputation RECOMPUTE_PAGE_ROWS rows at a time. Each page
 * continues from the totals of the row before it, which the page before has written back.
 * The next page starts at the last start read: it reads that start's rows again (one per
 * resolution, maybe not all in this page) and writes the same sums again. The mark goes
 * with the last page's write-back.
 */
async function recomputePagedPostgres(
  db: Knex,
  change: RunningTotalsChange,
  settled: readonly Mark[],
): Promise<void> {
  let since = change.since;
  for (;;) {
    const { before, rows } = await readForRecomputePostgres(
      db,
      [{ ...change, since }],
      RECOMPUTE_PAGE_ROWS,
    );
    const full = rows.length === RECOMPUTE_PAGE_ROWS;
    await writeBackAll(
      db,
      runningSums([change], before, rows),
      full ? [] : settled,
    );
    if (!full) return;
    const last = Number(rows[rows.length - 1].bucket_start);
    // A page holds far more rows than a start has resolutions.
    if (last === since)
      throw new Error(`${RECOMPUTE_PAGE_ROWS} rows at ${since}`);
    since = last;
  }
}

/** The running sums of the rows (by objective, then time), each from its totals before. */
function runningSums(
  changes: readonly RunningTotalsChange[],
  before: BeforeTotals,
  rows: readonly CountsRow[],
): RecomputedRow[] {
  const totals: RecomputedRow[] = [];
  let current = -1;
  let good = 0;
  let total = 0;
  let covered = 0;
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
  return totals;
}

/** Writes the totals back WRITE_BACK_CHUNK rows a statement, the marks with the last. */
async function writeBackAll(
  db: Knex,
  totals: readonly RecomputedRow[],
  settled: readonly Mark[],
): Promise<void> {
  for (let i = 0; i < totals.length; i += WRITE_BACK_CHUNK) {
    const last = i + WRITE_BACK_CHUNK >= totals.length;
    await writeBackPostgres(
      db,
      totals.slice(i, i + WRITE_BACK_CHUNK),
      last ? settled : [],
    );
  }
  if (totals.length === 0) await deleteMarks(db, settled);
}

/** Deletes the marks if still at the version read. */
async function deleteMarks(db: Knex, settled: readonly Mark[]): Promise<void> {
  if (settled.length === 0) return;
  if (isPostgres(db)) {
    const marks = deleteMarksPostgres(settled);
    await db.raw(marks.sql, marks.bindings);
    return;
  }
  await db(STALE)
    .whereIn(
      ['slo_ref', 'objective', 'version'],
      settled.map(m => [m.sloRef, m.objective, m.version]),
    )
    .delete();
}

/**
 * PostgreSQL: deletes the marks if still at the version read, locking them first in the
 * order pushes insert them (`byObjectiveKey`). Deleted in the plan's order, a settle held a
 * mark a push was about to update while waiting for one the push had just inserted: a
 * deadlock, and a push answered 503 in the load run.
 */
function deleteMarksPostgres(settled: readonly Mark[]) {
  const ordered = [...settled].sort(byObjectiveKey);
  return {
    sql: `with doomed as materialized (
       select s.ctid as row_id from ${STALE} s
       join unnest(?::text[], ?::text[], ?::integer[]) with ordinality
         as u(slo_ref, objective, version, i)
         on s.slo_ref = u.slo_ref and s.objective = u.objective and s.version = u.version
       order by u.i
       for update of s)
     delete from ${STALE} where ctid in (select row_id from doomed)`,
    bindings: [
      ordered.map(m => m.sloRef),
      ordered.map(m => m.objective),
      ordered.map(m => m.version),
    ],
  };
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
  settled: readonly Mark[],
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
  // row a push waits for while waiting for one the push holds (a deadlock). The locked rows
  // carry their new totals, so the update finds each row by its ctid alone: joined to the
  // recordset again by key, PostgreSQL (expecting 100 rows of json_to_recordset and one
  // per key) scanned the whole recordset for every row, 55 ms per write-back of 500 rows.
  await db.raw(
    `with x as materialized (
       select * from json_to_recordset(?::json) as x(slo_ref text, objective text,
         bucket_start bigint, resolution_ms integer, cum_good bigint, cum_total bigint,
         cum_covered_ms bigint)),
     locked as materialized (
       select ${TABLE}.ctid as row_id, x.cum_good, x.cum_total, x.cum_covered_ms
       from ${TABLE} join x on ${byKey}
       where ${bounds}
       order by ${TABLE}.slo_ref collate "C", ${TABLE}.objective collate "C",
         ${TABLE}.bucket_start, ${TABLE}.resolution_ms
       for update of ${TABLE})
     update ${TABLE} set cum_good = locked.cum_good, cum_total = locked.cum_total,
       cum_covered_ms = locked.cum_covered_ms
     from locked where ${TABLE}.ctid = locked.row_id`,
    [JSON.stringify(chunk), ...refs, from, to],
  );
  // The settled marks go in a statement of their own, after the rows: in the same statement
  // the marks' locks could be taken before the rows', the reverse of a push (rows, then its
  // marks), and the two deadlocked (SliBucketStore.concurrency.test).
  if (settled.length > 0) {
    const marks = deleteMarksPostgres(settled);
    await db.raw(marks.sql, marks.bindings);
  }
}

/**
 * SQLite: recomputes the objectives' totals inside the database, UNION_CHUNK objectives a
 * statement: the totals before each `since` plus a window sum over the rows since, written
 * back by an upsert that always conflicts (SQLite walks the computed rows and finds each by
 * its key; an UPDATE ... FROM was planned with the table outside, rescanning the rows per
 * row updated). No row passes through JavaScript: a back-fill's weeks of minutes read into
 * objects and written back as JSON had made the benchmark's peak memory (667 MB for the
 * first recomputation of 2.2 million rows), now it is SQLite's page cache and sorter. One
 * statement reads the rows it writes, so a row deleted meanwhile stays deleted; SQLite has
 * one writer at a time: no lock order to keep.
 */
async function recomputeSqlite(
  db: Knex,
  changes: readonly RunningTotalsChange[],
): Promise<void> {
  for (let from = 0; from < changes.length; from += UNION_CHUNK) {
    const chunk = changes.slice(from, from + UNION_CHUNK);
    // Not correlated: SQLite evaluates each once per statement.
    const before = (column: string) => `coalesce((select ${column} from ${TABLE}
        where slo_ref = ? and objective = ? and bucket_start < ?
        order by bucket_start desc limit 1), 0)`;
    const part = (
      k: number,
    ) => `select * from (select ${k} as k, slo_ref, objective,
        bucket_start, resolution_ms, good, total, covered_ms,
        ${before('cum_good')} as before_good,
        ${before('cum_total')} as before_total,
        ${before('cum_covered_ms')} as before_covered_ms
      from ${TABLE} where slo_ref = ? and objective = ? and bucket_start >= ?)`;
    const parts = chunk.map((_, k) => part(k));
    await db.raw(
      `insert into ${TABLE} (slo_ref, objective, bucket_start, resolution_ms, good, total,
         covered_ms, updated_at, cum_good, cum_total, cum_covered_ms)
       select slo_ref, objective, bucket_start, resolution_ms, 0, 0, 0, 0,
         before_good + sum(good) over w, before_total + sum(total) over w,
         before_covered_ms + sum(covered_ms) over w
       from (${parts.join(' union all ')})
       -- WHERE: an upsert's SELECT needs one, or its ON would parse as a join's.
       where true
       -- Ties (an hour and a late minute at its start) in index order, as the lookups
       -- read them backwards: the later row holds both.
       window w as (partition by k order by bucket_start, resolution_ms
         rows between unbounded preceding and current row)
       on conflict (slo_ref, objective, bucket_start, resolution_ms) do update set
         cum_good = excluded.cum_good, cum_total = excluded.cum_total,
         cum_covered_ms = excluded.cum_covered_ms`,
      chunk.flatMap(c => {
        const key = [c.sloRef, c.objective, c.since];
        return [...key, ...key, ...key, ...key];
      }),
    );
  }
}

type BeforeTotals = Map<number, RunningTotalsRow>;

/**
 * PostgreSQL: the objectives as array parameters, one lateral index scan each for the
 * totals before and one for the rows since, in one statement.
 */
async function readForRecomputePostgres(
  db: Knex,
  changes: readonly RunningTotalsChange[],
  limit?: number,
): Promise<{ before: BeforeTotals; rows: CountsRow[] }> {
  const result = await db.raw(
    `select k.i - 1 as i, r.before, r.bucket_start, r.resolution_ms, r.good, r.total,
       r.covered_ms
     from unnest(?::text[], ?::text[], ?::bigint[]) with ordinality
       as k(slo_ref, objective, since, i)
     cross join lateral (
       (select true as before, bucket_start, resolution_ms, cum_good as good,
          cum_total as total, cum_covered_ms as covered_ms
        from ${TABLE}
        where slo_ref = k.slo_ref and objective = k.objective and bucket_start < k.since
        order by bucket_start desc limit 1)
       union all
       -- Ordered: keeps the part a per-objective index scan (flattened into a join, it
       -- was planned as a hash join over a scan of the whole table).
       (select false, bucket_start, resolution_ms, good, total, covered_ms from ${TABLE}
        where slo_ref = k.slo_ref and objective = k.objective and bucket_start >= k.since
          and bucket_start < ${NO_LATER_THAN}
        order by bucket_start${
          limit === undefined
            ? ''
            : `, resolution_ms limit ${Math.floor(limit)}`
        })) r
     order by k.i, r.before desc, r.bucket_start, r.resolution_ms`,
    [
      changes.map(c => c.sloRef),
      changes.map(c => c.objective),
      changes.map(c => c.since),
    ],
  );
  const before: BeforeTotals = new Map();
  const rows: CountsRow[] = [];
  for (const r of result.rows as Array<CountsRow & { before: boolean }>) {
    if (r.before) {
      before.set(Number(r.i), {
        cum_good: r.good,
        cum_total: r.total,
        cum_covered_ms: r.covered_ms,
      });
    } else {
      rows.push(r);
    }
  }
  return { before, rows };
}
