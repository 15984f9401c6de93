import {
  AuditorService,
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import type { AlertStateService } from '../alertState/AlertStateService';
import type { DecisionsService } from '../decisions/DecisionsService';
import type { SloHistoryService } from '../evaluation/SloHistoryService';
import type { SliIngestService } from '../ingest/SliIngestService';
import type { PolicyCatalog } from '../policy/PolicyCatalog';
import type { DeployGate } from '../policy/DeployGate';
import type { PolicyActions } from '../policy/PolicyActions';
import type { PolicyContexts } from '../policy/PolicyContexts';
import type { PolicyViews } from '../policy/PolicyViews';
import type { PostmortemService } from '../postmortem/PostmortemService';
import type { PrometheusRulesService } from '../prometheusRules/PrometheusRulesService';
import type { ReadinessService } from '../readiness/ReadinessService';
import type { ResponsibilityService } from '../responsibility/ResponsibilityService';
import { createOpenApiRouter } from '../schema/openapi.generated';
import type { SloService } from '../slo/SloService';
import type { TimeBudgetService } from '../sreTime/TimeBudgetService';
import type { AuditStore } from '../store/AuditStore';
import { createAdmission } from './admission';
import { auditMutations } from './auditing';
import { createRouteAuthorization } from './authorization';
import { errorHandler } from './errorHandler';
import { auditRoutes } from './routes/audit';
import { gateRoutes } from './routes/gate';
import { policyRoutes } from './routes/policies';
import { postmortemRoutes } from './routes/postmortems';
import { prometheusRoutes } from './routes/prometheus';
import { responsibilityRoutes } from './routes/responsibility';
import { reviewRoutes } from './routes/reviews';
import { sliRoutes } from './routes/sli';
import { sloRoutes } from './routes/slos';
import { sreTimeRoutes } from './routes/sreTime';

/**
 * A full push batch (5,000 items) is about 1 MB; anything over 2 MB is refused with a 413.
 */
const BODY_LIMIT = '2mb';

export interface RouterOptions {
  auth: AuthService;
  /** Backstage's auditor: every mutation is recorded to it. */
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** The catalog, read with the caller's credentials to know what the caller may see. */
  catalog: CatalogService;
  /**
   * How long a caller's catalog visibility (its `catalog.entity.read` decision and the
   * entities it may see) is reused: the staleness bound of reads after a permission or
   * catalog change.
   */
  visibilityCacheTtlMs?: number;
  /**
   * How many waiting requests start in one turn of the event loop, the deploy gate's
   * checks at once (`./admission`). Without it, every request starts as it arrives.
   */
  admission?: { perTurn: number };
  auditStore: AuditStore;
  /** The reads of SLOs (entity summary, list, detail). */
  slos: SloService;
  /** Pushed SLI data. */
  ingest: SliIngestService;
  /** SLO definitions over time: revisions, imported history, refinements. */
  history: SloHistoryService;
  /** Entities' policy contexts (the existence check before enacting a policy). */
  policyContexts: PolicyContexts;
  /** An entity's policy as its page shows it. */
  policyViews: PolicyViews;
  /** Freezes, exceptions and leadership decisions. */
  policyActions: PolicyActions;
  /** May a change ship now? */
  deployGate: DeployGate;
  policyCatalog: PolicyCatalog;
  decisions: DecisionsService;
  responsibility: ResponsibilityService;
  readiness: ReadinessService;
  postmortems: PostmortemService;
  timeBudget: TimeBudgetService;
  /** The state of the generated Prometheus alerts in the SLOs' sources. */
  alertStates: AlertStateService;
  /** The Prometheus rules generated from the catalog's SLOs. */
  prometheusRules: PrometheusRulesService;
}

/**
 * The plugin's HTTP API, assembled from the routes of each area (`./routes`). Requests are
 * validated against `src/schema/openapi.yaml` before a handler runs; a handler parses the
 * request (`./request`), calls one service and shapes the answer. Errors reach the caller in
 * Backstage's error format: through `errorHandler` (which words a few and renders a batch
 * rejected item by item), then the http router's default error handler.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const authorize = createRouteAuthorization({
    ...options,
    policies: options.policyContexts,
  });
  const api = await createOpenApiRouter();

  api.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  sloRoutes(api, { ...options, authorize });
  sliRoutes(api, { ...options, authorize });
  prometheusRoutes(api, { ...options, authorize });
  policyRoutes(api, { ...options, authorize });
  gateRoutes(api, { ...options, authorize });
  responsibilityRoutes(api, { ...options, authorize });
  sreTimeRoutes(api, { ...options, authorize });
  auditRoutes(api, { ...options, authorize });
  reviewRoutes(api, { ...options, authorize });
  postmortemRoutes(api, { ...options, authorize });

  const router = express.Router();
  if (options.admission) {
    router.use(
      createAdmission({
        ...options.admission,
        isPriority: req => req.method === 'GET' && req.path === '/v1/gate',
      }),
    );
  }
  // First, so that a refused body (413) is audited too.
  router.use(auditMutations(options.auditor));
  // JSON is parsed here, before the validating router, so that the size limit is ours.
  router.use(express.json({ limit: BODY_LIMIT }));
  router.use(api);
  router.use(errorHandler);
  return router;
}
