import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  reliabilityPermissions,
  reliabilitySliWritePermission,
} from '@reliability-suite/plugin-reliability-common';
import {
  ReadinessRule,
  reliabilityReadinessRulesExtensionPoint,
  reliabilityEntityResourceRef,
  reliabilityEntityRules,
  reliabilitySliSourcesExtensionPoint,
  SliSource,
} from '@reliability-suite/plugin-reliability-node';
import { AlertStateService } from './alertState/AlertStateService';
import { CatalogLookup } from './policy/CatalogLookup';
import { PrometheusRulesService } from './prometheusRules/PrometheusRulesService';
import { EntityContextCache } from './policy/EntityContextCache';
import { PolicyCatalog } from './policy/PolicyCatalog';
import { PolicyResolver } from './policy/PolicyResolver';
import { PolicyService } from './policy/PolicyService';
import { DecisionsService } from './decisions/DecisionsService';
import { SloHistoryService } from './evaluation/SloHistoryService';
import { PolicyStore } from './store/PolicyStore';
import { OrgSnapshotSource } from './responsibility/OrgSnapshot';
import { BUILT_IN_RULES } from './readiness/builtInRules';
import { ReadinessService } from './readiness/ReadinessService';
import { readTemplates } from './readiness/templates';
import { ReviewStore } from './store/ReviewStore';
import { PostmortemStore } from './store/PostmortemStore';
import { PostmortemService } from './postmortem/PostmortemService';
import { ResponsibilityService } from './responsibility/ResponsibilityService';
import { readReliabilityConfig } from './config';
import { DisplayNames } from './notifications/DisplayNames';
import { ReliabilityNotifier } from './notifications/ReliabilityNotifier';
import { applyDatabaseMigrations } from './database/migrations';
import { useSqliteWriteAheadLog } from './database/sqliteJournal';
import { SloCatalogSync } from './evaluation/SloCatalogSync';
import { SloEvaluator } from './evaluation/SloEvaluator';
import { EvaluationQueue } from './evaluation/EvaluationQueue';
import { EvaluationWorker } from './evaluation/EvaluationWorker';
import { createRouter } from './service/router';
import { SliIngestService } from './ingest/SliIngestService';
import { SloService } from './slo/SloService';
import { catalogWithUnavailableErrors } from './service/unavailable';
import { AuditStore } from './store/AuditStore';
import { SliBucketStore } from './store/SliBucketStore';
import { SloStore } from './store/SloStore';
import { StatusStore } from './store/StatusStore';
import { SliSyncStore } from './store/SliSyncStore';
import { DataSourceResolver } from './sync/DataSourceResolver';
import { SliSyncService } from './sync/SliSyncService';
import { AlertEpisodeStore } from './store/AlertEpisodeStore';
import { AlertEpisodeRecorder } from './sreTime/AlertEpisodeRecorder';
import { TimeBudgetService } from './sreTime/TimeBudgetService';

/**
 * The reliability backend plugin: REST API under `/api/reliability`, SLI storage, SLO
 * evaluation and, as the suite grows, policies, reviews and postmortems.
 *
 * @public
 */
