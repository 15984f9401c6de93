import fc from 'fast-check';
import { DAY, HOUR } from './__testUtils__/buckets';
import { evaluateAlerts } from './alerts';
import { forecastExhaustion } from './forecast';
import { Rates, rates, ratesArb } from './__testUtils__/rates';

const AT = Date.UTC(2026, 11, 3, 12);

const forecast = (remaining: number, r: Rates, windowLengthMs = 28 * DAY) =>
  forecastExhaustion({
    remaining,
    rates: r,
    alerts: evaluateAlerts(r, windowLengthMs),
    windowLengthMs,
    at: AT,
  });

describe('forecastExhaustion', () => {
  it('follows the burn of the firing page: 24× with 88 % left runs out in about a day', () => {
    // Checkout API: four quiet weeks, then 24× for the last hour and a bit. The window's
    // average says months; the current burn says a day.
    const f = forecast(
      0.88,
      rates({ '5m': 25, '30m': 24, '1h': 24, '2h': 13, '6h': 4.5, '1d': 1.3 }),
    );
    expect(f.burnWindow).toBe('1h');
    expect(f.burnRate).toBe(24);
    // 0.88 × 28 days / 24 = 1.03 days.
    expect(f.exhaustsAt).toBe(AT + Math.round((0.88 * 28 * DAY) / 24));
    expect((f.exhaustsAt! - AT) / DAY).toBeCloseTo(1.03, 2);
  });

  it('uses the fastest firing tier', () => {
    // Both ticket tiers fire; the 1d one is the faster.
    const f = forecast(0.5, rates({ '1d': 3, '2h': 3, '3d': 1.2, '6h': 3 }));
    expect(f.burnWindow).toBe('1d');
    expect(f.exhaustsAt).toBe(AT + Math.round((0.5 * 28 * DAY) / 3));
  });

  it('without a firing tier, uses the lower of the slow ticket windows', () => {
    // An incident two days ago still weighs on the 3d window, but it is over.
    const over = forecast(0.6, rates({ '3d': 5, '6h': 0.2, '1h': 0.1 }));
    expect(over).toMatchObject({ burnWindow: '6h', burnRate: 0.2 });
    expect(over.exhaustsAt).toBe(AT + Math.round((0.6 * 28 * DAY) / 0.2));
    // A few noisy minutes do not move it either.
    const noisy = forecast(0.9, rates({ '3d': 0.4, '6h': 0.8, '1h': 12 }));
    expect(noisy).toMatchObject({ burnWindow: '3d', burnRate: 0.4 });
  });

  it('is the evaluation time once the budget is spent or overspent', () => {
    expect(forecast(0, rates()).exhaustsAt).toBe(AT);
    expect(forecast(-1.23, rates({ '3d': 2, '6h': 2 })).exhaustsAt).toBe(AT);
  });

  it('is null when nothing is being spent or nothing is known of now', () => {
    expect(forecast(1, rates()).exhaustsAt).toBeNull();
    expect(forecast(0.7, rates({ '6h': null, '3d': 0.5 }))).toEqual({
      burnWindow: '6h',
      burnRate: null,
      exhaustsAt: null,
    });
  });

  it('gives a date, never "not within the window", whenever a tier fires', () => {
    fc.assert(
      fc.property(
        ratesArb,
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.integer({ min: HOUR, max: 100 * DAY }),
        (r, remaining, windowMs) => {
          const alerts = evaluateAlerts(r, windowMs);
          const firing = alerts.find(a => a.firing);
          const f = forecastExhaustion({
            remaining,
            rates: r,
            alerts,
            windowLengthMs: windowMs,
            at: AT,
          });
          if (!firing) return;
          expect(f.burnWindow).toBe(firing.longWindow);
          expect(f.burnRate).toBe(r[firing.longWindow]);
          expect(f.exhaustsAt).not.toBeNull();
          // At the burn the alert shows, that much budget lasts exactly this long.
          expect(f.exhaustsAt!).toBeCloseTo(
            AT + (remaining * windowMs) / r[firing.longWindow]!,
            -1,
          );
        },
      ),
    );
  });
});
