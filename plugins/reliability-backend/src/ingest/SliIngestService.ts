import { InputError } from '@backstage/errors';
import type { SliEvent } from '@reliability-suite/plugin-reliability-common';
import type { EvaluationWorker } from '../evaluation/EvaluationWorker';
import type { SloCatalogSync } from '../evaluation/SloCatalogSync';
import { ItemsRejectedError } from '../lib/ItemsRejectedError';
import type { SliBucketStore, WriteMode } from '../store/SliBucketStore';
import type { SloStore } from '../store/SloStore';
import { IngestLimits, parseSliBatch, sloRefsOf } from './parseSliBatch';

/** A push as the schema admits it. */
export type SliPush = {
  items: SliEvent[];
  mode?: WriteMode;
  batchId?: string;
};

/** What a push did: items accepted, buckets written, or an add-mode batch seen before. */
export type SliPushResult = {
  accepted: number;
  buckets: number;
  duplicate: boolean;
};

/**
 * Ingestion of pushed SLI data (`POST /v1/sli/events`): the batch's rules, the SLOs it names
 * (from the store, else synced from the catalog at once), every item checked before anything
 * is written, the atomic write, and the evaluation queued.
 */
export class SliIngestService {
  constructor(
    private readonly deps: {
      slos: Pick<SloStore, 'getMany'>;
      sync: Pick<SloCatalogSync, 'syncOne'>;
      buckets: Pick<SliBucketStore, 'write'>;
      /** Queues SLOs for evaluation. */
      evaluations: Pick<EvaluationWorker, 'markDirty'>;
      limits: IngestLimits;
      now?: () => number;
    },
  ) {}

  /**
   * Writes a batch, all or nothing. A bad item rejects the whole batch with an
   * {@link ItemsRejectedError} naming every bad item; nothing is written then.
   */
  async push(batch: SliPush): Promise<SliPushResult> {
    const { items, mode = 'replace', batchId } = batch;
    if (mode === 'add' && batchId === undefined) {
      throw new InputError(
        'batchId: required in add mode, so that a retried batch is not counted twice',
      );
    }
    if (batchId?.includes('\u0000')) {
      // Stored as text, where PostgreSQL takes no NUL.
      throw new InputError(
        'batchId: must not contain a NUL character (\\u0000)',
      );
    }
    const refs = [
      ...new Set(
        [...sloRefsOf(items).values()].filter((r): r is string => !!r),
      ),
    ];
    // One read for the SLOs already stored; the catalog only for those it has not synced yet.
    const slos = await this.deps.slos.getMany(refs);
    for (const ref of refs) {
      if (slos.has(ref)) continue;
      const slo = await this.deps.sync.syncOne(ref);
      if (slo) slos.set(ref, slo);
    }
    const { writes, errors } = parseSliBatch(
      items,
      slos,
      (this.deps.now ?? Date.now)(),
      this.deps.limits,
    );
    if (errors.length > 0) {
      throw new ItemsRejectedError(
        errors,
        ItemsRejectedError.summary(errors, items.length, {
          noun: 'items',
          consequence: 'nothing was written',
        }),
      );
    }
    const result = await this.deps.buckets.write(writes, { mode, batchId });
    // Queued before the answer: a push answered 200 has its evaluation in the database,
    // whichever replica takes it. A process that dies between the write and this answers
    // nothing, and the client's retry (idempotent) queues it; the scheduled pass too.
    await this.deps.evaluations.markDirty(slos.keys());
    return {
      accepted: items.length,
      buckets: result.buckets,
      duplicate: result.duplicate,
    };
  }
}
