import { InputError, NotFoundError } from '@backstage/errors';
import {
  describeWindow,
  OpenSloSlo,
  sloDefinitionChanges,
  toSloDefinition,
  validateOpenSloDocument,
} from '@reliability-suite/plugin-reliability-common';
import type { AuditStore } from '../store/AuditStore';
import type { SloHistoryItem, SloRevision, SloStore } from '../store/SloStore';
import { indicatorOf } from '../store/sloRecords';
import type { SloState } from '../store/StatusStore';
import type { SloEvaluator } from './SloEvaluator';
import { sloState } from './sloState';

/** The error budget of one objective at one moment, as the timeline shows it. */
export type BudgetPoint = {
  at: string;
  /** Null without data in the window then. */
  remaining: number | null;
  state: SloState;
};

export type RevisionBudget = {
  objective: string;
  /** Just before the change, under the definition it replaced (null for the first). */
  before: BudgetPoint | null;
  /** At the change, under the new definition. */
  after: BudgetPoint | null;
  /** When the definition was next changed, or now for the current one. */
  end: BudgetPoint | null;
};

const describe = (r: SloRevision) => ({
  revision: r.revision,
  effectiveFrom: new Date(r.effectiveFrom).toISOString(),
  budgetingMethod: r.definition.budgetingMethod,
  window: describeWindow(r.definition.window),
  objectives: r.definition.objectives.map(o => ({
    name: o.name,
    target: o.target,
  })),
  sourceLocation: r.sourceLocation,
  sourceUrl: r.sourceUrl,
  imported: r.imported,
  deliveredAt:
    r.deliveredAt === null ? null : new Date(r.deliveredAt).toISOString(),
});

/**
 * An SLO's refinement history with what each change did to the error budget, and the
 * refinements across the org (where "we loosened the SLO" decisions show up).
 */
