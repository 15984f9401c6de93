import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  nextReviewState,
  ReadinessTemplate,
  ReviewAction,
  ReviewState,
} from '@reliability-suite/plugin-reliability-common';
import { ReadinessRule } from '@reliability-suite/plugin-reliability-node';
import { Knex } from 'knex';
import { ReliabilityNotifications } from '../notifications/events';
import { OrgSnapshotSource } from '../responsibility/OrgSnapshot';
import { AuditStore } from '../store/AuditStore';
import { PolicyStore } from '../store/PolicyStore';
import { PostmortemStore } from '../store/PostmortemStore';
import { ReviewStore } from '../store/ReviewStore';
import { StatusStore } from '../store/StatusStore';
import type { VisibleRefs } from '../store/visibleRefs';
import { ReadinessEvaluator } from './ReadinessEvaluator';
import {
  attestationView,
  checklistView,
  commentView,
  reviewView,
} from './reviewRecords';
import { assertTransitionAllowed, partyFor } from './reviewTransitions';

const DAY = 86_400_000;

/**
 * Production-readiness reviews: the checklist of an entity (automatic checks through the
 * rules registry, attestations with their expiry), the review's transitions with their
 * preconditions, and every change in the audit trail in the same transaction.
 */
export class ReadinessService {
  private readonly evaluator: ReadinessEvaluator;

  constructor(
    private readonly deps: {
      db: Knex;
      templates: ReadinessTemplate[];
      rules: ReadinessRule[];
      snapshots: OrgSnapshotSource;
      statuses: StatusStore;
      policies: PolicyStore;
      reviews: ReviewStore;
      audit: AuditStore;
      postmortems: PostmortemStore;
      /** Tells the owning and SRE teams about each transition of a review. */
      notifier?: ReliabilityNotifications;
      now?: () => number;
    },
  ) {
    this.evaluator = new ReadinessEvaluator(deps);
  }

  private now() {
    return this.deps.now?.() ?? Date.now();
  }

  /** NotFoundError unless the catalog has the entity (a cheap check before permissions). */
  async assertKnown(entityRef: string): Promise<void> {
    const snapshot = await this.deps.snapshots.get();
    if (!snapshot.ownedByRef.has(entityRef)) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
  }

  async readiness(entityRef: string) {
    const { review, template, checklist } = await this.evaluator.evaluate(
      entityRef,
    );
    return {
      entityRef,
      ...checklistView(template, checklist),
      review: review ? reviewView(review) : null,
      comments: review
        ? (await this.deps.reviews.comments(review.id)).map(commentView)
        : [],
      canSubmit: checklist.failingRequired.length === 0,
    };
  }

  async attest(
    entityRef: string,
    actorRef: string,
    body: { itemId: string; statement: string; evidenceUrl: string },
  ) {
    const { template } = await this.evaluator.evaluate(entityRef);
    const item = template.sections
      .flatMap(s => s.items)
      .find(i => i.id === body.itemId);
    if (!item) {
      throw new InputError(
        `itemId: '${body.itemId}' is not an item of ${template.id} version ${template.version}`,
      );
    }
    if (item.kind !== 'attestation') {
      throw new InputError(
        `itemId: '${body.itemId}' is an automatic check (rule ${item.rule}); it cannot be attested`,
      );
    }
    if (!/^https?:\/\//i.test(body.evidenceUrl)) {
      throw new InputError('evidenceUrl: must be an http(s) URL');
    }
    const now = this.now();
    const attestation = await this.deps.db.transaction(async tx => {
      await this.deps.reviews.getOrCreate(entityRef, template, now, tx);
      const created = await this.deps.reviews.attest(
        {
          entityRef,
          templateId: template.id,
          itemId: item.id,
          statement: body.statement,
          evidenceUrl: body.evidenceUrl,
          attestedBy: actorRef,
          attestedAt: now,
          expiresAt: now + item.maxAgeDays * DAY,
        },
        tx,
      );
      await this.deps.audit.append(
        {
          actorRef,
          action: 'review.attested',
          entityRef,
          reason: body.statement,
          details: {
            templateId: template.id,
            templateVersion: template.version,
            itemId: item.id,
            evidenceUrl: body.evidenceUrl,
            expiresAt: new Date(created.expiresAt).toISOString(),
          },
        },
        tx,
      );
      return created;
    });
    return attestationView(attestation);
  }

