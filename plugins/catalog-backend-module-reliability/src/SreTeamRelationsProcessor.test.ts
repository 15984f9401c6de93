import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  RELATION_SUPPORTED_BY,
  RELATION_SUPPORTS,
  SreTeamRelationsProcessor,
  SreTeamRelationsProcessorOptions,
} from './SreTeamRelationsProcessor';

const location = { type: 'file', target: '/repo/catalog-info.yaml' };

function entity(
  kind: string,
  name: string,
  opts: {
    sreTeam?: string;
    system?: string;
    domain?: string;
    namespace?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      ...(opts.namespace ? { namespace: opts.namespace } : {}),
      annotations: opts.sreTeam
        ? { 'reliability-suite.dev/sre-team': opts.sreTeam }
        : {},
    },
    spec: {
      owner: 'group:default/team-checkout',
      ...(opts.system ? { system: opts.system } : {}),
      ...(opts.domain ? { domain: opts.domain } : {}),
    },
  };
}

const commerce = entity('Domain', 'commerce', {
  sreTeam: 'group:default/sre-core',
});
const storefront = entity('System', 'storefront', {
  sreTeam: 'sre-platform',
  domain: 'commerce',
});
const internal = entity('System', 'internal', { domain: 'commerce' });
const loose = entity('System', 'loose');

function processor(
  entities: Entity[] = [commerce, storefront, internal, loose],
  options: Partial<SreTeamRelationsProcessorOptions> = {},
) {
  return new SreTeamRelationsProcessor({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    ...options,
  });
}

async function postProcess(p: SreTeamRelationsProcessor, e: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const result = await p.postProcessEntity(e, location, r => emitted.push(r));
  expect(result).toBe(e);
  return emitted;
}

/** The two relations between an entity and its SRE team, as emitted. */
function supported(
  self: { kind: string; namespace: string; name: string },
  team: { namespace: string; name: string },
): CatalogProcessorResult[] {
  const group = { kind: 'group', ...team };
  return [
    {
      type: 'relation',
      relation: { source: self, type: 'supportedBy', target: group },
    },
    {
      type: 'relation',
      relation: { source: group, type: 'supports', target: self },
    },
  ];
}

