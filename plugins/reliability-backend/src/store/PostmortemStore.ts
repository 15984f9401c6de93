import { InputError } from '@backstage/errors';
import { incidentTimeProblems } from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { insertReturningId } from '../database/insertReturningId';

const POSTMORTEMS = 'reliability_postmortems';
const ENTITIES = 'reliability_postmortem_entities';
const ITEMS = 'reliability_action_items';

export type ActionItemRecord = {
  id?: string;
  title: string;
  link: string | null;
  ownerRef: string | null;
  dueAt: number | null;
  priority: 'p0' | 'p1' | 'p2' | 'p3';
  status: 'open' | 'in-progress' | 'done' | 'wont-do';
};

export type PostmortemRecord = {
  id?: string;
  title: string;
  documentUrl: string | null;
  severity: 'sev1' | 'sev2' | 'sev3' | 'sev4';
  status: 'draft' | 'in-review' | 'published';
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
};

type Row = Record<string, any>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Postmortems with the entities they affected and their action items, written whole in one
 * transaction: an invalid record (times out of order, no entity) writes nothing.
 */
export class PostmortemStore {
  constructor(private readonly db: Knex) {}

  async create(
    p: PostmortemRecord,
    now: number,
    tx: Knex = this.db,
  ): Promise<string> {
    const problems = incidentTimeProblems(p);
    if (p.entityRefs.length === 0) {
      problems.push('entityRefs: at least one affected entity');
    }
    if (problems.length > 0) throw new InputError(problems.join('; '));
    return tx.transaction(async inner => {
      const id = await insertReturningId(inner, POSTMORTEMS, {
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
        created_by: p.createdBy,
        created_at: now,
        updated_at: now,
        external_id: p.externalId,
      });
      await inner(ENTITIES).insert(
        [...new Set(p.entityRefs)].map(entityRef => ({
          postmortem_id: id,
          entity_ref: entityRef,
        })),
      );
      for (const item of p.actionItems) {
        await insertReturningId(inner, ITEMS, {
          postmortem_id: id,
          title: item.title,
          link: item.link,
          owner_ref: item.ownerRef,
          due_at: item.dueAt,
          priority: item.priority,
          status: item.status,
        });
      }
      return id;
    });
  }

  async get(id: string): Promise<PostmortemRecord | undefined> {
    const [found] = await this.load(this.db(POSTMORTEMS).where('id', id));
    return found;
  }

  /** The postmortems of incidents that affected the entity, newest incident first. */
  async listByEntity(entityRef: string): Promise<PostmortemRecord[]> {
    return this.load(
      this.db(POSTMORTEMS)
        .whereIn(
          'id',
          this.db(ENTITIES)
            .select('postmortem_id')
            .where('entity_ref', entityRef),
        )
        .orderBy('started_at', 'desc'),
    );
  }

  private async load(query: Knex.QueryBuilder): Promise<PostmortemRecord[]> {
    const rows: Row[] = await query;
    if (rows.length === 0) return [];
    const ids = rows.map(r => r.id);
    const [entities, items]: [Row[], Row[]] = await Promise.all([
      this.db(ENTITIES).whereIn('postmortem_id', ids).orderBy('entity_ref'),
      this.db(ITEMS).whereIn('postmortem_id', ids).orderBy('id'),
    ]);
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
      entityRefs: entities
        .filter(e => String(e.postmortem_id) === String(r.id))
        .map(e => e.entity_ref),
      actionItems: items
        .filter(i => String(i.postmortem_id) === String(r.id))
        .map(i => ({
          id: String(i.id),
          title: i.title,
          link: i.link,
          ownerRef: i.owner_ref,
          dueAt: num(i.due_at),
          priority: i.priority,
          status: i.status,
        })),
    }));
  }
}
