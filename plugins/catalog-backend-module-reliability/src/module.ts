import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ErrorBudgetPolicyProcessor } from './ErrorBudgetPolicyProcessor';
import { OpenSloEntitiesProcessor } from './OpenSloEntitiesProcessor';
import { ReliabilityAnnotationsProcessor } from './ReliabilityAnnotationsProcessor';

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
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(
          new OpenSloEntitiesProcessor(),
          new ErrorBudgetPolicyProcessor(),
          new ReliabilityAnnotationsProcessor(),
        );
      },
    });
  },
});
