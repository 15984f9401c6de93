import {
  ALERT_TIERS,
  BURN_WINDOWS,
  BurnWindow,
  ObjectiveStatus,
  evaluateAlerts,
  forecastExhaustion,
} from '@reliability-suite/plugin-reliability-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { objectiveStatus } from '../../__testUtils__/fixtures';
import { ObjectiveCard } from './ObjectiveCard';
import { formatLocalTime, formatLocalTimeShort } from '../shared/format';
import { forecastText } from './forecastText';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const AT = Date.parse('2026-12-03T12:00:00.000Z');

type Rates = Record<BurnWindow, number | null>;

/** A status as the backend stores it, from the engine's own alerts and forecast. */
function statusFrom(
  rates: Rates,
  remaining: number,
  windowMs = 28 * DAY,
): ObjectiveStatus {
  const alerts = evaluateAlerts(rates, windowMs);
  const forecast = forecastExhaustion({
    remaining,
    rates,
    alerts,
    windowLengthMs: windowMs,
    at: AT,
  });
  return objectiveStatus({
    state: alerts.some(a => a.firing && a.severity === 'page')
      ? 'critical'
      : 'healthy',
    errorBudget: {
      consumed: 1 - remaining,
      remaining,
      total: 40_000,
      spent: (1 - remaining) * 40_000,
      unit: 'events',
    },
    burnRates: rates,
    alerts,
    forecastExhaustionAt:
      forecast.exhaustsAt === null
        ? null
        : new Date(forecast.exhaustsAt).toISOString(),
    forecastBurnWindow: forecast.burnWindow,
    windowStart: new Date(AT - windowMs).toISOString(),
    windowEnd: new Date(AT).toISOString(),
    evaluatedAt: new Date(AT).toISOString(),
  });
}

// Checkout API: four quiet weeks, then 24× for the last hour.
const checkout = statusFrom(
  {
    '5m': 25,
    '30m': 24,
    '1h': 24,
    '2h': 13,
    '6h': 4.5,
    '1d': 1.3,
    '3d': 0.5,
  },
  0.88,
);

describe('ObjectiveCard', () => {
  it('shows the burn now next to the threshold on a firing tier', async () => {
    await renderInTestApp(
      <ObjectiveCard
        title="Checkout API availability"
        subheader="rolling 28d"
        sloRef="slo:default/checkout-api-availability"
        status={checkout}
      />,
    );
    const chip = screen.getByText('24× over 1h, pages at 13.4×');
    expect(chip.closest('[title]')).toHaveAttribute(
      'title',
      'Pages while both the 1h and the 5m burn (now 25×) are at least 13.44×',
    );
    // The forecast agrees with it: 88 % at 24× lasts 0.88 × 28 days / 24 = 24.6 h.
    expect(screen.getByText('in 1 d 1 h')).toBeInTheDocument();
    expect(screen.getByText(/, at 24× over 1h$/)).toBeInTheDocument();
    // And the burn-rate table shows the same 24×.
    expect(screen.getByRole('table', { name: 'Burn rates' })).toHaveTextContent(
      '24×',
    );
  });

  it('says a quiet burn does not run the budget out, and with which burn', async () => {
    await renderInTestApp(
      <ObjectiveCard
        title="Search API availability"
        subheader="rolling 28d"
        sloRef="slo:default/search-api-availability"
        status={statusFrom(
          {
            '5m': 0.2,
            '30m': 0.3,
            '1h': 0.3,
            '2h': 0.3,
            '6h': 0.3,
            '1d': 0.35,
            '3d': 0.4,
          },
          0.7,
        )}
      />,
    );
    expect(screen.getByText('not at this burn')).toBeInTheDocument();
    expect(
      screen.getByText(
        '0.3× over 6h: a whole window at it spends 30% of the budget',
      ),
    ).toBeInTheDocument();
  });
});

