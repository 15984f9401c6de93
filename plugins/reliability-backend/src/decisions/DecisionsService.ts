import { NotFoundError } from '@backstage/errors';
import type { SloHistoryService } from '../evaluation/SloHistoryService';
import type { PolicyContexts } from '../policy/PolicyContexts';
import type { PostmortemStore } from '../store/PostmortemStore';
import type { DecisionRecord, PolicyStore } from '../store/PolicyStore';
import type { VisibleRefs } from '../store/visibleRefs';
import {
  entityRefOf,
  OrgSnapshot,
  OrgSnapshotSource,
} from '../responsibility/OrgSnapshot';
import {
  ActionItemInput,
  countByDomain,
  followUpOf,
  LOOSENING_LOOKBACK_MS,
  monthlyTrend,
  pendingDecision,
  PendingDecision,
  RefinementInput,
  sortPending,
  trendStart,
} from './decisionsView';

/** At most this many decisions taken are listed (the counts and the trend take them all). */
const TAKEN_LISTED = 100;

type Placed = { title: string; domainRef: string | null };

/** The entity's title and Domain (entity → System → Domain) from the catalog snapshot. */
function place(snapshot: OrgSnapshot, entityRef: string): Placed {
  const org = snapshot.ownedByRef.get(entityRef);
  const domain = org?.chain.find(c => c.from === 'domain')?.entity;
  return {
    title: org?.title ?? entityRef,
    domainRef: domain ? entityRefOf(domain) : null,
  };
}

/**
 * Leadership's view of error-budget policies: the decisions entities wait for, the decisions
 * taken with their follow-up, counts by Domain and a monthly trend. Reads the stored policy
 * states and decisions, the SLO refinement history, postmortem action items and the catalog
 * (with the plugin's own credentials, as every read of the plugin); the rules are
 * decisionsView's.
 */
export class DecisionsService {
  constructor(
    private readonly deps: {
      /** Entities' policy contexts, from the shared cache (a view). */
      contexts: Pick<PolicyContexts, 'lookup' | 'viewContext'>;
      store: PolicyStore;
      history: Pick<SloHistoryService, 'refinements'>;
      postmortems: PostmortemStore;
      snapshots: OrgSnapshotSource;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  /** Entities out of budget with no decision for this period, most urgent first. */
  private async pending(
    now: number,
    visible: VisibleRefs,
  ): Promise<PendingDecision[]> {
    const spent = (await this.deps.store.listStatuses({ visible })).filter(
      s => s.remaining !== null && s.remaining <= 0,
    );
    if (spent.length === 0) return [];
    const latest = await this.deps.store.latestDecisions(
      spent.map(s => s.entityRef),
    );
    const lookup = this.deps.contexts.lookup();
    const out: PendingDecision[] = [];
    for (const status of spent) {
      let escalation: { afterWindows: number; to: string } | null = null;
      try {
        const ctx = await this.deps.contexts.viewContext(
          status.entityRef,
          lookup,
        );
        escalation = ctx.resolved.policy.escalation ?? null;
      } catch (e) {
        // Gone from the catalog since its last evaluation: no one to decide for.
        if (e instanceof NotFoundError) continue;
        throw e;
      }
      const p = pendingDecision(
        status,
        escalation,
        latest.get(status.entityRef),
        now,
      );
      if (p) out.push(p);
    }
    return sortPending(out);
  }

  private async refinements(
    decisions: DecisionRecord[],
    visible: VisibleRefs,
  ): Promise<RefinementInput[]> {
    const loosen = decisions.filter(d => d.decision === 'loosen-slo');
    if (loosen.length === 0) return [];
    const since =
      Math.min(...loosen.map(d => d.decidedAt)) - LOOSENING_LOOKBACK_MS;
    const { items } = await this.deps.history.refinements({
      since,
      visible,
      limit: 1000,
      offset: 0,
    });
    return items.map(r => ({
      sloRef: r.sloRef,
      title: r.title,
      serviceRef: r.serviceRef,
      effectiveFrom: Date.parse(r.effectiveFrom),
      changes: r.changes,
    }));
  }

  private async actionItems(
    decisions: DecisionRecord[],
    visible: VisibleRefs,
  ): Promise<ActionItemInput[]> {
    const funded = [
      ...new Set(
        decisions
          .filter(d => d.decision === 'fund-reliability')
          .map(d => d.entityRef),
      ),
    ];
    if (funded.length === 0) return [];
    const postmortems = await this.deps.postmortems.listAll({
      entityRefs: funded,
      visible,
    });
    return postmortems.flatMap(p =>
      p.actionItems.map(i => ({
        postmortemId: String(p.id),
        postmortemTitle: p.title,
        entityRefs: p.entityRefs,
        title: i.title,
        status: i.status,
        ownerRef: i.ownerRef,
        dueAt: i.dueAt,
        labels: i.labels,
      })),
    );
  }

  /**
   * Leadership's view; with `visible`, over the entities the caller may see only: pending
   * and taken decisions, counts, trend and follow-ups alike.
   */
  async decisions(options: { months: number; visible?: VisibleRefs }) {
    const { visible } = options;
    const now = this.now();
    const [snapshot, pending, decisions] = await Promise.all([
      this.deps.snapshots.get(),
      this.pending(now, visible),
      this.deps.store.listDecisions(trendStart(now, options.months), visible),
    ]);
    const listed = decisions.slice(0, TAKEN_LISTED);
    const [refinements, actionItems] = await Promise.all([
      this.refinements(listed, visible),
      this.actionItems(listed, visible),
    ]);
    const pendingPlaced = pending.map(p => ({
      ...p,
      ...place(snapshot, p.entityRef),
    }));
    const takenPlaced = decisions.map(d => place(snapshot, d.entityRef));
    const domainTitle = (ref: string | null) => {
      if (ref === null) return null;
      const e = snapshot.byRef.get(ref);
      return e?.metadata.title ?? e?.metadata.name ?? ref;
    };
    return {
      generatedAt: new Date(now).toISOString(),
      months: options.months,
      pending: pendingPlaced,
      takenTotal: decisions.length,
      taken: listed.map((d, i) => ({
        id: d.id,
        entityRef: d.entityRef,
        ...takenPlaced[i],
        policyRef: d.policyRef,
        decision: d.decision,
        reason: d.reason,
        link: d.link,
        acceptUntil:
          d.acceptUntil === null ? null : new Date(d.acceptUntil).toISOString(),
        decidedBy: d.decidedBy,
        decidedAt: new Date(d.decidedAt).toISOString(),
        budgetRemaining: d.budgetRemaining,
        followUp: followUpOf(d, refinements, actionItems, now),
      })),
      byDomain: countByDomain(pendingPlaced, takenPlaced).map(c => ({
        ...c,
        title: domainTitle(c.domainRef),
      })),
      trend: monthlyTrend(decisions, now, options.months),
    };
  }
}
