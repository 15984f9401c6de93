import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AlertEpisode,
  alertEpisodes,
  resolveWindow,
} from '@reliability-suite/plugin-reliability-common';
import {
  AlertEpisodeRecord,
  AlertEpisodeStore,
  AlertSeverity,
} from '../store/AlertEpisodeStore';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloRevision, SloStore } from '../store/SloStore';
import { earlierDefinitions } from '../evaluation/definitionHistory';

const STEP_MS = 5 * 60_000;
/** The longest burn window (the 3-day ticket tier): what a step looks back at most. */
const LONGEST_BURN_MS = 3 * 24 * 3_600_000;
const SEVERITIES: AlertSeverity[] = ['page', 'ticket'];

/**
 * Replays each objective's burn-rate alerts (page and ticket tiers) from where the last
 * replay stopped and keeps the episodes, so that they outlive the SLI data (rolled up
 * after weeks, deleted after months). Run by a scheduled task in global scope: one replica
 * at a time, and a replay that crashed half-way is repeated whole (the store replaces what
 * a replay covers in one transaction).
 *
 * Each step is judged by the target in force then (the SLO's revisions); the window, method
 * and good-slice threshold are today's.
 *
 * Known limits: data pushed late for a span already replayed does not change its episodes
 * (the cursor does not move back); at the end of a calendar SLO window the last step is
 * not replayed, and an episode open then ends with the window (its budget starts afresh).
 */
export class AlertEpisodeRecorder {
  constructor(
    private readonly deps: {
      slos: SloStore;
      buckets: SliBucketStore;
      episodes: AlertEpisodeStore;
      logger?: LoggerService;
      now?: () => number;
    },
  ) {}

  /** Replays every objective of every SLO; answers how many episodes were written. */
  async recordAll(): Promise<number> {
    const now = this.deps.now?.() ?? Date.now();
    const slos = await this.deps.slos.list();
    let written = 0;
    for (const slo of slos) {
      // Steps before a refinement are judged by the target then in force.
      const revisions =
        slo.revisedAt !== undefined
          ? await this.deps.slos.revisions(slo.sloRef)
          : [];
      for (const objective of slo.definition.objectives) {
        try {
          written += await this.recordObjective(
            slo,
            objective.name,
            now,
            revisions,
          );
        } catch (e) {
          // One broken definition must not stop the others' history.
          this.deps.logger?.warn(
            `Alert episodes of ${slo.sloRef} (${
              objective.name
            }) not replayed: ${(e as Error).message}`,
          );
        }
      }
    }
    await this.deps.episodes.deleteCursorsExcept(
      new Set(slos.map(s => s.sloRef)),
    );
    return written;
  }

  /** Replays one objective up to `now` (rounded down to a step); answers the episodes written. */
  async recordObjective(
    slo: SloRecord,
    objectiveName: string,
    now: number,
    revisions: readonly SloRevision[] = [],
  ): Promise<number> {
    const { definition } = slo;
    const objective = definition.objectives.find(o => o.name === objectiveName);
    if (!objective) return 0;
    // Steps on multiples of the step: a replay resumed at an episode's first step finds it
    // again with the same start (its key).
    const at = Math.floor(now / STEP_MS) * STEP_MS;
    const cursor =
      (await this.deps.episodes.cursor(slo.sloRef, objectiveName)) ??
      (await this.deps.buckets.firstBucketStart(slo.sloRef, objectiveName));
    if (cursor === undefined || cursor >= at) return 0;
    const replayFrom = Math.ceil(cursor / STEP_MS) * STEP_MS;

    const def = {
      objective,
      budgetingMethod: definition.budgetingMethod,
      window: definition.window,
      bucketMs: this.deps.buckets.resolutionMs,
      earlier: earlierDefinitions(revisions, objectiveName),
    };
    const kept: AlertEpisodeRecord[] = [];
    let open: AlertEpisodeRecord[] = [];
    let from = replayFrom;
    while (from < at) {
      const { chunkAt, windowEnds } = this.chunk(slo, from, at);
      if (chunkAt <= from) {
        from = windowEnds ?? at;
        continue;
      }
      const { start: windowStart } = resolveWindow(definition.window, chunkAt);
      const buckets = await this.deps.buckets.read(
        slo.sloRef,
        objectiveName,
        Math.max(windowStart, from - LONGEST_BURN_MS),
        chunkAt,
      );
      const found: AlertEpisodeRecord[] = [];
      for (const severity of SEVERITIES) {
        const episodes: AlertEpisode[] = alertEpisodes({
          ...def,
          buckets,
          at: chunkAt,
          from,
          severity,
          stepMs: STEP_MS,
        });
        for (const e of episodes) {
          found.push({
            sloRef: slo.sloRef,
            objective: objectiveName,
            severity,
            serviceRef: slo.serviceRef,
            ...e,
          });
        }
      }
      const closed = found.filter(e => e.end !== null);
      open = found.filter(e => e.end === null);
      kept.push(...closed);
      if (chunkAt >= at) break;
      if (windowEnds !== undefined) {
        // A calendar window ends: its budget starts afresh, and so do its alerts.
        for (const e of open) kept.push({ ...e, end: windowEnds });
        open = [];
        from = windowEnds;
        continue;
      }
      // A rolling chunk ends mid-way: resume at the first step of what still fires, so it
      // is found again whole; an episode as long as the chunk is cut rather than looped on.
      const resume = Math.min(...open.map(e => e.firedAt), chunkAt);
      if (resume <= from) {
        for (const e of open) kept.push({ ...e, end: chunkAt });
        open = [];
        from = chunkAt;
      } else {
        open = [];
        from = resume;
      }
    }
    // What still fires now is written open, and replayed again from its first step.
    const replayedUntil = Math.min(at, ...open.map(e => e.firedAt));
    await this.deps.episodes.replace(
      slo.sloRef,
      objectiveName,
      replayFrom,
      [...kept, ...open],
      replayedUntil,
    );
    return kept.length + open.length;
  }

  /**
   * How far one replay reaches from `from`: to the end of the calendar window (less the
   * last step, which belongs to the same window), or for a rolling window as far as keeps
   * every step's burn windows inside the replayed window (for windows under a week, half
   * the window: their burn windows are clipped at a start up to half a window early).
   */
  private chunk(
    slo: SloRecord,
    from: number,
    at: number,
  ): { chunkAt: number; windowEnds?: number } {
    const { window } = slo.definition;
    if (window.kind === 'calendar') {
      const { periodEnd } = resolveWindow(window, from);
      if (periodEnd - STEP_MS >= at) return { chunkAt: at };
      return { chunkAt: periodEnd - STEP_MS, windowEnds: periodEnd };
    }
    // A window shorter than a few days clips the longest burn windows anyway: half the
    // window a replay keeps the clipping close to each step's own (and the replay cheap).
    const span = Math.max(
      STEP_MS,
      window.durationMs - LONGEST_BURN_MS,
      window.durationMs / 2,
    );
    return { chunkAt: Math.min(at, from + span) };
  }
}
