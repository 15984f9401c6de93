import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ActionItemPriority,
  ActionItemStatus,
  CLOSED_ACTION_ITEM_STATUSES,
  PostmortemSeverity,
  PostmortemStatus,
  incidentTimeProblems,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { insertReturningId } from '../database/insertReturningId';
import { VisibleRefs, visibleRefsSubquery } from './visibleRefs';
import { LIMIT_IN_TEXT } from '../database/limitInText';

const POSTMORTEMS = 'reliability_postmortems';
const ENTITIES = 'reliability_postmortem_entities';
const ITEMS = 'reliability_action_items';

export type ActionItemRecord = {
  id?: string;
  title: string;
  link: string | null;
  ownerRef: string | null;
  dueAt: number | null;
  priority: ActionItemPriority;
  status: ActionItemStatus;
  labels: string[];
  /**
   * When a done or wont-do item was closed. Written as null, the store keeps when the
   * item (by title) was first stored closed, else the write's time.
   */
  closedAt: number | null;
};

/** An action item with who owns it and when, for the SRE time budget. */
export type OwnedActionItem = {
  ownerRef: string;
  status: ActionItemStatus;
  labels: string[];
  /**
   * When its incident started: the work is owed from then (an archive imported today
   * still shows the items open in the months they were).
   */
  openedAt: number;
  closedAt: number | null;
};

export type PostmortemRecord = {
  id?: string;
  title: string;
  documentUrl: string | null;
  severity: PostmortemSeverity;
  status: PostmortemStatus;
  blamelessReviewHeld: boolean;
  summary: string | null;
  startedAt: number;
  detectedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
  entityRefs: string[];
  actionItems: ActionItemRecord[];
  createdBy: string;
  /** An id from the team's archive, so that a re-import updates nothing twice. */
  externalId: string | null;
  createdAt?: number;
  updatedAt?: number;
};

/** Filters of the org-wide list; all optional, combined with AND. */
export type PostmortemFilter = {
  /** Text in the title, summary or an action item's title (case-insensitive). */
  q?: string;
  /** Incidents that affected any of these entities. */
  entityRefs?: string[];
  severity?: string;
  status?: string;
  /** Started at or after. */
  from?: number;
  /** Started before. */
  to?: number;
  /**
   * Only incidents whose every affected entity the caller may see (all without a set): a
   * postmortem tells about each of its entities.
   */
  visible?: VisibleRefs;
};

/** An action item that is still to do, with the entities its incident affected. */
export type OpenActionItem = {
  postmortemId: string;
  status: ActionItemRecord['status'];
  dueAt: number | null;
  entityRefs: string[];
};

type Row = Record<string, any>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const isClosed = (status: ActionItemStatus) =>
  CLOSED_ACTION_ITEM_STATUSES.includes(status);
const labelsOf = (v: string | null): string[] => (v ? JSON.parse(v) : []);

/**
 * Postmortems with the entities they affected and their action items, written whole in one
 * transaction: an invalid record (times out of order, no entity) writes nothing.
 */
export class PostmortemStore {
  constructor(private readonly db: Knex) {}

  private check(p: PostmortemRecord): void {
    const problems = incidentTimeProblems(p);
    if (p.entityRefs.length === 0) {
      problems.push('entityRefs: at least one affected entity');
    }
    if (problems.length > 0) throw new InputError(problems.join('; '));
  }

  private columns(p: PostmortemRecord, now: number) {
    return {
      title: p.title,
      document_url: p.documentUrl,
      severity: p.severity,
      status: p.status,
      blameless_review_held: p.blamelessReviewHeld,
      summary: p.summary,
      started_at: p.startedAt,
      detected_at: p.detectedAt,
      mitigated_at: p.mitigatedAt,
      resolved_at: p.resolvedAt,
      updated_at: now,
      external_id: p.externalId,
    };
  }

  /**
   * The affected entities and action items of a postmortem, written afresh. Items are
   * sent whole on every edit (without ids), so a closed item's closing time is carried
   * over from the stored closed item of the same title.
   */
  private async writeChildren(
    tx: Knex,
    id: string,
    p: PostmortemRecord,
    now: number,
  ): Promise<void> {
    const closedBefore = new Map<string, number>();
    const previous: Row[] = await tx(ITEMS)
      .where('postmortem_id', id)
      .whereNotNull('closed_at')
      .select('title', 'closed_at');
    for (const r of previous) closedBefore.set(r.title, Number(r.closed_at));
    await tx(ENTITIES).where('postmortem_id', id).delete();
    await tx(ITEMS).where('postmortem_id', id).delete();
    await tx(ENTITIES).insert(
      [...new Set(p.entityRefs)].map(entityRef => ({
        postmortem_id: id,
        entity_ref: entityRef,
      })),
    );
    for (const item of p.actionItems) {
      await insertReturningId(tx, ITEMS, {
        postmortem_id: id,
        title: item.title,
        link: item.link,
        owner_ref: item.ownerRef,
        due_at: item.dueAt,
        priority: item.priority,
        status: item.status,
        labels: item.labels.length > 0 ? JSON.stringify(item.labels) : null,
        closed_at: isClosed(item.status)
          ? item.closedAt ?? closedBefore.get(item.title) ?? now
          : null,
      });
    }
  }

