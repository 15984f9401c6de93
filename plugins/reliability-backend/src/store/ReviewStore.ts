import { ConflictError } from '@backstage/errors';
import { OPEN_REVIEW_STATES } from '@reliability-suite/plugin-reliability-common';
import type {
  ReviewAction,
  ReviewState,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { insertReturningId } from '../database/insertReturningId';
import { VisibleRefs, whereVisible } from './visibleRefs';
import { LIMIT_IN_TEXT } from '../database/limitInText';

const REVIEWS = 'reliability_reviews';
const ATTESTATIONS = 'reliability_attestations';
const COMMENTS = 'reliability_review_comments';

export type ReviewRecord = {
  id: string;
  entityRef: string;
  templateId: string;
  templateVersion: number;
  state: ReviewState;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  decidedBy: string | null;
};

export type AttestationRecord = {
  id: string;
  entityRef: string;
  templateId: string;
  itemId: string;
  statement: string;
  evidenceUrl: string;
  attestedBy: string;
  attestedAt: number;
  expiresAt: number;
};

export type CommentRecord = {
  id: string;
  reviewId: string;
  itemId: string | null;
  author: string;
  /** '' for a decision taken without a comment. */
  body: string;
  createdAt: number;
  /** The review action the comment came with; null for a comment on its own. */
  decision: ReviewAction | null;
};

type Row = Record<string, any>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toReview(r: Row): ReviewRecord {
  return {
    id: String(r.id),
    entityRef: r.entity_ref,
    templateId: r.template_id,
    templateVersion: Number(r.template_version),
    state: r.state,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    submittedAt: num(r.submitted_at),
    decidedBy: r.decided_by,
  };
}

function toAttestation(r: Row): AttestationRecord {
  return {
    id: String(r.id),
    entityRef: r.entity_ref,
    templateId: r.template_id,
    itemId: r.item_id,
    statement: r.statement,
    evidenceUrl: r.evidence_url,
    attestedBy: r.attested_by,
    attestedAt: Number(r.attested_at),
    expiresAt: Number(r.expires_at),
  };
}

function toComment(r: Row): CommentRecord {
  return {
    id: String(r.id),
    reviewId: String(r.review_id),
    itemId: r.item_id,
    author: r.author,
    body: r.body,
    createdAt: Number(r.created_at),
    decision: r.decision ?? null,
  };
}

/**
 * Reviews, attestations and comments. A review moves only from the state its caller saw
 * (compare-and-set), so two people acting at once cannot both win.
 */
export class ReviewStore {
  constructor(readonly db: Knex) {}

  async get(entityRef: string, tx: Knex = this.db) {
    const row = await tx(REVIEWS)
      .where('entity_ref', entityRef)
      .first()
      .limit(1, LIMIT_IN_TEXT);
    return row ? toReview(row) : undefined;
  }

  /** The entity's review, created as a draft pinned to this template when it has none. */
  async getOrCreate(
    entityRef: string,
    template: { id: string; version: number },
    now: number,
    tx: Knex = this.db,
  ): Promise<ReviewRecord> {
    const existing = await this.get(entityRef, tx);
    if (existing) return existing;
    try {
      await tx.transaction(inner =>
        insertReturningId(inner, REVIEWS, {
          entity_ref: entityRef,
          template_id: template.id,
          template_version: template.version,
          state: 'draft',
          created_at: now,
          updated_at: now,
        }),
      );
    } catch (e) {
      // Created meanwhile by another request: use that one.
      const raced = await this.get(entityRef, tx);
      if (raced) return raced;
      throw e;
    }
    return (await this.get(entityRef, tx))!;
  }

  /** Moves the review from `from` to `to`; a review no longer in `from` is a ConflictError. */
  async transition(
    review: ReviewRecord,
    to: ReviewState,
    changes: {
      now: number;
      decidedBy?: string | null;
      submittedAt?: number | null;
      template?: { id: string; version: number };
    },
    tx: Knex = this.db,
  ): Promise<ReviewRecord> {
    const updated = await tx(REVIEWS)
      .where({ id: review.id, state: review.state })
      .update({
        state: to,
        updated_at: changes.now,
        ...(changes.decidedBy !== undefined
          ? { decided_by: changes.decidedBy }
          : {}),
        ...(changes.submittedAt !== undefined
          ? { submitted_at: changes.submittedAt }
          : {}),
        ...(changes.template
          ? {
              template_id: changes.template.id,
              template_version: changes.template.version,
            }
          : {}),
      });
    if (updated === 0) {
      const current = await this.get(review.entityRef, tx);
      throw new ConflictError(
        `the review of ${review.entityRef} is ${
          current?.state ?? 'gone'
        } now, not ${review.state}; reload and try again`,
      );
    }
    return (await this.get(review.entityRef, tx))!;
  }

  async list(filter: {
    state?: ReviewState;
    /** Only reviews still under way: draft, submitted or changes requested. */
    open?: boolean;
    entityRefs?: string[];
    /** Only reviews of entities the caller may see (all without a set). */
    visible?: VisibleRefs;
    limit: number;
    offset: number;
  }): Promise<{ items: ReviewRecord[]; totalCount: number }> {
    const base = this.db(REVIEWS);
    if (filter.state) base.where('state', filter.state);
    if (filter.open) base.whereIn('state', [...OPEN_REVIEW_STATES]);
    if (filter.entityRefs) base.whereIn('entity_ref', filter.entityRefs);
    whereVisible(this.db, base, 'entity_ref', filter.visible);
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .orderByRaw('coalesce(submitted_at, updated_at) asc')
      .orderBy('id')
      .limit(filter.limit, LIMIT_IN_TEXT)
      .offset(filter.offset);
    return { items: rows.map(toReview), totalCount: Number(count) };
  }

  async entityRefsInState(state: ReviewState): Promise<Set<string>> {
    const rows: Row[] = await this.db(REVIEWS)
      .where('state', state)
      .select('entity_ref');
    return new Set(rows.map(r => r.entity_ref));
  }

  async attest(
    a: Omit<AttestationRecord, 'id'>,
    tx: Knex = this.db,
  ): Promise<AttestationRecord> {
    const id = await insertReturningId(tx, ATTESTATIONS, {
      entity_ref: a.entityRef,
      template_id: a.templateId,
      item_id: a.itemId,
      statement: a.statement,
      evidence_url: a.evidenceUrl,
      attested_by: a.attestedBy,
      attested_at: a.attestedAt,
      expires_at: a.expiresAt,
    });
    return { ...a, id };
  }

  /** The newest attestation of each item of the template. */
  async latestAttestations(
    entityRef: string,
    templateId: string,
  ): Promise<Map<string, AttestationRecord>> {
    const rows: Row[] = await this.db(ATTESTATIONS)
      .where({ entity_ref: entityRef, template_id: templateId })
      .orderBy('id', 'asc');
    return new Map(rows.map(r => [r.item_id as string, toAttestation(r)]));
  }

  async comment(
    c: Omit<CommentRecord, 'id'>,
    tx: Knex = this.db,
  ): Promise<CommentRecord> {
    const id = await insertReturningId(tx, COMMENTS, {
      review_id: c.reviewId,
      item_id: c.itemId,
      author: c.author,
      body: c.body,
      created_at: c.createdAt,
      decision: c.decision,
    });
    return { ...c, id };
  }

  async comments(reviewId: string): Promise<CommentRecord[]> {
    return (
      await this.db(COMMENTS).where('review_id', reviewId).orderBy('id')
    ).map(toComment);
  }
}
