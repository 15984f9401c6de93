import {
  intervalSpend,
  pageEpisodes,
  resolveWindow,
} from '@reliability-suite/plugin-reliability-common';
import { earlierDefinitions } from '../evaluation/definitionHistory';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { spendDefinition, spendView } from './postmortemSpend';

/** Default age bound of a cached burn-episode replay (BurnEpisodes.episodes). */
export const EPISODE_CACHE_MS = 30_000;
/** At most this many SLOs' replays are kept (the oldest go first). */
const EPISODE_CACHE_MAX = 50_000;

/** The page-tier burn episodes of an SLO's objectives, replayed and cached. */
export class BurnEpisodes {
  constructor(
    private readonly deps: {
      slos: SloStore;
      buckets: SliBucketStore;
      /** How long a replay of an SLO's burn episodes is reused (default 30 s; 0: never). */
      episodesCacheMs?: number;
    },
  ) {}

  /**
   * The burn episodes of each SLO as last replayed (entity pages, the `needsPostmortem`
   * list). Why: the replay steps through the whole window (8,064 five-minute steps for 28
   * days) and reads its buckets, ~6 ms of CPU, the costliest read of an entity page under
   * load. Reused while the SLO's definition and its past buckets are unchanged as far as
   * this process knows (its own late writes, roll-ups and retention passes invalidate it at
   * once, see SliBucketStore.generation) and for at most `episodesCacheMs` of the clock:
   * the bound on how late an episode that starts or ends by time passing, by the pushes of
   * the current minutes (which reach only the replay's last steps) or by another replica's
   * writes, shows. Bounded in size by the number of SLOs (one entry each, at most
   * EPISODE_CACHE_MAX).
   */
  private readonly episodeCache = new Map<
    string,
    {
      at: number;
      key: string;
      value: Promise<Awaited<ReturnType<BurnEpisodes['replayEpisodes']>>>;
    }
  >();

  /** The page-tier burn episodes of each objective's current window (cached, see above). */
  async episodes(slo: SloRecord, at: number) {
    const ttl = this.deps.episodesCacheMs ?? EPISODE_CACHE_MS;
    if (ttl <= 0) return this.replayEpisodes(slo, at);
    // Taken before the buckets are read: a write that commits meanwhile changes it.
    const key = `${this.deps.buckets.generation(slo.sloRef)}\u0000${
      slo.revisedAt ?? ''
    }\u0000${JSON.stringify(slo.definition)}`;
    const hit = this.episodeCache.get(slo.sloRef);
    if (hit && hit.key === key && at >= hit.at && at - hit.at < ttl) {
      return hit.value;
    }
    const value = this.replayEpisodes(slo, at);
    this.episodeCache.delete(slo.sloRef);
    this.episodeCache.set(slo.sloRef, { at, key, value });
    // A failed replay is not kept.
    value.catch(() => {
      if (this.episodeCache.get(slo.sloRef)?.value === value) {
        this.episodeCache.delete(slo.sloRef);
      }
    });
    if (this.episodeCache.size > EPISODE_CACHE_MAX) {
      const oldest = this.episodeCache.keys().next().value;
      if (oldest !== undefined) this.episodeCache.delete(oldest);
    }
    return value;
  }

  /** Replays the page-tier burn episodes of each objective's window, with what each cost. */
  private async replayEpisodes(slo: SloRecord, at: number) {
    const { definition } = slo;
    const out = [];
    // A step before a refinement is judged by the target then in force.
    const revisions =
      slo.revisedAt !== undefined
        ? await this.deps.slos.revisions(slo.sloRef)
        : [];
    for (const objective of definition.objectives) {
      const { start } = resolveWindow(definition.window, at);
      const buckets = await this.deps.buckets.read(
        slo.sloRef,
        objective.name,
        start,
        at,
      );
      const def = spendDefinition(
        slo,
        objective,
        this.deps.buckets.resolutionMs,
      );
      const earlier = earlierDefinitions(revisions, objective.name);
      for (const e of pageEpisodes({ ...def, buckets, at, earlier })) {
        const parts = intervalSpend(def, e.start, e.end ?? at, buckets);
        out.push({
          sloRef: slo.sloRef,
          sloTitle: slo.title,
          objective: objective.name,
          start: e.start,
          end: e.end,
          peakBurnRate: e.peakBurnRate,
          spend: spendView(slo, objective.name, parts),
        });
      }
    }
    return out;
  }
}
