import { NotFoundError } from '@backstage/errors';
import type { ObjectiveStatus } from '../evaluation/objectiveStatus';
import { SeriesRange, sloChartSeries } from '../evaluation/series';
import type { SloEvaluator } from '../evaluation/SloEvaluator';
import type { EntityContextCache } from '../policy/EntityContextCache';
import type { ResponsibilityService } from '../responsibility/ResponsibilityService';
import type { SloListQuery } from '../service/request/parseSloListQuery';
import type { SliSyncStore } from '../store/SliSyncStore';
import type { SloStore } from '../store/SloStore';
import type { StatusStore } from '../store/StatusStore';
import { sloSummary, withSources, withSyncs } from './sloViews';
import type { VisibleRefs } from '../store/visibleRefs';

/**
 * The reads of SLOs: an entity's SLOs, the org-wide list, and one SLO with its charts. Each
 * answers from the stored snapshots, with the health of pulled sources; only the charts run
 * the evaluator.
 */
export class SloService {
  constructor(
    private readonly deps: {
      /** The entities of the request path, shared across requests (at most its TTL old). */
      contexts: Pick<EntityContextCache, 'entity'>;
      slos: SloStore;
      statuses: StatusStore;
      syncs: Pick<SliSyncStore, 'listBySlos'>;
      evaluator: SloEvaluator;
      responsibility: Pick<
        ResponsibilityService,
        'components' | 'entityRefsOfTier'
      >;
      now?: () => number;
    },
  ) {}

  /** The SLOs of an entity (404 for one the catalog does not have), with a System's components. */
  async entitySummary(
    entityRef: string,
    /** The components listed: those the caller may see (all without it). */
    visible?: () => Promise<VisibleRefs>,
  ) {
    const { contexts, slos, statuses, responsibility } = this.deps;
    // Read with the plugin's own credentials, as on every other route (a caller's
    // external-access token is limited to this plugin and cannot be delegated to the
    // catalog), through the cache shared by all requests.
    const entity = await contexts.entity(entityRef);
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    // The statuses come with their sync records in one read.
    const [records, stored] = await Promise.all([
      slos.listByService(entityRef),
      statuses.listByServiceWithSyncs<ObjectiveStatus>(entityRef),
    ]);
    // The cards show a pulled objective's source state, as the list and the SLO page do.
    const objectives = withSyncs(stored.statuses, stored.syncs);
    // A System's or Domain's own SLOs are few or none: its components say how it stands.
    const components = await responsibility.components(entityRef, visible);
    return {
      entityRef,
      slos: records.map(s => sloSummary(s, objectives)),
      ...(components ? { components } : {}),
    };
  }

  /** A page of the org-wide list of objectives, filtered and searched. */
  async list(query: SloListQuery, visible?: VisibleRefs) {
    const { tier, terms, ...rest } = query;
    const page = await this.deps.statuses.query<ObjectiveStatus>({
      ...rest,
      terms,
      visible,
      serviceRefs:
        tier !== undefined
          ? await this.deps.responsibility.entityRefsOfTier(tier)
          : undefined,
    });
    const items = await withSources(this.deps.syncs, page.items);
    return {
      totalCount: page.totalCount,
      items: items.map(i => ({
        sloRef: i.sloRef,
        title: i.slo.title,
        serviceRef: i.serviceRef,
        ownerRef: i.slo.ownerRef,
        systemRef: i.slo.systemRef,
        objective: i.status,
        policy: i.policy,
      })),
    };
  }

  /** One SLO (404 for one not stored) with the chart series of every objective. */
  async detail(sloRef: string, range: SeriesRange) {
    const slo = await this.deps.slos.get(sloRef);
    if (!slo) {
      throw new NotFoundError(`No SLO ${sloRef}`);
    }
    const statuses = await withSources(
      this.deps.syncs,
      await this.deps.statuses.listBySlo<ObjectiveStatus>(sloRef),
    );
    return {
      ...sloSummary(slo, statuses),
      serviceRef: slo.serviceRef,
      ownerRef: slo.ownerRef ?? null,
      range,
      series: await sloChartSeries(
        this.deps.evaluator,
        slo,
        (this.deps.now ?? Date.now)(),
        range,
      ),
    };
  }
}
