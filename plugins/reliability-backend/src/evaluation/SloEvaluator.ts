import { LoggerService } from '@backstage/backend-plugin-api';
import {
  evaluateFromRunningTotals,
  evaluateFromSliceTotals,
  evaluateObjective,
  evaluatesFromRunningTotals,
  evaluatesFromSliceTotals,
  EvaluationSpec,
  ObjectiveEvaluation,
  resolveWindow,
  runningTotalQueries,
  SliBucket,
} from '@reliability-suite/plugin-reliability-common';
import { mapConcurrently } from '../lib/mapConcurrently';
import { noYield, YieldBetweenSteps } from '../lib/yieldToEventLoop';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloRevision, SloStore } from '../store/SloStore';
import { earlierDefinitions } from './definitionHistory';
import { StatusRecord, StatusStore } from '../store/StatusStore';
import { ObjectiveStatus, toObjectiveStatus } from './objectiveStatus';
import {
  chartSeries,
  chartSeriesFromRunningTotals,
  SeriesPoint,
} from './series';
import { sloState } from './sloState';

/**
 * Evaluates SLOs from their SLI data and keeps the status snapshot. Which SLOs to
 * evaluate when is the evaluation queue's business (EvaluationQueue, EvaluationWorker):
 * pushes queue their SLOs, and each replica's worker hands batches to `evaluateAndStore`.
 *
 * A status is evaluated from the objective's running totals (a dozen index lookups,
 * whatever the window's length) where those are exact: of its events (Occurrences) or of
 * its slices (Timeslices whose slice length divides an hour, `evaluatesFromSliceTotals`);
 * both give the figures of the full read of its buckets to the bit (tested against it).
 * Other sliced objectives (RatioTimeslices, other slice lengths) read their buckets: sums
 * of fractions could differ from the full read in the last bits and flip a verdict.
 */
/** An objective's evaluation spec for its status, and what serves it. */
interface StatusSpec {
  slo: SloRecord;
  spec: EvaluationSpec;
  path: 'runningTotals' | 'sliceTotals' | 'buckets';
}

/** SLOs evaluated at once by one pass. */
const EVALUATION_CONCURRENCY = 4;

