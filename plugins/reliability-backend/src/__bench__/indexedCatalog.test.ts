/** The benchmark's catalog (bench/indexedCatalog.ts) must answer as Backstage's mock does: its figures would otherwise measure another catalog. Here because Jest runs tests under src/ only. */
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { auditCatalogEntities } from '../../bench/data';
import { indexedCatalog } from '../../bench/indexedCatalog';

const entities = auditCatalogEntities({ entities: 60, teams: 4 });
const options = { credentials: mockCredentials.service() };

function indexed(): CatalogService {
  return indexedCatalog(entities);
}

describe('the benchmark catalog', () => {
  const mock = catalogServiceMock({ entities });

  it('answers the org snapshot read (kinds and fields) as the mock does', async () => {
    const request = {
      filter: [
        'Component',
        'System',
        'Domain',
        'Resource',
        'API',
        'Group',
        'User',
      ].map(kind => ({ kind })),
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'metadata.links',
        'spec.owner',
        'spec.system',
        'spec.memberOf',
        'relations',
        'metadata.annotations.backstage.io/techdocs-ref',
        'spec.nothing',
      ],
    };
    const expected = await mock.getEntities(request, options);
    expect(expected.items.length).toBeGreaterThan(50);
    expect(await indexed().getEntities(request, options)).toEqual(expected);
  });

  it('answers a kind filter without fields, in any case, as the mock does', async () => {
    const request = { filter: [{ kind: 'group' }, { kind: 'SYSTEM' }] };
    expect(await indexed().getEntities(request, options)).toEqual(
      await mock.getEntities(request, options),
    );
  });

  it('answers reads by ref, whole or some fields, unknown refs included, as the mock does', async () => {
    const entityRefs = [
      'component:default/svc-3',
      'group:default/team-1',
      'component:default/nowhere',
    ];
    for (const fields of [
      undefined,
      ['kind', 'metadata.name', 'metadata.title', 'spec.profile.displayName'],
    ]) {
      const request = { entityRefs, fields };
      const expected = await mock.getEntitiesByRefs(request, options);
      expect(expected.items.filter(Boolean)).toHaveLength(2);
      expect(await indexed().getEntitiesByRefs(request, options)).toEqual(
        expected,
      );
    }
  });

  it('leaves other reads to the mock', async () => {
    for (const request of [
      { filter: { kind: 'Component', 'spec.owner': 'group:default/team-1' } },
      { filter: [{ kind: 'Component' }], limit: 3 },
      {
        filter: [{ kind: 'Component' }],
        order: { field: 'metadata.name', order: 'desc' as const },
      },
    ]) {
      expect(await indexed().getEntities(request, options)).toEqual(
        await mock.getEntities(request, options),
      );
    }
  });
});
