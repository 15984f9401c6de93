import type { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SloRecord, SloStore } from './SloStore';
import { SliSyncStore } from './SliSyncStore';
import { SloState, StatusStore } from './StatusStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

function slo(name: string, owner: string, system?: string): SloRecord {
  return {
    sloRef: `slo:default/${name}`,
    serviceRef: `component:default/${name}-svc`,
    title: name,
    ownerRef: owner,
    systemRef: system,
    definitionHash: `h-${name}`,
    spec: { service: `${name}-svc` },
    tags: [`tag-${name}`],
    definition: {
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 86_400_000 },
      objectives: [{ name: 'o', target: 0.99 }],
    },
  };
}

describe.each(ids)('SloStore and StatusStore on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    return { knex, slos: new SloStore(knex), statuses: new StatusStore(knex) };
  }

  it('upserts SLOs, reports which changed, and deletes the ones gone', async () => {
    const { knex, slos } = await setup();
    expect(
      await slos.upsert([
        slo('a', 'group:default/x'),
        slo('b', 'group:default/y'),
      ]),
    ).toEqual(['slo:default/a', 'slo:default/b']);
    const changedB = { ...slo('b', 'group:default/y'), definitionHash: 'h-b2' };
    expect(await slos.upsert([slo('a', 'group:default/x'), changedB])).toEqual([
      'slo:default/b',
    ]);
    expect(await slos.get('slo:default/a')).toEqual(
      slo('a', 'group:default/x'),
    );
    const many = await slos.getMany([
      'slo:default/b',
      'slo:default/a',
      'slo:default/missing',
      'slo:default/a',
    ]);
    expect([...many.keys()].sort()).toEqual(['slo:default/a', 'slo:default/b']);
    expect(many.get('slo:default/a')).toEqual(slo('a', 'group:default/x'));
    expect(many.get('slo:default/b')).toEqual(await slos.get('slo:default/b'));
    expect((await slos.getMany([])).size).toBe(0);
    // More refs than one query takes (SQLite binds at most 999 values).
    const wide = Array.from({ length: 1200 }, (_, i) => `slo:default/x${i}`);
    expect([
      ...(await slos.getMany([...wide, 'slo:default/b'])).keys(),
    ]).toEqual(['slo:default/b']);
    expect(await slos.deleteAllExcept(new Set(['slo:default/b']))).toEqual([
      'slo:default/a',
    ]);
    expect((await slos.list()).map(s => s.sloRef)).toEqual(['slo:default/b']);
    expect(await slos.listByService('component:default/b-svc')).toHaveLength(1);
    await slos.upsert([
      slo('c', 'group:default/x'),
      slo('a', 'group:default/x'),
    ]);
    const byService = await slos.listByServices([
      'component:default/c-svc',
      'component:default/b-svc',
      'component:default/none',
    ]);
    expect([...byService.keys()].sort()).toEqual([
      'component:default/b-svc',
      'component:default/c-svc',
    ]);
    expect(byService.get('component:default/c-svc')).toEqual([
      await slos.get('slo:default/c'),
    ]);
    expect(await slos.listByService('component:default/none')).toEqual([]);
    await knex.destroy();
  });

  it('keeps each definition an SLO has had, from when it was delivered, and only real refinements', async () => {
    const { knex, slos } = await setup();
    const T0 = Date.parse('2026-11-01T00:00:00Z');
    const first = {
      ...slo('a', 'group:default/x'),
      source: {
        location: 'url:https://git.example.com/slos/a.yaml',
        url: 'https://git.example.com/slos/a.yaml',
      },
    };
    await slos.upsert([first], T0);
    // Renamed only: the hash changes, the definition does not — no refinement.
    await slos.upsert(
      [{ ...first, title: 'A (renamed)', definitionHash: 'h-a2' }],
      T0 + 1,
    );
    const loosened = {
      ...first,
      definitionHash: 'h-a3',
      definition: {
        ...first.definition,
        objectives: [{ name: 'o', target: 0.98 }],
      },
    };
    await slos.upsert([loosened], T0 + 20 * 86_400_000);
    // The same again (a later sync): nothing new.
    await slos.upsert([loosened], T0 + 21 * 86_400_000);
    expect(await slos.revisions('slo:default/a')).toEqual([
      {
        sloRef: 'slo:default/a',
        revision: 1,
        definition: first.definition,
        effectiveFrom: T0,
        sourceLocation: 'url:https://git.example.com/slos/a.yaml',
        sourceUrl: 'https://git.example.com/slos/a.yaml',
        imported: false,
        deliveredAt: T0,
        indicator: null,
      },
      expect.objectContaining({
        revision: 2,
        definition: loosened.definition,
        effectiveFrom: T0 + 20 * 86_400_000,
      }),
    ]);
    expect(await slos.revisions('slo:default/none')).toEqual([]);
    await knex.destroy();
  });

  it('lists statuses worst budget first, filtered and paginated', async () => {
    const { knex, slos, statuses } = await setup();
    const records: Array<
      [string, string, string | undefined, SloState, number | null]
    > = [
      ['a', 'group:default/x', 'system:default/s', 'healthy', 0.9],
      ['b', 'group:default/x', undefined, 'exhausted', -0.5],
      ['c', 'group:default/y', 'system:default/s', 'no-data', null],
      ['d', 'group:default/y', undefined, 'warning', 0.4],
    ];
    await slos.upsert(records.map(([n, o, s]) => slo(n, o, s)));
    await statuses.upsert(
      records.map(([n, , , state, remaining]) => ({
        sloRef: `slo:default/${n}`,
        objective: 'o',
        serviceRef: `component:default/${n}-svc`,
        state,
        remaining,
        status: { name: 'o', n },
        evaluatedAt: 1000,
      })),
    );
    const all = await statuses.query({ limit: 10, offset: 0 });
    expect(all.totalCount).toBe(4);
    expect(all.items.map(i => i.sloRef)).toEqual([
      'slo:default/b',
      'slo:default/d',
      'slo:default/a',
      'slo:default/c',
    ]);
    expect(all.items[0]).toMatchObject({
      remaining: -0.5,
      status: { n: 'b' },
      evaluatedAt: 1000,
    });

    const page2 = await statuses.query({ limit: 2, offset: 2 });
    expect(page2.items.map(i => i.sloRef)).toEqual([
      'slo:default/a',
      'slo:default/c',
    ]);
    expect(page2.totalCount).toBe(4);

    const byOwner = await statuses.query({
      ownerRef: 'group:default/y',
      limit: 10,
      offset: 0,
    });
    expect(byOwner.items.map(i => i.sloRef)).toEqual([
      'slo:default/d',
      'slo:default/c',
    ]);
    const bySystem = await statuses.query({
      systemRef: 'system:default/s',
      state: 'healthy',
      limit: 10,
      offset: 0,
    });
    expect(bySystem.items.map(i => i.sloRef)).toEqual(['slo:default/a']);

    const byServices = await statuses.query({
      serviceRefs: ['component:default/a-svc', 'component:default/c-svc'],
      limit: 10,
      offset: 0,
    });
    expect(byServices.items.map(i => i.sloRef)).toEqual([
      'slo:default/a',
      'slo:default/c',
    ]);
    expect(
      (await statuses.query({ serviceRefs: [], limit: 10, offset: 0 }))
        .totalCount,
    ).toBe(0);

    await statuses.deleteForSlos(['slo:default/a']);
    expect(await statuses.listBySlo('slo:default/a')).toEqual([]);
    await knex.destroy();
  });
});