export class SloHistoryService {
  constructor(
    private readonly deps: {
      slos: SloStore;
      evaluator: SloEvaluator;
      /** Queues an SLO for evaluation (after its history is imported). */
      evaluations?: { markDirty(sloRefs: string[]): Promise<void> };
      audit?: AuditStore;
      /** Reads an SLO the catalog has but the last sync has not brought yet. */
      sync?: { syncOne(sloRef: string): Promise<unknown> };
      now?: () => number;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? Date.now();
  }

  /** The SLO's revisions, oldest first, one page of them with their budget figures. */
  async revisions(sloRef: string, page: { limit: number; offset: number }) {
    let revisions = await this.deps.slos.revisions(sloRef);
    if (revisions.length === 0) {
      await this.serviceOf(sloRef);
      revisions = await this.deps.slos.revisions(sloRef);
    }
    const now = this.now();
    const items = [];
    const end = Math.min(revisions.length, page.offset + page.limit);
    for (let i = page.offset; i < end; i++) {
      const r = revisions[i];
      items.push({
        ...describe(r),
        changes: sloDefinitionChanges(
          i === 0 ? null : revisions[i - 1].definition,
          r.definition,
          { before: revisions[i - 1]?.indicator, after: r.indicator },
        ),
        budget: await this.budgetAround(revisions, i, now),
      });
    }
    return { sloRef, totalCount: revisions.length, items };
  }

  /** Budget figures of each objective of revision `i` around its change. */
  private async budgetAround(
    revisions: SloRevision[],
    i: number,
    now: number,
  ): Promise<RevisionBudget[]> {
    const r = revisions[i];
    const changedAt = r.effectiveFrom;
    const endAt = Math.min(revisions[i + 1]?.effectiveFrom ?? now, now);
    const point = async (
      index: number,
      objective: string,
      at: number,
    ): Promise<BudgetPoint | null> => {
      const definition = revisions[index].definition;
      if (!definition.objectives.some(o => o.name === objective)) return null;
      const { evaluation } = await this.deps.evaluator.evaluateDefinition(
        r.sloRef,
        definition,
        objective,
        at,
        revisions.slice(0, index + 1),
      );
      return {
        at: new Date(at).toISOString(),
        remaining:
          evaluation.dataQuality === 'no-data'
            ? null
            : evaluation.errorBudget.remaining,
        state: sloState(evaluation),
      };
    };
    const out: RevisionBudget[] = [];
    for (const o of r.definition.objectives) {
      out.push({
        objective: o.name,
        // The first definition has nothing before it; the budget "before" is the old
        // definition's view of the same moment.
        before: i === 0 ? null : await point(i - 1, o.name, changedAt),
        after: i === 0 ? null : await point(i, o.name, changedAt),
        end: endAt > changedAt ? await point(i, o.name, endAt) : null,
      });
    }
    return out;
  }

  /** The SLO's service, for authorizing a write (404 for an unknown SLO). */
  async serviceOf(sloRef: string): Promise<string> {
    let slo = await this.deps.slos.get(sloRef);
    if (!slo && this.deps.sync) {
      await this.deps.sync.syncOne(sloRef);
      slo = await this.deps.slos.get(sloRef);
    }
    if (!slo) throw new NotFoundError(`No SLO ${sloRef}`);
    return slo.serviceRef;
  }

  /**
   * Imports the SLO's definitions from before the catalog delivered it, each given as the
   * OpenSLO `spec` it had, checked as the catalog checks SLOs. Every problem of every item
   * is reported at once and nothing is written unless all are valid.
   */
  async importHistory(
    sloRef: string,
    items: Array<{
      effectiveFrom: string;
      spec: Record<string, unknown>;
      sourceUrl?: string;
      sourceLocation?: string;
    }>,
    actor: string,
  ) {
    const serviceRef = await this.serviceOf(sloRef);
    const name = sloRef.slice(sloRef.indexOf('/') + 1);
    const problems: string[] = [];
    const parsed: SloHistoryItem[] = [];
    items.forEach((item, i) => {
      const doc = {
        apiVersion: 'openslo/v1',
        kind: 'SLO',
        metadata: { name },
        spec: item.spec,
      };
      const found = validateOpenSloDocument(doc);
      if (found.length > 0) {
        problems.push(...found.map(p => `items[${i}].${p.path}: ${p.message}`));
        return;
      }
      parsed.push({
        effectiveFrom: Date.parse(item.effectiveFrom),
        definition: toSloDefinition(doc as unknown as OpenSloSlo),
        indicator: indicatorOf(item.spec),
        sourceLocation: item.sourceLocation ?? null,
        sourceUrl: item.sourceUrl ?? null,
      });
    });
    if (problems.length > 0) {
      throw new InputError(
        `The history was not imported: ${problems.slice(0, 20).join('; ')}${
          problems.length > 20 ? ` and ${problems.length - 20} more` : ''
        }`,
      );
    }
    const result = await this.deps.slos.importHistory(sloRef, parsed);
    await this.deps.audit?.append({
      actorRef: actor,
      action: 'slo.history.imported',
      entityRef: serviceRef,
      subjectRef: sloRef,
      details: { ...result },
    });
    await this.deps.evaluations?.markDirty([sloRef]);
    return result;
  }

  /** Changes of SLO definitions across the org, newest first. */
  async refinements(options: {
    since?: number;
    /** Only SLOs the caller may see, of services the caller may see. */
    visible?: ReadonlySet<string>;
    limit: number;
    offset: number;
  }) {
    const { items, totalCount } = await this.deps.slos.refinements(options);
    const slos = await this.deps.slos.getMany(items.map(i => i.sloRef));
    return {
      totalCount,
      items: items.map(r => {
        const slo = slos.get(r.sloRef);
        const changes = sloDefinitionChanges(r.previous, r.definition, {
          before: r.previousIndicator,
          after: r.indicator,
        });
        return {
          sloRef: r.sloRef,
          title: slo?.title ?? r.sloRef,
          serviceRef: slo?.serviceRef ?? null,
          ownerRef: slo?.ownerRef ?? null,
          ...describe(r),
          changes,
          loosened: changes.some(
            c => c.kind === 'target' && c.direction === 'loosened',
          ),
        };
      }),
    };
  }
}
