import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PrometheusRulesService } from './PrometheusRulesService';

const QUERY = 'sum(increase(http_requests_total[{{bucket}}]))';

const dataSource = (name: string, type?: string) => ({
  apiVersion: 'openslo/v1',
  kind: 'DataSource',
  metadata: { name, namespace: 'default' },
  spec: {
    ...(type ? { type } : {}),
    connectionDetails: { url: 'http://x:9090' },
  },
});

/** An SLO whose metric sources name `ref` and, when given, say their type. */
function slo(name: string, ref: string, type?: string) {
  const metric = {
    metricSource: {
      metricSourceRef: ref,
      ...(type ? { type } : {}),
      spec: { query: QUERY },
    },
  };
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, namespace: 'default' },
    spec: {
      service: 'checkout-api',
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '28d', isRolling: true }],
      indicator: {
        metadata: { name: `${name}-sli` },
        spec: { ratioMetric: { counter: true, good: metric, total: metric } },
      },
      objectives: [{ displayName: 'requests', target: 0.999 }],
    },
  };
}

describe('PrometheusRulesService', () => {
  const service = new PrometheusRulesService({
    catalog: catalogServiceMock({
      entities: [
        // No type: a Prometheus, as the DataSourceResolver reads it for the sync.
        dataSource('prom-untyped'),
        dataSource('dd', 'Datadog'),
        slo('by-ref', 'prom-untyped'),
        slo('on-datadog', 'dd'),
        // Says Prometheus, but its data source is a Datadog.
        slo('mislabelled', 'dd', 'Prometheus'),
      ] as any[],
    }),
    auth: mockServices.auth(),
    config: new ConfigReader({}),
  });

  it('serves an SLO naming only a metricSourceRef whose DataSource is a Prometheus', async () => {
    const file = await service.rules({
      dataSource: 'prom-untyped',
      format: 'rules',
    });
    expect(file.slos).toBe(1);
    expect(file.problems).toEqual([]);
    expect(file.text).toContain('sloth_id: checkout-api-by-ref');
  });

  it('leaves out an SLO on another source, and names a type that disagrees with its data source', async () => {
    const file = await service.rules({ format: 'rules' });
    expect(file.slos).toBe(2);
    expect(file.text).not.toContain('on-datadog');
    // Each field at fault: both the good and the total metric source.
    expect(file.problems.map(p => [p.slo, p.path, p.message])).toEqual(
      ['good', 'total'].map(field => [
        'mislabelled',
        `spec.indicator.spec.ratioMetric.${field}.metricSource.type`,
        "'Prometheus' differs from the type 'Datadog' of data source 'dd' that metricSourceRef names; leave type out or make the two agree",
      ]),
    );
  });
});
