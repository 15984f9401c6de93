import { InputError } from '@backstage/errors';
import { APP_CONFIG_POLICY_REF } from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { isPostgres } from '../database/isPostgres';
import { insertReturningId } from '../database/insertReturningId';
import { toDate } from '../database/toDate';
import { VisibleRefs, visibleRefsSubquery, whereVisible } from './visibleRefs';
import { LIMIT_IN_TEXT } from '../database/limitInText';

const TABLE = 'reliability_audit_events';
const POSTMORTEM_ENTITIES = 'reliability_postmortem_entities';

/** One recorded state change. */
export interface AuditEventRecord {
  id: string;
  occurredAt: Date;
  actorRef: string;
  action: string;
  entityRef: string;
  /** What the change was about beyond the entity: a policy, a review, a postmortem. */
  subjectRef?: string;
  reason?: string;
  details: Record<string, unknown>;
}

export type NewAuditEvent = Omit<AuditEventRecord, 'id' | 'occurredAt'>;

interface AuditRow {
  id: string | number;
  occurred_at: Date | string | number;
  actor_ref: string;
  action: string;
  entity_ref: string;
  subject_ref: string | null;
  reason: string | null;
  details: string;
}

/**
 * The append-only audit trail. Writers pass their transaction so an event is recorded in
 * the same commit as the change it describes, or not at all.
 */
export class AuditStore {
  constructor(private readonly db: Knex) {}

  async append(event: NewAuditEvent, tx: Knex = this.db): Promise<string> {
    return insertReturningId(tx, TABLE, {
      occurred_at: new Date(),
      actor_ref: event.actorRef,
      action: event.action,
      entity_ref: event.entityRef,
      subject_ref: event.subjectRef ?? null,
      reason: event.reason ?? null,
      details: JSON.stringify(event.details),
    });
  }

  /** Newest first, `limit` at a time; `cursor` is the last id of the previous page. */
  async list(options: {
    entityRef?: string;
    subjectRef?: string;
    /** The action's prefix before the dot: `policy`, `review`, `postmortem`. */
    category?: string;
    /** Only events about entities the caller may see (all without a set). */
    visible?: VisibleRefs;
    limit: number;
    cursor?: string;
  }): Promise<{ items: AuditEventRecord[]; nextCursor?: string }> {
    const query = this.db<AuditRow>(TABLE)
      .orderBy('id', 'desc')
      .limit(options.limit + 1, LIMIT_IN_TEXT);
    if (options.entityRef) {
      query.where('entity_ref', options.entityRef);
    }
    if (options.subjectRef) {
      query.where('subject_ref', options.subjectRef);
    }
    if (options.category) {
      query.where('action', 'like', `${options.category}.%`);
    }
    if (options.visible) {
      this.whereAllNamedVisible(query, options.visible);
    }
    if (options.cursor !== undefined) {
      if (!/^\d{1,19}$/.test(options.cursor)) {
        throw new InputError(
          `cursor: '${options.cursor}' is not a cursor this API returned`,
        );
      }
      query.where('id', '<', options.cursor);
    }
    const rows = await query;
    const page = rows.slice(0, options.limit).map(toRecord);
    return {
      items: page,
      nextCursor:
        rows.length > options.limit ? page[page.length - 1].id : undefined,
    };
  }

  /**
   * Keeps the events whose every named entity the caller may see: an event tells of more
   * than its `entity_ref` — its subject (the policy or SLO it was about), the entities an
   * import listed (`details.entityRefs`), the postmortem it was about (its title, and the
   * entities it affects) — and none of that may reach a caller who cannot see one of them.
   * The filter is in the query, so pages and cursors are over the visible events only. The
   * actor is not filtered: who changed a visible entity is part of that entity's history.
   */
  private whereAllNamedVisible(
    query: Knex.QueryBuilder,
    visible: ReadonlySet<string>,
  ) {
    const pg = isPostgres(this.db);
    const visibleSet = () => visibleRefsSubquery(this.db, visible);
    whereVisible(this.db, query, 'entity_ref', visible);
    // The subject: a catalog entity, or app-config's policy, which is every caller's.
    query.where(q =>
      q
        .whereNull('subject_ref')
        .orWhere('subject_ref', APP_CONFIG_POLICY_REF)
        .orWhereRaw('?? in (?)', ['subject_ref', visibleSet()]),
    );
    // The entities an event lists in its details (a postmortem import's). A function in a
    // correlated subquery's FROM may read the outer row in both databases.
    const listed = pg
      ? `select 1 from jsonb_array_elements_text(case when jsonb_typeof(??.details::jsonb->'entityRefs') = 'array' then ??.details::jsonb->'entityRefs' else '[]'::jsonb end) as r(ref) where r.ref not in (?)`
      : `select 1 from json_each(??.details, '$.entityRefs') as r where r.value not in (?)`;
    query.whereRaw(`not exists (${listed})`, [
      ...(pg ? [TABLE, TABLE] : [TABLE]),
      visibleSet(),
    ]);
    // An event about a postmortem tells of the postmortem (its title): it is hidden with
    // the postmortem, when the postmortem affects an entity the caller may not see.
    const postmortemId = pg
      ? `(??.details::jsonb->>'postmortemId')::bigint`
      : `cast(json_extract(??.details, '$.postmortemId') as integer)`;
    query.whereNot(inner =>
      inner
        .where('action', 'like', 'postmortem.%')
        .whereExists(
          this.db(POSTMORTEM_ENTITIES)
            .select('postmortem_id')
            .whereRaw(`??.postmortem_id = ${postmortemId}`, [
              POSTMORTEM_ENTITIES,
              TABLE,
            ])
            .whereRaw('??.entity_ref not in (?)', [
              POSTMORTEM_ENTITIES,
              visibleSet(),
            ]),
        ),
    );
  }
}

function toRecord(row: AuditRow): AuditEventRecord {
  return {
    id: String(row.id),
    occurredAt: toDate(row.occurred_at),
    actorRef: row.actor_ref,
    action: row.action,
    entityRef: row.entity_ref,
    subjectRef: row.subject_ref ?? undefined,
    reason: row.reason ?? undefined,
    details: JSON.parse(row.details),
  };
}