  async comment(
    entityRef: string,
    actorRef: string,
    body: { itemId?: string; body: string },
  ) {
    const { template } = await this.evaluator.evaluate(entityRef);
    if (
      body.itemId !== undefined &&
      !template.sections.some(s => s.items.some(i => i.id === body.itemId))
    ) {
      throw new InputError(
        `itemId: '${body.itemId}' is not an item of ${template.id} version ${template.version}`,
      );
    }
    const now = this.now();
    const comment = await this.deps.db.transaction(async tx => {
      const review = await this.deps.reviews.getOrCreate(
        entityRef,
        template,
        now,
        tx,
      );
      const created = await this.deps.reviews.comment(
        {
          reviewId: review.id,
          itemId: body.itemId ?? null,
          author: actorRef,
          body: body.body,
          createdAt: now,
          decision: null,
        },
        tx,
      );
      await this.deps.audit.append(
        {
          actorRef,
          action: 'review.commented',
          entityRef,
          reason: body.body,
          details: { reviewId: review.id, itemId: body.itemId ?? null },
        },
        tx,
      );
      return created;
    });
    return commentView(comment);
  }

  async transition(
    entityRef: string,
    actorRef: string,
    body: {
      action: ReviewAction;
      comment?: string;
      expectedState?: ReviewState;
    },
  ) {
    const { subject, template, checklist } = await this.evaluator.evaluate(
      entityRef,
    );
    const now = this.now();
    assertTransitionAllowed(body, checklist);
    const updated = await this.deps.db.transaction(async tx => {
      const review = await this.deps.reviews.getOrCreate(
        entityRef,
        template,
        now,
        tx,
      );
      if (body.expectedState && body.expectedState !== review.state) {
        throw new ConflictError(
          `the review of ${entityRef} is ${review.state} now, not ${body.expectedState}; reload and try again`,
        );
      }
      const next = nextReviewState(review.state, body.action);
      if ('error' in next) {
        throw new ConflictError(next.error);
      }
      const result = await this.deps.reviews.transition(
        review,
        next.to,
        {
          now,
          ...(body.action === 'submit' ? { submittedAt: now } : {}),
          ...(partyFor(body.action) === 'sre' ? { decidedBy: actorRef } : {}),
          // A service handed back starts over on the current template.
          ...(body.action === 'reopen'
            ? { template, submittedAt: null, decidedBy: null }
            : {}),
        },
        tx,
      );
      // Every decision is a row of the review's history, with its comment if it has one,
      // so the history says who submitted, decided or reopened, when, and why.
      await this.deps.reviews.comment(
        {
          reviewId: review.id,
          itemId: null,
          author: actorRef,
          body: body.comment ?? '',
          createdAt: now,
          decision: body.action,
        },
        tx,
      );
      await this.deps.audit.append(
        {
          actorRef,
          action: `review.${next.to}`,
          entityRef,
          reason: body.comment,
          details: {
            from: review.state,
            to: next.to,
            templateId: result.templateId,
            templateVersion: result.templateVersion,
            readinessPercent: checklist.progress.percent,
          },
        },
        tx,
      );
      return result;
    });
    await this.deps.notifier?.notify({
      kind: 'review-transitioned',
      entityRef,
      teams: {
        owner: subject.responsibility.ownerRef,
        sreTeam: subject.responsibility.sreTeamRef?.value ?? null,
      },
      actorRef,
      action: body.action,
      comment: body.comment ?? null,
      templateTitle: template.title,
    });
    return reviewView(updated);
  }

  async queue(filter: {
    state?: ReviewState;
    open?: boolean;
    sreTeam?: string;
    /** Only reviews of entities the caller may see (all without a set). */
    visible?: VisibleRefs;
    limit: number;
    offset: number;
  }) {
    const snapshot = await this.deps.snapshots.get();
    const entityRefs = filter.sreTeam
      ? snapshot.owned
          .filter(o => o.responsibility.sreTeamRef?.value === filter.sreTeam)
          .map(o => o.ref)
      : undefined;
    const page = await this.deps.reviews.list({ ...filter, entityRefs });
    const items = [];
    for (const review of page.items) {
      const o = snapshot.ownedByRef.get(review.entityRef);
      let percent = 0;
      if (o) {
        try {
          percent = (await this.evaluator.evaluate(review.entityRef)).checklist
            .progress.percent;
        } catch {
          percent = 0;
        }
      }
      items.push({
        review: reviewView(review),
        percent,
        sreTeamRef: o?.responsibility.sreTeamRef?.value ?? null,
        ownerRef: o?.responsibility.ownerRef ?? null,
      });
    }
    return { items, totalCount: page.totalCount };
  }
}