export const reliabilityPlugin = createBackendPlugin({
  pluginId: 'reliability',
  register(env) {
    const sliSources = new Map<string, SliSource>();
    env.registerExtensionPoint(reliabilitySliSourcesExtensionPoint, {
      addSliSource(source) {
        if (sliSources.has(source.type)) {
          throw new Error(
            `An SLI source for type '${source.type}' is already registered`,
          );
        }
        sliSources.set(source.type, source);
      },
    });

    const readinessRules = new Map<string, ReadinessRule>(
      BUILT_IN_RULES.map(r => [r.id, r]),
    );
    env.registerExtensionPoint(reliabilityReadinessRulesExtensionPoint, {
      addRule(rule) {
        if (readinessRules.has(rule.id)) {
          throw new Error(
            `A readiness rule '${rule.id}' is already registered`,
          );
        }
        readinessRules.set(rule.id, rule);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        database,
        httpRouter,
        httpAuth,
        auth,
        auditor,
        permissions,
        permissionsRegistry,
        scheduler,
        lifecycle,
        catalog: rawCatalog,
        notifications,
      }) {
        // A catalog that does not answer: a 503 naming it, not a 500 with a fetch error.
        const catalog = catalogWithUnavailableErrors(rawCatalog);
        const settings = readReliabilityConfig(config);
        const knex = await database.getClient();
        await applyDatabaseMigrations(database, knex);
        await useSqliteWriteAheadLog(knex);
        permissionsRegistry.addPermissions([reliabilitySliWritePermission]);

        if (sliSources.size > 0) {
          logger.info(
            `SLI sources registered: ${[...sliSources.keys()].join(', ')}`,
          );
        }

        const sloStore = new SloStore(knex);
        const statusStore = new StatusStore(knex);
        const bucketStore = new SliBucketStore(knex);
        const auditStore = new AuditStore(knex);
        const policyStore = new PolicyStore(knex);
        const resolver = new PolicyResolver(settings.policy.default);
        // One cache of the request path's entities and contexts per process: entity pages,
        // the gate and evaluation read it instead of asking the catalog several times each.
        const contexts = new EntityContextCache({
          catalog,
          auth,
          resolver,
          ttlMs: settings.catalogCache.ttlMs,
          maxEntries: settings.catalogCache.maxEntries,
        });
        // Freezes, exceptions, policy states, escalations, decisions and review decisions
        // reach the responsible teams' inboxes (notifications backend).
        const notifier = new ReliabilityNotifier({
          notifications,
          names: new DisplayNames({ catalog, auth, logger }),
          logger,
        });
        const policies = new PolicyService({
          db: knex,
          resolver,
          catalog,
          auth,
          store: policyStore,
          audit: auditStore,
          slos: sloStore,
          statuses: statusStore,
          notifier,
          logger,
          contexts,
        });
        const evaluator = new SloEvaluator({
          slos: sloStore,
          buckets: bucketStore,
          statuses: statusStore,
          logger,
          // A new SLO status may move its service to another policy state.
          onEvaluated: serviceRefs => policies.evaluateEntities(serviceRefs),
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
        });
        lifecycle.addStartupHook(() => evaluations.start());
        // Stopping finishes the batch in hand, so that its claim does not wait for its lease.
        lifecycle.addShutdownHook(() => evaluations.stop());

        // Entity-scoped permissions are decided on the entity's parties (its owner, SRE
        // team, policy owner, escalation group), which only this plugin can resolve.
        permissionsRegistry.addResourceType({
          resourceRef: reliabilityEntityResourceRef,
          permissions: reliabilityPermissions.filter(
            p => p !== reliabilitySliWritePermission,
          ),
          rules: Object.values(reliabilityEntityRules),
          getResources: async refs => {
            // Permission decisions read the catalog now, not the request path's cache: a
            // party removed from an entity loses its rights at once.
            const lookup = new CatalogLookup(catalog, auth);
            return Promise.all(
              refs.map(async ref => {
                const ctx = await resolver.context(ref, lookup);
                return ctx
                  ? { entityRef: ctx.entityRef, parties: ctx.parties }
                  : undefined;
              }),
            );
          },
        });
        const syncStore = new SliSyncStore(knex);
        const dataSources = new DataSourceResolver({ config, catalog, auth });
        const sliSync = new SliSyncService({
          sources: sliSources,
          slos: sloStore,
          buckets: bucketStore,
          syncs: syncStore,
          dataSources,
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

        // Global scope (the default): one replica runs each task per period.
        await scheduler.scheduleTask({
          id: 'reliability-slo-catalog-sync',
          frequency: settings.catalogSync.frequency,
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            const changed = await sync.syncAll();
            if (changed.length > 0) await evaluations.markDirty(changed);
          },
        });
        await scheduler.scheduleTask({
          id: 'reliability-slo-evaluation',
          frequency: settings.evaluation.frequency,
          timeout: { minutes: 10 },
          initialDelay: { seconds: 30 },
          fn: async signal => {
            // Queued, not evaluated here: every replica's worker takes batches of the pass.
            // This replica drains too, so that the pass has run when the task ends (a
            // timed-out task leaves the rest to the workers).
            const count = await evaluations.enqueueAll();
            await evaluations.drain(signal);
            // Also entities whose SLOs are gone but whose policy state or freeze remains.
            const entities = await policies.evaluateAll();
            logger.debug(`Evaluated ${count} SLOs and ${entities} policies`);
          },
        });
        if (sliSources.size > 0) {
          await scheduler.scheduleTask({
            id: 'reliability-sli-sync',
            frequency: settings.sliSync.frequency,
            timeout: { minutes: 15 },
            initialDelay: { seconds: 20 },
            fn: async () => {
              await sliSync.syncAll();
            },
          });
        }
        await scheduler.scheduleTask({
          id: 'reliability-sli-maintenance',
          frequency: settings.storage.maintenanceFrequency,
          timeout: { minutes: 30 },
          initialDelay: { minutes: 2 },
          fn: async () => {
            const now = Date.now();
            await bucketStore.rollUp(now - settings.storage.rollupAfterMs);
            await bucketStore.deleteOlderThan(
              now - settings.storage.retentionMs,
            );
          },
        });

        const episodeStore = new AlertEpisodeStore(knex);
        const recorder = new AlertEpisodeRecorder({
          slos: sloStore,
          buckets: bucketStore,
          episodes: episodeStore,
          logger,
        });
        // Alert episodes are kept for the SRE time budget's trend, long after the SLI data
        // they were replayed from are gone: each run replays from where the last stopped.
        await scheduler.scheduleTask({
          id: 'reliability-alert-episodes',
          frequency: settings.alertEpisodes.frequency,
          timeout: { minutes: 15 },
          initialDelay: { seconds: 45 },
          fn: async () => {
            const written = await recorder.recordAll();
            await episodeStore.deleteOlderThan(
              Date.now() - settings.alertEpisodes.retentionMs,
            );
            logger.debug(`Recorded ${written} burn-rate alert episodes`);
          },
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
        const { templates, problems: templateProblems } = readTemplates(
          config.getOptional('reliability.readiness.templates'),
          new Set(readinessRules.keys()),
        );
        if (templateProblems.length > 0) {
          throw new Error(
            `Invalid readiness templates: ${templateProblems.join('; ')}`,
          );
        }
        const reviewStore = new ReviewStore(knex);
        const postmortemStore = new PostmortemStore(knex);
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
        httpRouter.use(
          await createRouter({
            slos: new SloService({
              contexts,
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
              policies: { context: ref => policies.viewContext(ref) },
            }),
            auth,
            auditor,
            httpAuth,
            permissions,
            catalog,
            auditStore,
            policies,
            responsibility,
            timeBudget,
            alertStates: new AlertStateService({
              sources: sliSources,
              slos: sloStore,
              dataSources,
              logger,
              ttlMs: settings.alertState.ttlMs,
              maxEntries: settings.alertState.maxEntries,
            }),
            prometheusRules: new PrometheusRulesService({
              catalog,
              auth,
              config,
            }),
            decisions: new DecisionsService({
              policies,
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
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
