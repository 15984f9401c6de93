import { sloHistoryImport } from './sloHistory';

describe('sloHistoryImport', () => {
  it("today's definition at 99.5% from 45 days ago, then as it is from 3 days ago", () => {
    const spec = {
      service: 'cart-web',
      objectives: [
        { displayName: 'Pages', target: 0.99, timeSliceTarget: 0.95 },
      ],
    };
    expect(sloHistoryImport(spec, Date.UTC(2026, 11, 5, 10, 49))).toEqual({
      items: [
        {
          effectiveFrom: '2026-10-21T10:49:00.000Z',
          spec: {
            service: 'cart-web',
            objectives: [
              { displayName: 'Pages', target: 0.995, timeSliceTarget: 0.95 },
            ],
          },
          sourceUrl: 'https://git.example.com/shop/cart-web/-/commit/3f2a91c',
          sourceLocation: 'cart-web/slos.yaml@3f2a91c',
        },
        {
          effectiveFrom: '2026-12-02T10:49:00.000Z',
          spec,
          sourceUrl: 'https://git.example.com/shop/cart-web/-/commit/8b0c4de',
        },
      ],
    });
  });
});
