import { Knex } from 'knex';
import { isPostgres } from '../database/isPostgres';
import { LIMIT_IN_TEXT } from '../database/limitInText';

const TABLE = 'reliability_evaluation_queue';
/**
 * Rows per statement: under SQLite's 500 terms of a compound SELECT (knex's multi-row
 * insert there) and either database's bound-parameter limit.
 */
const CHUNK = 200;

/** One SLO a worker holds: its ref and the version it saw when it claimed it. */
export interface QueueClaim {
  sloRef: string;
  version: number;
}

/** A queued SLO, as the tests and the README's operational notes read it. */
export interface QueueRow {
  sloRef: string;
  dirtyAt: number;
  dueAt: number;
  version: number;
  claimedBy: string | null;
  claimedUntil: number | null;
  attempts: number;
}

/** PostgreSQL's deadlock (40P01) and serialization (40001) failures: safe to run again. */
function isRetryable(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === '40P01' || code === '40001';
}

async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isRetryable(e) || attempt >= 5) throw e;
      await new Promise(r => setTimeout(r, 20 * attempt + Math.random() * 30));
    }
  }
}

/**
 * The durable evaluation queue (`reliability_evaluation_queue`): one row per SLO that
 * waits for an evaluation, shared by every replica on the database.
 *
 * - `enqueue` upserts: a second push for a queued SLO bumps its `version` (and keeps the
 *   earlier due time), so a stream of pushes stays one row and one evaluation.
 * - `claim` takes due, unclaimed (or lease-expired) rows for a lease. On PostgreSQL with
 *   `FOR UPDATE SKIP LOCKED`, so two replicas claiming at once never get the same row and
 *   never wait for each other; on SQLite (one process's file) SQLite's own write lock
 *   serialises the claims.
 * - `complete` deletes a claimed row only if its version is the one claimed; a row dirtied
 *   again during the evaluation is released for another one.
 *
 * Times are the replicas' clocks (epoch ms), compared across replicas for leases: a skew
 * of a few seconds is harmless against the lease (a minute by default).
 */
export class EvaluationQueue {
  constructor(private readonly db: Knex) {}