describe('SreTeamRelationsProcessor', () => {
  it('exports the relation names', () => {
    expect(RELATION_SUPPORTED_BY).toBe('supportedBy');
    expect(RELATION_SUPPORTS).toBe('supports');
  });

  it.each(['Component', 'System', 'Domain'])(
    "relates a %s and its own SRE team both ways, defaulting to a Group in the entity's namespace",
    async kind => {
      const e = entity(kind, 'checkout', {
        sreTeam: 'sre-core',
        namespace: 'shop',
      });
      expect(await postProcess(processor(), e)).toEqual(
        supported(
          { kind, namespace: 'shop', name: 'checkout' },
          { namespace: 'shop', name: 'sre-core' },
        ),
      );
    },
  );

  it('reads a full reference, in any case', async () => {
    const e = entity('Component', 'checkout', {
      sreTeam: 'Group:ops/SRE-Core',
      namespace: 'shop',
    });
    expect(await postProcess(processor(), e)).toEqual(
      supported(
        { kind: 'Component', namespace: 'shop', name: 'checkout' },
        { namespace: 'ops', name: 'sre-core' },
      ),
    );
  });

  it("relates a Component without its own SRE team to its System's, without reading further", async () => {
    const catalog = catalogServiceMock({
      entities: [commerce, storefront],
    });
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
    const p = new SreTeamRelationsProcessor({
      catalog,
      auth: mockServices.auth(),
    });
    const e = entity('Component', 'cart-web', { system: 'storefront' });
    expect(await postProcess(p, e)).toEqual(
      supported(
        { kind: 'Component', namespace: 'default', name: 'cart-web' },
        { namespace: 'default', name: 'sre-platform' },
      ),
    );
    expect(getEntityByRef.mock.calls.map(c => c[0])).toEqual([
      'system:default/storefront',
    ]);
  });

  it("relates a Component to its Domain's SRE team when neither it nor its System sets one", async () => {
    const e = entity('Component', 'wiki', { system: 'internal' });
    expect(await postProcess(processor(), e)).toEqual(
      supported(
        { kind: 'Component', namespace: 'default', name: 'wiki' },
        { namespace: 'default', name: 'sre-core' },
      ),
    );
  });

  it("relates a System without its own SRE team to its Domain's", async () => {
    expect(await postProcess(processor(), internal)).toEqual(
      supported(
        { kind: 'System', namespace: 'default', name: 'internal' },
        { namespace: 'default', name: 'sre-core' },
      ),
    );
  });

  it("prefers the entity's own SRE team and reads nothing from the catalog", async () => {
    const catalog = catalogServiceMock.mock();
    const p = new SreTeamRelationsProcessor({
      catalog,
      auth: mockServices.auth(),
    });
    const e = entity('Component', 'checkout-api', {
      sreTeam: 'group:default/sre-core',
      system: 'storefront',
    });
    expect(await postProcess(p, e)).toEqual(
      supported(
        { kind: 'Component', namespace: 'default', name: 'checkout-api' },
        { namespace: 'default', name: 'sre-core' },
      ),
    );
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it("resolves the System in the entity's namespace and the Domain in the System's", async () => {
    const domain = entity('Domain', 'retail', {
      sreTeam: 'sre-retail',
      namespace: 'shop',
    });
    const system = entity('System', 'till', {
      domain: 'retail',
      namespace: 'shop',
    });
    const e = entity('Component', 'till-api', {
      system: 'till',
      namespace: 'shop',
    });
    expect(await postProcess(processor([domain, system]), e)).toEqual(
      supported(
        { kind: 'Component', namespace: 'shop', name: 'till-api' },
        { namespace: 'shop', name: 'sre-retail' },
      ),
    );
  });

  it.each([
    ['no SRE team anywhere', entity('Component', 'x', { system: 'loose' })],
    ['no System', entity('Component', 'x')],
    [
      'a System not in the catalog',
      entity('Component', 'x', { system: 'gone' }),
    ],
    ['a Domain without an SRE team', entity('Domain', 'x')],
    [
      'a value that is not a reference',
      entity('Component', 'x', { sreTeam: 'x:y:z', system: 'storefront' }),
    ],
    [
      'a reference to another kind',
      entity('Component', 'x', { sreTeam: 'user:default/alice' }),
    ],
    ['another kind of entity', entity('Group', 'x', { sreTeam: 'sre-core' })],
    ['an API', entity('API', 'x', { sreTeam: 'sre-core' })],
  ])('relates nothing for %s', async (_case, e) => {
    expect(await postProcess(processor(), e)).toEqual([]);
  });

  it("uses only the entity's own annotation without a catalog", async () => {
    const p = new SreTeamRelationsProcessor();
    expect(
      await postProcess(p, entity('Component', 'x', { system: 'storefront' })),
    ).toEqual([]);
    expect(
      await postProcess(p, entity('Component', 'x', { sreTeam: 'sre-core' })),
    ).toHaveLength(2);
  });

  it('needs credentials to read the catalog', () => {
    expect(
      () => new SreTeamRelationsProcessor({ catalog: catalogServiceMock() }),
    ).toThrow('auth is required');
  });

  it('reads each System once within the cache time, and again after it', async () => {
    let now = 0;
    const catalog = catalogServiceMock({ entities: [storefront] });
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
    const p = new SreTeamRelationsProcessor({
      catalog,
      auth: mockServices.auth(),
      cacheTtlMs: 60_000,
      now: () => now,
    });
    const component = (name: string) =>
      entity('Component', name, { system: 'storefront' });
    await Promise.all([
      postProcess(p, component('a')),
      postProcess(p, component('b')),
    ]);
    now = 59_999;
    await postProcess(p, component('c'));
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    now = 60_000;
    expect(await postProcess(p, component('d'))).toHaveLength(2);
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('relates nothing when the catalog cannot be read, says so, and reads again next time', async () => {
    const catalog = catalogServiceMock.mock();
    catalog.getEntityByRef
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED'))
      .mockResolvedValueOnce(storefront);
    const logger = mockServices.logger.mock();
    const p = new SreTeamRelationsProcessor({
      catalog,
      auth: mockServices.auth(),
      logger,
    });
    const e = entity('Component', 'cart-web', { system: 'storefront' });
    expect(await postProcess(p, e)).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not read system:default/storefront to resolve inherited SRE teams',
      ),
    );
    expect(await postProcess(p, e)).toEqual(
      supported(
        { kind: 'Component', namespace: 'default', name: 'cart-web' },
        { namespace: 'default', name: 'sre-platform' },
      ),
    );
  });
});
