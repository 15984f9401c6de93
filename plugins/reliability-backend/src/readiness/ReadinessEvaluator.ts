import { NotFoundError } from '@backstage/errors';
import { ReadinessTemplate } from '@reliability-suite/plugin-reliability-common';
import {
  ReadinessRule,
  ReadinessVerdict,
} from '@reliability-suite/plugin-reliability-node';
import { OrgSnapshotSource } from '../responsibility/OrgSnapshot';
import { PolicyStore } from '../store/PolicyStore';
import { PostmortemStore } from '../store/PostmortemStore';
import { ReviewRecord, ReviewStore } from '../store/ReviewStore';
import { StatusStore } from '../store/StatusStore';
import { evaluateChecklist } from './checklist';
import { pinnedTemplate, selectTemplate } from './templates';

/**
 * An entity's readiness checklist evaluated: what the rules see of the entity (its
 * subject), the template of its review (pinned) or of a new one, each automatic check
 * through the rules registry, and the attestations with their expiry.
 */
export class ReadinessEvaluator {
  private readonly rules: Map<string, ReadinessRule>;

  constructor(
    private readonly deps: {
      templates: ReadinessTemplate[];
      rules: ReadinessRule[];
      snapshots: OrgSnapshotSource;
      statuses: StatusStore;
      policies: PolicyStore;
      reviews: ReviewStore;
      postmortems: PostmortemStore;
      now?: () => number;
    },
  ) {
    this.rules = new Map(deps.rules.map(r => [r.id, r]));
  }

  private now() {
    return this.deps.now?.() ?? Date.now();
  }

  private async subject(entityRef: string) {
    const snapshot = await this.deps.snapshots.get();
    if (!snapshot.ownedByRef.has(entityRef)) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }

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
    subject: Awaited<ReturnType<ReadinessEvaluator['subject']>>,
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

  /** The entity's subject, review, template and evaluated checklist. */
  async evaluate(entityRef: string) {
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
}
