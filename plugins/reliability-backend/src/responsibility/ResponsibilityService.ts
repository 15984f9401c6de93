import { NotFoundError } from '@backstage/errors';
import {
  CONCERN_TITLES,
  RESPONSIBILITY_CONCERNS,
  ResponsibilityMatrix,
  refKey,
} from '@reliability-suite/plugin-reliability-common';
import { PolicyStore } from '../store/PolicyStore';
import type { ReviewStore } from '../store/ReviewStore';
import { ServiceStatusSummary, StatusStore } from '../store/StatusStore';
import {
  AuditFinding,
  auditFindings,
  ownerInCatalog,
  sreTeamInCatalog,
} from './findings';
import { isVisible, VisibleRefs } from '../store/visibleRefs';
import {
  entityRefOf,
  OrgEntity,
  OrgSnapshot,
  OrgSnapshotSource,
} from './OrgSnapshot';
import {
  LoadSettings,
  serviceWeight,
  SreLoad,
  sreLoads,
  TimeCapStatus,
} from './sreLoad';

export type AuditFilter = {
  owner?: string;
  system?: string;
  tier?: number;
  engagement?: string;
  severity?: string;
  kind?: string;
};

/** What is computed from one snapshot of the catalog and the SLO status. */
type Computed = {
  snapshot: OrgSnapshot;
  summaries: Map<string, ServiceStatusSummary>;
  loads: Map<string, SreLoad>;
  /** The entities with an approved readiness review (undefined: reviews not checked). */
  approved?: Set<string>;
  findings: AuditFinding[];
};

const WORST_FIRST = ['exhausted', 'critical', 'warning', 'healthy', 'no-data'];

/** Worst SLO state first; without SLOs last. */
function sloStateRank(state: string | null): number {
  const i = state === null ? -1 : WORST_FIRST.indexOf(state);
  return i < 0 ? WORST_FIRST.length : i;
}

function loadView(load: SreLoad) {
  return {
    groupRef: load.groupRef,
    title: load.title,
    capacity: load.capacity,
    load: load.load,
    overCapacity: load.overCapacity,
    services: load.services.length,
    engaged: load.engaged.length,
    overTimeCap: load.overTimeCap,
    timeCap: load.timeCap,
  };
}

/**
 * The shared-responsibility model at work: each entity's resolved model and matrix, the
 * teams' owned and supported services, SRE load against capacity, and the ownership audit.
 */
export class ResponsibilityService {
  private computed?: { at: number; value: Promise<Computed> };
  /** Restricted callers' loads, by their visible set (gone with the set). */
  private readonly restrictedLoads = new WeakMap<
    ReadonlySet<string>,
    { at: number; loads: Promise<Computed['loads']> }
  >();

  constructor(
    private readonly deps: {
      snapshots: OrgSnapshotSource;
      statuses: StatusStore;
      policies: PolicyStore;
      matrix: ResponsibilityMatrix;
      load: LoadSettings;
      /** Approved readiness reviews; without it the audit does not check reviews. */
      reviews?: ReviewStore;
      /** The SRE time budget (TimeBudgetService); without it no team is over a time cap. */
      timeBudget?: {
        timeCaps(visible?: VisibleRefs): Promise<Map<string, TimeCapStatus>>;
      };
    },
  ) {}

  /** The snapshot with its derived figures, recomputed when the snapshot is new. */
  private async compute(): Promise<Computed> {
    const snapshot = await this.deps.snapshots.get();
    if (this.computed?.at !== snapshot.at) {
      const value = (async () => {
        const [summaries, approved, timeCaps] = await Promise.all([
          this.deps.statuses.serviceSummaries(),
          this.deps.reviews?.entityRefsInState('approved'),
          this.deps.timeBudget?.timeCaps(),
        ]);
        const loads = sreLoads(snapshot, this.deps.load, timeCaps);
        return {
          snapshot,
          summaries,
          loads,
          approved,
          findings: auditFindings(snapshot, summaries, loads, approved),
        };
      })();
      this.computed = { at: snapshot.at, value };
      value.catch(() => {
        this.computed = undefined;
      });
    }
    return this.computed!.value;
  }

  /**
   * The SRE teams' loads: for a caller who sees everything, those of the snapshot (computed
   * once); else computed over the components the caller may see, time caps included, so
   * that a visible team's load does not count services hidden from the caller. A restricted
   * caller's loads are kept with its visible set (the same set object for a while, see
   * CatalogVisibility) and that snapshot: its next pages within that time cost no query.
   */
  private async loadsFor(
    computed: Computed,
    visible: VisibleRefs,
  ): Promise<Computed['loads']> {
    if (visible === undefined) return computed.loads;
    const kept = this.restrictedLoads.get(visible);
    if (kept?.at === computed.snapshot.at) return kept.loads;
    const loads = (async () => {
      const timeCaps = await this.deps.timeBudget?.timeCaps(visible);
      return sreLoads(computed.snapshot, this.deps.load, timeCaps, visible);
    })();
    this.restrictedLoads.set(visible, { at: computed.snapshot.at, loads });
    loads.catch(() => this.restrictedLoads.delete(visible));
    return loads;
  }

