import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
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

  describe('what the SLO page shows: title, description and the service’s owner', () => {
    const service: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout-api', namespace: 'shop' },
      spec: {
        type: 'service',
        owner: 'team-checkout',
        lifecycle: 'production',
      },
    };
    const documented = {
      ...slo,
      metadata: { ...slo.metadata, displayName: 'Checkout availability' },
      spec: { ...slo.spec, description: 'Checkouts answered without a 5xx.' },
    };
    const relations = (emitted: CatalogProcessorResult[]) =>
      emitted.flatMap(r =>
        r.type === 'relation'
          ? [
              `${r.relation.source.kind}:${r.relation.source.namespace}/${r.relation.source.name} ${r.relation.type} ${r.relation.target.kind}:${r.relation.target.namespace}/${r.relation.target.name}`,
            ]
          : [],
      );

    afterEach(() => jest.useRealTimers());

    it('relates the SLO to its service’s owner both ways, a Group in the service’s namespace by default', async () => {
      const owned = new OpenSloEntitiesProcessor({
        catalog: catalogServiceMock({ entities: [service] }),
        auth: mockServices.auth(),
      });
      const emitted: CatalogProcessorResult[] = [];
      const result = await owned.postProcessEntity(documented, location, r =>
        emitted.push(r),
      );
      expect(relations(emitted)).toEqual([
        'SLO:shop/checkout-availability sloOf component:shop/checkout-api',
        'component:shop/checkout-api hasSlo SLO:shop/checkout-availability',
        'SLO:shop/checkout-availability ownedBy group:shop/team-checkout',
        'group:shop/team-checkout ownerOf SLO:shop/checkout-availability',
      ]);
      expect(result.metadata).toMatchObject({
        title: 'Checkout availability',
        description: 'Checkouts answered without a 5xx.',
      });
      // The OpenSLO spec stays as written.
      expect(result.spec).toEqual(documented.spec);
    });

    it('keeps a title and description the entity sets itself, and needs no description', async () => {
      const result = await processor.postProcessEntity(
        {
          ...documented,
          metadata: {
            ...documented.metadata,
            title: 'Own title',
            description: 'Own words',
          },
        },
        location,
        () => {},
      );
      expect(result.metadata).toMatchObject({
        title: 'Own title',
        description: 'Own words',
      });
      const plain = await processor.postProcessEntity(slo, location, () => {});
      expect(plain.metadata).toEqual(slo.metadata);
    });

    it('asks the catalog to process an SLO again when its service is not there yet, a bounded number of times', async () => {
      jest.useFakeTimers();
      const catalog = catalogServiceMock.mock({
        getEntityByRef: jest.fn().mockResolvedValue(undefined),
        refreshEntity: jest.fn().mockResolvedValue(undefined),
      });
      const retrying = new OpenSloEntitiesProcessor({
        catalog,
        auth: mockServices.auth(),
        retry: { attempts: 2, delayMs: 1000 },
      });
      const emitted: CatalogProcessorResult[] = [];
      const run = () =>
        retrying.postProcessEntity(documented, location, r => emitted.push(r));

      await run();
      expect(relations(emitted)).not.toContainEqual(
        expect.stringContaining('ownedBy'),
      );
      expect(catalog.refreshEntity).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1000);
      expect(catalog.refreshEntity).toHaveBeenCalledWith(
        'slo:shop/checkout-availability',
        expect.anything(),
      );
      await run();
      await jest.advanceTimersByTimeAsync(2000);
      expect(catalog.refreshEntity).toHaveBeenCalledTimes(2);
      // Out of attempts: the owner follows on the catalog's regular processing.
      await run();
      await jest.advanceTimersByTimeAsync(10_000);
      expect(catalog.refreshEntity).toHaveBeenCalledTimes(2);

      // The service arrived: a miss was not cached, so the owner is found at once.
      catalog.getEntityByRef.mockResolvedValue(service);
      emitted.length = 0;
      await run();
      expect(relations(emitted)).toContain(
        'SLO:shop/checkout-availability ownedBy group:shop/team-checkout',
      );
    });

    it('relates no owner for a service without one, and none without a catalog', async () => {
      const unowned = new OpenSloEntitiesProcessor({
        catalog: catalogServiceMock({
          entities: [{ ...service, spec: { type: 'service' } }],
        }),
        auth: mockServices.auth(),
      });
      const emitted: CatalogProcessorResult[] = [];
      await unowned.postProcessEntity(slo, location, r => emitted.push(r));
      await processor.postProcessEntity(slo, location, r => emitted.push(r));
      expect(relations(emitted).filter(r => /owner/i.test(r))).toEqual([]);
      expect(
        () => new OpenSloEntitiesProcessor({ catalog: catalogServiceMock() }),
      ).toThrow(/auth is required/);
    });
  });
});
