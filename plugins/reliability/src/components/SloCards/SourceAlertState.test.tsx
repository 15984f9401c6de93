import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  ObjectiveStatus,
  SloAlertState,
  SloSummary,
} from '@reliability-suite/plugin-reliability-common';
import { screen } from '@testing-library/react';
import {
  mockReliabilityApi,
  objectiveStatus,
  responseError,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { formatLocalTime } from '../shared/format';
import { SloSection } from './SloSection';

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(60_000);

const pulled: Partial<ObjectiveStatus> = {
  source: {
    type: 'Prometheus',
    state: 'ok',
    errorKind: null,
    reason: null,
    dataUntil: '2026-11-27T12:00:00.000Z',
    lastSuccessAt: '2026-11-27T12:00:00.000Z',
  },
};

/** The portal's verdict: a page-tier alert firing over 1h/5m. */
const paging: Partial<ObjectiveStatus> = {
  state: 'critical',
  alerts: [
    {
      severity: 'page',
      longWindow: '1h',
      shortWindow: '5m',
      factor: 13.44,
      firing: true,
    },
  ],
};

function slo(status: Partial<ObjectiveStatus>): SloSummary {
  return {
    sloRef: 'slo:default/checkout-availability',
    name: 'checkout-availability',
    title: 'Checkout availability',
    budgetingMethod: 'Occurrences',
    window: 'rolling 28d',
    objectives: [objectiveStatus({ name: 'requests', ...status })],
  };
}

function state(overrides: Partial<SloAlertState> = {}): SloAlertState {
  return {
    sloRef: 'slo:default/checkout-availability',
    sourceType: 'Prometheus',
    state: 'ok',
    reason: null,
    error: null,
    checkedAt: '2026-11-27T12:00:00.000Z',
    objectives: [
      {
        name: 'requests',
        slothId: 'checkout-api-checkout-availability',
        rulesLoaded: true,
        alerts: [],
      },
    ],
    ...overrides,
  };
}

const alerts = (
  ...list: SloAlertState['objectives'][number]['alerts']
): Partial<SloAlertState> => ({
  objectives: [
    {
      name: 'requests',
      slothId: 'checkout-api-checkout-availability',
      rulesLoaded: true,
      alerts: list,
    },
  ],
});

async function render(
  summary: SloSummary,
  getSloAlertState: jest.Mock = jest.fn().mockResolvedValue(state()),
) {
  const api = mockReliabilityApi({
    getSloAlertState,
    // The card's chart: no series, so none is drawn.
    getSlo: jest.fn().mockResolvedValue({
      ...summary,
      serviceRef: 'component:default/checkout-api',
      ownerRef: null,
      range: 'window',
      series: [],
    }),
  });
  await renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <SloSection slos={[summary]} />
    </TestApiProvider>,
  );
  return getSloAlertState;
}

describe('the SLO card: the generated alerts in Prometheus', () => {
  it('says the page alert fires there too, and asks once for the SLO', async () => {
    const get = await render(
      slo({ ...pulled, ...paging }),
      jest.fn().mockResolvedValue(
        state(
          alerts({
            alertName: 'ReliabilitySloPageBurn',
            severity: 'page',
            state: 'firing',
          }),
        ),
      ),
    );
    expect(
      await screen.findByText('Prometheus: page alert firing'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Differs from the portal/)).toBeNull();
    expect(get).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'checkout-availability',
    });
  });

  it('shows a disagreement: the portal pages, Prometheus fires nothing', async () => {
    await render(slo({ ...pulled, ...paging }));
    expect(
      await screen.findByText('Prometheus: no alert firing'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "Differs from the portal's verdict: a page-tier alert fires here",
      ),
    ).toBeInTheDocument();
  });

  it('shows a disagreement the other way, and pending alerts', async () => {
    await render(
      slo(pulled),
      jest.fn().mockResolvedValue(
        state(
          alerts(
            {
              alertName: 'ReliabilitySloTicketBurn',
              severity: 'ticket',
              state: 'firing',
            },
            {
              alertName: 'ReliabilitySloPageBurn',
              severity: 'page',
              state: 'pending',
            },
          ),
        ),
      ),
    );
    expect(
      await screen.findByText(
        'Prometheus: ticket alert firing; page alert pending',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "Differs from the portal's verdict: no alert fires here",
      ),
    ).toBeInTheDocument();
  });

  it('says when the rules are not loaded, naming the sloth_id', async () => {
    await render(
      slo(pulled),
      jest.fn().mockResolvedValue(
        state({
          objectives: [
            {
              name: 'requests',
              slothId: 'checkout-api-checkout-availability',
              rulesLoaded: false,
              alerts: [],
            },
          ],
        }),
      ),
    );
    expect(
      await screen.findByText(
        'Prometheus: rules not loaded (no series with sloth_id="checkout-api-checkout-availability")',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Differs from the portal/)).toBeNull();
  });

  it('shows an unreachable Prometheus with its error, and the card still', async () => {
    await render(
      slo(pulled),
      jest.fn().mockResolvedValue(
        state({
          state: 'error',
          error: {
            kind: 'unreachable',
            message:
              'cannot reach Prometheus at http://prom:9090: ECONNREFUSED',
          },
        }),
      ),
    );
    expect(
      await screen.findByText(
        'Prometheus unreachable: cannot reach Prometheus at http://prom:9090: ECONNREFUSED',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Checkout availability')).toBeInTheDocument();
    expect(screen.getByLabelText('Burn rates')).toBeInTheDocument();
  });

  it("writes the instants in a source's error in local time", async () => {
    const at = '2026-12-03T10:00:00.000Z';
    await render(
      slo(pulled),
      jest.fn().mockResolvedValue(
        state({
          state: 'error',
          error: {
            kind: 'query-error',
            message: `query failed at ${at}: too many samples`,
          },
        }),
      ),
    );
    expect(
      await screen.findByText(
        `Prometheus: cannot tell the alerts' state (query-error): query failed at ${formatLocalTime(
          at,
        )}: too many samples`,
      ),
    ).toBeInTheDocument();
  });

  it('shows a failed request to the backend as the state, not as a broken card', async () => {
    await render(
      slo(pulled),
      jest
        .fn()
        .mockRejectedValue(
          await responseError(
            503,
            'ServiceUnavailableError',
            'Database unavailable',
          ),
        ),
    );
    expect(
      await screen.findByText(
        /^Alert state in the source unavailable: .*Database unavailable/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Burn rates')).toBeInTheDocument();
  });

  it('asks nothing for an SLO whose data are pushed', async () => {
    const get = await render(slo({}));
    expect(screen.getByText('Checkout availability')).toBeInTheDocument();
    expect(get).not.toHaveBeenCalled();
    expect(screen.queryByTestId('source-alert-state')).toBeNull();
  });
});
