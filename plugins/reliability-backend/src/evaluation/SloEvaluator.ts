import { LoggerService } from '@backstage/backend-plugin-api';
import {
  evaluateObjective,
  ObjectiveEvaluation,
  resolveWindow,
  SliBucket,
} from '@reliability-suite/plugin-reliability-common';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { StatusRecord, StatusStore } from '../store/StatusStore';
import { ObjectiveStatus, toObjectiveStatus } from './objectiveStatus';
import { sloState } from './sloState';

/**
 * Evaluates SLOs from their SLI buckets and keeps the status snapshot. Pushes mark SLOs
 * dirty; dirty SLOs are evaluated together a few seconds later, so a stream of batches for
 * one SLO costs one evaluation (a read of its whole window), not one per batch.
 */
export class SloEvaluator {
  private readonly dirty = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly deps: {
      slos: SloStore;
      buckets: SliBucketStore;
      statuses: StatusStore;
      logger: LoggerService;
      debounceMs?: number;
      /** Called with the services whose SLOs were just evaluated. */
      onEvaluated?: (serviceRefs: string[]) => Promise<void>;
    },
  ) {}

  /** Full evaluation of one objective at `at`, with the burn-down series. */
  async evaluate(
    slo: SloRecord,
    objectiveName: string,
    at: number,
  ): Promise<ObjectiveEvaluation> {
    return (await this.evaluateWithBuckets(slo, objectiveName, at)).evaluation;
  }

  /** The evaluation and the buckets it was made from, read once (for charts). */
  async evaluateWithBuckets(
    slo: SloRecord,
    objectiveName: string,
    at: number,
  ): Promise<{ evaluation: ObjectiveEvaluation; buckets: SliBucket[] }> {
    const objective = slo.definition.objectives.find(
      o => o.name === objectiveName,
    );
    if (!objective) {
      throw new Error(`${slo.sloRef} has no objective '${objectiveName}'`);
    }
    const { start } = resolveWindow(slo.definition.window, at);
    const buckets = await this.deps.buckets.read(
      slo.sloRef,
      objective.name,
      start,
      at,
    );
    const evaluation = evaluateObjective({
      objective,
      budgetingMethod: slo.definition.budgetingMethod,
      window: slo.definition.window,
      buckets,
      at,
      bucketMs: this.deps.buckets.resolutionMs,
    });
    return { evaluation, buckets };
  }

  /** Evaluates every objective of the SLOs and stores their status. */
  async evaluateAndStore(
    slos: SloRecord[],
    at = Date.now(),
  ): Promise<StatusRecord<ObjectiveStatus>[]> {
    const records: StatusRecord<ObjectiveStatus>[] = [];
    for (const slo of slos) {
      for (const objective of slo.definition.objectives) {
        const evaluation = await this.evaluate(slo, objective.name, at);
        const state = sloState(evaluation);
        records.push({
          sloRef: slo.sloRef,
          objective: objective.name,
          serviceRef: slo.serviceRef,
          state,
          remaining:
            evaluation.dataQuality === 'no-data'
              ? null
              : evaluation.errorBudget.remaining,
          status: toObjectiveStatus(evaluation, state, at),
          evaluatedAt: at,
        });
      }
      await this.deps.statuses.deleteObjectivesExcept(
        slo.sloRef,
        slo.definition.objectives.map(o => o.name),
      );
    }
    await this.deps.statuses.upsert(records);
    if (this.deps.onEvaluated && slos.length > 0) {
      await this.deps.onEvaluated([...new Set(slos.map(s => s.serviceRef))]);
    }
    return records;
  }

  /** Evaluates every known SLO (the scheduled task). */
  async evaluateAll(at = Date.now()): Promise<number> {
    const slos = await this.deps.slos.list();
    await this.evaluateAndStore(slos, at);
    return slos.length;
  }

  /** Marks SLOs for evaluation soon (after an ingest). */
  markDirty(sloRefs: Iterable<string>): void {
    for (const ref of sloRefs) this.dirty.add(ref);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.running = this.flush().catch(e =>
          this.deps.logger.error(`SLO evaluation after ingest failed: ${e}`),
        );
      }, this.deps.debounceMs ?? 5000);
      this.timer.unref?.();
    }
  }

  /** Evaluates the dirty SLOs now; resolves when their status is stored. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.running;
    const refs = [...this.dirty];
    this.dirty.clear();
    const slos = (
      await Promise.all(refs.map(ref => this.deps.slos.get(ref)))
    ).filter((s): s is SloRecord => s !== undefined);
    await this.evaluateAndStore(slos);
  }
}
