import { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SloStore } from '../store/SloStore';
import { EvaluationQueue, QueueClaim } from './EvaluationQueue';
import { noYield, YieldBetweenSteps } from '../lib/yieldToEventLoop';
import type { SloEvaluator } from './SloEvaluator';

/** The defaults (config `reliability.evaluation.*`, see config.d.ts). */
export const EVALUATION_DEFAULTS = {
  debounceMs: 5_000,
  leaseMs: 60_000,
  batchSize: 50,
  pollMs: 1_000,
  maxAttempts: 5,
};

export interface EvaluationWorkerOptions {
  queue: EvaluationQueue;
  slos: Pick<SloStore, 'getMany'>;
  evaluator: Pick<SloEvaluator, 'evaluateAndStore'>;
  logger: LoggerService;
  /** How long a pushed SLO waits for more pushes before its evaluation. */
  debounceMs?: number;
  /** How long a claim holds its SLOs without being renewed. */
  leaseMs?: number;
  /** SLOs per claim. */
  batchSize?: number;
  /** How often an idle worker looks for due SLOs (other replicas' pushes, expired leases). */
  pollMs?: number;
  /** Failed evaluations in a row before an SLO leaves the queue. */
  maxAttempts?: number;
  /** Names this replica in its claims (host/pid by default). */
  workerId?: string;
  /** Awaited between batches (`yieldBetweenSteps` of the database; none by default). */
  yieldBetweenSteps?: YieldBetweenSteps;
  now?: () => number;
}

/**
 * The evaluation work of one replica, on the queue every replica shares (EvaluationQueue):
 * `markDirty` queues SLOs after a push, `enqueueAll` queues every SLO (the scheduled pass),
 * and the worker loop (`start`) claims due SLOs a batch at a time, evaluates and stores
 * them (SloEvaluator.evaluateAndStore) and completes the claim. A stream of pushes for one
 * SLO is one queued row, evaluated once per debounce period, by whichever replica claims
 * it first; a replica that dies holding a claim leaves its rows to the others once its
 * lease has passed.
 */
export class EvaluationWorker {
  private readonly debounceMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly workerId: string;
  /** Batches this process is evaluating (any caller: the loop, the task, a flush). */
  private readonly inFlight = new Set<Promise<number>>();
  private loop?: Promise<void>;
  private stopped = false;
  private woken = false;
  private wake?: () => void;
  /** One wake-up timer at a time, at `wakeAt`; a later one wanted meanwhile: `nextWakeAt`. */
  private wakeTimer?: NodeJS.Timeout;
  private wakeAt = 0;
  private nextWakeAt = 0;

