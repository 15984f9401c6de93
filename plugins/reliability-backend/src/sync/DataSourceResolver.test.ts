import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DataSourceResolver } from './DataSourceResolver';

const dataSource = (name: string, connectionDetails: unknown) => ({
  apiVersion: 'openslo/v1',
  kind: 'DataSource',
  metadata: { name, namespace: 'default' },
  spec: { type: 'Prometheus', connectionDetails },
});

describe('DataSourceResolver', () => {
  const resolver = new DataSourceResolver({
    config: mockServices.rootConfig({ data: {} }),
    catalog: catalogServiceMock({
      entities: [
        dataSource('prom', { url: 'http://prom:9090' }),
        dataSource('listed', ['http://a:9090', 'http://b:9090']),
      ] as any,
    }),
    auth: mockServices.auth(),
  });

  it('resolves a DataSource entity with a map of settings', async () => {
    expect(await resolver.resolve('prom', 'default')).toEqual({
      name: 'prom',
      type: 'Prometheus',
      connectionDetails: { url: 'http://prom:9090' },
    });
  });

  // OpenSLO allows any YAML in connectionDetails; the suite's sources need a map.
  it('says so when the connection details are valid OpenSLO but not a map', async () => {
    await expect(resolver.resolve('listed', 'default')).rejects.toThrow(
      "metricSourceRef 'listed': DataSource datasource:default/listed has no map of settings in spec.connectionDetails (the suite's metric sources read url, headers and the like from one)",
    );
    await expect(resolver.resolve('nope', 'default')).rejects.toThrow(
      "metricSourceRef 'nope': no reliability.dataSources.nope in app-config and no DataSource entity datasource:default/nope in the catalog",
    );
  });
});
