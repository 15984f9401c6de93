import {
  LoggerService,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import type { ReliabilityConfig } from './config';
import type { EvaluationWorker } from './evaluation/EvaluationWorker';
import type { SloCatalogSync } from './evaluation/SloCatalogSync';
import type { PolicyEvaluation } from './policy/PolicyEvaluation';
import type { AlertEpisodeRecorder } from './sreTime/AlertEpisodeRecorder';
import type { AlertEpisodeStore } from './store/AlertEpisodeStore';
import type { SliBucketStore } from './store/SliBucketStore';
import type { SliSyncService } from './sync/SliSyncService';

/** The work of the plugin's scheduled tasks; `plugin.ts` says when each runs. */
export interface ReliabilityTasks {
  catalogSync: SchedulerServiceTaskFunction;
  evaluation: SchedulerServiceTaskFunction;
  /** Only when an SLI source is registered: without one there is nothing to pull. */
  sliSync?: SchedulerServiceTaskFunction;
  sliMaintenance: SchedulerServiceTaskFunction;
  alertEpisodes: SchedulerServiceTaskFunction;
}

export function reliabilityTasks(deps: {
  settings: ReliabilityConfig;
  logger: LoggerService;
  sync: SloCatalogSync;
  evaluations: EvaluationWorker;
  policyEvaluation: PolicyEvaluation;
  /** Absent when no SLI source is registered. */
  sliSync?: SliSyncService;
  buckets: SliBucketStore;
  recorder: AlertEpisodeRecorder;
  episodes: AlertEpisodeStore;
  /** After the roll-up and retention: SQLite's planner statistics (a no-op elsewhere). */
  refreshPlannerStatistics: () => Promise<unknown>;
}): ReliabilityTasks {
  const { settings, logger, sync, evaluations, sliSync, buckets } = deps;
  return {
    catalogSync: async () => {
      const changed = await sync.syncAll();
      if (changed.length > 0) await evaluations.markDirty(changed);
    },
    evaluation: async signal => {
      // Queued, not evaluated here: every replica's worker takes batches of the pass.
      // This replica drains too, so that the pass has run when the task ends (a
      // timed-out task leaves the rest to the workers).
      const count = await evaluations.enqueueAll();
      await evaluations.drain(signal);
      // Also entities whose SLOs are gone but whose policy state or freeze remains.
      const entities = await deps.policyEvaluation.evaluateAll();
      logger.debug(`Evaluated ${count} SLOs and ${entities} policies`);
    },
    ...(sliSync
      ? {
          sliSync: async () => {
            await sliSync.syncAll();
          },
        }
      : {}),
    sliMaintenance: async () => {
      const now = Date.now();
      await buckets.rollUp(now - settings.storage.rollupAfterMs);
      await buckets.deleteOlderThan(now - settings.storage.retentionMs);
      await deps.refreshPlannerStatistics();
    },
    // Alert episodes are kept for the SRE time budget's trend, long after the SLI data
    // they were replayed from are gone: each run replays from where the last stopped.
    alertEpisodes: async () => {
      const written = await deps.recorder.recordAll();
      await deps.episodes.deleteOlderThan(
        Date.now() - settings.alertEpisodes.retentionMs,
      );
      logger.debug(`Recorded ${written} burn-rate alert episodes`);
    },
  };
}
