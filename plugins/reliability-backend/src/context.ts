import {
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ReadinessRule,
  SliSource,
} from '@reliability-suite/plugin-reliability-node';
import { AlertStateService } from './alertState/AlertStateService';
import { ReliabilityConfig, readReliabilityConfig } from './config';
import { applyDatabaseMigrations } from './database/migrations';
import { useSqliteWriteAheadLog } from './database/sqliteJournal';
import { refreshSqlitePlannerStatistics } from './database/sqlitePlannerStatistics';
import { cacheSqliteStatements } from './database/sqliteStatementCache';
import { yieldBetweenSteps } from './lib/yieldToEventLoop';
import { DecisionsService } from './decisions/DecisionsService';
import { EvaluationQueue } from './evaluation/EvaluationQueue';
import { EvaluationWorker } from './evaluation/EvaluationWorker';
import { SloCatalogSync } from './evaluation/SloCatalogSync';
import { SloEvaluator } from './evaluation/SloEvaluator';
import { SloHistoryService } from './evaluation/SloHistoryService';
import { SliIngestService } from './ingest/SliIngestService';
import { DisplayNames } from './notifications/DisplayNames';
import { ReliabilityNotifier } from './notifications/ReliabilityNotifier';
import { DeployGate } from './policy/DeployGate';
import { GateStateView } from './policy/GateStateView';
import { isPostgres } from './database/isPostgres';
import { EntityContextCache } from './policy/EntityContextCache';
import { PolicyActions } from './policy/PolicyActions';
import { PolicyCatalog } from './policy/PolicyCatalog';
import { PolicyContexts } from './policy/PolicyContexts';
import { PolicyEvaluation } from './policy/PolicyEvaluation';
import { PolicyResolver } from './policy/PolicyResolver';
import { PolicyStates } from './policy/PolicyStates';
import { PolicyViews } from './policy/PolicyViews';
import { PostmortemService } from './postmortem/PostmortemService';
import { PrometheusRulesService } from './prometheusRules/PrometheusRulesService';
import { ReadinessService } from './readiness/ReadinessService';
import { readTemplates } from './readiness/templates';
import { OrgSnapshotSource } from './responsibility/OrgSnapshot';
import { ResponsibilityService } from './responsibility/ResponsibilityService';
import type { RouterOptions } from './service/router';
import { catalogWithUnavailableErrors } from './service/unavailable';
import { SloService } from './slo/SloService';
import { AlertEpisodeRecorder } from './sreTime/AlertEpisodeRecorder';
import { TimeBudgetService } from './sreTime/TimeBudgetService';
import { AlertEpisodeStore } from './store/AlertEpisodeStore';
import { AuditStore } from './store/AuditStore';
import { PolicyStore } from './store/PolicyStore';
import { PostmortemStore } from './store/PostmortemStore';
import { ReviewStore } from './store/ReviewStore';
import { SliBucketStore } from './store/SliBucketStore';
import { SliSyncStore } from './store/SliSyncStore';
import { SloStore } from './store/SloStore';
import { StatusStore } from './store/StatusStore';
import { DataSourceResolver } from './sync/DataSourceResolver';
import { SliResolver } from './sync/SliResolver';
import { SliSyncService } from './sync/SliSyncService';
import { ReliabilityTasks, reliabilityTasks } from './tasks';

/** What the plugin's services are built from: core services and the extension points' additions. */
export interface ReliabilityContextDeps {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  auth: AuthService;
  catalog: CatalogService;
  notifications: NotificationService;
  /** The SLI sources modules added, by type. */
  sliSources: Map<string, SliSource>;
  /** The readiness rules: the built-in ones and those modules added, by id. */
  readinessRules: Map<string, ReadinessRule>;
}

/** The plugin's services, built and connected; `plugin.ts` mounts, schedules and hooks them. */
export interface ReliabilityContext {
  settings: ReliabilityConfig;
  /** The services of the routes (the request's auth services are the plugin's to add). */
  routes: Omit<
    RouterOptions,
    'auth' | 'httpAuth' | 'permissions' | 'auditor' | 'catalog'
  >;
  /** Entities' policy contexts: also the resources of the entity-scoped permissions. */
  policyContexts: PolicyContexts;
  /** The queue of SLO evaluations and this replica's worker on it. */
  evaluations: EvaluationWorker;
  /** The work of the scheduled tasks. */
  tasks: ReliabilityTasks;
  /** The deploy gate's reads held in memory (PostgreSQL, `deployGate.fromMemory`): started and stopped with the plugin. */
  gateView?: GateStateView;
}

