import { InputError, NotFoundError } from '@backstage/errors';
import {
  ValidPostmortem,
  monthlyFigures,
  validatePostmortemInput,
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
import { SloStore } from '../store/SloStore';
import { fillMonths, monthsBack } from './months';
import type { VisibleRefs } from '../store/visibleRefs';
import { PostmortemLookups, PostmortemRules } from './PostmortemRules';
import {
  PostmortemImportError,
  PostmortemRejection,
  validateImport,
  writeImport,
} from './postmortemImport';
import {
  actionItemsByTeam,
  postmortemRecord,
  postmortemView,
} from './postmortemRecords';

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
  ) {
    this.rules = new PostmortemRules(deps);
  }

  /** The policy's postmortem rule applied to incidents and burn episodes. */
  private readonly rules: PostmortemRules;

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

  async create(value: ValidPostmortem, actor: string) {
    const now = this.now();
    const id = await this.deps.db.transaction(async tx => {
      const created = await this.deps.store.create(
        postmortemRecord(value, actor),
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
        postmortemRecord(value, before.createdBy),
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
    const { valid, seen } = validateImport(raw, now);
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
    return this.deps.db.transaction(tx =>
      writeImport(this.deps, tx, { valid, existing, actor, now }),
    );
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
  /** The API's view of a postmortem: figures, teams, budget spent and the policy flag. */
  async view(
    p: PostmortemRecord,
    lookups: PostmortemLookups = this.rules.lookups(),
  ) {
    const now = this.now();
    const snapshot = await this.deps.snapshots.get();
    const { budget, needsPublishing } = await this.rules.incidentBudget(
      p,
      now,
      lookups,
    );
    const teamRefs = [
      ...new Set(
        p.entityRefs
          .map(r => snapshot.ownedByRef.get(r)?.responsibility.ownerRef)
          .filter((r): r is string => !!r),
      ),
    ].sort();
    return postmortemView(p, now, { teamRefs, budget, needsPublishing });
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
    const lookups = this.rules.lookups();
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
    const lookups = this.rules.lookups();
    const items = [];
    const shown = visible
      ? records.filter(p => p.entityRefs.every(r => visible.has(r)))
      : records;
    for (const p of shown) items.push(await this.view(p, lookups));
    const rule = (await lookups.rule(entityRef)) ?? {
      policyRef: '',
      budgetShareAbove: null,
    };
    const needsPostmortem = await this.rules.needsPostmortem(
      entityRef,
      rule,
      records,
      now,
      lookups,
    );
    return {
      entityRef,
      items,
      monthly: monthlyFigures(shown),
      rule,
      needsPostmortem,
    };
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
    return {
      scope: { kind, ref },
      monthly,
      actionItems: actionItemsByTeam(await this.deps.store.openActionItems(), {
        entityRefs,
        team: kind === 'team' ? scope.team : undefined,
        visible,
        ownerOf,
        now,
      }),
    };
  }
}
