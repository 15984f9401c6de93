import { LoggerService } from '@backstage/backend-plugin-api';
import {
  evaluateObjective,
  ObjectiveEvaluation,
  resolveWindow,
  SliBucket,
} from '@reliability-suite/plugin-reliability-common';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloRevision, SloStore } from '../store/SloStore';
import { earlierDefinitions } from './definitionHistory';
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
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  /**
   * The evaluation and the buckets it was made from, read once (for charts). When the
   * definition changed inside the window, each period is judged by the definition then in
   * force; `revisions` spares reading them again for another objective of the SLO.
   */
  async evaluateWithBuckets(
    slo: SloRecord,
    objectiveName: string,
    at: number,
    revisions?: SloRevision[],
    burnDownFrom?: number,
  ): Promise<{ evaluation: ObjectiveEvaluation; buckets: SliBucket[] }> {
    const { start } = resolveWindow(slo.definition.window, at);
    const history =
      slo.revisedAt !== undefined && slo.revisedAt > start
        ? revisions ?? (await this.deps.slos.revisions(slo.sloRef))
        : [];
    return this.evaluateDefinition(
      slo.sloRef,
      slo.definition,
      objectiveName,
      at,
      history,
      burnDownFrom,
    );
  }

  /**
   * Evaluates the objective under `definition` at `at`, with `history` (oldest first,
   * `definition` last) saying which promise was in force when; the burn-down starts at
   * `burnDownFrom` (the window start when absent).
   */
  async evaluateDefinition(
    sloRef: string,
    definition: SloRecord['definition'],
    objectiveName: string,
    at: number,
    history: readonly SloRevision[] = [],
    burnDownFrom?: number,
  ): Promise<{ evaluation: ObjectiveEvaluation; buckets: SliBucket[] }> {
    const objective = definition.objectives.find(o => o.name === objectiveName);
    if (!objective) {
      throw new Error(`${sloRef} has no objective '${objectiveName}'`);
    }
    const { start } = resolveWindow(definition.window, at);
    const buckets = await this.deps.buckets.read(
      sloRef,
      objective.name,
      start,
      at,
    );
    const evaluation = evaluateObjective({
      objective,
      budgetingMethod: definition.budgetingMethod,
      window: definition.window,
      buckets,
      at,
      bucketMs: this.deps.buckets.resolutionMs,
      earlier: earlierDefinitions(history, objective.name),
      burnDownFrom,
    });
    return { evaluation, buckets };
  }

  /** Evaluates every objective of the SLOs and stores their status. */
  async evaluateAndStore(
    slos: SloRecord[],
    at = this.now(),
  ): Promise<StatusRecord<ObjectiveStatus>[]> {
    const records: StatusRecord<ObjectiveStatus>[] = [];
    for (const slo of slos) {
      // Read once for all objectives, and only when a change falls inside the window.
      const revisions =
        slo.revisedAt !== undefined &&
        slo.revisedAt > resolveWindow(slo.definition.window, at).start
          ? await this.deps.slos.revisions(slo.sloRef)
          : undefined;
      for (const objective of slo.definition.objectives) {
        const { evaluation } = await this.evaluateWithBuckets(
          slo,
          objective.name,
          at,
          revisions,
        );
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
  async evaluateAll(at = this.now()): Promise<number> {
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
    const stored = await this.deps.slos.getMany(refs);
    const slos = refs.flatMap(ref => stored.get(ref) ?? []);
    await this.evaluateAndStore(slos);
  }
}
