import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  ObjectiveStatus,
  ReliabilityApi,
  SloDetail,
} from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockReliabilityApi,
  objectiveStatus,
  responseError,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { formatLocalTime } from '../shared/format';
import { rootRouteRef } from '../../routes';
import { ReliabilityPage } from '../ReliabilityPage';

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(90_000);

const PATH = '/reliability/slos/default/checkout-api-latency';

function detail(
  status: Partial<ObjectiveStatus> = {},
  overrides: Partial<SloDetail> = {},
): SloDetail {
  return {
    sloRef: 'slo:default/checkout-api-latency',
    name: 'checkout-api-latency',
    title: 'Checkout API latency',
    budgetingMethod: 'Occurrences',
    window: 'rolling 28d',
    serviceRef: 'component:default/checkout-api',
    ownerRef: 'group:default/team-checkout',
    range: 'window',
    objectives: [objectiveStatus({ name: 'p99-under-400ms', ...status })],
    series: [
      {
        objective: 'p99-under-400ms',
        windowStart: '2026-10-30T12:00:00.000Z',
        periodEnd: '2026-11-27T12:00:00.000Z',
        lastDataAt: '2026-11-27T11:59:00.000Z',
        points: [
          { t: '2026-11-26T12:00:00.000Z', good: 0, total: 0, remaining: 0.6 },
          {
            t: '2026-11-27T12:00:00.000Z',
            good: 99,
            total: 100,
            remaining: 0.5,
          },
        ],
      },
    ],
    ...overrides,
  };
}

function render(api: Partial<ReliabilityApi>, path = PATH) {
  const reliabilityApi = mockReliabilityApi(api);
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, reliabilityApi]]}>
      <Routes>
        <Route path="/reliability/*" element={<ReliabilityPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  ).then(() => reliabilityApi);
}

const REF = { namespace: 'default', name: 'checkout-api-latency' };