  async entityResponsibility(entityRef: string) {
    const { snapshot } = await this.compute();
    const o = snapshot.ownedByRef.get(entityRef);
    if (!o) {
      throw new NotFoundError(
        snapshot.byRef.has(entityRef)
          ? `${entityRef} is not a Component, System, Domain, Resource or API`
          : `No entity ${entityRef} in the catalog`,
      );
    }
    const r = o.responsibility;
    const engagement = r.engagement?.value ?? 'none';
    return {
      entityRef,
      ownerRef: r.ownerRef,
      ownerInCatalog: ownerInCatalog(snapshot, r.ownerRef),
      sreTeam: r.sreTeamRef,
      sreTeamInCatalog: sreTeamInCatalog(snapshot, r.sreTeamRef?.value),
      engagement: r.engagement,
      tier: r.tier,
      oncall: r.oncall,
      links: r.links,
      matrix: RESPONSIBILITY_CONCERNS.map(concern => ({
        concern,
        title: CONCERN_TITLES[concern],
        owner: this.deps.matrix[engagement][concern].owner,
        sre: this.deps.matrix[engagement][concern].sre,
      })),
    };
  }

  private async serviceRows(
    entities: OrgEntity[],
    summaries: Map<string, ServiceStatusSummary>,
  ) {
    const refs = entities.map(e => e.ref);
    const [statuses, freezes] = await Promise.all([
      this.deps.policies.getStatuses(refs),
      this.deps.policies.activeFreezes(),
    ]);
    const policyState = new Map(statuses.map(s => [s.entityRef, s.state]));
    const frozen = new Set(freezes.map(f => f.entityRef));
    return entities.map(o => {
      const tier = o.responsibility.tier?.value ?? null;
      const engagement = o.responsibility.engagement?.value ?? null;
      const summary = summaries.get(o.ref);
      return {
        entityRef: o.ref,
        title: o.title,
        tier,
        engagement,
        weight: serviceWeight(tier, engagement, this.deps.load),
        sloState: summary?.worstState ?? null,
        remaining: summary?.minRemaining ?? null,
        policyState: policyState.get(o.ref) ?? null,
        frozen: frozen.has(o.ref),
        systemRef: o.systemRef,
      };
    });
  }

  /**
   * The components a System or Domain holds (a Domain's through its Systems), each with its
   * SLO and policy state, worst SLO state first; undefined for any other kind. The SLO
   * states are read now, not from the snapshot's time, so that they agree with the
   * components' own pages.
   */
  /**
   * A System's or Domain's components: those the caller may see, with `visibleRefs` (asked
   * only for a System or Domain, so that other entities cost no catalog read).
   */
  async components(
    entityRef: string,
    visibleRefs?: () => Promise<VisibleRefs>,
  ) {
    const kind = entityRef.slice(0, entityRef.indexOf(':'));
    if (kind !== 'system' && kind !== 'domain') return undefined;
    const visible = await visibleRefs?.();
    const { snapshot } = await this.compute();
    const held = snapshot.owned.filter(
      o =>
        isVisible(visible, o.ref) &&
        refKey(o.entity.kind) === 'component' &&
        (kind === 'system'
          ? o.systemRef === entityRef
          : o.chain.some(
              c => c.from === 'domain' && entityRefOf(c.entity) === entityRef,
            )),
    );
    const rows = await this.serviceRows(
      held,
      await this.deps.statuses.serviceSummaries(),
    );
    return rows.sort(
      (a, b) =>
        sloStateRank(a.sloState) - sloStateRank(b.sloState) ||
        Number(b.frozen) - Number(a.frozen) ||
        a.title.localeCompare(b.title),
    );
  }

  /** A team's services (those the caller may see, with `visible`) and its SRE load. */
  async team(groupRef: string, visible?: VisibleRefs) {
    const computed = await this.compute();
    const { snapshot, summaries } = computed;
    const group = snapshot.byRef.get(groupRef);
    if (!group || refKey(group.kind) !== 'group') {
      throw new NotFoundError(`No group ${groupRef} in the catalog`);
    }
    const owned = snapshot.owned.filter(
      o =>
        isVisible(visible, o.ref) &&
        refKey(o.entity.kind) === 'component' &&
        o.responsibility.ownerRef === groupRef,
    );
    const load = (await this.loadsFor(computed, visible)).get(groupRef);
    // Supported and engaged as the SRE load counts them: one definition everywhere.
    const rowsOf = (refs: string[] = []) =>
      this.serviceRows(
        refs
          .filter(ref => isVisible(visible, ref))
          .flatMap(ref => snapshot.ownedByRef.get(ref) ?? []),
        summaries,
      );
    return {
      groupRef,
      title: group.metadata.title ?? group.metadata.name,
      owned: await this.serviceRows(owned, summaries),
      supported: await rowsOf(load?.services),
      engaged: await rowsOf(load?.engaged),
      sre: load ? loadView(load) : null,
    };
  }