describe.each(ids)(
  'StatusStore.query by urgency and words on %s',
  databaseId => {
    it('puts pages first (even on an exhausted budget), then exhausted, ticket, at risk, healthy, no data', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const slos = new SloStore(knex);
      const statuses = new StatusStore(knex);
      const page = [{ severity: 'page', firing: true }];
      const records: Array<[string, SloState, number | null, unknown[]]> = [
        ['nodata', 'no-data', null, []],
        ['healthy', 'healthy', 0.8, []],
        ['atrisk', 'healthy', 0.1, []],
        ['ticket', 'warning', 0.5, [{ severity: 'ticket', firing: true }]],
        ['exhausted', 'exhausted', -3.3, []],
        ['exhaustedpaging', 'exhausted', -0.1, page],
        ['paging', 'critical', 0.6, page],
      ];
      await slos.upsert(records.map(([n]) => slo(n, 'group:default/x')));
      await statuses.upsert(
        records.map(([n, state, remaining, alerts]) => ({
          sloRef: `slo:default/${n}`,
          objective: 'o',
          serviceRef: `component:default/${n}-svc`,
          state,
          remaining,
          status: { name: 'o', alerts },
          evaluatedAt: 1000,
        })),
      );
      const order = [
        'exhaustedpaging',
        'paging',
        'exhausted',
        'ticket',
        'atrisk',
        'healthy',
        'nodata',
      ].map(n => `slo:default/${n}`);
      const all = await statuses.query({ limit: 10, offset: 0 });
      expect(all.items.map(i => i.sloRef)).toEqual(order);
      // Page by page, the same order: nothing repeated, nothing skipped.
      const pages = [];
      for (let offset = 0; offset < order.length; offset += 3) {
        const p = await statuses.query({ limit: 3, offset });
        expect(p.totalCount).toBe(order.length);
        pages.push(...p.items.map(i => i.sloRef));
      }
      expect(pages).toEqual(order);
      await knex.destroy();
    });

    it('matches every word in any of reference, title, objective, service and owner, wildcards literally', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const slos = new SloStore(knex);
      const statuses = new StatusStore(knex);
      await slos.upsert([
        {
          ...slo('checkout-latency', 'group:default/team-checkout'),
          title: 'Checkout API latency',
        },
        {
          ...slo('cart', 'group:default/team-checkout'),
          title: 'Cart 100% uptime',
        },
        { ...slo('search', 'group:default/team-search'), title: 'Search API' },
      ]);
      await statuses.upsert(
        ['checkout-latency', 'cart', 'search'].map(n => ({
          sloRef: `slo:default/${n}`,
          objective: 'o',
          serviceRef: `component:default/${n}-svc`,
          state: 'healthy' as SloState,
          remaining: 0.5,
          status: { name: 'o' },
          evaluatedAt: 1000,
        })),
      );
      const find = async (...terms: string[]) =>
        (await statuses.query({ terms, limit: 10, offset: 0 })).items
          .map(i => i.sloRef)
          .sort();
      expect(await find('checkout', 'api')).toEqual([
        'slo:default/checkout-latency',
      ]);
      expect(await find('CHECKOUT')).toEqual([
        'slo:default/cart',
        'slo:default/checkout-latency',
      ]);
      expect(await find('team-search')).toEqual(['slo:default/search']);
      expect(await find('100%')).toEqual(['slo:default/cart']);
      expect(await find('%')).toEqual(['slo:default/cart']);
      expect(await find('_')).toEqual([]);
      await knex.destroy();
    });
  },
);

