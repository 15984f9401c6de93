import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrationsDir } from '../database/migrations';
import { PostmortemRecord, PostmortemStore } from './PostmortemStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();
const MIN = 60_000;
const T0 = Date.parse('2026-11-20T10:00:00Z');

const postmortem = (
  over: Partial<PostmortemRecord> = {},
): PostmortemRecord => ({
  title: 'Checkout 5xx after the cart deploy',
  documentUrl: 'https://docs.example.com/pm/1',
  severity: 'sev2',
  status: 'published',
  blamelessReviewHeld: true,
  summary: 'A bad cache key',
  startedAt: T0,
  detectedAt: T0 + 4 * MIN,
  mitigatedAt: T0 + 30 * MIN,
  resolvedAt: null,
  entityRefs: ['component:default/checkout-api', 'component:default/cart-web'],
  actionItems: [
    {
      title: 'Alert on cache miss ratio',
      link: null,
      ownerRef: 'group:default/team-checkout',
      dueAt: T0 + 14 * 24 * 60 * MIN,
      priority: 'p1',
      status: 'open',
      labels: [],
      closedAt: null,
    },
  ],
  createdBy: 'user:default/pat',
  externalId: null,
  ...over,
});

describe.each(ids)('PostmortemStore on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    return { knex, store: new PostmortemStore(knex) };
  }

  it('stores a postmortem whole and lists it under every affected entity', async () => {
    const { knex, store } = await setup();
    const id = await store.create(postmortem(), T0);
    const [viaCart] = await store.listByEntity('component:default/cart-web');
    expect(viaCart).toEqual({
      ...postmortem(),
      id,
      entityRefs: [
        'component:default/cart-web',
        'component:default/checkout-api',
      ],
      actionItems: [{ ...postmortem().actionItems[0], id: expect.any(String) }],
      createdAt: T0,
      updatedAt: T0,
    });
    expect((await store.get(id))?.title).toBe(
      'Checkout 5xx after the cart deploy',
    );
    expect(await store.listByEntity('component:default/other')).toEqual([]);
    await knex.destroy();
  });

  it('writes nothing for times out of order or without an affected entity', async () => {
    const { knex, store } = await setup();
    await expect(
      store.create(postmortem({ detectedAt: T0 - MIN }), T0),
    ).rejects.toThrow(/detectedAt: .* is before startedAt/);
    await expect(
      store.create(postmortem({ entityRefs: [] }), T0),
    ).rejects.toThrow(InputError);
    const [{ n }] = await knex('reliability_postmortems').count({ n: '*' });
    expect(Number(n)).toBe(0);
    await knex.destroy();
  });

  it('lists the newest incident first', async () => {
    const { knex, store } = await setup();
    await store.create(postmortem({ title: 'older' }), T0);
    await store.create(
      postmortem({
        title: 'newer',
        startedAt: T0 + 60 * MIN,
        detectedAt: null,
        mitigatedAt: null,
      }),
      T0,
    );
    expect(
      (await store.listByEntity('component:default/checkout-api')).map(
        p => p.title,
      ),
    ).toEqual(['newer', 'older']);
    await knex.destroy();
  });
  it('replaces a postmortem whole, and refuses an edit based on a stale copy', async () => {
    const { knex, store } = await setup();
    const id = await store.create(postmortem(), T0);
    await store.update(
      id,
      postmortem({
        title: 'Renamed',
        entityRefs: ['component:default/checkout-api'],
        actionItems: [],
        status: 'published',
      }),
      T0 + MIN,
      T0,
    );
    const updated = await store.get(id);
    expect(updated).toMatchObject({
      title: 'Renamed',
      entityRefs: ['component:default/checkout-api'],
      actionItems: [],
      createdAt: T0,
      updatedAt: T0 + MIN,
    });
    expect(await store.listByEntity('component:default/cart-web')).toEqual([]);
    // Someone saw the version of T0 and edits it: refused, nothing changes.
    await expect(
      store.update(id, postmortem({ title: 'Stale' }), T0 + 2 * MIN, T0),
    ).rejects.toThrow(ConflictError);
    expect((await store.get(id))?.title).toBe('Renamed');
    await expect(
      store.update('999999', postmortem(), T0, null),
    ).rejects.toThrow(NotFoundError);
    // An invalid replacement writes nothing, children included.
    await expect(
      store.update(id, postmortem({ entityRefs: [] }), T0 + 3 * MIN, null),
    ).rejects.toThrow(InputError);
    expect((await store.get(id))?.entityRefs).toEqual([
      'component:default/checkout-api',
    ]);
    await knex.destroy();
  });

  it('filters the org-wide list by text, entity, severity, status and period, a page at a time', async () => {
    const { knex, store } = await setup();
    await store.create(postmortem({ title: 'Cache stampede' }), T0);
    await store.create(
      postmortem({
        title: 'DNS outage',
        severity: 'sev1',
        status: 'draft',
        summary: 'Resolver 100% CPU',
        entityRefs: ['component:default/search-api'],
        actionItems: [
          { ...postmortem().actionItems[0], title: 'Add resolver_cpu alert' },
        ],
        startedAt: T0 + 24 * 60 * MIN,
        detectedAt: null,
        mitigatedAt: null,
      }),
      T0,
    );
    const titles = async (f: Parameters<PostmortemStore['list']>[0]) =>
      (await store.list(f, { limit: 10, offset: 0 })).items.map(p => p.title);
    expect(await titles({})).toEqual(['DNS outage', 'Cache stampede']);
    expect(await titles({ q: 'STAMPEDE' })).toEqual(['Cache stampede']);
    expect(await titles({ q: 'cpu' })).toEqual(['DNS outage']);
    expect(await titles({ q: 'RESOLVER_CPU' })).toEqual(['DNS outage']);
    // LIKE wildcards in the text are literal.
    expect(await titles({ q: '%' })).toEqual(['DNS outage']);
    expect(await titles({ q: '_' })).toEqual(['DNS outage']);
    expect(
      await titles({ entityRefs: ['component:default/cart-web'] }),
    ).toEqual(['Cache stampede']);
    expect(await titles({ severity: 'sev1' })).toEqual(['DNS outage']);
    expect(await titles({ status: 'published' })).toEqual(['Cache stampede']);
    expect(await titles({ from: T0 + MIN })).toEqual(['DNS outage']);
    expect(await titles({ to: T0 + MIN })).toEqual(['Cache stampede']);
    const page = await store.list({}, { limit: 1, offset: 1 });
    expect(page).toMatchObject({ totalCount: 2 });
    expect(page.items.map(p => p.title)).toEqual(['Cache stampede']);
    await knex.destroy();
  });

  it('finds imported postmortems by archive id, and lists open action items with their entities', async () => {
    const { knex, store } = await setup();
    const id = await store.create(postmortem({ externalId: 'INC-42' }), T0);
    await store.create(
      postmortem({
        actionItems: [{ ...postmortem().actionItems[0], status: 'done' }],
      }),
      T0,
    );
    expect(await store.idsByExternalId(['INC-42', 'INC-43'])).toEqual(
      new Map([['INC-42', id]]),
    );
    expect(await store.openActionItems()).toEqual([
      {
        postmortemId: id,
        status: 'open',
        dueAt: postmortem().actionItems[0].dueAt,
        entityRefs: expect.arrayContaining([
          'component:default/checkout-api',
          'component:default/cart-web',
        ]),
      },
    ]);
    await knex.destroy();
  });
  it('keeps labels, and when an item closed across edits that resend it whole', async () => {
    const { knex, store } = await setup();
    const TEAM = 'group:default/sre-core';
    const item = (over: Record<string, unknown>) => ({
      ...postmortem().actionItems[0],
      ownerRef: TEAM,
      ...over,
    });
    const id = await store.create(
      postmortem({
        actionItems: [
          item({
            title: 'Automate failover',
            labels: ['automation', 'toil-reduction'],
          }),
          item({ title: 'Runbook', status: 'done', closedAt: T0 - 60 * MIN }),
          item({
            title: 'Dashboards',
            ownerRef: 'group:default/team-checkout',
          }),
        ],
      }),
      T0,
    );
    expect(
      (await store.get(id))!.actionItems.map(i => [i.labels, i.closedAt]),
    ).toEqual([
      [['automation', 'toil-reduction'], null],
      [[], T0 - 60 * MIN],
      [[], null],
    ]);
    // Closed in an edit without a time: closed at the edit; the runbook keeps its time.
    const later = T0 + 24 * 60 * MIN;
    const current = (await store.get(id))!;
    await store.update(
      id,
      {
        ...current,
        actionItems: current.actionItems.map(i =>
          i.title === 'Automate failover'
            ? { ...i, status: 'done' }
            : { ...i, closedAt: null },
        ),
      },
      later,
      null,
    );
    const edited = (await store.get(id))!;
    expect(edited.actionItems.map(i => i.closedAt)).toEqual([
      later,
      T0 - 60 * MIN,
      null,
    ]);
    // Reopened: no longer closed.
    await store.update(
      id,
      {
        ...edited,
        actionItems: edited.actionItems.map(i => ({
          ...i,
          status: 'open',
          closedAt: null,
        })),
      },
      later + MIN,
      null,
    );
    expect((await store.get(id))!.actionItems.map(i => i.closedAt)).toEqual([
      null,
      null,
      null,
    ]);

    // Closed again with the time it was read with: that time stays.
    await store.update(id, edited, later + 2 * MIN, null);
    const owned = await store.actionItemsOwnedBy([TEAM], T0);
    expect(owned).toEqual([
      {
        ownerRef: TEAM,
        status: 'done',
        labels: ['automation', 'toil-reduction'],
        openedAt: T0,
        closedAt: later,
      },
    ]);
    // From further back, the runbook closed before T0 is there too.
    expect(await store.actionItemsOwnedBy([TEAM], 0)).toHaveLength(2);
    await knex.destroy();
  });

  it("leaves out a team's action items of postmortems about an entity the caller may not see", async () => {
    const { knex, store } = await setup();
    const owner = 'group:default/team-checkout';
    // One postmortem about checkout-api alone, one also about cart-web.
    await store.create(
      postmortem({ entityRefs: ['component:default/checkout-api'] }),
      T0,
    );
    await store.create(postmortem(), T0);
    expect(await store.actionItemsOwnedBy([owner], 0)).toHaveLength(2);
    const visible = new Set(['component:default/checkout-api']);
    expect(await store.actionItemsOwnedBy([owner], 0, visible)).toHaveLength(1);
    await knex.destroy();
  });
});