  /**
   * Queues the SLOs: new rows are due at `dueAt`; queued ones are dirtied again (their
   * version bumped, their due time the earlier of the two).
   */
  async enqueue(
    sloRefs: Iterable<string>,
    options: { now: number; dueAt: number },
  ): Promise<void> {
    // Sorted: concurrent multi-row upserts then lock rows in one order (no deadlock).
    const refs = [...new Set(sloRefs)].sort();
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows = refs.slice(i, i + CHUNK).map(ref => ({
        slo_ref: ref,
        dirty_at: options.now,
        due_at: options.dueAt,
        version: 1,
        attempts: 0,
      }));
      await withRetry(() =>
        this.db(TABLE)
          .insert(rows)
          .onConflict('slo_ref')
          .merge({
            version: this.db.raw('??.version + 1', [TABLE]),
            due_at: this.db.raw(
              'CASE WHEN excluded.due_at < ??.due_at THEN excluded.due_at ELSE ??.due_at END',
              [TABLE, TABLE],
            ),
          }),
      );
    }
  }

  /**
   * Queues every SLO in `reliability_slos`, due at `dueAt` (the scheduled pass), a chunk
   * at a time so that 20,000 SLOs are neither one statement nor one array of records.
   */
  async enqueueAll(options: { now: number; dueAt: number }): Promise<number> {
    let after = '';
    let count = 0;
    for (;;) {
      const refs = (
        await this.db('reliability_slos')
          .where('slo_ref', '>', after)
          .orderBy('slo_ref')
          .limit(CHUNK, LIMIT_IN_TEXT)
          .select('slo_ref')
      ).map(r => String(r.slo_ref));
      if (refs.length === 0) return count;
      await this.enqueue(refs, options);
      count += refs.length;
      after = refs[refs.length - 1];
    }
  }

  /**
   * Claims up to `limit` due rows for `claimedBy` (a token unique to this claim) until
   * `now + leaseMs`: rows nobody holds, or whose holder's lease has passed (a replica that
   * died or hung). Returns what was claimed, with the versions seen.
   */
  async claim(
    claimedBy: string,
    options: { now: number; limit: number; leaseMs: number },
  ): Promise<QueueClaim[]> {
    const { now, limit, leaseMs } = options;
    // Oldest due first; SKIP LOCKED passes over rows another replica is claiming (or a
    // push is upserting) right now instead of waiting for it.
    const lock = isPostgres(this.db) ? 'FOR UPDATE SKIP LOCKED' : '';
    // In the text, not bound (LIMIT_IN_TEXT says why); an integer whatever the caller gave.
    const claimLimit = Math.max(1, Math.floor(limit));
    const result = await withRetry(() =>
      this.db.raw(
        `UPDATE ?? SET claimed_by = ?, claimed_until = ?
         WHERE slo_ref IN (
           SELECT slo_ref FROM ??
           WHERE due_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
           ORDER BY due_at
           LIMIT ${claimLimit}
           ${lock})
         RETURNING slo_ref, version`,
        [TABLE, claimedBy, now + leaseMs, TABLE, now, now],
      ),
    );
    const rows: Array<{ slo_ref: string; version: number | string }> =
      Array.isArray(result) ? result : result.rows;
    return rows.map(r => ({ sloRef: r.slo_ref, version: Number(r.version) }));
  }

  /** Extends the lease of a claim still being worked on. */
  async renew(claimedBy: string, until: number): Promise<void> {
    await this.db(TABLE)
      .where('claimed_by', claimedBy)
      .update({ claimed_until: until });
  }

  /**
   * Ends a claim whose SLOs were evaluated: rows unchanged since the claim are deleted;
   * rows dirtied again meanwhile (a push that landed during the evaluation, which it may
   * not have read) are released, due at `redueAt`. Returns the refs released.
   * Rows whose claim was taken over (the lease passed) are left to their new holder.
   */
  async complete(
    claimedBy: string,
    claims: QueueClaim[],
    options: { redueAt: number },
  ): Promise<string[]> {
    for (let i = 0; i < claims.length; i += 200) {
      const chunk = claims.slice(i, i + 200);
      await withRetry(() =>
        this.db(TABLE)
          .where('claimed_by', claimedBy)
          .andWhere(q => {
            for (const c of chunk) {
              q.orWhere(w =>
                w.where('slo_ref', c.sloRef).andWhere('version', c.version),
              );
            }
          })
          .delete(),
      );
    }
    const refs = claims.map(c => c.sloRef);
    const released: string[] = [];
    for (let i = 0; i < refs.length; i += CHUNK) {
      const chunk = refs.slice(i, i + CHUNK);
      const left = await this.db(TABLE)
        .where('claimed_by', claimedBy)
        .whereIn('slo_ref', chunk)
        .select('slo_ref');
      if (left.length === 0) continue;
      await withRetry(() =>
        this.db(TABLE)
          .where('claimed_by', claimedBy)
          .whereIn('slo_ref', chunk)
          .update({
            claimed_by: null,
            claimed_until: null,
            due_at: options.redueAt,
            attempts: 0,
          }),
      );
      released.push(...left.map(r => String(r.slo_ref)));
    }
    return released;
  }

  /**
   * Ends a claim whose SLOs failed to evaluate: each is tried again at `retryAt`, or
   * dropped after `maxAttempts` failures in a row (the next push or scheduled pass queues
   * it again). Returns the refs dropped.
   */
  async fail(
    claimedBy: string,
    sloRefs: string[],
    options: { retryAt: number; maxAttempts: number },
  ): Promise<string[]> {
    if (sloRefs.length === 0) return [];
    const held = () =>
      this.db(TABLE).where('claimed_by', claimedBy).whereIn('slo_ref', sloRefs);
    await held().update({
      attempts: this.db.raw('attempts + 1'),
      claimed_by: null,
      claimed_until: null,
      due_at: options.retryAt,
    });
    const dropped = await this.db(TABLE)
      .whereIn('slo_ref', sloRefs)
      .whereNull('claimed_by')
      .andWhere('attempts', '>=', options.maxAttempts)
      .select('slo_ref');
    if (dropped.length > 0) {
      await this.db(TABLE)
        .whereIn(
          'slo_ref',
          dropped.map(r => r.slo_ref),
        )
        .whereNull('claimed_by')
        .delete();
    }
    return dropped.map(r => String(r.slo_ref));
  }

  /** Makes every unclaimed row due now (a flush: no debounce left to wait for). */
  async makeDue(now: number): Promise<void> {
    await this.db(TABLE)
      .whereNull('claimed_by')
      .andWhere('due_at', '>', now)
      .update({ due_at: now });
  }

  /** The queue as it stands (tests, operations). */
  async list(): Promise<QueueRow[]> {
    const rows = await this.db(TABLE).orderBy('slo_ref').select();
    return rows.map(r => ({
      sloRef: r.slo_ref,
      dirtyAt: Number(r.dirty_at),
      dueAt: Number(r.due_at),
      version: Number(r.version),
      claimedBy: r.claimed_by ?? null,
      claimedUntil: r.claimed_until === null ? null : Number(r.claimed_until),
      attempts: Number(r.attempts),
    }));
  }

  /**
   * How far behind the evaluation is at `now`: how many SLOs are queued (claimed or not),
   * and how long the longest-waiting of those due and unclaimed has been due (0 when none
   * waits). A row dirtied again during its evaluation is due again a debounce later, so this
   * is time past the debounce that no worker has taken the SLO, not the age of its data.
   */
  async backlog(now: number): Promise<{ queued: number; overdueMs: number }> {
    const [row] = await this.db(TABLE).select(
      this.db.raw('count(*) as queued'),
      this.db.raw(
        'min(case when claimed_by is null and due_at <= ? then due_at end) as oldest_due',
        [now],
      ),
    );
    const oldestDue =
      row.oldest_due === null || row.oldest_due === undefined
        ? now
        : Number(row.oldest_due);
    return { queued: Number(row.queued), overdueMs: now - oldestDue };
  }

  /** How many SLOs wait (claimed or not). */
  async size(): Promise<number> {
    const [row] = await this.db(TABLE).count({ n: '*' });
    return Number(row.n);
  }
}