export class SloEvaluator {
  constructor(
    private readonly deps: {
      slos: SloStore;
      buckets: SliBucketStore;
      statuses: StatusStore;
      logger: LoggerService;
      /** Called with the services whose SLOs were just evaluated. */
      onEvaluated?: (serviceRefs: string[]) => Promise<void>;
      /** Awaited between a batch's steps (`yieldBetweenSteps`; none by default). */
      yieldBetweenSteps?: YieldBetweenSteps;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  private yieldBetweenSteps(): Promise<void> {
    return (this.deps.yieldBetweenSteps ?? noYield)();
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
    const history = await this.historyInWindow(slo, at, revisions);
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
    const spec = this.spec(sloRef, definition, objectiveName, at, history);
    const { start } = resolveWindow(definition.window, at);
    const buckets = await this.deps.buckets.read(
      sloRef,
      objectiveName,
      start,
      at,
    );
    const evaluation = evaluateObjective({ ...spec, buckets, burnDownFrom });
    return { evaluation, buckets };
  }

  private spec(
    sloRef: string,
    definition: SloRecord['definition'],
    objectiveName: string,
    at: number,
    history: readonly SloRevision[],
  ): EvaluationSpec {
    const objective = definition.objectives.find(o => o.name === objectiveName);
    if (!objective) {
      throw new Error(`${sloRef} has no objective '${objectiveName}'`);
    }
    return {
      objective,
      budgetingMethod: definition.budgetingMethod,
      window: definition.window,
      at,
      bucketMs: this.deps.buckets.resolutionMs,
      earlier: earlierDefinitions(history, objective.name),
    };
  }

  /**
   * The objectives' evaluations for their status snapshots: from running totals of events
   * or slices where the method allows (one read for all of each), else from the buckets. A status holds no
   * burn-down, so its series is left at its two end points.
   */
  private async evaluateStatuses(
    slos: readonly SloRecord[],
    at: number,
  ): Promise<Array<{ slo: SloRecord; evaluation: ObjectiveEvaluation }>> {
    // A few SLOs at a time: their reads overlap on a database server's connections.
    const perSlo = await mapConcurrently(slos, EVALUATION_CONCURRENCY, slo =>
      this.statusSpecs(slo, at),
    );
    const all = perSlo.flat();
    const fromTotals = all.filter(x => x.path === 'runningTotals');
    // The pushes' stale running totals recomputed for the batch at once, not on each read
    // (the sliced objectives' with their slices, in readSliceReadingsMany).
    await this.deps.buckets.settleRunningTotals(
      fromTotals.map(x => ({
        sloRef: x.slo.sloRef,
        objective: x.spec.objective.name,
      })),
    );
    // Between the steps of a batch, requests waiting for the thread go first (on SQLite).
    await this.yieldBetweenSteps();
    const readings = await this.deps.buckets.readRunningTotalsMany(
      fromTotals.map(({ slo, spec }) => ({
        sloRef: slo.sloRef,
        objective: spec.objective.name,
        queries: runningTotalQueries(spec),
      })),
    );
    const evaluations = new Map<StatusSpec, ObjectiveEvaluation>(
      fromTotals.map((x, k) => [
        x,
        evaluateFromRunningTotals(x.spec, readings[k]),
      ]),
    );
    // From the running sums of their slices (see the README's "Slice totals"): one read
    // for all of them too.
    const sliced = all.filter(x => x.path === 'sliceTotals');
    await this.yieldBetweenSteps();
    const sliceReadings = await this.deps.buckets.readSliceReadingsMany(
      sliced.map(({ slo, spec }) => ({ sloRef: slo.sloRef, spec })),
    );
    sliced.forEach((x, k) =>
      evaluations.set(x, evaluateFromSliceTotals(x.spec, sliceReadings[k])),
    );
    await mapConcurrently(
      all.filter(x => x.path === 'buckets'),
      EVALUATION_CONCURRENCY,
      async x => {
        if (x.slo.definition.budgetingMethod !== 'Occurrences') {
          // Totals an earlier definition of the objective used are kept for nothing now.
          await this.deps.buckets.dropSliceTotals(
            x.slo.sloRef,
            x.spec.objective.name,
          );
        }
        const buckets = await this.deps.buckets.read(
          x.slo.sloRef,
          x.spec.objective.name,
          resolveWindow(x.slo.definition.window, at).start,
          at,
        );
        evaluations.set(x, evaluateObjective({ ...x.spec, buckets }));
      },
    );
    return all.map(x => ({ slo: x.slo, evaluation: evaluations.get(x)! }));
  }

  /** The evaluation specs of an SLO's objectives at `at`, in their order. */
  private async statusSpecs(slo: SloRecord, at: number): Promise<StatusSpec[]> {
    // Read once for all objectives, and only when a change falls inside the window.
    const history = await this.historyInWindow(slo, at);
    const method = slo.definition.budgetingMethod;
    return slo.definition.objectives.map(o => {
      const spec = this.spec(slo.sloRef, slo.definition, o.name, at, history);
      // The engine's slice length: the objective's, else one bucket.
      const sliceMs = spec.objective.timeSliceWindowMs ?? spec.bucketMs;
      let path: StatusSpec['path'] = 'buckets';
      if (evaluatesFromRunningTotals(method)) path = 'runningTotals';
      else if (
        sliceMs !== undefined &&
        evaluatesFromSliceTotals(method, sliceMs)
      )
        path = 'sliceTotals';
      // A status holds no burn-down: running sums leave the series at its two end points.
      return {
        slo,
        path,
        spec: path === 'buckets' ? spec : { ...spec, maxBurnDownPoints: 2 },
      };
    });
  }

  /**
   * The evaluation with its burn-down from `burnDownFrom`, the events between the
   * burn-down's points and the end of the newest bucket in the window (null without one),
   * for the SLO's charts: from running totals where the method allows, like the status.
   */
  async evaluateChart(
    slo: SloRecord,
    objectiveName: string,
    at: number,
    burnDownFrom?: number,
  ): Promise<{
    evaluation: ObjectiveEvaluation;
    points: SeriesPoint[];
    lastDataAt: number | null;
  }> {
    const { definition, sloRef } = slo;
    if (!evaluatesFromRunningTotals(definition.budgetingMethod)) {
      const { evaluation, buckets } = await this.evaluateWithBuckets(
        slo,
        objectiveName,
        at,
        undefined,
        burnDownFrom,
      );
      const burnDown = evaluation.burnDown;
      const newest = buckets[buckets.length - 1];
      return {
        evaluation,
        points: chartSeries(
          buckets,
          burnDown,
          burnDown.length > 0 ? burnDown[0].t : evaluation.windowStart,
        ),
        lastDataAt: newest ? newest.start + newest.durationMs : null,
      };
    }
    const history = await this.historyInWindow(slo, at);
    const spec: EvaluationSpec = {
      ...this.spec(sloRef, definition, objectiveName, at, history),
      burnDownFrom,
    };
    const queries = runningTotalQueries(spec);
    // The newest bucket starting before `at` dates the data (it may still be filling).
    const readings = await this.deps.buckets.readRunningTotals(
      sloRef,
      objectiveName,
      { ...queries, startingBefore: [...queries.startingBefore, at] },
    );
    const evaluation = evaluateFromRunningTotals(spec, readings);
    const newest = readings.startingBefore.get(at);
    return {
      evaluation,
      points: chartSeriesFromRunningTotals(
        readings,
        evaluation.burnDown,
        evaluation.windowStart,
      ),
      lastDataAt:
        newest !== undefined && newest.start >= evaluation.windowStart
          ? newest.end
          : null,
    };
  }

  /** The SLO's revisions when one falls inside the window at `at`, else none. */
  private async historyInWindow(
    slo: SloRecord,
    at: number,
    revisions?: SloRevision[],
  ): Promise<readonly SloRevision[]> {
    const { start } = resolveWindow(slo.definition.window, at);
    return slo.revisedAt !== undefined && slo.revisedAt > start
      ? revisions ?? (await this.deps.slos.revisions(slo.sloRef))
      : [];
  }

  /** Evaluates every objective of the SLOs and stores their status. */
  async evaluateAndStore(
    slos: SloRecord[],
    at = this.now(),
  ): Promise<StatusRecord<ObjectiveStatus>[]> {
    const records = (await this.evaluateStatuses(slos, at)).map(
      ({ slo, evaluation }) => this.statusRecord(slo, evaluation, at),
    );
    await this.yieldBetweenSteps();
    await this.deps.statuses.store(
      slos.map(slo => ({
        sloRef: slo.sloRef,
        keep: slo.definition.objectives.map(o => o.name),
      })),
      records,
    );
    if (this.deps.onEvaluated && slos.length > 0) {
      await this.deps.onEvaluated([...new Set(slos.map(s => s.serviceRef))]);
    }
    return records;
  }

  private statusRecord(
    slo: SloRecord,
    evaluation: ObjectiveEvaluation,
    at: number,
  ): StatusRecord<ObjectiveStatus> {
    const state = sloState(evaluation);
    return {
      sloRef: slo.sloRef,
      objective: evaluation.name,
      serviceRef: slo.serviceRef,
      state,
      remaining:
        evaluation.dataQuality === 'no-data'
          ? null
          : evaluation.errorBudget.remaining,
      status: toObjectiveStatus(evaluation, state, at),
      evaluatedAt: at,
    };
  }

  /**
   * Evaluates every known SLO in this process. The plugin's scheduled pass queues them
   * instead (EvaluationWorker.enqueueAll), so that every replica shares it; this stays for
   * the tests and the benchmark's seeding.
   */
  async evaluateAll(at = this.now()): Promise<number> {
    const slos = await this.deps.slos.list();
    await this.evaluateAndStore(slos, at);
    return slos.length;
  }
}