  async create(
    p: PostmortemRecord,
    now: number,
    tx: Knex = this.db,
  ): Promise<string> {
    this.check(p);
    return tx.transaction(async inner => {
      const id = await insertReturningId(inner, POSTMORTEMS, {
        ...this.columns(p, now),
        created_by: p.createdBy,
        created_at: now,
      });
      await this.writeChildren(inner, id, p, now);
      return id;
    });
  }

  /**
   * Replaces a postmortem, its entities and action items. With `expectedUpdatedAt`, only if
   * nobody changed it since (ConflictError otherwise); the author and creation time stay.
   */
  async update(
    id: string,
    p: PostmortemRecord,
    now: number,
    expectedUpdatedAt: number | null,
    tx: Knex = this.db,
  ): Promise<void> {
    this.check(p);
    await tx.transaction(async inner => {
      const query = inner(POSTMORTEMS).where('id', id);
      if (expectedUpdatedAt !== null) {
        query.andWhere('updated_at', expectedUpdatedAt);
      }
      const changed = await query.update(this.columns(p, now));
      if (changed === 0) {
        const exists = await inner(POSTMORTEMS)
          .where('id', id)
          .first('id')
          .limit(1, LIMIT_IN_TEXT);
        if (!exists) throw new NotFoundError(`No postmortem ${id}`);
        throw new ConflictError(
          `Postmortem ${id} was changed by someone else since ${new Date(
            expectedUpdatedAt!,
          ).toISOString()}; reload it and apply your edit again`,
        );
      }
      await this.writeChildren(inner, id, p, now);
    });
  }

