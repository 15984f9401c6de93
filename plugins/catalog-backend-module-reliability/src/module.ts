import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { ErrorBudgetPolicyProcessor } from './ErrorBudgetPolicyProcessor';
import { OpenSloEntitiesProcessor } from './OpenSloEntitiesProcessor';
import { ReliabilityAnnotationsProcessor } from './ReliabilityAnnotationsProcessor';
import { SreTeamRelationsProcessor } from './SreTeamRelationsProcessor';

/**
 * Catalog module of the Reliability Suite.
 *
 * @public
 */
export const catalogModuleReliability = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'reliability',
  register(reg) {
    reg.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ catalogProcessing, catalog, auth, logger }) {
        catalogProcessing.addProcessor(
          new OpenSloEntitiesProcessor({ logger }),
          new ErrorBudgetPolicyProcessor(),
          new ReliabilityAnnotationsProcessor(),
          new SreTeamRelationsProcessor({ catalog, auth, logger }),
        );
      },
    });
  },
});