describe('StatusStore.query plan on SQLite', () => {
  // The list's ORDER BY and the index reliability_slo_status_list_order_idx must hold the
  // same expressions; if they drift apart, SQLite sorts every match again for each page.
  it('chooses a page by reading the order index, without sorting the matches', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: migrationsDir });
    const slos = new SloStore(knex);
    const statuses = new StatusStore(knex);
    await slos.upsert([
      slo('a', 'group:default/x'),
      slo('b', 'group:default/x'),
    ]);
    await statuses.upsert(
      ['a', 'b'].map((n, i) => ({
        sloRef: `slo:default/${n}`,
        objective: 'o',
        serviceRef: `component:default/${n}-svc`,
        state: 'healthy' as SloState,
        remaining: i === 0 ? null : 0.5,
        status: { name: 'o' },
        evaluatedAt: 1000,
      })),
    );
    const statements: Array<{ sql: string; bindings: Knex.RawBinding[] }> = [];
    const onQuery = (q: { sql: string; bindings: Knex.RawBinding[] }) =>
      statements.push(q);
    knex.on('query', onQuery);
    const page = await statuses.query({ limit: 1, offset: 1 });
    knex.off('query', onQuery);
    expect(page.items.map(i => i.sloRef)).toEqual(['slo:default/a']);

    const rowsRead = statements.find(q => /order by/i.test(q.sql));
    expect(rowsRead).toBeDefined();
    const plan: Array<{ id: number; parent: number; detail: string }> =
      await knex.raw(`explain query plan ${rowsRead!.sql}`, rowsRead!.bindings);
    // The steps under the subquery that picks the page's keys.
    const subquery = plan.find(step => /SUBQUERY/.test(step.detail));
    expect(subquery).toBeDefined();
    const under = new Set([subquery!.id]);
    for (const step of plan) if (under.has(step.parent)) under.add(step.id);
    const keySteps = plan
      .filter(step => step.id !== subquery!.id && under.has(step.id))
      .map(step => step.detail);
    expect(keySteps).toContainEqual(
      expect.stringContaining('reliability_slo_status_list_order_idx'),
    );
    expect(keySteps.join('\n')).not.toMatch(/TEMP B-TREE/);
    await knex.destroy();
  });
});

