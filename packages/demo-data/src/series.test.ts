import { createHash } from 'node:crypto';
import { PROFILES } from './profiles';
import { errorRateAt, itemFor, rand } from './series';
import { DAY, HOUR, MIN } from './time';

const anchor = Date.UTC(2026, 11, 5, 10, 49);

/**
 * The sha256 (first 16 hex digits) of each SLO's 35-day back-fill at `anchor`, as
 * scripts/demo-data.mjs generated it before the seeder replaced it: the demo's data (and so
 * the states the e2e journeys expect) must not change by accident.
 */
const DIGESTS: Record<string, string> = {
  'checkout-api-availability': '49df7c59c7f118e1',
  'checkout-api-latency': 'caf519aedb90b923',
  'payments-gateway-availability': '6e3706728348220c',
  'search-api-availability': 'cf324d02f738cea9',
  'ledger-availability': 'c8be6c7576c954a8',
  'cart-web-availability': '8be8a2bcf21d7a8e',
};

describe('itemFor', () => {
  it.each(Object.keys(PROFILES))(
    '%s: the 35-day series of the old script',
    name => {
      const hash = createHash('sha256');
      for (let t = anchor - 35 * DAY; t <= anchor; t += MIN) {
        hash.update(JSON.stringify(itemFor(name, PROFILES[name], anchor, t)));
      }
      expect(hash.digest('hex').slice(0, 16)).toBe(DIGESTS[name]);
    },
  );

  it('answers the points the old script did', () => {
    const at = (name: string, t: number) =>
      itemFor(name, PROFILES[name], anchor, t);
    // The ongoing incident of Checkout API (75 minutes back, 2.5%).
    expect(at('checkout-api-availability', anchor - 30 * MIN)).toEqual({
      slo: 'slo:default/checkout-api-availability',
      timestamp: '2026-12-05T10:19:00.000Z',
      good: 693,
      total: 707,
    });
    expect(at('checkout-api-availability', anchor - 2 * DAY)).toEqual({
      slo: 'slo:default/checkout-api-availability',
      timestamp: '2026-12-03T10:49:00.000Z',
      good: 810,
      total: 810,
    });
    // Timeslices: every minute of the latency incident is bad, others mostly good.
    expect(at('checkout-api-latency', anchor - 3 * DAY + 10 * MIN)).toEqual({
      slo: 'slo:default/checkout-api-latency',
      timestamp: '2026-12-02T10:59:00.000Z',
      good: 0,
      total: 1,
    });
    expect(at('checkout-api-latency', anchor - DAY)).toMatchObject({
      good: 1,
      total: 1,
    });
    // Payments gateway's indicator counts bad events.
    expect(
      at('payments-gateway-availability', anchor - 2 * DAY + 5 * MIN),
    ).toEqual({
      slo: 'slo:default/payments-gateway-availability',
      timestamp: '2026-12-03T10:54:00.000Z',
      bad: 5,
      total: 370,
    });
    expect(at('ledger-availability', anchor - 5 * DAY + 12 * HOUR)).toEqual({
      slo: 'slo:default/ledger-availability',
      timestamp: '2026-11-30T22:49:00.000Z',
      good: 134,
      total: 135,
    });
  });
});

describe('errorRateAt', () => {
  const search = PROFILES['search-api-availability'];

  it('is the usual rate outside incidents and the highest rate within', () => {
    expect(errorRateAt(search, anchor, anchor - 10 * DAY)).toBe(0.001);
    expect(errorRateAt(search, anchor, anchor - 5 * DAY)).toBe(0.07);
    expect(errorRateAt(search, anchor, anchor - 4 * DAY)).toBe(0.001);
    // An ongoing incident (no duration) lasts up to the anchor and beyond.
    expect(errorRateAt(search, anchor, anchor + HOUR)).toBe(0.02);
  });
});

describe('rand', () => {
  it('is in [0, 1) and the same for the same seed', () => {
    expect(rand('x')).toBe(rand('x'));
    expect(rand('x')).not.toBe(rand('y'));
    for (const seed of ['', 'a', 'checkout-api-latency1764931740000']) {
      expect(rand(seed)).toBeGreaterThanOrEqual(0);
      expect(rand(seed)).toBeLessThan(1);
    }
  });
});