/**
 * Builds the plugin's stores and services over its database (migrated first) and connects
 * them: construction lives here, wiring into the backend in `plugin.ts`.
 */
export async function buildReliabilityContext(
  deps: ReliabilityContextDeps,
): Promise<ReliabilityContext> {
  const { config, logger, database, auth, notifications } = deps;
  const { sliSources, readinessRules } = deps;
  // A catalog that does not answer: a 503 naming it, not a 500 with a fetch error.
  const catalog = catalogWithUnavailableErrors(deps.catalog);
  const settings = readReliabilityConfig(config);
  const knex = await database.getClient();
  await applyDatabaseMigrations(database, knex);
  await useSqliteWriteAheadLog(knex);
  await refreshSqlitePlannerStatistics(knex);
  cacheSqliteStatements(knex);

  if (sliSources.size > 0) {
    logger.info(`SLI sources registered: ${[...sliSources.keys()].join(', ')}`);
  }
  const { templates, problems: templateProblems } = readTemplates(
    config.getOptional('reliability.readiness.templates'),
    new Set(readinessRules.keys()),
  );
  if (templateProblems.length > 0) {
    throw new Error(
      `Invalid readiness templates: ${templateProblems.join('; ')}`,
    );
  }

  const sloStore = new SloStore(knex);
  const statusStore = new StatusStore(knex);
  const bucketStore = new SliBucketStore(knex);
  const auditStore = new AuditStore(knex);
  // On PostgreSQL the gate's reads are held in memory, kept current by the writes'
  // notifications; the view is told of each write so that its own are read back first.
  const gateView =
    isPostgres(knex) && settings.deployGate.fromMemory
      ? new GateStateView({ knex, store: new PolicyStore(knex), logger })
      : undefined;
  const policyStore = new PolicyStore(knex, gateView);
  const syncStore = new SliSyncStore(knex);
  const episodeStore = new AlertEpisodeStore(knex);
  const reviewStore = new ReviewStore(knex);
  const postmortemStore = new PostmortemStore(knex);

  const resolver = new PolicyResolver(settings.policy.default);
  // One cache of the request path's entities and contexts per process: entity pages,
  // the gate and evaluation read it instead of asking the catalog several times each.
  const contextCache = new EntityContextCache({
    catalog,
    auth,
    resolver,
    ttlMs: settings.catalogCache.ttlMs,
    maxEntries: settings.catalogCache.maxEntries,
  });
  const policyContexts = new PolicyContexts({
    resolver,
    catalog,
    auth,
    cache: contextCache,
  });
  // Freezes, exceptions, policy states, escalations, decisions and review decisions
  // reach the responsible teams' inboxes (notifications backend).
  const notifier = new ReliabilityNotifier({
    notifications,
    names: new DisplayNames({ catalog, auth, logger }),
    logger,
  });
  const policyStates = new PolicyStates({
    store: policyStore,
    slos: sloStore,
    statuses: statusStore,
  });
  const policyActions = new PolicyActions({
    db: knex,
    contexts: policyContexts,
    states: policyStates,
    store: policyStore,
    audit: auditStore,
    notifier,
  });
  const policyEvaluation = new PolicyEvaluation({
    db: knex,
    contexts: policyContexts,
    states: policyStates,
    actions: policyActions,
    store: policyStore,
    audit: auditStore,
    slos: sloStore,
    notifier,
    logger,
  });

  const evaluator = new SloEvaluator({
    slos: sloStore,
    buckets: bucketStore,
    statuses: statusStore,
    logger,
    // A new SLO status may move its service to another policy state.
    onEvaluated: serviceRefs => policyEvaluation.evaluateEntities(serviceRefs),
    yieldBetweenSteps: yieldBetweenSteps(knex),
  });
  // Evaluation work is queued in the database and shared by every replica: pushes
  // and the scheduled pass queue SLOs, each replica's worker claims batches of them.
  const evaluations = new EvaluationWorker({
    queue: new EvaluationQueue(knex),
    slos: sloStore,
    evaluator,
    logger,
    debounceMs: settings.evaluation.debounceMs,
    leaseMs: settings.evaluation.leaseMs,
    batchSize: settings.evaluation.batchSize,
    pollMs: settings.evaluation.pollMs,
    yieldBetweenSteps: yieldBetweenSteps(knex),
  });

  const dataSources = new DataSourceResolver({ config, catalog, auth });
  const slis = new SliResolver({ catalog, auth });
  const sliSync = new SliSyncService({
    sources: sliSources,
    slos: sloStore,
    buckets: bucketStore,
    syncs: syncStore,
    dataSources,
    slis,
    logger,
    onData: refs => {
      evaluations
        .markDirty(refs)
        .catch(e =>
          logger.error(`Could not queue ${refs} for evaluation: ${e}`),
        );
    },
  });
  const sync = new SloCatalogSync({
    catalog,
    auth,
    slos: sloStore,
    statuses: statusStore,
    syncs: syncStore,
    logger,
  });
  const recorder = new AlertEpisodeRecorder({
    slos: sloStore,
    buckets: bucketStore,
    episodes: episodeStore,
    logger,
  });

  const snapshots = new OrgSnapshotSource({
    catalog,
    auth,
    ttlMs: settings.responsibility.cacheForMs,
  });
  const loadSettings = {
    tierWeights: settings.responsibility.tierWeights,
    countedEngagements: settings.responsibility.countedEngagements,
  };
  const timeBudget = new TimeBudgetService({
    snapshots,
    episodes: episodeStore,
    postmortems: postmortemStore,
    settings: settings.sreTime,
    load: loadSettings,
  });
  const readiness = new ReadinessService({
    db: knex,
    postmortems: postmortemStore,
    templates,
    rules: [...readinessRules.values()],
    snapshots,
    statuses: statusStore,
    policies: policyStore,
    reviews: reviewStore,
    audit: auditStore,
    notifier,
  });
  const responsibility = new ResponsibilityService({
    snapshots,
    statuses: statusStore,
    policies: policyStore,
    reviews: reviewStore,
    matrix: settings.responsibility.matrix,
    load: loadSettings,
    timeBudget,
  });

  const routes: ReliabilityContext['routes'] = {
    visibilityCacheTtlMs: settings.visibility.cacheTtlMs,
    admission: settings.requests,
    slos: new SloService({
      contexts: contextCache,
      slos: sloStore,
      statuses: statusStore,
      syncs: syncStore,
      evaluator,
      responsibility,
    }),
    ingest: new SliIngestService({
      slos: sloStore,
      sync,
      buckets: bucketStore,
      evaluations,
      limits: {
        maxAgeMs: settings.ingest.maxAgeMs,
        maxFutureSkewMs: settings.ingest.maxFutureSkewMs,
        bucketMs: bucketStore.resolutionMs,
      },
    }),
    history: new SloHistoryService({
      slos: sloStore,
      evaluator,
      evaluations,
      audit: auditStore,
      sync,
    }),
    readiness,
    postmortems: new PostmortemService({
      db: knex,
      store: postmortemStore,
      audit: auditStore,
      slos: sloStore,
      buckets: bucketStore,
      snapshots,
      // Postmortem views read the entity's policy rule like other views: cached.
      policies: { context: ref => policyContexts.viewContext(ref) },
    }),
    auditStore,
    policyContexts,
    policyViews: new PolicyViews({
      contexts: policyContexts,
      states: policyStates,
      store: policyStore,
    }),
    policyActions,
    deployGate: new DeployGate({
      contexts: policyContexts,
      reads: gateView ?? policyStore,
    }),
    responsibility,
    timeBudget,
    alertStates: new AlertStateService({
      sources: sliSources,
      slos: sloStore,
      dataSources,
      slis,
      logger,
      ttlMs: settings.alertState.ttlMs,
      maxEntries: settings.alertState.maxEntries,
    }),
    prometheusRules: new PrometheusRulesService({ catalog, auth, config }),
    decisions: new DecisionsService({
      contexts: policyContexts,
      store: policyStore,
      history: new SloHistoryService({
        slos: sloStore,
        evaluator,
        evaluations,
      }),
      postmortems: postmortemStore,
      snapshots,
    }),
    policyCatalog: new PolicyCatalog({
      catalog,
      auth,
      resolver,
      store: policyStore,
    }),
  };

  return {
    settings,
    routes,
    policyContexts,
    evaluations,
    gateView,
    tasks: reliabilityTasks({
      settings,
      logger,
      sync,
      evaluations,
      policyEvaluation,
      sliSync: sliSources.size > 0 ? sliSync : undefined,
      buckets: bucketStore,
      recorder,
      episodes: episodeStore,
      refreshPlannerStatistics: () => refreshSqlitePlannerStatistics(knex),
    }),
  };
}