describe('SloPage', () => {
  it('asks for the range in the URL, and for another one when the selector changes', async () => {
    const getSlo = jest.fn().mockResolvedValue(detail());
    // As after a reload of a page left on the last 7 days.
    await render({ getSlo }, `${PATH}?range=7d`);
    expect(
      await screen.findByRole('heading', { name: 'Checkout API latency' }),
    ).toBeInTheDocument();
    expect(getSlo).toHaveBeenCalledWith(REF, { range: '7d' });
    expect(getSlo).not.toHaveBeenCalledWith(REF, { range: 'window' });
    expect(screen.getByRole('button', { name: 'Last 7 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Last day' }));
    await waitFor(() =>
      expect(getSlo).toHaveBeenLastCalledWith(REF, { range: '1d' }),
    );
    expect(screen.getByRole('button', { name: 'Last day' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('reads an unknown range in the URL as the whole window', async () => {
    const getSlo = jest.fn().mockResolvedValue(detail());
    await render({ getSlo }, `${PATH}?range=month`);
    await screen.findByRole('heading', { name: 'Checkout API latency' });
    expect(getSlo).toHaveBeenCalledWith(REF, { range: 'window' });
  });

  it('shows the service, owner and policy, the verdict and both charts', async () => {
    await render({ getSlo: jest.fn().mockResolvedValue(detail()) });
    const service = await screen.findByRole('link', { name: 'checkout-api' });
    expect(service).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/reliability',
    );
    expect(screen.getByRole('link', { name: 'team-checkout' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-checkout',
    );
    expect(
      await screen.findByRole('link', { name: 'Payments strict policy' }),
    ).toHaveAttribute('href', '/reliability/policies/payments/strict');
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(screen.getByText('50% left')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'SLI over time against the target' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Error budget burn-down chart' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The dashed line is the ideal burn/),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('slo-freshness')).getByText(
        /^Data source: Push API/,
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('slo-freshness')).getByText(
        /^Last data received: .*2026/,
      ),
    ).toBeInTheDocument();
  });

  it("says what is wrong with a pulled SLI's source as the SLO card does, its times local", async () => {
    await render({
      getSlo: jest.fn().mockResolvedValue(
        detail({
          source: {
            type: 'Prometheus',
            state: 'error',
            errorKind: 'query',
            reason: 'bad_data: no samples after 2026-11-27T10:00:00Z',
            dataUntil: '2026-11-27T10:00:00.000Z',
            lastSuccessAt: '2026-11-27T10:00:10.000Z',
          },
        }),
      ),
    });
    const freshness = await screen.findByTestId('slo-freshness');
    const local = formatLocalTime('2026-11-27T10:00:00.000Z');
    expect(
      within(freshness).getByText(
        `Data source: Prometheus error: bad_data: no samples after ${local} (data until ${local})`,
      ),
    ).toBeInTheDocument();
    expect(freshness).not.toHaveTextContent('2026-11-27T10:00');
  });

  it('says beside the alert table whether the generated alerts fire in Prometheus', async () => {
    const getSloAlertState = jest.fn().mockResolvedValue({
      sloRef: 'slo:default/checkout-api-latency',
      sourceType: 'Prometheus',
      state: 'ok',
      reason: null,
      error: null,
      checkedAt: '2026-11-27T12:00:00.000Z',
      objectives: [
        {
          name: 'p99-under-400ms',
          slothId: 'checkout-api-checkout-api-latency',
          rulesLoaded: true,
          alerts: [
            {
              alertName: 'ReliabilitySloTicketBurn',
              severity: 'ticket',
              state: 'firing',
            },
          ],
        },
      ],
    });
    await render({
      getSlo: jest.fn().mockResolvedValue(
        detail({
          source: {
            type: 'Prometheus',
            state: 'ok',
            errorKind: null,
            reason: null,
            dataUntil: '2026-11-27T12:00:00.000Z',
            lastSuccessAt: '2026-11-27T12:00:00.000Z',
          },
        }),
      ),
      getSloAlertState,
    });
    expect(
      await screen.findByText('Prometheus: ticket alert firing'),
    ).toBeInTheDocument();
    // The portal fires nothing for this status: the difference is said.
    expect(
      screen.getByText(
        "Differs from the portal's verdict: no alert fires here",
      ),
    ).toBeInTheDocument();
    expect(getSloAlertState).toHaveBeenCalledWith(REF);
  });

  it('lists each alert tier with its threshold, the burn over both windows and whether it fires', async () => {
    await render({
      getSlo: jest.fn().mockResolvedValue(
        detail({
          state: 'critical',
          burnRates: {
            '5m': 30,
            '30m': 8,
            '1h': 24,
            '2h': 20,
            '6h': 5.2,
            '1d': 3,
            '3d': 1.5,
          },
          alerts: [
            {
              severity: 'page',
              longWindow: '1h',
              shortWindow: '5m',
              factor: 14.4,
              firing: true,
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
              longWindow: '3d',
              shortWindow: '6h',
              factor: 1,
              firing: true,
            },
          ],
        }),
      ),
    });
    const table = await screen.findByRole('table', {
      name: 'Burn-rate alerts',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const fast = within(rows[0]);
    expect(fast.getByText('Page')).toBeInTheDocument();
    expect(fast.getByText('1h and 5m')).toBeInTheDocument();
    expect(fast.getByText('14.4×')).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent('1h: 24×');
    expect(rows[0]).toHaveTextContent('5m: 30×');
    expect(fast.getByText('Firing: pages')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('6h: 5.2×');
    expect(within(rows[1]).getByText('Not firing')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Ticket')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Firing: ticket')).toBeInTheDocument();
  });

  it('counts a ratio budget in bad events, over budget by how many', async () => {
    const getSlo = jest.fn().mockResolvedValue(
      detail({
        errorBudget: {
          consumed: 1.25,
          remaining: -0.25,
          total: 4000,
          spent: 5000,
          unit: 'events',
        },
      }),
    );
    await render({ getSlo });
    const budget = await screen.findByTestId('slo-budget');
    expect(budget).toHaveTextContent('Bad events allowed4,000');
    expect(budget).toHaveTextContent('Bad events so far5,000');
    expect(budget).toHaveTextContent('Over budget by1,000 bad events');
    expect(screen.getByText('1.25× over budget')).toBeInTheDocument();
  });

  it('counts a time-slice budget in bad time', async () => {
    await render({
      getSlo: jest.fn().mockResolvedValue(
        detail(
          {
            errorBudget: {
              consumed: 0.25,
              remaining: 0.75,
              total: 8 * 3_600_000,
              spent: 2 * 3_600_000,
              unit: 'ms',
            },
          },
          { budgetingMethod: 'Timeslices' },
        ),
      ),
    });
    const budget = await screen.findByTestId('slo-budget');
    expect(budget).toHaveTextContent('Bad time allowed8 h');
    expect(budget).toHaveTextContent('Bad time so far2 h');
    expect(budget).toHaveTextContent('Bad time left6 h');
    expect(budget).not.toHaveTextContent('events');
  });

  it('says the figures are of the data so far on partial data', async () => {
    await render({
      getSlo: jest.fn().mockResolvedValue(
        detail({
          dataQuality: 'partial',
          dataCoverage: 0.4,
          state: 'warning',
        }),
      ),
    });
    expect(
      await screen.findByText(
        'Partial data: 40% of the window: the figures are those of the data so far',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Error budget, of the data so far'),
    ).toBeInTheDocument();
  });

  it('explains how to push data when there is none, and waits for the first evaluation', async () => {
    await render({
      getSlo: jest.fn().mockResolvedValue(
        detail(
          { dataQuality: 'no-data', state: 'no-data', sli: null },
          {
            series: [],
          },
        ),
      ),
    });
    expect(
      await screen.findByText(/No SLI data in this window yet/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Burn-rate alerts' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/Last data received: none in this window/),
    ).toBeInTheDocument();
  });

  it('does not ask for pushes of an SLO whose data comes from a source: says why none is in', async () => {
    await render({
      getSlo: jest.fn().mockResolvedValue(
        detail(
          {
            dataQuality: 'no-data',
            state: 'no-data',
            sli: null,
            source: {
              type: 'Prometheus',
              state: 'stale',
              errorKind: 'unreachable',
              reason: 'connect ECONNREFUSED 127.0.0.1:9090',
              dataUntil: null,
              lastSuccessAt: null,
            },
          },
          { series: [] },
        ),
      ),
    });
    expect(
      await screen.findByText(
        "No data: the objective's data comes from Prometheus, which the last sync could not read (above).",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No SLI data in this window yet/)).toBeNull();
  });

  it('says an SLO not evaluated yet is not, and shows any other error', async () => {
    await render({
      getSlo: jest
        .fn()
        .mockRejectedValue(
          await responseError(404, 'NotFoundError', 'No SLO slo:default/x'),
        ),
    });
    expect(await screen.findByText(/Not evaluated yet/)).toBeInTheDocument();
    expect(screen.queryByText(/No SLO slo:/)).not.toBeInTheDocument();
  });

  it('shows a server error', async () => {
    await render({
      getSlo: jest
        .fn()
        .mockRejectedValue(
          await responseError(500, 'Error', 'database unavailable'),
        ),
    });
    expect(
      (await screen.findAllByText(/database unavailable/)).length,
    ).toBeGreaterThan(0);
  });

  it('marks refinements on the time axis of the charts', async () => {
    await render({
      getSlo: jest.fn().mockResolvedValue(detail()),
      getSloRevisions: jest.fn().mockResolvedValue({
        sloRef: 'slo:default/checkout-api-latency',
        totalCount: 2,
        items: [
          {
            revision: 1,
            effectiveFrom: '2026-10-01T00:00:00.000Z',
            budgetingMethod: 'Occurrences',
            window: '28d rolling',
            objectives: [{ name: 'p99-under-400ms', target: 0.995 }],
            sourceLocation: null,
            sourceUrl: null,
            imported: false,
            deliveredAt: '2026-10-01T00:00:00.000Z',
            changes: [{ kind: 'created' }],
          },
          {
            revision: 2,
            effectiveFrom: '2026-11-27T00:00:00.000Z',
            budgetingMethod: 'Occurrences',
            window: '28d rolling',
            objectives: [{ name: 'p99-under-400ms', target: 0.999 }],
            sourceLocation: null,
            sourceUrl: null,
            imported: false,
            deliveredAt: '2026-11-27T00:00:00.000Z',
            changes: [
              {
                kind: 'target',
                objective: 'p99-under-400ms',
                direction: 'tightened',
              },
            ],
          },
        ],
      }),
    });
    const chart = await screen.findByRole('img', {
      name: 'Error budget burn-down chart',
    });
    // Inside the chart's day; the first definition is no refinement.
    await waitFor(() =>
      expect(within(chart).getByText('Revision 2')).toBeInTheDocument(),
    );
    expect(within(chart).queryByText('Revision 1')).not.toBeInTheDocument();
  });
});
