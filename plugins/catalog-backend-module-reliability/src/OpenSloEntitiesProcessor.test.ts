import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { OpenSloEntitiesProcessor } from './OpenSloEntitiesProcessor';

const location = { type: 'file', target: '/repo/slos.yaml' };

const slo = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'checkout-availability', namespace: 'shop' },
  spec: {
    service: 'checkout-api',
    budgetingMethod: 'Occurrences',
    timeWindow: [{ duration: '28d', isRolling: true }],
    indicator: {
      metadata: { name: 'non-5xx' },
      spec: {
        ratioMetric: {
          counter: true,
          good: { metricSource: { type: 'Prometheus', spec: { query: 'a' } } },
          total: { metricSource: { type: 'Prometheus', spec: { query: 'b' } } },
        },
      },
    },
    objectives: [{ displayName: 'ok', target: 0.999 }],
  },
};

describe('OpenSloEntitiesProcessor', () => {
  const processor = new OpenSloEntitiesProcessor();

  it('accepts valid OpenSLO kinds and leaves other entities to other processors', async () => {
    expect(await processor.validateEntityKind(slo)).toBe(true);
    expect(
      await processor.validateEntityKind({
        apiVersion: 'openslo/v1',
        kind: 'DataSource',
        metadata: { name: 'prom' },
        spec: {
          type: 'Prometheus',
          connectionDetails: { url: 'http://prom:9090' },
        },
      }),
    ).toBe(true);
    expect(
      await processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
      }),
    ).toBe(false);
  });

  it('rejects an invalid SLO with every problem named by field path', async () => {
    const bad = {
      ...slo,
      spec: {
        ...slo.spec,
        budgetMethod: 'Occurrences',
        objectives: [{ target: 2 }],
      },
    };
    await expect(processor.validateEntityKind(bad)).rejects.toThrow(
      /^Invalid OpenSLO SLO 'checkout-availability': .*spec\.budgetMethod: .*spec\.objectives\[0\]\.target: /,
    );
  });

  it('relates the SLO and its service both ways, defaulting to a Component in the same namespace', async () => {
    const emitted: CatalogProcessorResult[] = [];
    await processor.postProcessEntity(slo, location, r => emitted.push(r));
    expect(emitted).toEqual([
      {
        type: 'relation',
        relation: {
          source: {
            kind: 'SLO',
            namespace: 'shop',
            name: 'checkout-availability',
          },
          type: 'sloOf',
          target: {
            kind: 'component',
            namespace: 'shop',
            name: 'checkout-api',
          },
        },
      },
      {
        type: 'relation',
        relation: {
          source: {
            kind: 'component',
            namespace: 'shop',
            name: 'checkout-api',
          },
          type: 'hasSlo',
          target: {
            kind: 'SLO',
            namespace: 'shop',
            name: 'checkout-availability',
          },
        },
      },
    ]);
  });
});
