import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SliSourceError } from '@reliability-suite/plugin-reliability-node';
import { SliResolver } from './SliResolver';

const sli = (namespace: string, query: string) => ({
  apiVersion: 'openslo/v1',
  kind: 'SLI',
  metadata: { name: 'api', namespace },
  spec: {
    thresholdMetric: { metricSource: { type: 'Prometheus', spec: { query } } },
  },
});

describe('SliResolver', () => {
  const resolver = new SliResolver({
    catalog: catalogServiceMock({
      entities: [sli('default', 'a'), sli('team-a', 'b')] as any,
    }),
    auth: mockServices.auth(),
  });

  it("resolves an SLI entity in the namespace asked, not one of another's", async () => {
    expect(await resolver.resolve('api', 'team-a')).toEqual(
      sli('team-a', 'b').spec,
    );
    expect(await resolver.resolve('api', 'default')).toEqual(
      sli('default', 'a').spec,
    );
  });

  it('is a configuration fault naming the entity when there is none', async () => {
    const failure = resolver.resolve('api', 'team-b');
    await expect(failure).rejects.toBeInstanceOf(SliSourceError);
    await expect(failure).rejects.toMatchObject({
      kind: 'configuration',
      message:
        "SLI 'api': no SLI entity sli:team-b/api in the catalog, so its queries are unknown",
    });
  });
});
