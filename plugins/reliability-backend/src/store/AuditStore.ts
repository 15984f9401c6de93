import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { insertReturningId } from '../database/insertReturningId';
import { toDate } from '../database/toDate';
import { VisibleRefs, visibleRefsSubquery, whereVisible } from './visibleRefs';

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
      .limit(options.limit + 1);
    if (options.entityRef) {
      query.where('entity_ref', options.entityRef);
    }
    if (options.subjectRef) {
      query.where('subject_ref', options.subjectRef);
    }
    if (options.category) {
      query.where('action', 'like', `${options.category}.%`);
    }
    whereVisible(this.db, query, 'entity_ref', options.visible);
    if (options.visible) {
      // An event about a postmortem tells of the postmortem (its title): it is hidden with
      // the postmortem, when the postmortem affects an entity the caller may not see.
      const postmortemId = String(this.db.client.config.client).includes('pg')
        ? `(??.details::jsonb->>'postmortemId')::bigint`
        : `cast(json_extract(??.details, '$.postmortemId') as integer)`;
      const hidden = visibleRefsSubquery(this.db, options.visible);
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
                hidden,
              ]),
          ),
      );
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