describe('ObjectiveCard without data', () => {
  const noData = (source?: ObjectiveStatus['source']) =>
    objectiveStatus({ dataQuality: 'no-data', state: 'no-data', source });

  it('tells a pushed objective how to push data', async () => {
    await renderInTestApp(
      <ObjectiveCard
        title="Ledger availability"
        subheader="rolling 28d"
        sloRef="slo:default/ledger-availability"
        status={noData()}
      />,
    );
    expect(screen.getByText(/Push good and total event counts/)).toBeTruthy();
  });

  it('says what the sync of a pulled objective found, with the source alerts, not the push instructions', async () => {
    await renderInTestApp(
      <ObjectiveCard
        title="Fraud scoring availability"
        subheader="rolling 28d"
        sloRef="slo:default/fraud-scoring-availability"
        status={noData({
          type: 'Prometheus',
          state: 'ok',
          errorKind: null,
          reason: null,
          dataUntil: '2026-12-03T11:59:00.000Z',
          lastSuccessAt: '2026-12-03T12:00:00.000Z',
        })}
        sourceAlerts={<span>In Prometheus: not firing</span>}
      />,
    );
    expect(
      screen.getByText(
        /data comes from Prometheus, and its last sync .* found no events up to/,
      ),
    ).toBeTruthy();
    expect(screen.getByText('In Prometheus: not firing')).toBeTruthy();
    expect(screen.queryByText(/Push good and total event counts/)).toBeNull();
  });

  it("writes the instants of a source's fault in local time, as the rest of the card", async () => {
    const from = '2026-12-03T10:00:00.000Z';
    const to = '2026-12-03T11:00:00.000Z';
    await renderInTestApp(
      <ObjectiveCard
        title="Fraud scoring availability"
        subheader="rolling 28d"
        sloRef="slo:default/fraud-scoring-availability"
        status={noData({
          type: 'Prometheus',
          state: 'error',
          errorKind: 'empty-result',
          reason: `no series between ${from} and ${to}; check the metric name`,
          dataUntil: null,
          lastSuccessAt: null,
        })}
      />,
    );
    expect(
      screen.getByText(
        `Prometheus error: no series between ${formatLocalTime(
          from,
        )} and ${formatLocalTime(to)}; check the metric name`,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(new RegExp(from.slice(0, 16)))).toBeNull();
  });

  it('waits for the first sync of a pulled objective', async () => {
    await renderInTestApp(
      <ObjectiveCard
        title="Fraud scoring availability"
        subheader="rolling 28d"
        sloRef="slo:default/fraud-scoring-availability"
        status={noData({
          type: 'Prometheus',
          state: 'ok',
          errorKind: null,
          reason: null,
          dataUntil: null,
          lastSuccessAt: null,
        })}
      />,
    );
    expect(
      screen.getByText(/its first sync runs within a minute/),
    ).toBeTruthy();
  });
});

describe('forecastText', () => {
  it('says when nothing is being spent', () => {
    const quiet = statusFrom(
      {
        '5m': 0,
        '30m': 0,
        '1h': 0,
        '2h': 0,
        '6h': 0,
        '1d': 0.1,
        '3d': 0.2,
      },
      0.8,
    );
    expect(forecastText(quiet)).toEqual({
      value: 'not at this burn',
      note: '0× over 6h: nothing is being spent',
    });
  });

  // A small deterministic generator: the same cases on every run.
  function random(seed: number) {
    let s = seed;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
  }

  it('never says the budget does not run out while a tier fires', () => {
    const next = random(10);
    const levels = [null, 0, 0.3, 0.5, 0.94, 1, 1.2, 2.8, 3, 5.6, 6, 13.44, 24];
    const fired = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const rates = Object.fromEntries(
        BURN_WINDOWS.map(w => [w, levels[Math.floor(next() * levels.length)]]),
      ) as Rates;
      const remaining = next() * 1.2 - 0.1;
      const windowMs = [7, 28, 30, 31, 90][Math.floor(next() * 5)] * DAY;
      const status = statusFrom(rates, remaining, windowMs);
      const text = forecastText(status);
      const firing = status.alerts.filter(a => a.firing);
      if (firing.length === 0) continue;
      firing.forEach(a => fired.add(`${a.severity}-${a.longWindow}`));
      expect(text.value).not.toMatch(/not/);
      expect(text.value).toMatch(remaining <= 0 ? /already spent/ : /^in /);
    }
    // The cases have every tier fire.
    expect([...fired].sort()).toEqual(
      ALERT_TIERS.map(t => `${t.severity}-${t.longWindow}`).sort(),
    );
  });

  it('falls back to the date alone for a status stored before it named its burn', () => {
    const old = objectiveStatus({
      forecastExhaustionAt: '2026-12-04T12:00:00.000Z',
    });
    expect(forecastText(old)).toEqual({
      value: formatLocalTimeShort(Date.parse('2026-12-04T12:00:00.000Z')),
    });
  });
});
