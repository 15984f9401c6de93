import { InputError } from '@backstage/errors';
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
});
