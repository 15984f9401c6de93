import fc from 'fast-check';
import { DAY, HOUR } from './__testUtils__/buckets';
import {
  ALERT_TIERS,
  MIN_SCALED_WINDOW_MS,
  REFERENCE_WINDOW_MS,
  evaluateAlerts,
  scaleAlertFactor,
} from './alerts';
import { Rates, rates, ratesArb } from './__testUtils__/rates';

const firing = (r: Rates, windowMs = 30 * DAY) =>
  evaluateAlerts(r, windowMs)
    .filter(a => a.firing)
    .map(a => `${a.severity}-${a.longWindow}`);

describe('alert factors', () => {
  it('are the Workbook factors for a 30-day window', () => {
    expect(REFERENCE_WINDOW_MS).toBe(30 * DAY);
    expect(evaluateAlerts(rates(), 30 * DAY)).toEqual([
      {
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        factor: 14.4,
        firing: false,
      },
      {
        severity: 'page',
        longWindow: '6h',
        shortWindow: '30m',
        factor: 6,
        firing: false,
      },
      {
        severity: 'ticket',
        longWindow: '1d',
        shortWindow: '2h',
        factor: 3,
        firing: false,
      },
      {
        severity: 'ticket',
        longWindow: '3d',
        shortWindow: '6h',
        factor: 1,
        firing: false,
      },
    ]);
  });

  it('scale with the window so each tier spends the same share of budget', () => {
    const factors = evaluateAlerts(rates(), 28 * DAY).map(a => a.factor);
    [13.44, 5.6, 2.8, 28 / 30].forEach((expected, i) =>
      expect(factors[i]).toBeCloseTo(expected, 12),
    );
    // The page-1h tier still means 2 % of the budget in its hour.
    expect((factors[0] * 1) / (28 * 24)).toBeCloseTo(0.02, 12);
  });

  it('scale to the whole calendar period', () => {
    expect(scaleAlertFactor(14.4, 31 * DAY)).toBeCloseTo(14.88, 12);
    expect(scaleAlertFactor(14.4, 28 * DAY)).toBeCloseTo(13.44, 12);
    // A Berlin October: 31 days and the hour the clocks go back.
    expect(scaleAlertFactor(1, 31 * DAY + HOUR)).toBe(
      (31 * DAY + HOUR) / (30 * DAY),
    );
  });

  it('are the scaled Workbook factors, exactly, for every window of 28 days and longer', () => {
    for (const days of [28, 29, 30, 31, 90, 365]) {
      for (const tier of ALERT_TIERS) {
        expect(scaleAlertFactor(tier.baseFactor, days * DAY)).toBe(
          tier.baseFactor * ((days * DAY) / REFERENCE_WINDOW_MS),
        );
      }
    }
  });

  it('stay the 28-day factors below 28 days', () => {
    expect(MIN_SCALED_WINDOW_MS).toBe(28 * DAY);
    for (const windowMs of [HOUR, DAY, 7 * DAY, 7 * DAY - HOUR, 14 * DAY]) {
      expect(evaluateAlerts(rates(), windowMs).map(a => a.factor)).toEqual(
        evaluateAlerts(rates(), 28 * DAY).map(a => a.factor),
      );
    }
  });

  it('come in the order page-1h, page-6h, ticket-1d, ticket-3d', () => {
    expect(
      ALERT_TIERS.map(t => `${t.severity}-${t.longWindow}-${t.shortWindow}`),
    ).toEqual(['page-1h-5m', 'page-6h-30m', 'ticket-1d-2h', 'ticket-3d-6h']);
  });
});

describe('evaluateAlerts', () => {
  it('fires a tier only when both its windows burn at least its factor', () => {
    expect(firing(rates({ '1h': 20, '5m': 20 }))).toEqual(['page-1h']);
    // The long window burned, but the short one shows it has stopped.
    expect(firing(rates({ '1h': 20, '5m': 2 }))).toEqual([]);
    // A short spike alone is not enough.
    expect(firing(rates({ '1h': 2, '5m': 200 }))).toEqual([]);
  });

  it('fires at exactly the factor, even a few ulps below it', () => {
    expect(firing(rates({ '6h': 6, '30m': 6 }))).toEqual(['page-6h']);
    expect(firing(rates({ '1h': 14.399999999999999, '5m': 14.4 }))).toEqual([
      'page-1h',
    ]);
    expect(firing(rates({ '1h': 14.39, '5m': 14.4 }))).toEqual([]);
  });

  it('never fires on windows without data', () => {
    expect(firing(rates({ '1h': null, '5m': 100 }))).toEqual([]);
    expect(firing(rates({ '3d': 5, '6h': null }))).toEqual([]);
  });

  it('uses the scaled factor', () => {
    // 13.5× pages on a 28-day window (factor 13.44) but not on a 30-day one (14.4).
    const r = rates({ '1h': 13.5, '5m': 13.5 });
    expect(firing(r, 28 * DAY)).toContain('page-1h');
    expect(firing(r, 30 * DAY)).not.toContain('page-1h');
  });
});

describe('no tier fires while the SLO keeps half its budget at the current burn', () => {
  it('a 7-day window does not open a ticket at 0.3× (it keeps 70 % of its budget)', () => {
    const steady = rates({
      '5m': 0.3,
      '30m': 0.3,
      '1h': 0.3,
      '2h': 0.3,
      '6h': 0.3,
      '1d': 0.3,
      '3d': 0.3,
    });
    expect(firing(steady, 7 * DAY)).toEqual([]);
    // 1× would spend the whole budget by the window's end: the slow ticket fires.
    const exhausting = rates({ '3d': 1, '6h': 1 });
    expect(firing(exhausting, 7 * DAY)).toEqual(['ticket-3d']);
  });

  it('for any window and any burn: a firing tier burns more than half the budget a window', () => {
    fc.assert(
      fc.property(
        ratesArb,
        fc.oneof(
          fc.constantFrom(HOUR, DAY, 7 * DAY, 14 * DAY, 28 * DAY, 31 * DAY),
          fc.integer({ min: HOUR, max: 400 * DAY }),
        ),
        (r, windowMs) => {
          for (const a of evaluateAlerts(r, windowMs)) {
            if (!a.firing) continue;
            // Kept up for a whole window, burn b spends b of the budget: it keeps
            // less than half only above 0.5.
            expect(r[a.longWindow]!).toBeGreaterThan(0.5);
            expect(r[a.shortWindow]!).toBeGreaterThan(0.5);
          }
        },
      ),
    );
  });
});