describe.each(ids)('StatusStore.serviceSummaries on %s', databaseId => {
  it('sums each service’s objectives: count, without data, worst state, least budget', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const statuses = new StatusStore(knex);
    const row = (
      sloRef: string,
      objective: string,
      serviceRef: string,
      state: SloState,
      remaining: number | null,
    ) => ({
      sloRef,
      objective,
      serviceRef,
      state,
      remaining,
      status: {},
      evaluatedAt: 0,
    });
    await statuses.upsert([
      row('slo:default/a', 'o1', 'component:default/x', 'healthy', 0.8),
      row('slo:default/a', 'o2', 'component:default/x', 'no-data', null),
      row('slo:default/b', 'o', 'component:default/x', 'warning', 0.3),
      row('slo:default/c', 'o', 'component:default/y', 'no-data', null),
    ]);
    // A batch's policy evaluation reads several services' statuses at once, grouped.
    const byService = await statuses.listByServices([
      'component:default/y',
      'component:default/x',
      'component:default/none',
    ]);
    expect([...byService.keys()].sort()).toEqual([
      'component:default/x',
      'component:default/y',
    ]);
    expect(byService.get('component:default/x')).toEqual(
      await statuses.listByService('component:default/x'),
    );
    expect(
      byService.get('component:default/x')!.map(r => [r.sloRef, r.objective]),
    ).toEqual([
      ['slo:default/a', 'o1'],
      ['slo:default/a', 'o2'],
      ['slo:default/b', 'o'],
    ]);
    expect(await statuses.listByService('component:default/none')).toEqual([]);
    const summaries = await statuses.serviceSummaries();
    expect(summaries.get('component:default/x')).toEqual({
      objectives: 3,
      noData: 1,
      worstState: 'warning',
      minRemaining: 0.3,
    });
    expect(summaries.get('component:default/y')).toEqual({
      objectives: 1,
      noData: 1,
      worstState: 'no-data',
      minRemaining: null,
    });
    await knex.destroy();
  });
});