  /** The ids of postmortems imported with these archive ids. */
  async idsByExternalId(
    externalIds: string[],
    tx: Knex = this.db,
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < externalIds.length; i += 500) {
      const rows: Row[] = await tx(POSTMORTEMS)
        .select('id', 'external_id')
        .whereIn('external_id', externalIds.slice(i, i + 500));
      for (const r of rows) found.set(r.external_id, String(r.id));
    }
    return found;
  }

  async get(id: string): Promise<PostmortemRecord | undefined> {
    const [found] = await this.load(this.db(POSTMORTEMS).where('id', id));
    return found;
  }

  /** The postmortems of incidents that affected the entity, newest incident first. */
  async listByEntity(entityRef: string): Promise<PostmortemRecord[]> {
    return this.load(
      this.filtered({ entityRefs: [entityRef] }).orderBy('started_at', 'desc'),
    );
  }

  /** One page of postmortems, newest incident first, and how many match in all. */
  async list(
    filter: PostmortemFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: PostmortemRecord[]; totalCount: number }> {
    const [{ count }] = await this.filtered(filter).count({ count: '*' });
    const items = await this.load(
      this.filtered(filter)
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(page.limit, LIMIT_IN_TEXT)
        .offset(page.offset),
    );
    return { items, totalCount: Number(count) };
  }

  /** Every matching postmortem, for figures (times and action items only matter there). */
  async listAll(filter: PostmortemFilter): Promise<PostmortemRecord[]> {
    return this.load(this.filtered(filter).orderBy('started_at', 'asc'));
  }

  /** Open or in-progress action items, with the entities their incident affected. */
  async openActionItems(): Promise<OpenActionItem[]> {
    const items: Row[] = await this.db(ITEMS)
      .select('postmortem_id', 'status', 'due_at')
      .whereIn('status', ['open', 'in-progress']);
    if (items.length === 0) return [];
    const ids = [...new Set(items.map(i => String(i.postmortem_id)))];
    const refs = new Map<string, string[]>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows: Row[] = await this.db(ENTITIES).whereIn(
        'postmortem_id',
        ids.slice(i, i + 500),
      );
      for (const r of rows) {
        const key = String(r.postmortem_id);
        refs.set(key, [...(refs.get(key) ?? []), r.entity_ref]);
      }
    }
    return items.map(i => ({
      postmortemId: String(i.postmortem_id),
      status: i.status,
      dueAt: num(i.due_at),
      entityRefs: refs.get(String(i.postmortem_id)) ?? [],
    }));
  }

  /**
   * The action items these groups own, open or closed since `closedSince`, with when their
   * incident started.
   */
  async actionItemsOwnedBy(
    ownerRefs: string[],
    closedSince: number,
    /** Only items of postmortems whose every entity is visible (all without a set). */
    visible?: VisibleRefs,
  ): Promise<OwnedActionItem[]> {
    const out: OwnedActionItem[] = [];
    for (let i = 0; i < ownerRefs.length; i += 500) {
      const query = this.db(`${ITEMS} as i`)
        .join(`${POSTMORTEMS} as p`, 'p.id', 'i.postmortem_id')
        .whereIn('i.owner_ref', ownerRefs.slice(i, i + 500))
        .andWhere(q =>
          q.whereNull('i.closed_at').orWhere('i.closed_at', '>=', closedSince),
        );
      if (visible) {
        query.whereNotExists(
          this.db(ENTITIES)
            .whereRaw('??.postmortem_id = p.id', [ENTITIES])
            .whereRaw('entity_ref not in (?)', [
              visibleRefsSubquery(this.db, visible),
            ]),
        );
      }
      const rows: Row[] = await query
        .select(
          'i.owner_ref',
          'i.status',
          'i.labels',
          'i.closed_at',
          'p.started_at',
        )
        .orderBy('i.id');
      out.push(
        ...rows.map(r => ({
          ownerRef: r.owner_ref,
          status: r.status,
          labels: labelsOf(r.labels),
          openedAt: Number(r.started_at),
          closedAt: num(r.closed_at),
        })),
      );
    }
    return out;
  }

  private filtered(filter: PostmortemFilter): Knex.QueryBuilder {
    const query = this.db(POSTMORTEMS);
    if (filter.entityRefs) {
      query.whereIn(
        'id',
        this.db(ENTITIES)
          .select('postmortem_id')
          .whereIn('entity_ref', filter.entityRefs),
      );
    }
    if (filter.visible) {
      query.whereNotExists(
        this.db(ENTITIES)
          .select('postmortem_id')
          .whereRaw('??.postmortem_id = ??.id', [ENTITIES, POSTMORTEMS])
          .whereRaw('entity_ref not in (?)', [
            visibleRefsSubquery(this.db, filter.visible),
          ]),
      );
    }
    if (filter.severity) query.where('severity', filter.severity);
    if (filter.status) query.where('status', filter.status);
    if (filter.from !== undefined) query.where('started_at', '>=', filter.from);
    if (filter.to !== undefined) query.where('started_at', '<', filter.to);
    if (filter.q) {
      const like = `%${filter.q
        .toLocaleLowerCase('en-US')
        .replace(/[\\%_]/g, c => `\\${c}`)}%`;
      query.where(inner =>
        inner
          .whereRaw("lower(title) like ? escape '\\'", [like])
          .orWhereRaw("lower(coalesce(summary, '')) like ? escape '\\'", [like])
          .orWhereIn(
            'id',
            this.db(ITEMS)
              .select('postmortem_id')
              .whereRaw("lower(title) like ? escape '\\'", [like]),
          ),
      );
    }
    return query;
  }

  private async load(query: Knex.QueryBuilder): Promise<PostmortemRecord[]> {
    const rows: Row[] = await query;
    if (rows.length === 0) return [];
    const ids = rows.map(r => r.id);
    const entities: Row[] = [];
    const items: Row[] = [];
    // In chunks, far below either database's limit on bound parameters.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const [e, a]: [Row[], Row[]] = await Promise.all([
        this.db(ENTITIES).whereIn('postmortem_id', chunk).orderBy('entity_ref'),
        this.db(ITEMS).whereIn('postmortem_id', chunk).orderBy('id'),
      ]);
      entities.push(...e);
      items.push(...a);
    }
    const group = (list: Row[]) => {
      const by = new Map<string, Row[]>();
      for (const x of list) {
        const key = String(x.postmortem_id);
        if (!by.has(key)) by.set(key, []);
        by.get(key)!.push(x);
      }
      return by;
    };
    const entitiesOf = group(entities);
    const itemsOf = group(items);
    return rows.map(r => ({
      id: String(r.id),
      title: r.title,
      documentUrl: r.document_url,
      severity: r.severity,
      status: r.status,
      blamelessReviewHeld: Boolean(r.blameless_review_held),
      summary: r.summary,
      startedAt: Number(r.started_at),
      detectedAt: num(r.detected_at),
      mitigatedAt: num(r.mitigated_at),
      resolvedAt: num(r.resolved_at),
      createdBy: r.created_by,
      externalId: r.external_id,
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
      entityRefs: (entitiesOf.get(String(r.id)) ?? []).map(e => e.entity_ref),
      actionItems: (itemsOf.get(String(r.id)) ?? []).map(i => ({
        id: String(i.id),
        title: i.title,
        link: i.link,
        ownerRef: i.owner_ref,
        dueAt: num(i.due_at),
        priority: i.priority,
        status: i.status,
        labels: labelsOf(i.labels),
        closedAt: num(i.closed_at),
      })),
    }));
  }
}
