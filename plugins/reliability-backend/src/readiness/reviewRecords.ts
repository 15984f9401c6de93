import { ReadinessTemplate } from '@reliability-suite/plugin-reliability-common';
import { iso } from '../lib/iso';
import {
  AttestationRecord,
  CommentRecord,
  ReviewRecord,
} from '../store/ReviewStore';
import { evaluateChecklist } from './checklist';

/** Pure mapping of the review records and the checklist to what the API shows. */

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

export function attestationView(a: AttestationRecord) {
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

export function commentView(c: CommentRecord) {
  return {
    id: c.id,
    itemId: c.itemId,
    author: c.author,
    body: c.body,
    createdAt: new Date(c.createdAt).toISOString(),
    decision: c.decision,
  };
}

/** The checklist's template and sections as the readiness view shows them. */
export function checklistView(
  template: ReadinessTemplate,
  checklist: ReturnType<typeof evaluateChecklist>,
) {
  return {
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
  };
}
