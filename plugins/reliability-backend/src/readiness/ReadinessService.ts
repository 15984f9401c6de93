import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  nextReviewState,
  ReadinessTemplate,
  REVIEW_TRANSITIONS,
  ReviewAction,
  ReviewState,
} from '@reliability-suite/plugin-reliability-common';
import {
  ReadinessRule,
  ReadinessVerdict,
} from '@reliability-suite/plugin-reliability-node';
import { Knex } from 'knex';
import { ReliabilityNotifications } from '../notifications/events';
import { OrgSnapshotSource } from '../responsibility/OrgSnapshot';
import { AuditStore } from '../store/AuditStore';
import { PolicyStore } from '../store/PolicyStore';
import { PostmortemStore } from '../store/PostmortemStore';
import {
  AttestationRecord,
  CommentRecord,
  ReviewRecord,
  ReviewStore,
} from '../store/ReviewStore';
import { StatusStore } from '../store/StatusStore';
import { evaluateChecklist } from './checklist';
import { pinnedTemplate, selectTemplate } from './templates';
import { iso } from '../lib/iso';
import type { VisibleRefs } from '../store/visibleRefs';

const DAY = 86_400_000;

export function reviewView(r: ReviewRecord) {
  return {
    id: r.id,
    entityRef: r.entityRef,
    templateId: r.templateId,
    templateVersion: r.templateVersion,
    state: r.state,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    submittedAt: iso(r.submittedAt),
    decidedBy: r.decidedBy,
  };
}

function attestationView(a: AttestationRecord) {
  return {
    id: a.id,
    itemId: a.itemId,
    statement: a.statement,
    evidenceUrl: a.evidenceUrl,
    attestedBy: a.attestedBy,
    attestedAt: new Date(a.attestedAt).toISOString(),
    expiresAt: new Date(a.expiresAt).toISOString(),
  };
}

function commentView(c: CommentRecord) {
  return {
    id: c.id,
    itemId: c.itemId,
    author: c.author,
    body: c.body,
    createdAt: new Date(c.createdAt).toISOString(),
    decision: c.decision,
  };
}

/** Who may take an action: the owning team's permission or the SRE team's. */
export function partyFor(action: ReviewAction): 'owner' | 'sre' {
  return REVIEW_TRANSITIONS[action].by;
}

/**
 * Production-readiness reviews: the checklist of an entity (automatic checks through the
 * rules registry, attestations with their expiry), the review's transitions with their
 * preconditions, and every change in the audit trail in the same transaction.
 */
export class ReadinessService {
  private readonly rules: Map<string, ReadinessRule>;

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
    this.rules = new Map(deps.rules.map(r => [r.id, r]));
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

  private async subject(entityRef: string) {
    await this.assertKnown(entityRef);
    const snapshot = await this.deps.snapshots.get();
    const o = snapshot.ownedByRef.get(entityRef)!;
    const [statuses, freeze, postmortems] = await Promise.all([
      this.deps.statuses.listByService(entityRef),
      this.deps.policies.activeFreeze(entityRef),
      this.deps.postmortems.listByEntity(entityRef),
    ]);
    return {
      entityRef,
      entity: o.entity,
      responsibility: o.responsibility,
      ownerExists:
        !!o.responsibility.ownerRef &&
        snapshot.byRef.has(o.responsibility.ownerRef),
      slos: statuses.map(s => ({
        sloRef: s.sloRef,
        objective: s.objective,
        state: s.state,
      })),
      frozen: !!freeze,
      actionItems: postmortems.flatMap(p =>
        p.actionItems.map(i => ({
          title: i.title,
          status: i.status,
          priority: i.priority,
          dueAt: i.dueAt,
        })),
      ),
    };
  }

  /** The template of the entity's review, or the one a new review would get. */
  private template(
    review: ReviewRecord | undefined,
    subject: Awaited<ReturnType<ReadinessService['subject']>>,
  ): ReadinessTemplate {
    if (review) {
      const pinned = pinnedTemplate(
        this.deps.templates,
        review.templateId,
        review.templateVersion,
      );
      if (pinned) return pinned;
    }
    return selectTemplate(
      this.deps.templates,
      subject.responsibility.tier?.value ?? null,
      subject.responsibility.engagement?.value ?? null,
    );
  }

  private async evaluate(entityRef: string) {
    const subject = await this.subject(entityRef);
    const review = await this.deps.reviews.get(entityRef);
    const template = this.template(review, subject);
    const verdicts = new Map<string, ReadinessVerdict>();
    for (const section of template.sections) {
      for (const item of section.items) {
        if (item.kind !== 'check') continue;
        const rule = this.rules.get(item.rule);
        if (!rule) {
          verdicts.set(item.id, {
            passing: false,
            reason: `Rule ${item.rule} is not installed in this backend`,
          });
          continue;
        }
        try {
          verdicts.set(
            item.id,
            await rule.evaluate(subject, item.params ?? {}),
          );
        } catch (e) {
          verdicts.set(item.id, {
            passing: false,
            reason: `Rule ${item.rule} failed: ${(e as Error).message}`,
          });
        }
      }
    }
    const attestations = await this.deps.reviews.latestAttestations(
      entityRef,
      template.id,
    );
    const checklist = evaluateChecklist(
      template,
      verdicts,
      attestations,
      this.now(),
    );
    return { subject, review, template, checklist };
  }

  async readiness(entityRef: string) {
    const { review, template, checklist } = await this.evaluate(entityRef);
    return {
      entityRef,
      template: {
        id: template.id,
        version: template.version,
        title: template.title,
      },
      sections: checklist.sections.map(s => ({
        id: s.id,
        title: s.title,
        items: s.items.map(i => ({
          id: i.item.id,
          title: i.item.title,
          description: i.item.description ?? null,
          kind: i.item.kind,
          required: i.item.required,
          rule: i.item.kind === 'check' ? i.item.rule : null,
          maxAgeDays: i.item.kind === 'attestation' ? i.item.maxAgeDays : null,
          state: i.state,
          reason: i.reason,
          attestation: i.attestation ? attestationView(i.attestation) : null,
        })),
      })),
      progress: checklist.progress,
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
    const { template } = await this.evaluate(entityRef);
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
    const { template } = await this.evaluate(entityRef);
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
    const { subject, template, checklist } = await this.evaluate(entityRef);
    const now = this.now();
    if (
      (body.action === 'request-changes' || body.action === 'hand-back') &&
      !body.comment
    ) {
      throw new InputError(`comment: required to ${body.action} (say why)`);
    }
    if (body.action === 'submit' && checklist.failingRequired.length > 0) {
      throw new InputError(
        `Not every required item passes: ${checklist.failingRequired
          .map(i => `${i.item.id} (${i.state}: ${i.reason})`)
          .join('; ')}`,
      );
    }
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
          percent = (await this.evaluate(review.entityRef)).checklist.progress
            .percent;
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
