import { mockServices } from '@backstage/backend-test-utils';
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

  it('accepts what the spec allows, logging a warning once for a field with no effect', async () => {
    const logger = mockServices.logger.mock();
    const warn = logger.warn;
    const logging = new OpenSloEntitiesProcessor({ logger });
    const withOp = {
      ...slo,
      spec: {
        ...slo.spec,
        objectives: [{ ...slo.spec.objectives[0], op: 'gt' }],
      },
    };
    // Before issue [10]: "spec.objectives[0].value: required when op is given".
    expect(await logging.validateEntityKind(withOp)).toBe(true);
    expect(await logging.validateEntityKind(withOp)).toBe(true);
    expect(warn.mock.calls).toEqual([
      [
        'OpenSLO SLO:shop/checkout-availability: spec.objectives[0].op: has no effect with a ratioMetric indicator (op and value compare the values of a thresholdMetric); it is ignored',
      ],
    ]);
    // Fixed, then back: logged again.
    expect(await logging.validateEntityKind(slo)).toBe(true);
    expect(await logging.validateEntityKind(withOp)).toBe(true);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(
      await logging.validateEntityKind({
        apiVersion: 'openslo/v1',
        kind: 'DataSource',
        metadata: { name: 'graphite' },
        spec: { type: 'Graphite', connectionDetails: 'graphite:2003' },
      }),
    ).toBe(true);
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
