import {
  ValidPostmortem,
  incidentFigures,
  isOverdue,
} from '@reliability-suite/plugin-reliability-common';
import { iso } from '../lib/iso';
import type {
  OpenActionItem,
  PostmortemRecord,
} from '../store/PostmortemStore';
import type { VisibleRefs } from '../store/visibleRefs';
import type { intervalSpendOf } from './postmortemSpend';

/**
 * Pure mapping of the postmortem records: when an incident stops counting, what the API
 * shows of a postmortem, and the open action items counted by team.
 */

/** The postmortem rule of an entity's error-budget policy. */
export type PostmortemRule = {
  policyRef: string;
  budgetShareAbove: number | null;
};

/** What an incident cost one objective of an SLO of an affected entity. */
type ObjectiveSpend = Awaited<ReturnType<typeof intervalSpendOf>>[number];

/** When an incident stops counting: resolved, else mitigated, else it is still going on. */
export const incidentEnd = (p: PostmortemRecord, now: number) =>
  p.resolvedAt ?? p.mitigatedAt ?? now;

/** A validated postmortem as the store keeps it. */
export const postmortemRecord = (
  value: ValidPostmortem,
  createdBy: string,
): PostmortemRecord => ({ ...value, createdBy });

/** The API's view of a postmortem, given what the service derived for it. */
export function postmortemView(
  p: PostmortemRecord,
  now: number,
  derived: {
    teamRefs: string[];
    budget: ObjectiveSpend[];
    needsPublishing: PostmortemRule[];
  },
) {
  const { teamRefs, budget, needsPublishing } = derived;
  const figures = incidentFigures(p);
  const shares = budget
    .map(b => b.share)
    .filter((s): s is number => s !== null);
  return {
    id: p.id!,
    title: p.title,
    documentUrl: p.documentUrl,
    severity: p.severity,
    status: p.status,
    blamelessReviewHeld: p.blamelessReviewHeld,
    summary: p.summary,
    startedAt: iso(p.startedAt)!,
    detectedAt: iso(p.detectedAt),
    mitigatedAt: iso(p.mitigatedAt),
    resolvedAt: iso(p.resolvedAt),
    entityRefs: p.entityRefs,
    teamRefs,
    actionItems: p.actionItems.map(i => ({
      id: i.id!,
      title: i.title,
      link: i.link,
      ownerRef: i.ownerRef,
      dueAt: iso(i.dueAt),
      priority: i.priority,
      status: i.status,
      overdue: isOverdue(i, now),
      labels: i.labels,
      closedAt: iso(i.closedAt),
    })),
    externalId: p.externalId,
    createdBy: p.createdBy,
    createdAt: iso(p.createdAt)!,
    updatedAt: iso(p.updatedAt)!,
    timeToDetectMs: figures.timeToDetectMs,
    timeToMitigateMs: figures.timeToMitigateMs,
    timeToResolveMs: figures.timeToResolveMs,
    budget,
    maxBudgetShare: shares.length > 0 ? Math.max(...shares) : null,
    needsPublishing,
  };
}

/**
 * The open and overdue action items by the owning team of the affected entities (only
 * those of `entityRefs` when given, only `team` when given), most overdue first.
 */
export function actionItemsByTeam(
  items: OpenActionItem[],
  scope: {
    entityRefs?: string[];
    team?: string;
    visible?: VisibleRefs;
    ownerOf: (entityRef: string) => string | null;
    now: number;
  },
) {
  const { entityRefs, team: only, visible, ownerOf, now } = scope;
  const counts = new Map<string, { open: number; overdue: number }>();
  for (const item of items) {
    if (visible && !item.entityRefs.every(r => visible.has(r))) continue;
    const refs = entityRefs
      ? item.entityRefs.filter(r => entityRefs.includes(r))
      : item.entityRefs;
    const teams = new Set(refs.map(ownerOf).filter((t): t is string => !!t));
    for (const team of teams) {
      if (only !== undefined && team !== only) continue;
      const c = counts.get(team) ?? { open: 0, overdue: 0 };
      c.open++;
      if (isOverdue(item, now)) c.overdue++;
      counts.set(team, c);
    }
  }
  return [...counts.entries()]
    .map(([teamRef, c]) => ({ teamRef, ...c }))
    .sort(
      (a, b) =>
        b.overdue - a.overdue ||
        b.open - a.open ||
        a.teamRef.localeCompare(b.teamRef),
    );
}
