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
import { buildReliabilityContext } from './context';
import { BUILT_IN_RULES } from './readiness/builtInRules';
import { createRouter } from './service/router';

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
        httpRouter,
        httpAuth,
        auth,
        auditor,
        permissions,
        permissionsRegistry,
        scheduler,
        lifecycle,
        ...deps
      }) {
        const ctx = await buildReliabilityContext({
          ...deps,
          auth,
          sliSources,
          readinessRules,
        });
        const { settings, evaluations, tasks, gateView } = ctx;

        lifecycle.addStartupHook(() => evaluations.start());
        if (gateView) {
          lifecycle.addStartupHook(() => gateView.start());
          lifecycle.addShutdownHook(() => gateView.stop());
        }
        // Stopping finishes the batch in hand, so that its claim does not wait for its lease.
        lifecycle.addShutdownHook(() => evaluations.stop());

        permissionsRegistry.addPermissions([reliabilitySliWritePermission]);
        // Entity-scoped permissions are decided on the entity's parties (its owner, SRE
        // team, policy owner, escalation group), which only this plugin can resolve.
        permissionsRegistry.addResourceType({
          resourceRef: reliabilityEntityResourceRef,
          permissions: reliabilityPermissions.filter(
            p => p !== reliabilitySliWritePermission,
          ),
          rules: Object.values(reliabilityEntityRules),
          getResources: refs => ctx.policyContexts.permissionResources(refs),
        });

        // Global scope (the default): one replica runs each task per period.
        await scheduler.scheduleTask({
          id: 'reliability-slo-catalog-sync',
          frequency: settings.catalogSync.frequency,
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          fn: tasks.catalogSync,
        });
        await scheduler.scheduleTask({
          id: 'reliability-slo-evaluation',
          frequency: settings.evaluation.frequency,
          timeout: { minutes: 10 },
          initialDelay: { seconds: 30 },
          fn: tasks.evaluation,
        });
        if (tasks.sliSync) {
          await scheduler.scheduleTask({
            id: 'reliability-sli-sync',
            frequency: settings.sliSync.frequency,
            timeout: { minutes: 15 },
            initialDelay: { seconds: 20 },
            fn: tasks.sliSync,
          });
        }
        await scheduler.scheduleTask({
          id: 'reliability-sli-maintenance',
          frequency: settings.storage.maintenanceFrequency,
          timeout: { minutes: 30 },
          initialDelay: { minutes: 2 },
          fn: tasks.sliMaintenance,
        });
        await scheduler.scheduleTask({
          id: 'reliability-alert-episodes',
          frequency: settings.alertEpisodes.frequency,
          timeout: { minutes: 15 },
          initialDelay: { seconds: 45 },
          fn: tasks.alertEpisodes,
        });

        httpRouter.use(
          await createRouter({
            ...ctx.routes,
            auth,
            auditor,
            httpAuth,
            permissions,
            catalog: deps.catalog,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