  /** The SRE teams and their load; with `visible`, the teams the caller may see. */
  async sreTeams(visible?: VisibleRefs) {
    const loads = await this.loadsFor(await this.compute(), visible);
    return {
      items: [...loads.values()]
        .filter(load => isVisible(visible, load.groupRef))
        .map(loadView)
        .sort(
          (a, b) =>
            Number(b.overCapacity) - Number(a.overCapacity) ||
            b.load - a.load ||
            a.groupRef.localeCompare(b.groupRef),
        ),
    };
  }

  /**
   * The services (Components, Systems, …) of a tier, the tier resolved as everywhere else
   * (the entity's annotation, else its System's, else its Domain's): for lists filtered by tier.
   */
  async entityRefsOfTier(tier: number): Promise<string[]> {
    const { snapshot } = await this.compute();
    return [...snapshot.ownedByRef.values()]
      .filter(o => o.responsibility.tier?.value === tier)
      .map(o => o.ref);
  }

  /**
   * The findings as the caller may know them: for a restricted caller, an SRE team's
   * capacity findings are of its load over the visible services (see `loadsFor`).
   */
  private async findingsFor(visible: VisibleRefs) {
    const computed = await this.compute();
    if (visible === undefined) return computed;
    const loads = await this.loadsFor(computed, visible);
    return {
      snapshot: computed.snapshot,
      findings: auditFindings(
        computed.snapshot,
        computed.summaries,
        loads,
        computed.approved,
      ),
    };
  }

  /** Findings matching the filter (entity refs and kinds as the API takes them). */
  async findings(filter: AuditFilter, visible?: VisibleRefs) {
    const { snapshot, findings } = await this.findingsFor(visible);
    const items = findings.filter(
      f =>
        isVisible(visible, f.entityRef) &&
        (!filter.owner || f.ownerRef === filter.owner) &&
        (!filter.system || f.systemRef === filter.system) &&
        (filter.tier === undefined || f.tier === filter.tier) &&
        (!filter.engagement || f.engagement === filter.engagement) &&
        (!filter.severity || f.severity === filter.severity) &&
        (!filter.kind || f.kind === filter.kind),
    );
    return {
      items,
      entitiesAudited: visible
        ? snapshot.owned.filter(o => visible.has(o.ref)).length +
          snapshot.groups.filter(g => visible.has(entityRefOf(g))).length
        : snapshot.owned.length + snapshot.groups.length,
      computedAt: new Date(snapshot.at).toISOString(),
    };
  }

  async summary(visible?: VisibleRefs) {
    const { snapshot, findings: all } = await this.findingsFor(visible);
    const findings = all.filter(f => isVisible(visible, f.entityRef));
    const teams = new Map<
      string | null,
      { entities: Set<string>; errors: number; warnings: number }
    >();
    const bySeverity: Record<string, number> = {};
    const byKind: Record<string, number> = {};
    for (const f of findings) {
      const team = teams.get(f.ownerRef) ?? {
        entities: new Set<string>(),
        errors: 0,
        warnings: 0,
      };
      team.entities.add(f.entityRef);
      if (f.severity === 'error') team.errors += 1;
      else team.warnings += 1;
      teams.set(f.ownerRef, team);
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    }
    return {
      teams: [...teams.entries()]
        .map(([ownerRef, t]) => ({
          ownerRef,
          ownerInCatalog: ownerInCatalog(snapshot, ownerRef),
          entities: t.entities.size,
          errors: t.errors,
          warnings: t.warnings,
        }))
        .sort(
          (a, b) =>
            b.errors - a.errors ||
            b.warnings - a.warnings ||
            String(a.ownerRef).localeCompare(String(b.ownerRef)),
        ),
      bySeverity,
      byKind,
    };
  }
}

const CSV_COLUMNS: Array<keyof AuditFinding> = [
  'severity',
  'kind',
  'entityRef',
  'title',
  'ownerRef',
  'systemRef',
  'tier',
  'engagement',
  'message',
  'fix',
];

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote what needs it (RFC 4180); a leading =, +, - or @ would be read as a formula by
  // spreadsheets, so such cells get a leading apostrophe.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The findings as CSV, a header row first. */
export function findingsCsv(findings: AuditFinding[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of findings) {
    lines.push(CSV_COLUMNS.map(c => csvCell(f[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
