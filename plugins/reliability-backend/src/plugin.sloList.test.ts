import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { pushSlo } from './__testUtils__/catalogFixtures';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(90_000);

const MIN = 60_000;

const component = (name: string, owner: string, tier: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'reliability-suite.dev/tier': tier },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});

const slo = (name: string, service: string, displayName: string) =>
  pushSlo(name, service, { displayName });

const entities = [
  component('checkout-api', 'group:default/team-checkout', '1'),
  component('search-api', 'group:default/team-search', '2'),
  component('cart-web', 'group:default/team-checkout', '2'),
  // Named so that a list sorted by name or by budget alone would not put it first.
  slo('zz-checkout-api-latency', 'checkout-api', 'Checkout API latency'),
  slo('search-availability', 'search-api', 'Search availability'),
  slo('cart-availability', 'cart-web', 'Cart availability (100% & more)'),
];

const minutesAgo = (n: number) =>
  Math.floor((Date.now() - n * MIN) / MIN) * MIN;

/** The urgency order through the real router: query strings as a browser sends them. */
describe('GET /v1/slos: urgency, search and filters', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const user = mockCredentials.user.header();
  const list = (query: string) =>
    request(server)
      .get(`/api/reliability/v1/slos${query}`)
      .set('Authorization', user);
  const refs = (body: any) => body.items.map((i: any) => i.sloRef);

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({ entities: entities as any[] }),
      ],
    }));
    // Checkout fails every request for the last half hour: a page fires. Search is fine.
    // Cart reports only idle minutes: no event in the window, no data.
    const items: object[] = [
      { slo: 'cart-availability', timestamp: minutesAgo(5), good: 0, total: 0 },
    ];
    for (let m = 1; m <= 30; m++) {
      items.push({
        slo: 'zz-checkout-api-latency',
        timestamp: minutesAgo(m),
        good: 0,
        total: 100,
      });
      items.push({
        slo: 'search-availability',
        timestamp: minutesAgo(m),
        good: 100,
        total: 100,
      });
    }
    const pushed = await request(server)
      .post('/api/reliability/v1/sli/events')
      .set('Authorization', user)
      .send({ items });
    if (pushed.status !== 200) {
      throw new Error(`push failed: ${JSON.stringify(pushed.body)}`);
    }
    // Wait for the evaluation of all three objectives.
    for (let i = 0; i < 200; i++) {
      const res = await list('');
      if (
        res.body.totalCount === 3 &&
        res.body.items[0]?.objective?.state === 'exhausted'
      ) {
        break;
      }
      await new Promise(r => setTimeout(r, 200));
    }
  });

  it('lists the paging objective first, then healthy, then no data — on every page alike', async () => {
    const all = await list('');
    expect(all.status).toBe(200);
    expect(refs(all.body)).toEqual([
      'slo:default/zz-checkout-api-latency',
      'slo:default/search-availability',
      'slo:default/cart-availability',
    ]);
    // Exhausted and paging at once: paging is what leads.
    expect(all.body.items[0].objective.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'page', firing: true }),
      ]),
    );
    const paged = [];
    for (let offset = 0; offset < 3; offset++) {
      const res = await list(`?limit=1&offset=${offset}`);
      expect(res.body.totalCount).toBe(3);
      paged.push(...refs(res.body));
    }
    expect(paged).toEqual(refs(all.body));
  });

  it('searches words anywhere in title, name, service and owner, with spaces and reserved characters', async () => {
    const spaced = await list(`?q=${encodeURIComponent('checkout  API')}`);
    expect(spaced.status).toBe(200);
    expect(refs(spaced.body)).toEqual(['slo:default/zz-checkout-api-latency']);
    // A bare + is ambiguous (a plus, or a space as forms write it): refused, saying how to
    // send each reading.
    const plus = await list('?q=Checkout+latency');
    expect(plus.status).toBe(400);
    expect(plus.body.error.message).toMatch(/q=Checkout%20latency/);
    // By the owner's reference: both of team-checkout's services, most urgent first.
    expect(refs((await list('?q=team-checkout')).body)).toEqual([
      'slo:default/zz-checkout-api-latency',
      'slo:default/cart-availability',
    ]);
    const reserved = await list(`?q=${encodeURIComponent('100% & more')}`);
    expect(reserved.status).toBe(200);
    expect(refs(reserved.body)).toEqual(['slo:default/cart-availability']);
    expect((await list(`?q=${encodeURIComponent('50%')}`)).body).toEqual({
      items: [],
      totalCount: 0,
    });
  });

  it('filters by owner and tier, and combines them with the search', async () => {
    const owner = await list(
      `?owner=${encodeURIComponent('group:default/team-checkout')}`,
    );
    expect(refs(owner.body)).toEqual([
      'slo:default/zz-checkout-api-latency',
      'slo:default/cart-availability',
    ]);
    expect(refs((await list('?tier=2')).body)).toEqual([
      'slo:default/search-availability',
      'slo:default/cart-availability',
    ]);
    expect(
      refs(
        (
          await list(
            `?tier=2&owner=${encodeURIComponent(
              'group:default/team-checkout',
            )}&q=cart`,
          )
        ).body,
      ),
    ).toEqual(['slo:default/cart-availability']);
    expect((await list('?tier=3')).body).toEqual({ items: [], totalCount: 0 });
  });

  it('rejects bad input naming the field', async () => {
    const badOwner = await list('?owner=team-checkout');
    expect(badOwner.status).toBe(400);
    expect(badOwner.body.error.message).toMatch(/owner/);
    const badTier = await list('?tier=9');
    expect(badTier.status).toBe(400);
    expect(badTier.body.error.message).toMatch(/tier/);
    const words = await list(
      `?q=${encodeURIComponent('a b c d e f g h i j k l m n o p q')}`,
    );
    expect(words.status).toBe(400);
    expect(words.body.error.message).toMatch(/^q: at most 16 words; got 17/);
  });
});
