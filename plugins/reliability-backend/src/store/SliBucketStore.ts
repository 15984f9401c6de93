import {
  EvaluationSpec,
  RunningTotalQueries,
  RunningTotalReadings,
  SliBucket,
  SliceReadings,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { rollUpHours } from './bucketRollUp';
import {
  REQUESTS_CHUNK,
  RunningTotalsRequest,
  asked,
  lookUp,
  readingsOf,
} from './runningTotalLookups';
import {
  markRunningTotalsStale,
  ObjectiveKey,
  settleRunningTotals,
} from './runningTotals';
import { isPostgres } from '../database/isPostgres';
import {
  BATCHES,
  STALE_TOTALS,
  TABLE,
  BucketColumns,
  bucketColumns,
  upsertChunks,
  upsertPostgres,
} from './sliBucketSql';
import {
  SliceReadingsRequest,
  readSliceReadingsMany,
} from './sliceReadingsMany';
import {
  SLICES,
  VARIANTS,
  markSliceTotalsStale,
  retainSliceTotals,
} from './sliceTotalsSql';
import { LIMIT_IN_TEXT } from '../database/limitInText';
import { keyOrderedBuckets, TotalsChangedSince } from './keyOrderedBuckets';

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
  write(
    writes: BucketWrite[],
    options: { mode: WriteMode; batchId?: string; now?: number },
  ): Promise<{ buckets: number; duplicate: boolean }> {
    // Not async: the writes become columns here and are not held while the transaction
    // runs (an async function's suspended frame keeps its arguments until it returns).
    try {
      const now = options.now ?? Date.now();
      const { buckets, since } = keyOrderedBuckets(writes);
      // Bumped once the transaction has ended, committed or not (a needless miss at
      // worst); a reader takes the generation before it reads the buckets, so it never
      // files what it read before this commit under the generation after it.
      const touched = new Set<string>();
      for (const w of writes) {
        if (w.bucketStart < now - FRESH_MS) touched.add(w.sloRef);
      }
      return this.writeRows(
        bucketColumns(buckets),
        since,
        options,
        now,
        writes.length,
      ).finally(() => this.bump(touched));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private writeRows(
    buckets: BucketColumns,
    since: TotalsChangedSince[],
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
      await markSliceTotalsStale(tx, since);
      const fixed = { resolutionMs: this.resolutionMs, updatedAt: now };
      if (isPostgres(tx)) {
        await upsertPostgres(tx, buckets, fixed, options.mode);
      } else {
        await upsertChunks(tx, buckets, fixed, options.mode);
      }
      return { buckets: buckets.starts.length, duplicate: false };
    });
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
        const lookups = chunk.map(j => ({
          j,
          ...requests[j],
          asked: asked(requests[j].queries),
        }));
        const rows = await lookUp(this.db, lookups);
        const found = readingsOf(lookups, rows);
        stale.push(...found.stale);
        for (const [j, readings] of found.readings) answers[j] = readings;
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
   * What `evaluateFromSliceTotals` reads for a Timeslices objective of `sloRef` (see the
   * README's "Slice totals"): {@link SliBucketStore.readSliceReadingsMany} of one.
   */
  async readSliceReadings(
    sloRef: string,
    spec: EvaluationSpec,
  ): Promise<SliceReadings> {
    const [readings] = await this.readSliceReadingsMany([{ sloRef, spec }]);
    return readings;
  }

  /**
   * What `evaluateFromSliceTotals` reads for each of a batch's sliced objectives, answers
   * in the requests' order: their variants rebuilt from their marks first, then their
   * lookups, the events' running totals at the windows' edges and the edge slices'
   * buckets, in statements whose number does not grow with the batch
   * (`sliceReadingsMany.ts`). An objective a write marked meanwhile is read again; a few
   * rounds settle it.
   */
  readSliceReadingsMany(
    requests: readonly SliceReadingsRequest[],
  ): Promise<SliceReadings[]> {
    return readSliceReadingsMany(this.db, requests, this);
  }

  /** The start of the oldest bucket of one objective; undefined without data. */
  async firstBucketStart(
    sloRef: string,
    objective: string,
  ): Promise<number | undefined> {
    const row = await this.db(TABLE)
      .where({ slo_ref: sloRef, objective })
      .min({ first: 'bucket_start' })
      .first()
      .limit(1, LIMIT_IN_TEXT);
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
      .first()
      .limit(1, LIMIT_IN_TEXT);
    return Number(row?.total ?? 0);
  }

  /**
   * Folds minute buckets of whole hours before `olderThan` into hourly buckets, and deletes
   * the minute buckets it folded, in one transaction.
   */
  async rollUp(olderThan: number): Promise<number> {
    try {
      return await rollUpHours(this.db, olderThan);
    } finally {
      this.allGeneration++;
    }
  }

  /** Drops buckets and batch ids older than the retention. */
  async deleteOlderThan(cutoff: number): Promise<void> {
    try {
      await this.db(TABLE).where('bucket_start', '<', cutoff).delete();
      await retainSliceTotals(this.db, cutoff);
    } finally {
      this.allGeneration++;
    }
    await this.db(BATCHES).where('received_at', '<', cutoff).delete();
  }

  /**
   * Drops an objective's slice totals (variants and rows) once it is evaluated from its
   * buckets instead (its definition changed to RatioTimeslices or to a slice length not
   * dividing an hour): no push marks them and no row is kept for nothing. A plain read
   * first, so the usual case (none) takes no lock. Variants, then rows: the order a
   * rebuild takes them in.
   */
  async dropSliceTotals(sloRef: string, objective: string): Promise<void> {
    const key = { slo_ref: sloRef, objective };
    const variant = await this.db(VARIANTS)
      .where(key)
      .first('variant')
      .limit(1, LIMIT_IN_TEXT);
    if (!variant) return;
    await this.db.transaction(async tx => {
      await tx(VARIANTS).where(key).delete();
      await tx(SLICES).where(key).delete();
    });
  }

  /** Drops all data of SLOs that no longer exist. */
  async deleteSlo(sloRef: string): Promise<void> {
    try {
      await this.db(TABLE).where('slo_ref', sloRef).delete();
    } finally {
      this.bump([sloRef]);
    }
    await this.db(STALE_TOTALS).where('slo_ref', sloRef).delete();
    await this.db(SLICES).where('slo_ref', sloRef).delete();
    await this.db(VARIANTS).where('slo_ref', sloRef).delete();
  }
}
