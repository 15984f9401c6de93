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

describe('PrometheusRulesService across namespaces', () => {
  const inNamespace = <T extends { metadata: object }>(
    entity: T,
    namespace: string,
  ): T => ({ ...entity, metadata: { ...entity.metadata, namespace } });
  const sli = (name: string, namespace: string, metricName: string) => {
    const metric = {
      metricSource: {
        metricSourceRef: 'shared',
        spec: { query: `sum(increase(${metricName}[{{bucket}}]))` },
      },
    };
    return {
      apiVersion: 'openslo/v1',
      kind: 'SLI',
      metadata: { name, namespace },
      spec: { ratioMetric: { counter: true, good: metric, total: metric } },
    };
  };
  const byIndicatorRef = (name: string, namespace: string, ref: string) => {
    const { indicator: _inline, ...spec } = slo(name, 'shared').spec;
    return {
      ...inNamespace(slo(name, 'shared'), namespace),
      spec: { ...spec, indicatorRef: ref },
    };
  };
  // A data source and an SLI of the same name in each namespace, of other types and queries.
  const service = new PrometheusRulesService({
    catalog: catalogServiceMock({
      entities: [
        dataSource('shared', 'Prometheus'),
        inNamespace(dataSource('shared', 'Datadog'), 'team-a'),
        inNamespace(dataSource('shared', 'Prometheus'), 'team-b'),
        slo('default-slo', 'shared'),
        inNamespace(slo('team-a-slo', 'shared'), 'team-a'),
        inNamespace(slo('team-b-slo', 'shared'), 'team-b'),
        sli('api', 'default', 'default_requests'),
        sli('api', 'team-b', 'team_b_requests'),
        byIndicatorRef('team-b-by-sli', 'team-b', 'api'),
        // No SLI api in team-c (nor a data source), though default has one.
        byIndicatorRef('team-c-by-sli', 'team-c', 'api'),
      ] as any[],
    }),
    auth: mockServices.auth(),
    config: new ConfigReader({}),
  });
  const served = (text: string) =>
    [...text.matchAll(/sloth_id: checkout-api-([\w-]+)/g)]
      .map(m => m[1])
      .filter((id, i, all) => all.indexOf(id) === i)
      .sort();

  it("resolves metricSourceRef and indicatorRef in the SLO's namespace", async () => {
    const file = await service.rules({ format: 'rules' });
    // team-a's shared is a Datadog: its SLO is not on Prometheus.
    expect(served(file.text)).toEqual([
      'default-slo',
      'team-b-by-sli',
      'team-b-slo',
    ]);
    // team-b's SLI, not default's.
    expect(file.text).toContain('team_b_requests');
    expect(file.text).not.toContain('default_requests');
    expect(file.problems).toEqual([
      {
        slo: 'team-c-by-sli',
        kind: 'invalid',
        path: 'spec.indicatorRef',
        message:
          "SLI 'api' is not among the documents given, so its queries are unknown",
      },
    ]);
  });

  it('takes ?dataSource= as a DataSource reference in the default namespace unless it names one', async () => {
    const bare = await service.rules({ format: 'rules', dataSource: 'shared' });
    expect(served(bare.text)).toEqual(['default-slo']);
    for (const ref of ['team-b/shared', 'datasource:team-b/shared']) {
      const file = await service.rules({ format: 'rules', dataSource: ref });
      expect(served(file.text)).toEqual(['team-b-by-sli', 'team-b-slo']);
    }
    expect(
      served(
        (await service.rules({ format: 'rules', dataSource: 'team-a/shared' }))
          .text,
      ),
    ).toEqual([]);
    await expect(
      service.rules({ format: 'rules', dataSource: 'component:default/x' }),
    ).rejects.toThrow(
      /^dataSource: 'component:default\/x' is not a data source/,
    );
  });
});

describe('PrometheusRulesService with app-config data sources', () => {
  it('lets a reliability.dataSources name win in every namespace, for ?dataSource= too', async () => {
    const service = new PrometheusRulesService({
      catalog: catalogServiceMock({
        entities: [
          {
            ...dataSource('prom', 'Datadog'),
            metadata: { name: 'prom', namespace: 'team-a' },
          },
          slo('default-slo', 'prom'),
          {
            ...slo('team-a-slo', 'prom'),
            metadata: { name: 'team-a-slo', namespace: 'team-a' },
          },
        ] as any[],
      }),
      auth: mockServices.auth(),
      config: new ConfigReader({
        reliability: { dataSources: { prom: { url: 'http://prom:9090' } } },
      }),
    });
    const file = await service.rules({ format: 'rules', dataSource: 'prom' });
    expect(file.slos).toBe(2);
    expect(file.problems).toEqual([]);
  });
});