  constructor(private readonly deps: EvaluationWorkerOptions) {
    this.debounceMs = deps.debounceMs ?? EVALUATION_DEFAULTS.debounceMs;
    this.leaseMs = deps.leaseMs ?? EVALUATION_DEFAULTS.leaseMs;
    this.batchSize = deps.batchSize ?? EVALUATION_DEFAULTS.batchSize;
    this.pollMs = deps.pollMs ?? EVALUATION_DEFAULTS.pollMs;
    this.maxAttempts = deps.maxAttempts ?? EVALUATION_DEFAULTS.maxAttempts;
    this.workerId =
      deps.workerId ?? `${hostname()}/${process.pid}`.slice(0, 200);
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  /**
   * Queues SLOs for evaluation after the debounce (a push, an SLI sync, a changed
   * definition). Durable once it resolves: the push route awaits it before answering.
   */
  async markDirty(sloRefs: Iterable<string>): Promise<void> {
    const refs = [...sloRefs];
    if (refs.length === 0) return;
    const now = this.now();
    await this.deps.queue.enqueue(refs, {
      now,
      dueAt: now + this.debounceMs,
    });
    // This replica looks when they fall due rather than at its next poll.
    this.wakeAfter(this.debounceMs);
  }

  /** Queues every SLO, due now (the scheduled pass); returns how many. */
  async enqueueAll(): Promise<number> {
    const now = this.now();
    const count = await this.deps.queue.enqueueAll({ now, dueAt: now });
    this.wakeAfter(0);
    return count;
  }

  /**
   * Claims and evaluates batches until none is due and unclaimed; returns how many SLOs
   * this call evaluated. Other replicas drain the same queue at the same time.
   */
  async drain(signal?: AbortSignal): Promise<number> {
    let total = 0;
    while (!this.stopped && !signal?.aborted) {
      // Requests that arrived during the last batch go first (on SQLite).
      if (total > 0) await (this.deps.yieldBetweenSteps ?? noYield)();
      const batch = this.runBatch();
      this.inFlight.add(batch);
      let claimed: number;
      try {
        claimed = await batch;
      } finally {
        this.inFlight.delete(batch);
      }
      total += claimed;
      if (claimed < this.batchSize) break;
    }
    return total;
  }

  /**
   * Evaluates everything queued now, without waiting for the debounce, and resolves when
   * it is stored: what this process was evaluating, then every row it can claim (tests,
   * and the bench, use it to have statuses stored). Rows another replica holds are left
   * to it.
   */
  async flush(): Promise<void> {
    for (;;) {
      await Promise.allSettled([...this.inFlight]);
      await this.deps.queue.makeDue(this.now());
      const evaluated = await this.drain();
      if (evaluated === 0 && this.inFlight.size === 0) return;
    }
  }

  /** Starts this replica's worker loop. */
  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Stops the loop; resolves once the batch in hand is stored (its claim completed). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.drain();
      } catch (e) {
        // The database unreachable, say: the claims made are kept until their lease
        // passes, and the next poll tries again.
        this.deps.logger.error(`SLO evaluation from the queue failed: ${e}`);
      }
      await this.sleep();
    }
  }

  /** Waits for the poll interval, or less when woken. */
  private sleep(): Promise<void> {
    if (this.woken || this.stopped) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise(resolve => {
      const timer = setTimeout(done, this.pollMs);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  /**
   * Wakes the loop in `ms`. A push every few milliseconds must not leave a timer each: one
   * timer runs, and the latest time wanted meanwhile gets the next one (rows falling due in
   * between are drained with the first, or found by the poll).
   */
  private wakeAfter(ms: number): void {
    if (!this.loop || this.stopped) return;
    const at = Date.now() + ms + 20;
    if (this.wakeTimer) {
      if (at > this.wakeAt) this.nextWakeAt = Math.max(this.nextWakeAt, at);
      if (at >= this.wakeAt) return;
      // Sooner than the one set (the scheduled pass): that one's time comes next.
      this.nextWakeAt = Math.max(this.nextWakeAt, this.wakeAt);
      clearTimeout(this.wakeTimer);
    }
    this.wakeAt = at;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.woken = true;
      this.wake?.();
      const next = this.nextWakeAt;
      this.nextWakeAt = 0;
      if (next > Date.now()) this.wakeAfter(next - Date.now() - 20);
    }, at - Date.now());
    this.wakeTimer.unref?.();
  }

  /** One claim: evaluates its SLOs and completes it; returns how many were claimed. */
  private async runBatch(): Promise<number> {
    const { queue, logger } = this.deps;
    // Unique per claim, so that a claim taken over after its lease is never completed by
    // the one that lost it; host/pid say which replica holds what.
    const token = `${this.workerId}/${randomUUID().slice(0, 8)}`;
    const claims = await queue.claim(token, {
      now: this.now(),
      limit: this.batchSize,
      leaseMs: this.leaseMs,
    });
    if (claims.length === 0) return 0;
    // A batch slower than its lease (a slow database) keeps it while this process lives.
    const renewal = setInterval(() => {
      queue
        .renew(token, this.now() + this.leaseMs)
        .catch(e => logger.warn(`Could not renew an evaluation claim: ${e}`));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    renewal.unref?.();
    try {
      const failed = await this.evaluate(claims);
      const done = claims.filter(c => !failed.has(c.sloRef));
      await queue.complete(token, done, {
        redueAt: this.now() + this.debounceMs,
      });
      if (failed.size > 0) {
        const dropped = await queue.fail(token, [...failed], {
          retryAt: this.now() + this.leaseMs,
          maxAttempts: this.maxAttempts,
        });
        if (dropped.length > 0) {
          logger.error(
            `Gave up evaluating ${dropped.join(', ')} after ${
              this.maxAttempts
            } failures; the next push or scheduled pass queues them again`,
          );
        }
      }
      return claims.length;
    } finally {
      clearInterval(renewal);
    }
  }

  /** Evaluates the claimed SLOs; returns the refs whose evaluation failed. */
  private async evaluate(claims: QueueClaim[]): Promise<Set<string>> {
    const { slos, evaluator, logger } = this.deps;
    // An SLO gone from the catalog since it was queued: nothing to evaluate, done.
    const stored = await slos.getMany(claims.map(c => c.sloRef));
    const records = claims.flatMap(c => stored.get(c.sloRef) ?? []);
    try {
      await evaluator.evaluateAndStore(records, this.now());
      return new Set();
    } catch (e) {
      // One broken SLO must not hold back the rest of its batch: one at a time.
      const failed = new Set<string>();
      for (const slo of records) {
        try {
          await evaluator.evaluateAndStore([slo], this.now());
        } catch (error) {
          failed.add(slo.sloRef);
          logger.error(`SLO evaluation of ${slo.sloRef} failed: ${error}`);
        }
      }
      return failed;
    }
  }
}
