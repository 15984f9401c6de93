import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  ResolvedResponsibility,
  SloState,
} from '@reliability-suite/plugin-reliability-common';

/**
 * What a readiness rule may look at: the entity, its responsibility model (inheritance
 * resolved), its SLO objectives' states and whether a release freeze is in force.
 *
 * @public
 */
export interface ReadinessSubject {
  entityRef: string;
  entity: Entity;
  responsibility: ResolvedResponsibility;
  /** Whether the owner reference names an entity in the catalog. */
  ownerExists: boolean;
  slos: Array<{ sloRef: string; objective: string; state: SloState }>;
  frozen: boolean;
  /** The action items of the postmortems of incidents that affected the entity. */
  actionItems: Array<{
    title: string;
    status: 'open' | 'in-progress' | 'done' | 'wont-do';
    priority: 'p0' | 'p1' | 'p2' | 'p3';
    dueAt: number | null;
  }>;
}

/** A rule's verdict, with the reason shown next to the checklist item. @public */
export interface ReadinessVerdict {
  passing: boolean;
  reason: string;
}

/**
 * An automatic check of a readiness checklist: a template item names it by `id` and gives
 * its `params`.
 *
 * @public
 */
export interface ReadinessRule {
  id: string;
  title: string;
  description?: string;
  evaluate(
    subject: ReadinessSubject,
    params: Record<string, unknown>,
  ): ReadinessVerdict | Promise<ReadinessVerdict>;
}

/** @public */
export interface ReliabilityReadinessRulesExtensionPoint {
  addRule(rule: ReadinessRule): void;
}

/**
 * Lets backend modules add readiness rules beside the built-ins (has-owner, owner-exists,
 * has-sre-team, has-oncall, has-link, has-annotation, has-slo, slo-met, no-freeze,
 * postmortem-actions-closed).
 *
 * @public
 */
export const reliabilityReadinessRulesExtensionPoint =
  createExtensionPoint<ReliabilityReadinessRulesExtensionPoint>({
    id: 'reliability.readiness-rules',
  });
