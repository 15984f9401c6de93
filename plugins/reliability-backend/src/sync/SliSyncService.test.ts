import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  SliSource,
  SliSourceError,
  SliSourceRequest,
} from '@reliability-suite/plugin-reliability-node';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { SliSyncStore } from '../store/SliSyncStore';
import { DataSourceResolver } from './DataSourceResolver';
import { SliResolver } from './SliResolver';
import { SliSyncService } from './SliSyncService';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();
const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

/** An SLO on `prom-main`; without a type, the data source tells it (OpenSLO allows that). */
function slo(
  name: string,
  type: string | undefined,
  metricSourceRef = 'prom-main',
): SloRecord {
  const metricSource = {
    ...(type !== undefined ? { type } : {}),
    metricSourceRef,
    spec: { query: `sum(increase(x[{{bucket}}]))` },
  };
  return {
    sloRef: `slo:default/${name}`,
    serviceRef: 'component:default/checkout-api',
    title: name,
    definitionHash: 'h',
    definition: {
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 2 * DAY },
      objectives: [{ name: 'main', target: 0.99 }],
    },
    spec: {
      indicator: {
        metadata: { name: 'sli' },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource },
            total: { metricSource },
          },
        },
      },
      objectives: [{ displayName: 'main', target: 0.99 }],
    },
  };
}

/** An SLO naming its indicator with `indicatorRef`: an SLI entity in the catalog. */
function refSlo(
  name: string,
  indicatorRef: string,
  namespace = 'default',
): SloRecord {
  const record = slo(name, undefined);
  return {
    ...record,
    sloRef: `slo:${namespace}/${name}`,
    spec: {
      indicatorRef,
      objectives: [{ displayName: 'main', target: 0.99 }],
    },
  };
}

/** An SLI entity whose metric sources name only `metricSourceRef`. */
function sliEntity(name: string, namespace: string, metricSourceRef: string) {
  const metricSource = {
    metricSourceRef,
    spec: { query: `sum(increase(${namespace}_requests[{{bucket}}]))` },
  };
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLI',
    metadata: { name, namespace },
    spec: {
      ratioMetric: {
        counter: true,
        good: { metricSource },
        total: { metricSource },
      },
    },
  };
}

const dataSourceEntity = (name: string, namespace: string) => ({
  apiVersion: 'openslo/v1',
  kind: 'DataSource',
  metadata: { name, namespace },
  spec: {
    type: 'Prometheus',
    connectionDetails: { url: `http://prom.${namespace}:9090` },
  },
});

// The same names in two namespaces: a reference resolves in its SLO's namespace.
const CATALOG = [
  sliEntity('checkout-sli', 'default', 'prom-main'),
  sliEntity('checkout-sli', 'team-a', 'prom-ns'),
  sliEntity('other-sli', 'team-b', 'prom-ns'),
  dataSourceEntity('prom-ns', 'team-a'),
  dataSourceEntity('prom-ns', 'team-b'),
];

/** A source standing in for a metrics server: 100 events a minute, 1 bad. */
class FakeSource implements SliSource {
  readonly type = 'Prometheus';
  requests: SliSourceRequest[] = [];
  fault?: SliSourceError;

  async fetchBuckets(request: SliSourceRequest) {
    this.requests.push(request);
    if (this.fault) throw this.fault;
    const out = [];
    for (let t = request.from; t < request.to; t += request.bucketMs) {
      out.push({ start: t, good: 99, total: 100 });
    }
    return out;
  }
}

