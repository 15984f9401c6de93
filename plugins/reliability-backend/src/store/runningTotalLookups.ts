import type {
  RunningTotal,
  RunningTotalQueries,
  RunningTotalReadings,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { unionAllRows } from './unionAllRows';
import { isPostgres } from '../database/isPostgres';
import { STALE_TOTALS, TABLE } from './sliBucketSql';

/**
 * The index lookups of the running totals an evaluation asks for, in one statement per
 * dialect: per time, the last bucket starting before it or ended by it, the totals before
 * the objective's oldest row (ORIGIN), and its stale mark (STALE_MARK).
 */

// Lookups per statement: a burn-down of 500 points asks ~510; SQLite caps a compound
// SELECT at 500 terms.
const LOOKUP_CHUNK = 250;
/** The lookups' row index of the objective's stale mark, and of its origin. */
const STALE_MARK = -2;
const ORIGIN = -1;
/** Objectives per round trip of readRunningTotalsMany (~12 lookups each). */
export const REQUESTS_CHUNK = 100;

/** The running totals one evaluation of an objective asks for. */
export interface RunningTotalsRequest {
  sloRef: string;
  objective: string;
  queries: RunningTotalQueries;
}

interface Lookups extends RunningTotalsRequest {
  /** The request's index. */
  j: number;
  asked: Array<{ t: number; ended: boolean }>;
}

type LookupRow = RunningTotalRow & {
  j: number | string;
  i: number | string;
};

export function asked(queries: RunningTotalQueries) {
  return [
    ...queries.startingBefore.map(t => ({ t, ended: false })),
    ...queries.endedBy.map(t => ({ t, ended: true })),
  ];
}

interface RunningTotalRow {
  bucket_start: string | number;
  resolution_ms: number;
  cum_good: string | number;
  cum_total: string | number;
  cum_covered_ms: string | number;
}

/**
 * PostgreSQL: the lookups as array parameters and one lateral index scan per lookup, a
 * statement whose plan does not depend on how many are asked.
 */
async function lookUpPostgres(
  db: Knex,
  lookups: readonly Lookups[],
): Promise<LookupRow[]> {
  const flat = lookups.flatMap(l =>
    l.asked.map(({ t, ended }, i) => ({ l, t, ended, i })),
  );
  const result = await db.raw(
    `select q.j, q.i, b.bucket_start, b.resolution_ms, b.cum_good, b.cum_total, b.cum_covered_ms
     from unnest(?::integer[], ?::integer[], ?::text[], ?::text[], ?::bigint[], ?::boolean[])
       as q(j, i, slo_ref, objective, t, ended)
     cross join lateral (
       select bucket_start, resolution_ms, cum_good, cum_total, cum_covered_ms
       from ${TABLE}
       where slo_ref = q.slo_ref and objective = q.objective and bucket_start < q.t
         -- Rows do not overlap: of the rows starting before t, only the last may end after it.
         and (not q.ended or bucket_start + resolution_ms <= q.t)
       order by bucket_start desc limit 1) b
     union all
     select k.j, ${ORIGIN}, o.bucket_start, o.resolution_ms, o.cum_good - o.good,
       o.cum_total - o.total, o.cum_covered_ms - o.covered_ms
     from unnest(?::integer[], ?::text[], ?::text[]) as k(j, slo_ref, objective)
     cross join lateral (
       select * from ${TABLE} where slo_ref = k.slo_ref and objective = k.objective
       order by bucket_start asc limit 1) o
     union all
     select k.j, ${STALE_MARK}, s.since, 0, 0, 0, 0
     from unnest(?::integer[], ?::text[], ?::text[]) as k(j, slo_ref, objective)
     join ${STALE_TOTALS} s on s.slo_ref = k.slo_ref and s.objective = k.objective`,
    [
      flat.map(f => f.l.j),
      flat.map(f => f.i),
      flat.map(f => f.l.sloRef),
      flat.map(f => f.l.objective),
      flat.map(f => f.t),
      flat.map(f => f.ended),
      ...[0, 1].flatMap(() => [
        lookups.map(l => l.j),
        lookups.map(l => l.sloRef),
        lookups.map(l => l.objective),
      ]),
    ],
  );
  return result.rows;
}

/** SQLite: single-row index scans joined by UNION ALL, in chunks. */
async function lookUpUnion(
  db: Knex,
  lookups: readonly Lookups[],
): Promise<LookupRow[]> {
  const parts: Array<{ sql: string; bindings: Array<string | number> }> = [];
  // Each lookup is wrapped as a subquery since SQLite takes no LIMIT in a compound part.
  for (const { j, sloRef, objective, asked: times } of lookups) {
    times.forEach(({ t, ended }, i) =>
      parts.push({
        sql: `select * from (select ${j} as j, ${i} as i, bucket_start, resolution_ms,
           cum_good, cum_total, cum_covered_ms
         from ${TABLE} where slo_ref = ? and objective = ? and bucket_start < ?${
          // Rows do not overlap: of the rows starting before t, only the last may end after it.
          ended ? ' and bucket_start + resolution_ms <= ?' : ''
        } order by bucket_start desc limit 1)`,
        bindings: ended ? [sloRef, objective, t, t] : [sloRef, objective, t],
      }),
    );
    // The totals before the oldest row: not zero once retention deleted older rows.
    parts.push(
      {
        sql: `select * from (select ${j} as j, ${ORIGIN} as i, bucket_start, resolution_ms,
           cum_good - good as cum_good, cum_total - total as cum_total,
           cum_covered_ms - covered_ms as cum_covered_ms
         from ${TABLE} where slo_ref = ? and objective = ? order by bucket_start asc limit 1)`,
        bindings: [sloRef, objective],
      },
      {
        // Named: a part may be the first of its statement, which names the columns.
        sql: `select ${j} as j, ${STALE_MARK} as i, since as bucket_start,
           0 as resolution_ms, 0 as cum_good, 0 as cum_total, 0 as cum_covered_ms
         from ${STALE_TOTALS} where slo_ref = ? and objective = ?`,
        bindings: [sloRef, objective],
      },
    );
  }
  // One round trip per chunk.
  return unionAllRows<LookupRow>(db, parts, LOOKUP_CHUNK);
}

/**
 * The readings of each lookup's request from the statement's rows; `stale`: the requests
 * (in lookup order) whose objective had a stale mark, to be recomputed and read again.
 */
export function readingsOf(
  lookups: readonly Lookups[],
  rows: readonly LookupRow[],
) {
  const readings = new Map<number, RunningTotalReadings>();
  const stale: number[] = [];
  const byRequest = new Map<number, Map<number, RunningTotal>>();
  const marked = new Set<number>();
  for (const r of rows) {
    const j = Number(r.j);
    const i = Number(r.i);
    if (i === STALE_MARK) {
      marked.add(j);
      continue;
    }
    const start = Number(r.bucket_start);
    let found = byRequest.get(j);
    if (!found) byRequest.set(j, (found = new Map()));
    found.set(i, {
      start,
      end: start + r.resolution_ms,
      good: Number(r.cum_good),
      total: Number(r.cum_total),
      coveredMs: Number(r.cum_covered_ms),
    });
  }
  for (const { j, asked: times } of lookups) {
    if (marked.has(j)) {
      stale.push(j);
      continue;
    }
    const found = byRequest.get(j) ?? new Map<number, RunningTotal>();
    const startingBefore = new Map<number, RunningTotal | undefined>();
    const endedBy = new Map<number, RunningTotal | undefined>();
    times.forEach(({ t, ended }, i) =>
      (ended ? endedBy : startingBefore).set(t, found.get(i)),
    );
    readings.set(j, { startingBefore, endedBy, origin: found.get(ORIGIN) });
  }
  return { readings, stale };
}

/** The lookups in one statement (PostgreSQL) or a few (SQLite). */
export function lookUp(
  db: Knex,
  lookups: readonly Lookups[],
): Promise<LookupRow[]> {
  return isPostgres(db)
    ? lookUpPostgres(db, lookups)
    : lookUpUnion(db, lookups);
}
