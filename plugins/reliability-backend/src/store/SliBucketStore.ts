import type {
  RunningTotal,
  RunningTotalQueries,
  RunningTotalReadings,
  SliBucket,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import {
  markRunningTotalsStale,
  ObjectiveKey,
  settleRunningTotals,
} from './runningTotals';

const TABLE = 'reliability_sli_buckets';
const BATCHES = 'reliability_sli_batches';
const STALE_TOTALS = 'reliability_sli_stale_totals';
const HOUR_MS = 3_600_000;
// knex writes a multi-row insert on SQLite as a compound SELECT, which SQLite caps at 500
// terms; PostgreSQL takes the same chunks without loss.
const INSERT_CHUNK = 500;
// Lookups per statement: a burn-down of 500 points asks ~510; SQLite caps a compound
// SELECT at 500 terms.
const LOOKUP_CHUNK = 250;
/** The lookups' row index of the objective's stale mark, and of its origin. */
const STALE_MARK = -2;
const ORIGIN = -1;
/** Objectives per round trip of readRunningTotalsMany (~12 lookups each). */
const REQUESTS_CHUNK = 100;

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

type LookupRow = RunningTotalRow & { j: number | string; i: number | string };

function asked(queries: RunningTotalQueries) {
  return [
    ...queries.startingBefore.map(t => ({ t, ended: false })),
    ...queries.endedBy.map(t => ({ t, ended: true })),
  ];
}

/** Counts for one bucket, already aligned to the store's resolution. */
export interface BucketWrite {
  sloRef: string;
  objective: string;
  bucketStart: number;
  good: number;
  total: number;
}

/**
 * `replace`: each bucket named in a batch gets the batch's counts (summed over the batch's
 * items for that bucket), whatever it held before — a retried batch writes the same values.
 * `add`: the batch's counts are added to what the buckets hold; the batch's id is recorded
 * in the same transaction, so a retried batch is recognised and counts once.
 */
export type WriteMode = 'replace' | 'add';

interface BucketRow {
  slo_ref: string;
  objective: string;
  bucket_start: string | number;
  resolution_ms: number;
  good: string | number;
  total: string | number;
  covered_ms: string | number;
}

interface RunningTotalRow {
  bucket_start: string | number;
  resolution_ms: number;
  cum_good: string | number;
  cum_total: string | number;
  cum_covered_ms: string | number;
}

/** Key order of bucket rows: SLO, objective, start (code units, as PostgreSQL's "C"). */
function byKey(a: BucketWrite, b: BucketWrite): number {
  if (a.sloRef !== b.sloRef) return a.sloRef < b.sloRef ? -1 : 1;
  if (a.objective !== b.objective) return a.objective < b.objective ? -1 : 1;
  return a.bucketStart - b.bucketStart;
}

function isPostgres(db: Knex): boolean {
  return String(db.client.config.client).includes('pg');
}

/**
 * On PostgreSQL the whole batch goes in one statement, its rows as one JSON parameter:
 * binding 7 parameters per row for thousands of rows costs more than the insert itself.
 */
async function upsertPostgres(
  tx: Knex,
  rows: Array<Record<string, string | number>>,
  mode: WriteMode,
): Promise<void> {
  const merge =
    mode === 'add'
      ? `good = ${TABLE}.good + excluded.good, total = ${TABLE}.total + excluded.total`
      : 'good = excluded.good, total = excluded.total';
  await tx.raw(
    `insert into ${TABLE} (slo_ref, objective, bucket_start, resolution_ms, good, total, covered_ms, updated_at)
     select slo_ref, objective, bucket_start, resolution_ms, good, total, covered_ms, updated_at
     from json_to_recordset(?::json) as x(slo_ref text, objective text, bucket_start bigint,
       resolution_ms integer, good bigint, total bigint, covered_ms bigint, updated_at bigint)
     on conflict (slo_ref, objective, bucket_start, resolution_ms)
     do update set ${merge}, updated_at = excluded.updated_at`,
    [JSON.stringify(rows)],
  );
}

/**
 * SLI data: good and total counts per objective and bucket. Minute buckets (the ingest
 * resolution) are rolled up into hourly buckets once older than the roll-up age.
 *
 * Every row also carries its objective's running totals (sums over it and every earlier
 * row), so that an evaluation reads a dozen rows (`readRunningTotals`) instead of its whole
 * window. A write marks them stale from its oldest bucket on; the next read recomputes
 * them (see runningTotals.ts); a roll-up carries them over. Retention deletes old rows
 * without touching the totals of the rest: only their differences are ever read.
 */
/** Writes of buckets this recent are the present, not a change of the history (generation). */
export const FRESH_MS = 5 * 60_000;

export class SliBucketStore {
  /** Bumped by every roll-up and retention pass, which touch every SLO's rows. */
  private allGeneration = 0;
  /**
   * Bumped per SLO by every write through this store that reaches further back than
   * FRESH_MS before the write (late data, back-fills, corrections; one small number per SLO).
   */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly db: Knex,
    readonly resolutionMs: number = 60_000,
  ) {}

  /**
   * Changes whenever this process changed the SLO's past buckets: a write with a bucket
   * older than FRESH_MS (5 minutes) before it, a roll-up, a retention pass, a deletion; not
   * the pushes of the current minutes, nor another replica's writes. Lets a cache of
   * something derived from the history (the postmortem view's burn episodes) know that it
   * is out of date; such a cache bounds its age as well, for the fresh data and the other
   * replicas.
   */
  generation(sloRef: string): string {
    return `${this.allGeneration}:${this.generations.get(sloRef) ?? 0}`;
  }

  private bump(sloRefs: Iterable<string>): void {
    for (const ref of sloRefs) {
      this.generations.set(ref, (this.generations.get(ref) ?? 0) + 1);
    }
  }

  /**
   * Writes a batch atomically: all of it or, on any failure, none of it. Returns how many
   * buckets were written, or `duplicate: true` when an additive batch with the same id was
   * already applied (nothing is written again).
   */
  async write(
    writes: BucketWrite[],
    options: { mode: WriteMode; batchId?: string; now?: number },
  ): Promise<{ buckets: number; duplicate: boolean }> {
    const now = options.now ?? Date.now();
    const merged = new Map<string, BucketWrite>();
    for (const w of writes) {
      const key = `${w.sloRef}\u0000${w.objective}\u0000${w.bucketStart}`;
      const seen = merged.get(key);
      if (seen) {
        seen.good += w.good;
        seen.total += w.total;
      } else {
        merged.set(key, { ...w });
      }
    }
    // In key order: the recomputation of running totals locks the rows it writes back in the
    // same order (runningTotals.ts), so a push and a write-back never wait on each other.
    const rows = [...merged.values()].sort(byKey).map(w => ({
      slo_ref: w.sloRef,
      objective: w.objective,
      bucket_start: w.bucketStart,
      resolution_ms: this.resolutionMs,
      good: w.good,
      total: w.total,
      covered_ms: this.resolutionMs,
      updated_at: now,
    }));
    // Each objective's running totals change from its earliest bucket written on.
    const since = new Map<
      string,
      { sloRef: string; objective: string; since: number }
    >();
    for (const w of merged.values()) {
      const key = `${w.sloRef}\u0000${w.objective}`;
      const seen = since.get(key);
      if (!seen) {
        since.set(key, {
          sloRef: w.sloRef,
          objective: w.objective,
          since: w.bucketStart,
        });
      } else if (w.bucketStart < seen.since) {
        seen.since = w.bucketStart;
      }
    }

    // Bumped once the transaction has ended, committed or not (a needless miss at worst);
    // a reader takes the generation before it reads the buckets, so it never files what
    // it read before this commit under the generation after it.
    const touched = new Set(
      writes.filter(w => w.bucketStart < now - FRESH_MS).map(w => w.sloRef),
    );
    try {
      return await this.writeRows(
        rows,
        [...since.values()],
        options,
        now,
        writes.length,
      );
    } finally {
      this.bump(touched);
    }
  }

  private writeRows(
    rows: Array<Record<string, string | number>>,
    since: Array<{ sloRef: string; objective: string; since: number }>,
    options: { mode: WriteMode; batchId?: string },
    now: number,
    items: number,
  ): Promise<{ buckets: number; duplicate: boolean }> {
    return this.db.transaction(async tx => {
      if (options.batchId !== undefined) {
        const inserted = await tx(BATCHES)
          .insert({
            batch_id: options.batchId,
            items,
            received_at: now,
          })
          .onConflict('batch_id')
          .ignore()
          .returning('batch_id');
        if (inserted.length === 0) {
          return { buckets: 0, duplicate: true };
        }
      }
      await markRunningTotalsStale(tx, since);
      if (isPostgres(tx)) {
        await upsertPostgres(tx, rows, options.mode);
      } else {
        await this.upsertChunks(tx, rows, options.mode);
      }
      return { buckets: rows.length, duplicate: false };
    });
  }

  private async upsertChunks(
    tx: Knex,
    rows: Array<Record<string, string | number>>,
    mode: WriteMode,
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const insert = tx(TABLE)
        .insert(chunk)
        .onConflict(['slo_ref', 'objective', 'bucket_start', 'resolution_ms']);
      if (mode === 'add') {
        await insert.merge({
          good: tx.raw('??.?? + excluded.??', [TABLE, 'good', 'good']),
          total: tx.raw('??.?? + excluded.??', [TABLE, 'total', 'total']),
          updated_at: tx.raw('excluded.??', ['updated_at']),
        });
      } else {
        await insert.merge(['good', 'total', 'updated_at']);
      }
    }
  }

  /** The buckets of one objective that start in `[from, to)`, oldest first. */
  async read(
    sloRef: string,
    objective: string,
    from: number,
    to: number,
  ): Promise<SliBucket[]> {
    const rows = await this.db<BucketRow>(TABLE)
      .select('bucket_start', 'resolution_ms', 'good', 'total', 'covered_ms')
      .where({ slo_ref: sloRef, objective })
      .andWhere('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to)
      .orderBy('bucket_start', 'asc');
    return rows.map(r => {
      const covered = Number(r.covered_ms);
      return {
        start: Number(r.bucket_start),
        durationMs: r.resolution_ms,
        good: Number(r.good),
        total: Number(r.total),
        // Only a roll-up of an hour with minutes missing says so.
        ...(covered !== r.resolution_ms ? { coveredMs: covered } : {}),
      };
    });
  }

  /**
   * The running totals an evaluation asks for (see `runningTotalQueries` of -common): per
   * time, the last bucket starting before it or ended by it. One statement of index
   * lookups; its cost does not depend on the window's length.
   */
  async readRunningTotals(
    sloRef: string,
    objective: string,
    queries: RunningTotalQueries,
  ): Promise<RunningTotalReadings> {
    const [readings] = await this.readRunningTotalsMany([
      { sloRef, objective, queries },
    ]);
    return readings;
  }

  /**
   * {@link SliBucketStore.readRunningTotals} of several objectives (an evaluation batch) in
   * one round trip per REQUESTS_CHUNK objectives, answers in the requests' order. The
   * lookups report stale marks in the same round trip: those objectives' totals are then
   * recomputed and read again; a write landing meanwhile leaves a mark again, and a few
   * rounds settle it.
   */
  async readRunningTotalsMany(
    requests: readonly RunningTotalsRequest[],
  ): Promise<RunningTotalReadings[]> {
    const answers = new Array<RunningTotalReadings>(requests.length);
    let pending = requests.map((_, j) => j);
    for (let round = 0; pending.length > 0; round++) {
      if (round === 4) {
        const { sloRef, objective } = requests[pending[0]];
        throw new Error(
          `the running totals of ${sloRef} ${objective} stay stale under continuous writes`,
        );
      }
      const stale: number[] = [];
      for (let from = 0; from < pending.length; from += REQUESTS_CHUNK) {
        const chunk = pending.slice(from, from + REQUESTS_CHUNK);
        const lookups = chunk.map(j => ({ j, ...requests[j], asked: asked(requests[j].queries) }));
        const rows = isPostgres(this.db)
          ? await this.lookUpPostgres(lookups)
          : await this.lookUpUnion(lookups);
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
          answers[j] = { startingBefore, endedBy, origin: found.get(ORIGIN) };
        }
      }
      if (stale.length > 0) {
        await settleRunningTotals(
          this.db,
          stale.map(j => ({
            sloRef: requests[j].sloRef,
            objective: requests[j].objective,
          })),
        );
      }
      pending = stale;
    }
    return answers;
  }

  /**
   * Recomputes the running totals the objectives' writes left stale, for a batch of
   * evaluations: their reads then find them settled.
   */
  async settleRunningTotals(keys: readonly ObjectiveKey[]): Promise<void> {
    await settleRunningTotals(this.db, keys);
  }

  /**
   * PostgreSQL: the lookups as array parameters and one lateral index scan per lookup, a
   * statement whose plan does not depend on how many are asked.
   */
  private async lookUpPostgres(
    lookups: readonly Lookups[],
  ): Promise<LookupRow[]> {
    const flat = lookups.flatMap(l =>
      l.asked.map(({ t, ended }, i) => ({ l, t, ended, i })),
    );
    const result = await this.db.raw(
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
  private async lookUpUnion(lookups: readonly Lookups[]): Promise<LookupRow[]> {
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
    const rows: LookupRow[] = [];
    // One round trip per chunk.
    for (let from = 0; from < parts.length; from += LOOKUP_CHUNK) {
      const chunk = parts.slice(from, from + LOOKUP_CHUNK);
      rows.push(
        ...(await this.db.raw(
          chunk.map(p => p.sql).join(' union all '),
          chunk.flatMap(p => p.bindings),
        )),
      );
    }
    return rows;
  }

  /** The start of the oldest bucket of one objective; undefined without data. */
  async firstBucketStart(
    sloRef: string,
    objective: string,
  ): Promise<number | undefined> {
    const row = await this.db(TABLE)
      .where({ slo_ref: sloRef, objective })
      .min({ first: 'bucket_start' })
      .first();
    return row?.first === null || row?.first === undefined
      ? undefined
      : Number(row.first);
  }

  /** The events of one objective in buckets starting in `[from, to)` (an SQL sum). */
  async sumTotal(
    sloRef: string,
    objective: string,
    from: number,
    to: number,
  ): Promise<number> {
    const row = await this.db(TABLE)
      .where({ slo_ref: sloRef, objective })
      .andWhere('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to)
      .sum({ total: 'total' })
      .first();
    return Number(row?.total ?? 0);
  }

  /**
   * Folds minute buckets of whole hours before `olderThan` into hourly buckets, and deletes
   * the minute buckets it folded, in one transaction.
   */
  async rollUp(olderThan: number): Promise<number> {
    try {
      return await this.rollUpRows(olderThan);
    } finally {
      this.allGeneration++;
    }
  }

  private rollUpRows(olderThan: number): Promise<number> {
    const cutoff = Math.floor(olderThan / HOUR_MS) * HOUR_MS;
    return this.db.transaction(async tx => {
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

  /** Drops buckets and batch ids older than the retention. */
  async deleteOlderThan(cutoff: number): Promise<void> {
    try {
      await this.db(TABLE).where('bucket_start', '<', cutoff).delete();
    } finally {
      this.allGeneration++;
    }
    await this.db(BATCHES).where('received_at', '<', cutoff).delete();
  }

  /** Drops all data of SLOs that no longer exist. */
  async deleteSlo(sloRef: string): Promise<void> {
    try {
      await this.db(TABLE).where('slo_ref', sloRef).delete();
    } finally {
      this.bump([sloRef]);
    }
    await this.db('reliability_sli_stale_totals')
      .where('slo_ref', sloRef)
      .delete();
  }
}