describe.each(ids)('SliSyncService on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const slos = new SloStore(knex);
    const buckets = new SliBucketStore(knex);
    const syncs = new SliSyncStore(knex);
    const source = new FakeSource();
    const changed: string[][] = [];
    const catalog = catalogServiceMock({ entities: CATALOG as any[] });
    const service = new SliSyncService({
      sources: new Map([['Prometheus', source]]),
      slos,
      buckets,
      syncs,
      dataSources: new DataSourceResolver({
        config: new ConfigReader({
          reliability: {
            dataSources: { 'prom-main': { url: 'http://127.0.0.1:9' } },
          },
        }),
        catalog,
        auth: mockServices.auth(),
      }),
      slis: new SliResolver({ catalog, auth: mockServices.auth() }),
      logger: mockServices.logger.mock(),
      onData: refs => changed.push(refs),
    });
    await slos.upsert([slo('pulled', 'Prometheus'), slo('pushed', 'Push')]);
    return { knex, slos, buckets, syncs, source, service, changed };
  }

  const sum = (list: { good: number; total: number }[]) =>
    list.reduce(
      (s, b) => ({ good: s.good + b.good, total: s.total + b.total }),
      {
        good: 0,
        total: 0,
      },
    );

  it('back-fills the window on the first run, then fetches only what is new', async () => {
    const { knex, buckets, syncs, source, service, changed } = await setup();
    expect(await service.syncAll(NOW)).toBe(1);
    // Only the Prometheus SLO, in chunks of at most a day, from the window start.
    expect(source.requests.map(r => [r.sloRef, r.from, r.to])).toEqual([
      ['slo:default/pulled', NOW - 2 * DAY, NOW - DAY],
      ['slo:default/pulled', NOW - DAY, NOW],
    ]);
    expect(source.requests[0].dataSource).toEqual({
      name: 'prom-main',
      type: 'Prometheus',
      connectionDetails: { url: 'http://127.0.0.1:9' },
    });
    expect(changed).toEqual([['slo:default/pulled']]);
    const stored = await buckets.read('slo:default/pulled', 'main', 0, NOW);
    expect(stored).toHaveLength(2 * 1440);
    expect(await syncs.get('slo:default/pulled', 'main')).toMatchObject({
      state: 'ok',
      watermark: NOW,
      lastSuccessAt: NOW,
    });

    // A later run, and a re-run of the same period: nothing counts twice.
    source.requests = [];
    await service.syncAll(NOW + 5 * MIN);
    await service.syncAll(NOW + 5 * MIN);
    expect(source.requests.map(r => [r.from, r.to])).toEqual([
      [NOW, NOW + 5 * MIN],
    ]);
    expect(
      sum(await buckets.read('slo:default/pulled', 'main', 0, NOW + DAY)),
    ).toEqual({ good: 99 * (2 * 1440 + 5), total: 100 * (2 * 1440 + 5) });
    await knex.destroy();
  });

  it('marks an unreachable source stale, leaves the gap missing, and back-fills it later', async () => {
    const { knex, buckets, syncs, source, service } = await setup();
    await service.syncAll(NOW);
    source.fault = new SliSourceError('unreachable', 'connect ECONNREFUSED');
    expect(await service.syncAll(NOW + 30 * MIN)).toBe(0);
    expect(await syncs.get('slo:default/pulled', 'main')).toMatchObject({
      state: 'stale',
      errorKind: 'unreachable',
      reason: 'connect ECONNREFUSED',
      watermark: NOW,
      lastSuccessAt: NOW,
    });
    expect(
      await buckets.read('slo:default/pulled', 'main', NOW, NOW + DAY),
    ).toEqual([]);

    source.fault = undefined;
    await service.syncAll(NOW + 60 * MIN);
    expect(await syncs.get('slo:default/pulled', 'main')).toMatchObject({
      state: 'ok',
      errorKind: null,
      watermark: NOW + 60 * MIN,
    });
    expect(
      await buckets.read('slo:default/pulled', 'main', NOW, NOW + DAY),
    ).toHaveLength(60);
    await knex.destroy();
  });

  it('skips empty history during the back-fill but reports an empty latest range', async () => {
    const { knex, buckets, syncs, source, service } = await setup();
    const realFetch = source.fetchBuckets.bind(source);
    // The metric exists only for the last day.
    source.fetchBuckets = async request => {
      if (request.to <= NOW - DAY) {
        source.requests.push(request);
        throw new SliSourceError('empty-result', 'no series');
      }
      return realFetch(request);
    };
    expect(await service.syncAll(NOW)).toBe(1);
    expect(
      await buckets.read('slo:default/pulled', 'main', 0, NOW),
    ).toHaveLength(1440);
    expect(await syncs.get('slo:default/pulled', 'main')).toMatchObject({
      state: 'ok',
      watermark: NOW,
    });

    source.fault = new SliSourceError('empty-result', 'no series');
    source.fetchBuckets = realFetch;
    await service.syncAll(NOW + 10 * MIN);
    expect(await syncs.get('slo:default/pulled', 'main')).toMatchObject({
      state: 'error',
      errorKind: 'empty-result',
      watermark: NOW,
    });
    await knex.destroy();
  });

  it('records a query error with its reason', async () => {
    const { knex, syncs, source, service } = await setup();
    source.fault = new SliSourceError('query-error', 'parse error at char 5');
    await service.syncAll(NOW);
    expect(await syncs.get('slo:default/pulled', 'main')).toMatchObject({
      state: 'error',
      errorKind: 'query-error',
      reason: 'parse error at char 5',
      watermark: null,
    });
    await knex.destroy();
  });

  it('syncs an SLO whose metric sources name only a metricSourceRef, from its data source', async () => {
    const { knex, slos, buckets, syncs, source, service, changed } =
      await setup();
    await service.syncAll(NOW);
    source.requests = [];
    changed.length = 0;
    // The same SLO, its metric sources now without `type`: prom-main is a Prometheus.
    await slos.upsert([slo('by-ref', undefined)]);
    expect(await service.syncAll(NOW + 5 * MIN)).toBe(2);
    const byRef = source.requests.filter(
      r => r.sloRef === 'slo:default/by-ref',
    );
    expect(byRef.map(r => [r.from, r.to])).toEqual([
      [NOW + 5 * MIN - 2 * DAY, NOW + 5 * MIN - DAY],
      [NOW + 5 * MIN - DAY, NOW + 5 * MIN],
    ]);
    expect(byRef[0].dataSource).toEqual({
      name: 'prom-main',
      type: 'Prometheus',
      connectionDetails: { url: 'http://127.0.0.1:9' },
    });
    expect(
      await buckets.read('slo:default/by-ref', 'main', 0, NOW + DAY),
    ).toHaveLength(2 * 1440);
    expect(await syncs.get('slo:default/by-ref', 'main')).toMatchObject({
      sourceType: 'Prometheus',
      state: 'ok',
      watermark: NOW + 5 * MIN,
    });
    expect(changed).toContainEqual(['slo:default/by-ref']);
    await knex.destroy();
  });

  it('says why an SLO whose metricSourceRef-only source names nothing is not synced', async () => {
    const { knex, slos, syncs, source, service } = await setup();
    await slos.upsert([slo('lost', undefined, 'nowhere')]);
    expect(await service.syncAll(NOW)).toBe(1);
    expect(source.requests.some(r => r.sloRef === 'slo:default/lost')).toBe(
      false,
    );
    expect(await syncs.get('slo:default/lost', 'main')).toMatchObject({
      sourceType: 'nowhere',
      state: 'error',
      errorKind: 'configuration',
      watermark: null,
      lastAttemptAt: NOW,
      reason:
        "spec.indicator.spec.ratioMetric.good.metricSource.metricSourceRef: metricSourceRef 'nowhere': no reliability.dataSources.nowhere in app-config and no DataSource entity datasource:default/nowhere in the catalog (without metricSource.type, the data source tells the type)",
    });
    await knex.destroy();
  });

  it('refuses a type that differs from its data source, naming the field', async () => {
    const { knex, slos, syncs, source, service } = await setup();
    // prom-main is a Prometheus (app-config's default type).
    await slos.upsert([slo('mislabelled', 'Datadog')]);
    await service.syncAll(NOW);
    expect(
      source.requests.some(r => r.sloRef === 'slo:default/mislabelled'),
    ).toBe(false);
    expect(await syncs.get('slo:default/mislabelled', 'main')).toMatchObject({
      sourceType: 'Datadog',
      state: 'error',
      errorKind: 'configuration',
      reason:
        "spec.indicator.spec.ratioMetric.good.metricSource.type: 'Datadog' differs from the type 'Prometheus' of data source 'prom-main' that metricSourceRef names; leave type out or make the two agree",
    });
    await knex.destroy();
  });

  it('reports a metricSourceRef that names nothing as a configuration error', async () => {
    const { knex, syncs, service } = await setup();
    const record = slo('pulled', 'Prometheus');
    const ratio = (record.spec as any).indicator.spec.ratioMetric;
    ratio.good.metricSource.metricSourceRef = 'nowhere';
    ratio.total.metricSource.metricSourceRef = 'nowhere';
    await service.syncOne(
      {
        slo: record,
        objective: 'main',
        sourceType: 'Prometheus',
        indicator: (record.spec as any).indicator.spec,
        metricSourceRef: 'nowhere',
      },
      NOW,
    );
    expect(await syncs.get('slo:default/pulled', 'main')).toMatchObject({
      state: 'error',
      errorKind: 'configuration',
      reason: expect.stringMatching(
        /^metricSourceRef 'nowhere': no reliability\.dataSources\.nowhere in app-config and no DataSource entity/,
      ),
    });
    await knex.destroy();
  });

  it('syncs an SLO whose indicatorRef names an SLI entity as it syncs an inline one', async () => {
    const { knex, slos, buckets, syncs, source, service, changed } =
      await setup();
    await slos.upsert([refSlo('by-sli', 'checkout-sli')]);
    expect(await service.syncAll(NOW)).toBe(2);
    const bySli = source.requests.filter(
      r => r.sloRef === 'slo:default/by-sli',
    );
    expect(bySli.map(r => [r.from, r.to])).toEqual([
      [NOW - 2 * DAY, NOW - DAY],
      [NOW - DAY, NOW],
    ]);
    // The SLI entity's queries, on the data source its metricSourceRef names.
    expect(bySli[0].indicator).toEqual(
      sliEntity('checkout-sli', 'default', 'prom-main').spec,
    );
    expect(bySli[0].dataSource).toEqual({
      name: 'prom-main',
      type: 'Prometheus',
      connectionDetails: { url: 'http://127.0.0.1:9' },
    });
    expect(
      await buckets.read('slo:default/by-sli', 'main', 0, NOW),
    ).toHaveLength(2 * 1440);
    expect(await syncs.get('slo:default/by-sli', 'main')).toMatchObject({
      sourceType: 'Prometheus',
      state: 'ok',
      watermark: NOW,
    });
    expect(changed).toContainEqual(['slo:default/by-sli']);
    await knex.destroy();
  });

  it('resolves indicatorRef and metricSourceRef in the SLO namespace, never in another', async () => {
    const { knex, slos, syncs, source, service } = await setup();
    // sli:team-a/checkout-sli (not default's) on datasource:team-a/prom-ns (not team-b's).
    await slos.upsert([
      refSlo('a', 'checkout-sli', 'team-a'),
      refSlo('b', 'other-sli', 'team-b'),
      // other-sli exists in team-b only.
      refSlo('c', 'other-sli', 'team-a'),
    ]);
    await service.syncAll(NOW);
    const first = (ref: string) => source.requests.find(r => r.sloRef === ref);
    expect(first('slo:team-a/a')?.indicator).toEqual(
      sliEntity('checkout-sli', 'team-a', 'prom-ns').spec,
    );
    expect(first('slo:team-a/a')?.dataSource?.connectionDetails).toEqual({
      url: 'http://prom.team-a:9090',
    });
    expect(first('slo:team-b/b')?.dataSource?.connectionDetails).toEqual({
      url: 'http://prom.team-b:9090',
    });
    expect(first('slo:team-a/c')).toBeUndefined();
    expect(await syncs.get('slo:team-a/c', 'main')).toMatchObject({
      state: 'error',
      errorKind: 'configuration',
      reason:
        "spec.indicatorRef: SLI 'other-sli': no SLI entity sli:team-a/other-sli in the catalog, so its queries are unknown",
    });
    await knex.destroy();
  });

  it('records an indicatorRef naming no SLI as the objective source fault, naming the field', async () => {
    const { knex, slos, syncs, source, service } = await setup();
    await slos.upsert([refSlo('orphan', 'gone')]);
    expect(await service.syncAll(NOW)).toBe(1);
    expect(source.requests.some(r => r.sloRef === 'slo:default/orphan')).toBe(
      false,
    );
    expect(await syncs.get('slo:default/orphan', 'main')).toMatchObject({
      state: 'error',
      errorKind: 'configuration',
      watermark: null,
      lastAttemptAt: NOW,
      reason:
        "spec.indicatorRef: SLI 'gone': no SLI entity sli:default/gone in the catalog, so its queries are unknown",
    });
    await knex.destroy();
  });
});
