import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  reliabilitySliSourcesExtensionPoint,
  SliSource,
} from '@reliability-suite/plugin-reliability-node';
import { reliabilityModulePrometheus } from './module';
import { PrometheusSliSource } from './PrometheusSliSource';

describe('reliabilityModulePrometheus', () => {
  it('registers the Prometheus SLI source', async () => {
    const added: SliSource[] = [];
    const backend = await startTestBackend({
      extensionPoints: [
        [
          reliabilitySliSourcesExtensionPoint,
          { addSliSource: (s: SliSource) => added.push(s) },
        ],
      ],
      features: [
        reliabilityModulePrometheus,
        mockServices.rootConfig.factory({
          data: {
            reliability: {
              prometheus: { timeout: '5s', retries: 1, maxConcurrency: 1 },
            },
          },
        }),
      ],
    });
    expect(added).toHaveLength(1);
    expect(added[0]).toBeInstanceOf(PrometheusSliSource);
    expect(added[0].type).toBe('Prometheus');
    await backend.stop();
  });

  it('refuses invalid options at start-up', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [reliabilitySliSourcesExtensionPoint, { addSliSource: () => {} }],
        ],
        features: [
          reliabilityModulePrometheus,
          mockServices.rootConfig.factory({
            data: { reliability: { prometheus: { maxPointsPerQuery: 20000 } } },
          }),
        ],
      }),
    ).rejects.toThrow(
      /maxPointsPerQuery must be a whole number in \[1, 11000\]/,
    );
  });
});
