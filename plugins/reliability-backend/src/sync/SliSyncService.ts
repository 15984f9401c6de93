import { LoggerService } from '@backstage/backend-plugin-api';
import { resolveWindow } from '@reliability-suite/plugin-reliability-common';
import {
  SliBucketCounts,
  SliSource,
  SliSourceError,
} from '@reliability-suite/plugin-reliability-node';
import { BucketWrite, SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { SliSyncStore, SyncRecord } from '../store/SliSyncStore';
import { DataSourceResolver } from './DataSourceResolver';
import {
  dataSourceOf,
  ResolutionMemo,
  resolveSyncInputs,
} from './resolveMetricSourceRefs';
import { SliResolver } from './SliResolver';
import { SyncProblem, SyncTarget, syncTargets } from './syncTargets';

/** How much history one fetch asks for; a day of minutes stays far below query limits. */
const CHUNK_MS = 86_400_000;

/**
 * Pulls SLI data from registered sources (Prometheus, ...) into the bucket store. Each
 * objective keeps a watermark: the next run fetches from there (the first run from the
 * start of the SLO window), so a restart never counts twice (writes replace buckets) and a
 * source that was down is back-filled once it answers. Faults are recorded with their
 * reason and leave the range missing, never good or bad.
 */
export class SliSyncService {
  constructor(
    private readonly deps: {
      sources: Map<string, SliSource>;
      slos: SloStore;
      buckets: SliBucketStore;
      syncs: SliSyncStore;
      dataSources: DataSourceResolver;
      /** The SLI entities SLOs name in `indicatorRef`. */
      slis: Pick<SliResolver, 'resolve'>;
      logger: LoggerService;
      /** SLOs whose data changed, for evaluation. */
      onData: (sloRefs: string[]) => void;
      concurrency?: number;
    },
  ) {}

  /** One pass over every pulled objective; returns how many were synced without fault. */
  async syncAll(now = Date.now()): Promise<number> {
    if (this.deps.sources.size === 0) return 0;
    const types = new Set(this.deps.sources.keys());
    // The SLIs named by indicatorRef and the types of data sources named only by
    // metricSourceRef come from the resolvers, asked once per SLI or data source in this pass.
    const memo: ResolutionMemo = new Map();
    const targets: SyncTarget[] = [];
    for (const slo of await this.deps.slos.list()) {
      const { indicator, refs } = await resolveSyncInputs(
        slo,
        { dataSources: this.deps.dataSources, slis: this.deps.slis },
        memo,
      );
      const plan = syncTargets(slo, types, refs, indicator);
      if (plan.problem) await this.recordProblem(slo, plan.problem, now);
      targets.push(...plan.targets);
    }
    let ok = 0;
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const target = targets[next++];
        if (await this.syncOne(target, now)) ok++;
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(this.deps.concurrency ?? 8, targets.length) },
        worker,
      ),
    );
    return ok;
  }

  /**
   * Records, as a source fault of each objective, why an SLO that names a data source or
   * an SLI is not synced (a metricSourceRef or indicatorRef that names nothing, types that
   * disagree), so that its
   * status says so instead of the SLO quietly waiting for pushed data.
   */
  private async recordProblem(
    slo: SloRecord,
    problem: SyncProblem,
    now: number,
  ): Promise<void> {
    const sourceType =
      problem.sourceType ?? problem.metricSourceRef ?? 'unknown';
    for (const { name: objective } of slo.definition.objectives) {
      const previous = await this.deps.syncs.get(slo.sloRef, objective);
      await this.deps.syncs.put({
        sloRef: slo.sloRef,
        objective,
        sourceType,
        watermark: previous?.watermark ?? null,
        state: problem.kind === 'unreachable' ? 'stale' : 'error',
        errorKind: problem.kind,
        reason: problem.message,
        lastAttemptAt: now,
        lastSuccessAt: previous?.lastSuccessAt ?? null,
      });
    }
    this.deps.logger.warn(
      `SLI sync of ${slo.sloRef} from ${sourceType} not possible (${problem.kind}): ${problem.message}`,
    );
  }

  /** Fetches one objective's data from its watermark up to now. */
  async syncOne(target: SyncTarget, now: number): Promise<boolean> {
    const { slo, objective, sourceType } = target;
    const bucketMs = this.deps.buckets.resolutionMs;
    const previous = await this.deps.syncs.get(slo.sloRef, objective);
    const to = Math.floor(now / bucketMs) * bucketMs;
    const windowStart =
      Math.floor(resolveWindow(slo.definition.window, now).start / bucketMs) *
      bucketMs;
    // Never further back than the window; never again over what is already in.
    let from = Math.max(previous?.watermark ?? windowStart, windowStart);
    const record: SyncRecord = {
      sloRef: slo.sloRef,
      objective,
      sourceType,
      watermark: previous?.watermark ?? null,
      state: 'ok',
      errorKind: null,
      reason: null,
      lastAttemptAt: now,
      lastSuccessAt: previous?.lastSuccessAt ?? null,
    };
    let wrote = false;
    try {
      const dataSource = await dataSourceOf(target, this.deps.dataSources);
      while (from < to) {
        const end = Math.min(to, from + CHUNK_MS);
        const any = await this.syncChunk(target, dataSource, {
          from,
          to: end,
          latest: end >= to,
        });
        if (any) wrote = true;
        record.watermark = end;
        record.lastSuccessAt = now;
        from = end;
      }
      await this.deps.syncs.put(record);
      return true;
    } catch (e) {
      const kind = e instanceof SliSourceError ? e.kind : 'unreachable';
      record.state = kind === 'unreachable' ? 'stale' : 'error';
      record.errorKind = kind;
      record.reason = (e as Error).message;
      await this.deps.syncs.put(record);
      // The chunks fetched before the fault are kept; their watermark was advanced.
      this.deps.logger.warn(
        `SLI sync of ${slo.sloRef} (${objective}) from ${sourceType} failed (${kind}): ${record.reason}`,
      );
      return false;
    } finally {
      if (wrote) this.deps.onData([slo.sloRef]);
    }
  }

  /**
   * One chunk of an objective's data: fetched from its source and written; whether it had
   * any. The writes go from the fetch to the store in a callback, never into a variable of
   * an async function, whose suspended frame would hold them across the write's round
   * trips: what outlives two young-generation collections is promoted to the old one
   * (docs/benchmark.md, "session 12").
   */
  private syncChunk(
    target: SyncTarget,
    dataSource: Awaited<ReturnType<typeof dataSourceOf>>,
    range: { from: number; to: number; latest: boolean },
  ): Promise<boolean> {
    return this.fetchWrites(target, dataSource, range).then(writes =>
      writes.length === 0
        ? false
        : this.deps.buckets.write(writes, { mode: 'replace' }).then(() => true),
    );
  }

  /** One chunk of an objective's data from its source, as bucket writes. */
  private async fetchWrites(
    target: SyncTarget,
    dataSource: Awaited<ReturnType<typeof dataSourceOf>>,
    range: { from: number; to: number; latest: boolean },
  ): Promise<BucketWrite[]> {
    const { slo, objective } = target;
    let counts: SliBucketCounts[];
    try {
      counts = await this.deps.sources.get(target.sourceType)!.fetchBuckets({
        sloRef: slo.sloRef,
        objective,
        indicator: target.indicator,
        threshold: target.threshold,
        dataSource,
        from: range.from,
        to: range.to,
        bucketMs: this.deps.buckets.resolutionMs,
      });
    } catch (e) {
      // History from before the metric existed is simply missing; only an empty
      // answer for the latest range says something is wrong now.
      if (
        e instanceof SliSourceError &&
        e.kind === 'empty-result' &&
        !range.latest
      ) {
        return [];
      }
      throw e;
    }
    return counts.map(c => ({
      sloRef: slo.sloRef,
      objective,
      bucketStart: c.start,
      good: c.good,
      total: c.total,
    }));
  }
}
