import { InputError, NotFoundError } from '@backstage/errors';
import {
  SpendPart,
  ValidPostmortem,
  incidentFigures,
  intervalSpend,
  isOverdue,
  largestShare,
  monthlyFigures,
  pageEpisodes,
  resolveWindow,
  spendInPart,
  validatePostmortemInput,
  windowParts,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { EntityContext } from '../policy/PolicyResolver';
import { OrgSnapshotSource } from '../responsibility/OrgSnapshot';
import { AuditStore } from '../store/AuditStore';
import {
  PostmortemFilter,
  PostmortemRecord,
  PostmortemStore,
} from '../store/PostmortemStore';
import { SliBucketStore } from '../store/SliBucketStore';
import { earlierDefinitions } from '../evaluation/definitionHistory';
import { SloRecord, SloStore } from '../store/SloStore';
import { fillMonths, monthsBack } from './months';
import { iso } from '../lib/iso';
import { ItemProblem, ItemsRejectedError } from '../lib/ItemsRejectedError';
import type { VisibleRefs } from '../store/visibleRefs';

/** A rejected record of an import, or a field of a single request. */
export type PostmortemRejection = ItemProblem;

/** An import where some records are invalid: nothing was written. */
export class PostmortemImportError extends ItemsRejectedError {
  constructor(items: PostmortemRejection[], total: number) {
    super(
      items,
      ItemsRejectedError.summary(items, total, {
        noun: 'records',
        consequence: 'nothing was imported',
      }),
    );
  }
}

type Rule = { policyRef: string; budgetShareAbove: number | null };

/** When an incident stops counting: resolved, else mitigated, else it is still going on. */
export const incidentEnd = (p: PostmortemRecord, now: number) =>
  p.resolvedAt ?? p.mitigatedAt ?? now;

const spendPartView = (p: SpendPart) => ({
  from: iso(p.from)!,
  to: iso(p.to)!,
  windowStart: iso(p.windowStart)!,
  windowEnd: iso(p.windowEnd)!,
  spent: p.spent,
  budget: p.budget,
  unit: p.unit,
  share: p.share,
});

/** An objective of an SLO as the budget arithmetic needs it. */
const spendDefinition = (
  slo: SloRecord,
  objective: SloRecord['definition']['objectives'][number],
  bucketMs: number,
) => ({
  objective,
  budgetingMethod: slo.definition.budgetingMethod,
  window: slo.definition.window,
  bucketMs,
});

/** What an interval cost one objective, for the API. */
const spendView = (slo: SloRecord, objective: string, parts: SpendPart[]) => ({
  sloRef: slo.sloRef,
  sloTitle: slo.title,
  objective,
  share: largestShare(parts),
  parts: parts.map(spendPartView),
});

/** Default age bound of a cached burn-episode replay (PostmortemService.episodes). */
export const EPISODE_CACHE_MS = 30_000;
/** At most this many SLOs' replays are kept (the oldest go first). */
const EPISODE_CACHE_MAX = 50_000;

/**
 * Postmortems: records written whole with an audit event per affected entity, their
 * derived figures, the budget each incident consumed, and the policy's postmortem rule
 * applied to them and to the burn episodes of an entity's SLOs.
 */
export class PostmortemService {
  constructor(
    private readonly deps: {
      db: Knex;
      store: PostmortemStore;
      audit: AuditStore;
      slos: SloStore;
      buckets: SliBucketStore;
      snapshots: OrgSnapshotSource;
      /** The error-budget policy of an entity (PolicyContexts' view context). */
      policies: { context(entityRef: string): Promise<EntityContext> };
      now?: () => number;
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
      value: Promise<Awaited<ReturnType<PostmortemService['replayEpisodes']>>>;
    }
  >();

  private now() {
    return this.deps.now?.() ?? Date.now();
  }

  /** Validates a request body; InputError naming the field otherwise. */
  parse(raw: unknown): ValidPostmortem {
    const { value, problems } = validatePostmortemInput(raw, this.now());
    if (!value) {
      throw new InputError(
        problems.map(p => `${p.field}: ${p.message}`).join('; '),
      );
    }
    return value;
  }

  /** Every affected entity must be in the catalog; InputError naming the field otherwise. */
  async assertEntitiesKnown(
    records: Array<{ index: number; value: ValidPostmortem }>,
    many: boolean,
  ): Promise<void> {
    const snapshot = await this.deps.snapshots.get();
    const rejections: PostmortemRejection[] = [];
    for (const { index, value } of records) {
      value.entityRefs.forEach((ref, i) => {
        if (!snapshot.byRef.has(ref)) {
          rejections.push({
            index,
            field: `entityRefs[${i}]`,
            message: `no entity ${ref} in the catalog`,
          });
        }
      });
    }
    if (rejections.length === 0) return;
    if (many) throw new PostmortemImportError(rejections, records.length);
    throw new InputError(
      rejections.map(r => `${r.field}: ${r.message}`).join('; '),
    );
  }

  async get(id: string) {
    const record = await this.deps.store.get(id);
    if (!record) throw new NotFoundError(`No postmortem ${id}`);
    return record;
  }

  private record(value: ValidPostmortem, actor: string): PostmortemRecord {
    return {
      ...value,
      createdBy: actor,
    };
  }

  async create(value: ValidPostmortem, actor: string) {
    const now = this.now();
    const id = await this.deps.db.transaction(async tx => {
      const created = await this.deps.store.create(
        this.record(value, actor),
        now,
        tx,
      );
      await this.auditChange(tx, 'postmortem.created', actor, created, value);
      return created;
    });
    return this.view(await this.get(id));
  }

  async update(id: string, value: ValidPostmortem, actor: string) {
    const before = await this.get(id);
    await this.deps.db.transaction(async tx => {
      await this.deps.store.update(
        id,
        this.record(value, before.createdBy),
        this.now(),
        value.expectedUpdatedAt,
        tx,
      );
      await this.auditChange(tx, 'postmortem.updated', actor, id, value, [
        ...before.entityRefs,
      ]);
    });
    return this.view(await this.get(id));
  }

  /**
   * A postmortem written through the API: validated and its entities looked up first (a
   * 400 before the permission check names entities that may only be mistyped), then the
   * caller authorized on its entities.
   */
  async submit(
    raw: unknown,
    /** Checks the caller may write postmortems of these entities; answers the actor. */
    authorize: (entityRefs: string[]) => Promise<string>,
  ) {
    const value = this.parse(raw);
    await this.assertEntitiesKnown([{ index: 0, value }], false);
    return this.create(value, await authorize(value.entityRefs));
  }

  /**
   * A postmortem changed through the API, checked as {@link PostmortemService.submit}; the
   * caller needs the permission on the entities it affected before as well as after.
   */
  async revise(
    id: string,
    raw: unknown,
    authorize: (entityRefs: string[]) => Promise<string>,
  ) {
    const before = await this.get(id);
    const value = this.parse(raw);
    await this.assertEntitiesKnown([{ index: 0, value }], false);
    const actor = await authorize([...before.entityRefs, ...value.entityRefs]);
    return this.update(id, value, actor);
  }

  /**
   * Imports records all or nothing: every record is validated (and its entities looked up)
   * before anything is written, and the writes share one transaction. A record whose
   * `externalId` was imported before replaces that postmortem.
   */
  async import(
    raw: unknown[],
    /** Checks the caller may write postmortems of these entities; answers the actor. */
    authorize: (entityRefs: string[]) => Promise<string>,
  ) {
    const now = this.now();
    const valid: Array<{ index: number; value: ValidPostmortem }> = [];
    const rejections: PostmortemRejection[] = [];
    const seen = new Map<string, number>();
    raw.forEach((item, index) => {
      const { value, problems } = validatePostmortemInput(item, now);
      for (const p of problems) rejections.push({ index, ...p });
      if (!value) return;
      if (value.externalId !== null) {
        const first = seen.get(value.externalId);
        if (first !== undefined) {
          rejections.push({
            index,
            field: 'externalId',
            message: `'${value.externalId}' is also the externalId of items[${first}]`,
          });
          return;
        }
        seen.set(value.externalId, index);
      }
      valid.push({ index, value });
    });
    if (rejections.length > 0) {
      throw new PostmortemImportError(rejections, raw.length);
    }
    await this.assertEntitiesKnown(valid, true);
    const existing = await this.deps.store.idsByExternalId([...seen.keys()]);
    // A record that replaces an imported postmortem needs the permission on the entities
    // that postmortem affected too: else an import could rewrite another team's record.
    const replacedRefs: string[] = [];
    for (const id of existing.values()) {
      replacedRefs.push(...((await this.deps.store.get(id))?.entityRefs ?? []));
    }
    const actor = await authorize([
      ...new Set([...valid.flatMap(v => v.value.entityRefs), ...replacedRefs]),
    ]);
    let created = 0;
    let updated = 0;
    const ids = await this.deps.db.transaction(async tx => {
      const out: string[] = [];
      for (const { value } of valid) {
        const id =
          value.externalId !== null
            ? existing.get(value.externalId)
            : undefined;
        if (id) {
          await this.deps.store.update(
            id,
            this.record(value, actor),
            now,
            null,
            tx,
          );
          updated++;
        } else {
          out.push(
            await this.deps.store.create(this.record(value, actor), now, tx),
          );
          created++;
          continue;
        }
        out.push(id);
      }
      await this.deps.audit.append(
        {
          actorRef: actor,
          action: 'postmortem.imported',
          entityRef: valid[0].value.entityRefs[0],
          details: {
            created,
            updated,
            entityRefs: [...new Set(valid.flatMap(v => v.value.entityRefs))],
          },
        },
        tx,
      );
      return out;
    });
    return { created, updated, ids };
  }

  /** An audit event for each entity the postmortem affects (or affected before an edit). */
  private async auditChange(
    tx: Knex,
    action: string,
    actor: string,
    id: string,
    value: ValidPostmortem,
    previousRefs: string[] = [],
  ) {
    for (const entityRef of new Set([...previousRefs, ...value.entityRefs])) {
      await this.deps.audit.append(
        {
          actorRef: actor,
          action,
          entityRef,
          details: {
            postmortemId: id,
            title: value.title,
            status: value.status,
            severity: value.severity,
          },
        },
        tx,
      );
    }
  }

  /** The postmortem rule of each entity's error-budget policy, looked up once per call. */
  private ruleLookup() {
    const cache = new Map<string, Promise<Rule | null>>();
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

  /** What `[from, to)` cost each objective of the SLO, reading only the buckets it needs. */
  private async spend(slo: SloRecord, from: number, to: number) {
    const { definition } = slo;
    const out = [];
    for (const objective of definition.objectives) {
      const def = spendDefinition(
        slo,
        objective,
        this.deps.buckets.resolutionMs,
      );
      const parts: SpendPart[] = [];
      for (const part of windowParts(definition.window, from, to)) {
        // An hour either side covers the slices the edges fall in and hourly roll-ups.
        const [buckets, windowEvents] = await Promise.all([
          this.deps.buckets.read(
            slo.sloRef,
            objective.name,
            Math.max(part.windowStart, part.from - 3_600_000),
            part.to + 3_600_000,
          ),
          definition.budgetingMethod === 'Occurrences'
            ? this.deps.buckets.sumTotal(
                slo.sloRef,
                objective.name,
                part.windowStart,
                part.to,
              )
            : Promise.resolve(0),
        ]);
        parts.push(spendInPart(def, part, buckets, windowEvents));
      }
      out.push(spendView(slo, objective.name, parts));
    }
    return out;
  }

  /** The API's view of a postmortem: figures, teams, budget spent and the policy flag. */
  async view(
    p: PostmortemRecord,
    lookups = { rule: this.ruleLookup(), slos: this.sloLookup() },
  ) {
    const now = this.now();
    const snapshot = await this.deps.snapshots.get();
    const end = incidentEnd(p, now);
    const budget = [];
    const needsPublishing: Rule[] = [];
    for (const entityRef of p.entityRefs) {
      const spent = [];
      for (const slo of await lookups.slos(entityRef)) {
        spent.push(...(await this.spend(slo, p.startedAt, end)));
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
    const teamRefs = [
      ...new Set(
        p.entityRefs
          .map(r => snapshot.ownedByRef.get(r)?.responsibility.ownerRef)
          .filter((r): r is string => !!r),
      ),
    ].sort();
    const figures = incidentFigures(p);
    const shares = budget
      .map(b => b.share)
      .filter((s): s is number => s !== null);
    return {
      id: p.id!,
      title: p.title,
      documentUrl: p.documentUrl,
      severity: p.severity,
      status: p.status,
      blamelessReviewHeld: p.blamelessReviewHeld,
      summary: p.summary,
      startedAt: iso(p.startedAt)!,
      detectedAt: iso(p.detectedAt),
      mitigatedAt: iso(p.mitigatedAt),
      resolvedAt: iso(p.resolvedAt),
      entityRefs: p.entityRefs,
      teamRefs,
      actionItems: p.actionItems.map(i => ({
        id: i.id!,
        title: i.title,
        link: i.link,
        ownerRef: i.ownerRef,
        dueAt: iso(i.dueAt),
        priority: i.priority,
        status: i.status,
        overdue: isOverdue(i, now),
        labels: i.labels,
        closedAt: iso(i.closedAt),
      })),
      externalId: p.externalId,
      createdBy: p.createdBy,
      createdAt: iso(p.createdAt)!,
      updatedAt: iso(p.updatedAt)!,
      timeToDetectMs: figures.timeToDetectMs,
      timeToMitigateMs: figures.timeToMitigateMs,
      timeToResolveMs: figures.timeToResolveMs,
      budget,
      maxBudgetShare: shares.length > 0 ? Math.max(...shares) : null,
      needsPublishing,
    };
  }

  async getView(id: string) {
    return this.view(await this.get(id));
  }

  /** The entities a group owns, for the team filter. */
  async ownedBy(teamRef: string): Promise<string[]> {
    const snapshot = await this.deps.snapshots.get();
    return snapshot.owned
      .filter(o => o.responsibility.ownerRef === teamRef)
      .map(o => o.ref);
  }

  async list(
    filter: PostmortemFilter & { team?: string; entity?: string },
    page: { limit: number; offset: number },
  ) {
    const { team, entity, ...rest } = filter;
    let entityRefs: string[] | undefined;
    if (team !== undefined) entityRefs = await this.ownedBy(team);
    if (entity !== undefined) {
      entityRefs = entityRefs ? entityRefs.filter(r => r === entity) : [entity];
    }
    const { items, totalCount } = await this.deps.store.list(
      { ...rest, entityRefs },
      page,
    );
    const lookups = { rule: this.ruleLookup(), slos: this.sloLookup() };
    const views = [];
    for (const p of items) views.push(await this.view(p, lookups));
    return { items: views, totalCount };
  }

  /**
   * The entity's postmortems, its monthly figures, its rule, and the page-tier burn
   * episodes of its SLOs' current windows over the rule's share with no postmortem whose
   * incident overlaps them.
   */
  async entityPostmortems(
    entityRef: string,
    /**
     * The postmortems listed and counted: those whose every entity the caller may see (a
     * hidden one still covers a burn episode, which says nothing of it).
     */
    visible?: VisibleRefs,
  ) {
    const snapshot = await this.deps.snapshots.get();
    if (!snapshot.byRef.has(entityRef)) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const now = this.now();
    const records = await this.deps.store.listByEntity(entityRef);
    const lookups = { rule: this.ruleLookup(), slos: this.sloLookup() };
    const items = [];
    const shown = visible
      ? records.filter(p => p.entityRefs.every(r => visible.has(r)))
      : records;
    for (const p of shown) items.push(await this.view(p, lookups));
    const rule = (await lookups.rule(entityRef)) ?? {
      policyRef: '',
      budgetShareAbove: null,
    };
    const needsPostmortem = [];
    if (rule.budgetShareAbove !== null) {
      for (const slo of await lookups.slos(entityRef)) {
        for (const episode of await this.episodes(slo, now)) {
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
    return {
      entityRef,
      items,
      monthly: monthlyFigures(shown),
      rule,
      needsPostmortem,
    };
  }

  /** The page-tier burn episodes of each objective's current window (cached, see above). */
  private async episodes(slo: SloRecord, at: number) {
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

  /**
   * MTTD/MTTR by month for an entity, a team or the org, every month of the range listed,
   * and open / overdue action items by the owning team of the affected entities.
   */
  async figures(
    scope: { entity?: string; team?: string },
    months: number,
    /** Only incidents and action items of entities the caller may see. */
    visible?: VisibleRefs,
  ) {
    const now = this.now();
    const snapshot = await this.deps.snapshots.get();
    let entityRefs: string[] | undefined;
    let kind: 'entity' | 'team' | 'org' = 'org';
    let ref: string | null = null;
    if (scope.entity !== undefined) {
      kind = 'entity';
      ref = scope.entity;
      entityRefs = [scope.entity];
    } else if (scope.team !== undefined) {
      kind = 'team';
      ref = scope.team;
      entityRefs = await this.ownedBy(scope.team);
    }
    const from = monthsBack(now, months);
    const records = await this.deps.store.listAll({
      entityRefs,
      from,
      visible,
    });
    const monthly = fillMonths(monthlyFigures(records), from, now);

    const ownerOf = (r: string) =>
      snapshot.ownedByRef.get(r)?.responsibility.ownerRef ?? null;
    const counts = new Map<string, { open: number; overdue: number }>();
    for (const item of await this.deps.store.openActionItems()) {
      if (visible && !item.entityRefs.every(r => visible.has(r))) continue;
      const refs = entityRefs
        ? item.entityRefs.filter(r => entityRefs!.includes(r))
        : item.entityRefs;
      const teams = new Set(refs.map(ownerOf).filter((t): t is string => !!t));
      for (const team of teams) {
        if (kind === 'team' && team !== ref) continue;
        const c = counts.get(team) ?? { open: 0, overdue: 0 };
        c.open++;
        if (isOverdue(item, now)) c.overdue++;
        counts.set(team, c);
      }
    }
    return {
      scope: { kind, ref },
      monthly,
      actionItems: [...counts.entries()]
        .map(([teamRef, c]) => ({ teamRef, ...c }))
        .sort(
          (a, b) =>
            b.overdue - a.overdue ||
            b.open - a.open ||
            a.teamRef.localeCompare(b.teamRef),
        ),
    };
  }
}
