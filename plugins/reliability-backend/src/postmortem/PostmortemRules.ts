import { EntityContext } from '../policy/PolicyResolver';
import { iso } from '../lib/iso';
import { PostmortemRecord } from '../store/PostmortemStore';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { BurnEpisodes } from './BurnEpisodes';
import { intervalSpendOf } from './postmortemSpend';
import { PostmortemRule, incidentEnd } from './postmortemRecords';

/** The entity lookups of one call, each entity's rule and SLOs read once. */
export type PostmortemLookups = ReturnType<PostmortemRules['lookups']>;

/**
 * The policy's postmortem rule applied: the budget an incident consumed against each
 * affected entity's rule, and the burn episodes of an entity's SLOs that no postmortem
 * covers.
 */
export class PostmortemRules {
  private readonly burnEpisodes: BurnEpisodes;

  constructor(
    private readonly deps: {
      slos: SloStore;
      buckets: SliBucketStore;
      /** The error-budget policy of an entity (PolicyContexts' view context). */
      policies: { context(entityRef: string): Promise<EntityContext> };
      /** How long a replay of an SLO's burn episodes is reused (default 30 s; 0: never). */
      episodesCacheMs?: number;
    },
  ) {
    this.burnEpisodes = new BurnEpisodes(deps);
  }

  /** Fresh lookups for one call. */
  lookups() {
    return { rule: this.ruleLookup(), slos: this.sloLookup() };
  }

  /** The postmortem rule of each entity's error-budget policy, looked up once per call. */
  private ruleLookup() {
    const cache = new Map<string, Promise<PostmortemRule | null>>();
    return (entityRef: string) => {
      if (!cache.has(entityRef)) {
        cache.set(
          entityRef,
          this.deps.policies.context(entityRef).then(
            ctx => ({
              policyRef: ctx.resolved.policy.ref,
              budgetShareAbove:
                ctx.resolved.policy.postmortemBudgetShareAbove ?? null,
            }),
            // An entity gone from the catalog has no policy any more.
            () => null,
          ),
        );
      }
      return cache.get(entityRef)!;
    };
  }

  private sloLookup() {
    const cache = new Map<string, Promise<SloRecord[]>>();
    return (entityRef: string) => {
      if (!cache.has(entityRef)) {
        cache.set(entityRef, this.deps.slos.listByService(entityRef));
      }
      return cache.get(entityRef)!;
    };
  }

  /**
   * What the incident cost each objective of its entities' SLOs, and the rules (one per
   * policy) whose share it exceeds while the postmortem is unpublished.
   */
  async incidentBudget(
    p: PostmortemRecord,
    now: number,
    lookups: PostmortemLookups,
  ) {
    const end = incidentEnd(p, now);
    const budget = [];
    const needsPublishing: PostmortemRule[] = [];
    for (const entityRef of p.entityRefs) {
      const spent = [];
      for (const slo of await lookups.slos(entityRef)) {
        spent.push(
          ...(await intervalSpendOf(this.deps.buckets, slo, p.startedAt, end)),
        );
      }
      budget.push(...spent);
      const rule = await lookups.rule(entityRef);
      const share = Math.max(
        ...spent.map(s => s.share ?? -Infinity),
        -Infinity,
      );
      if (
        p.status !== 'published' &&
        rule &&
        rule.budgetShareAbove !== null &&
        share > rule.budgetShareAbove &&
        !needsPublishing.some(r => r.policyRef === rule.policyRef)
      ) {
        needsPublishing.push(rule);
      }
    }
    return { budget, needsPublishing };
  }

  /**
   * The page-tier burn episodes of the entity's SLOs' current windows over the rule's
   * share with no postmortem (of `records`) whose incident overlaps them.
   */
  async needsPostmortem(
    entityRef: string,
    rule: PostmortemRule,
    records: PostmortemRecord[],
    now: number,
    lookups: PostmortemLookups,
  ) {
    const needsPostmortem = [];
    if (rule.budgetShareAbove !== null) {
      for (const slo of await lookups.slos(entityRef)) {
        for (const episode of await this.burnEpisodes.episodes(slo, now)) {
          const share = episode.spend.share;
          const covered = records.some(
            p =>
              p.startedAt < (episode.end ?? now) &&
              incidentEnd(p, now) > episode.start,
          );
          if (share !== null && share > rule.budgetShareAbove && !covered) {
            needsPostmortem.push({
              ...episode,
              start: iso(episode.start)!,
              end: iso(episode.end),
            });
          }
        }
      }
    }
    return needsPostmortem;
  }
}
