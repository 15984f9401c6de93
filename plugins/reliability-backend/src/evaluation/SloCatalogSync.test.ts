import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SloStore } from '../store/SloStore';
import { StatusStore } from '../store/StatusStore';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloCatalogSync } from './SloCatalogSync';
import { SloEvaluator } from './SloEvaluator';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

function sloEntity(name: string, service: string, target = 0.99) {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, namespace: 'default', title: `Title of ${name}` },
    spec: {
      service,
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '7d', isRolling: true }],
      indicator: {
        metadata: { name: `${name}-sli` },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource: { type: 'Push', spec: {} } },
            total: { metricSource: { type: 'Push', spec: {} } },
          },
        },
      },
      objectives: [{ displayName: 'main', target }],
    },
  };
}

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger', namespace: 'default' },
  spec: { owner: 'team-payments', system: 'payments' },
};

describe.each(ids)('SloCatalogSync on %s', databaseId => {
  async function setup(entities: any[]) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const slos = new SloStore(knex);
    const statuses = new StatusStore(knex);
    const logger = mockServices.logger.mock();
    const sync = new SloCatalogSync({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      slos,
      statuses,
      logger,
    });
    const evaluator = new SloEvaluator({
      slos,
      buckets: new SliBucketStore(knex),
      statuses,
      logger,
    });
    return { knex, slos, statuses, sync, evaluator, logger };
  }

  it('copies SLOs with their service, owner and system, and skips invalid ones', async () => {
    const invalid = sloEntity('broken', 'ledger');
    (invalid.spec as any).objectives = [{ target: 7 }];
    const { knex, slos, sync, logger } = await setup([
      component,
      sloEntity('ledger-writes', 'ledger'),
      invalid,
    ]);
    expect(await sync.syncAll()).toEqual(['slo:default/ledger-writes']);
    expect(await slos.get('slo:default/ledger-writes')).toMatchObject({
      serviceRef: 'component:default/ledger',
      title: 'Title of ledger-writes',
      ownerRef: 'group:default/team-payments',
      systemRef: 'system:default/payments',
      definition: {
        budgetingMethod: 'Occurrences',
        window: { kind: 'rolling', durationMs: 7 * 86_400_000 },
        objectives: [{ name: 'main', target: 0.99 }],
      },
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Skipping invalid SLO slo:default\/broken: spec\.objectives\[0\]\.target: /,
      ),
    );
    // Nothing changed: nothing to re-evaluate.
    expect(await sync.syncAll()).toEqual([]);
    await knex.destroy();
  });

  it('evaluates new SLOs to no-data and drops the status of SLOs that are gone', async () => {
    const first = await setup([
      component,
      sloEntity('a', 'ledger'),
      sloEntity('b', 'ledger'),
    ]);
    await first.sync.syncAll();
    await first.evaluator.evaluateAll();
    const statuses = await first.statuses.listByService(
      'component:default/ledger',
    );
    expect(statuses.map(s => [s.sloRef, s.state, s.remaining])).toEqual([
      ['slo:default/a', 'no-data', null],
      ['slo:default/b', 'no-data', null],
    ]);

    // The same database, the catalog without SLO b.
    const sync = new SloCatalogSync({
      catalog: catalogServiceMock({
        entities: [component, sloEntity('a', 'ledger')],
      }),
      auth: mockServices.auth(),
      slos: first.slos,
      statuses: first.statuses,
      logger: first.logger,
    });
    await sync.syncAll();
    expect((await first.slos.list()).map(s => s.sloRef)).toEqual([
      'slo:default/a',
    ]);
    expect(await first.statuses.listBySlo('slo:default/b')).toEqual([]);
    await first.knex.destroy();
  });
});
