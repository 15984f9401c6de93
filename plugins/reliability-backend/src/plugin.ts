import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  reliabilitySliSourcesExtensionPoint,
  SliSource,
} from '@reliability-suite/plugin-reliability-node';
import { applyDatabaseMigrations } from './database/migrations';
import { createRouter } from './service/router';
import { AuditStore } from './store/AuditStore';

/**
 * The reliability backend plugin: REST API under `/api/reliability`, storage and, as the
 * suite grows, SLO evaluation, policies, reviews and postmortems.
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

    env.registerInit({
      deps: {
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        catalog: catalogServiceRef,
      },
      async init({ logger, database, httpRouter, httpAuth, catalog }) {
        const knex = await database.getClient();
        await applyDatabaseMigrations(database, knex);

        if (sliSources.size > 0) {
          logger.info(
            `SLI sources registered: ${[...sliSources.keys()].join(', ')}`,
          );
        }

        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            catalog,
            auditStore: new AuditStore(knex),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
