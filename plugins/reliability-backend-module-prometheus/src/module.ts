import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { reliabilitySliSourcesExtensionPoint } from '@reliability-suite/plugin-reliability-node';
import { PrometheusSliSource } from './PrometheusSliSource';

/**
 * Adds the Prometheus SLI source (type `Prometheus`) to the reliability backend.
 *
 * @public
 */
export const reliabilityModulePrometheus = createBackendModule({
  pluginId: 'reliability',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        sliSources: reliabilitySliSourcesExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ sliSources, config, logger }) {
        sliSources.addSliSource(
          PrometheusSliSource.fromConfig(config, { logger }),
        );
      },
    });
  },
});