describe.each(ids)('StatusStore.store on %s', databaseId => {
  it('stores an evaluation: drops objectives the SLOs no longer have, never over a newer status', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const statuses = new StatusStore(knex);
    const row = (
      sloRef: string,
      objective: string,
      remaining: number,
      evaluatedAt: number,
    ) => ({
      sloRef,
      objective,
      serviceRef: 'component:default/x',
      state: 'healthy' as const,
      remaining,
      status: { remaining },
      evaluatedAt,
    });
    await statuses.upsert([
      row('slo:default/a', 'kept', 0.5, 100),
      row('slo:default/a', 'dropped', 0.5, 100),
      row('slo:default/b', 'newer', 0.5, 300),
      row('slo:default/c', 'untouched', 0.5, 100),
    ]);
    await statuses.store(
      [
        { sloRef: 'slo:default/a', keep: ['kept', 'added'] },
        { sloRef: 'slo:default/b', keep: ['newer'] },
      ],
      [
        row('slo:default/a', 'kept', 0.9, 200),
        row('slo:default/a', 'added', 0.8, 200),
        // Evaluated before the stored status: left as it is.
        row('slo:default/b', 'newer', 0.1, 200),
      ],
    );
    const stored = async (sloRef: string) =>
      (await statuses.listBySlo(sloRef))
        .map(s => [s.objective, s.remaining, s.evaluatedAt])
        .sort();
    expect(await stored('slo:default/a')).toEqual([
      ['added', 0.8, 200],
      ['kept', 0.9, 200],
    ]);
    expect(await stored('slo:default/b')).toEqual([['newer', 0.5, 300]]);
    expect(await stored('slo:default/c')).toEqual([['untouched', 0.5, 100]]);
    // Without records, only the deletion.
    await statuses.store([{ sloRef: 'slo:default/a', keep: ['kept'] }], []);
    expect(await stored('slo:default/a')).toEqual([['kept', 0.9, 200]]);
    await knex.destroy();
  });
});

describe.each(ids)('StatusStore.listByServiceWithSyncs on %s', databaseId => {
  it('reads what listByService and SliSyncStore.listBySlos would, in one statement', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const statuses = new StatusStore(knex);
    const syncStore = new SliSyncStore(knex);
    const row = (sloRef: string, objective: string, serviceRef: string) => ({
      sloRef,
      objective,
      serviceRef,
      state: 'healthy' as SloState,
      remaining: 0.5,
      status: { name: objective },
      evaluatedAt: 1_764_000_000_000,
    });
    await statuses.upsert([
      row('slo:default/b', 'o', 'component:default/x'),
      row('slo:default/a', 'o2', 'component:default/x'),
      row('slo:default/a', 'o1', 'component:default/x'),
      row('slo:default/c', 'o', 'component:default/y'),
    ]);
    const sync = (sloRef: string, objective: string) => ({
      sloRef,
      objective,
      sourceType: 'prometheus',
      watermark: 1_764_000_000_000,
      state: 'stale' as const,
      errorKind: null,
      reason: 'unreachable',
      lastAttemptAt: 1_764_000_060_000,
      lastSuccessAt: null,
    });
    await syncStore.put(sync('slo:default/a', 'o2'));
    await syncStore.put(sync('slo:default/c', 'o'));
    // A sync record of an objective without a status is not the service's.
    await syncStore.put(sync('slo:default/b', 'gone'));

    const read = await statuses.listByServiceWithSyncs('component:default/x');
    expect(read.statuses).toEqual(
      await statuses.listByService('component:default/x'),
    );
    expect(read.statuses.map(s => `${s.sloRef} ${s.objective}`)).toEqual([
      'slo:default/a o1',
      'slo:default/a o2',
      'slo:default/b o',
    ]);
    expect(read.syncs).toEqual([sync('slo:default/a', 'o2')]);
    expect(
      await statuses.listByServiceWithSyncs('component:default/none'),
    ).toEqual({ statuses: [], syncs: [] });
    await knex.destroy();
  });
});
