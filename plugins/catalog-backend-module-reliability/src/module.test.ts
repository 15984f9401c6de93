import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogModuleReliability } from './module';

describe('catalogModuleReliability', () => {
  it('adds its four processors, the SRE-team relations reading the catalog', async () => {
    const addProcessor = jest.fn();
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          { addProcessor } as Partial<
            typeof catalogProcessingExtensionPoint.T
          > as typeof catalogProcessingExtensionPoint.T,
        ],
      ],
      features: [catalogModuleReliability, catalogServiceMock.factory()],
    });
    const processors = addProcessor.mock.calls.flat();
    expect(processors.map(p => p.getProcessorName())).toEqual([
      'OpenSloEntitiesProcessor',
      'ErrorBudgetPolicyProcessor',
      'ReliabilityAnnotationsProcessor',
      'SreTeamRelationsProcessor',
    ]);
  });
});
