import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { screen, within } from '@testing-library/react';
import {
  mockReliabilityApi,
  sreTimeBudget,
  sreTimeMonth,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { SreTimeBudgetCard } from './SreTimeBudgetCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1',
  kind: 'Group',
  metadata: { name: 'sre-platform', namespace: 'default' },
  spec: { type: 'sre-team', children: [] },
  // As the catalog module relates an SRE team to what it supports.
  relations: [
    { type: 'supports', targetRef: 'component:default/checkout-api' },
  ],
};

/** A service team: it owns components and supports none. */
const serviceTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-checkout', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [{ type: 'ownerOf', targetRef: 'component:default/checkout-api' }],
};

function render(api: Partial<ReliabilityApi>, entity: Entity = group) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, mockReliabilityApi(api)]]}>
      <EntityProvider entity={entity}>
        <SreTimeBudgetCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  );
}

const errorResponse = async (status: number, message: string) =>
  ResponseError.fromResponse({
    ok: false,
    status,
    statusText: 'x',
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () =>
      JSON.stringify({
        error: { name: status === 404 ? 'NotFoundError' : 'Error', message },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: status },
      }),
  } as unknown as Response);

jest.setTimeout(30_000);

describe('SreTimeBudgetCard', () => {
  it('shows this month against the cap, the over-cap warning, the trend and the months', async () => {
    const over = sreTimeMonth({
      month: '2026-10',
      share: 185 / 140,
      operationalHours: 185,
      teamHours: 140,
      overCap: true,
    });
    const current = sreTimeMonth({
      month: '2026-11',
      partial: true,
      pages: 3,
      tickets: 1,
      incidentHours: 12.5,
      openItems: 2,
      closedItems: 4,
      closedToilReductionItems: 1,
      share: 0.62,
      overCap: true,
    });
    const getSreTimeBudget = jest.fn().mockResolvedValue(
      sreTimeBudget({
        groupRef: 'group:default/sre-platform',
        title: 'SRE Platform',
        members: 1,
        overCap: true,
        latestComplete: over,
        current,
        months: [sreTimeMonth({ month: '2026-09', share: 0.4 }), over, current],
        trend: { direction: 'rising', perMonth: 0.92 },
      }),
    );
    await render({ getSreTimeBudget });
    expect(getSreTimeBudget).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'sre-platform',
    });
    expect(
      await screen.findByText('Over its operational cap'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/In Oct 2026, operational work took 132% of 140 h/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('time-budget-current')).toHaveTextContent(
      '62% operational this month so far',
    );
    expect(screen.getByTestId('time-budget-current')).toHaveTextContent(
      'above the cap of 50%',
    );
    expect(screen.getByTestId('time-budget-breakdown')).toHaveTextContent(
      'This month: 3 pages, 1 ticket, 12.5 incident hours; 2 owned action items open; 4 done, 1 of them toil reduction.',
    );
    expect(screen.getByTestId('time-budget-breakdown')).toHaveTextContent(
      'team hours = 1 member × 140 h a month',
    );
    expect(screen.getByTestId('time-budget-trend')).toHaveTextContent(
      'rising (+92 points a month)',
    );
    expect(
      screen.getByRole('img', {
        name: "Operational share of the team's time by month chart",
      }),
    ).toBeInTheDocument();
    const october = screen.getByTestId('time-budget-month-2026-10');
    expect(october).toHaveAttribute('data-over-cap', 'true');
    expect(within(october).getByText('132%')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('time-budget-month-2026-11')).getByText(
        /Nov 2026 \(so far\)/,
      ),
    ).toBeInTheDocument();
  });

  it('within the cap: no warning', async () => {
    await render({});
    expect(
      await screen.findByText(/within the cap of 50%/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Over its operational cap')).toBeNull();
  });

  it('explains an SRE team without counted services, and one without members', async () => {
    await render({
      getSreTimeBudget: jest
        .fn()
        .mockResolvedValue(
          sreTimeBudget({ title: 'SRE Platform', services: [] }),
        ),
    });
    expect(
      await screen.findByText(
        /SRE Platform supports no services under a counted engagement yet/,
      ),
    ).toBeInTheDocument();
  });

  it('warns when the team has no members to measure its time by', async () => {
    await render({
      getSreTimeBudget: jest
        .fn()
        .mockResolvedValue(sreTimeBudget({ members: null, membersFrom: null })),
    });
    expect(
      await screen.findByText(/has no members in the catalog/),
    ).toBeInTheDocument();
  });

  it('shows a backend error', async () => {
    await render({
      getSreTimeBudget: jest
        .fn()
        .mockRejectedValue(await errorResponse(500, 'database on fire')),
    });
    expect(
      (await screen.findAllByText(/database on fire/)).length,
    ).toBeGreaterThan(0);
  });

  it('asks nothing for a group that is no SRE team, and renders nothing', async () => {
    const getSreTimeBudget = jest
      .fn()
      .mockRejectedValue(await errorResponse(404, 'not an SRE team'));
    await render({ getSreTimeBudget }, serviceTeam);
    await new Promise(r => setTimeout(r, 50));
    // No request, so no 404 in the browser's console on every service team's page.
    expect(getSreTimeBudget).not.toHaveBeenCalled();
    expect(screen.queryByText('Time budget')).toBeNull();
  });

  it('asks for a group that declares a capacity, though it supports nothing yet', async () => {
    const getSreTimeBudget = jest
      .fn()
      .mockResolvedValue(sreTimeBudget({ title: 'SRE New', services: [] }));
    await render(
      { getSreTimeBudget },
      {
        ...serviceTeam,
        metadata: {
          name: 'sre-new',
          namespace: 'default',
          annotations: { 'reliability-suite.dev/capacity': '10' },
        },
        relations: [],
      },
    );
    expect(
      await screen.findByText(/SRE New supports no services/),
    ).toBeInTheDocument();
    expect(getSreTimeBudget).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'sre-new',
    });
  });

  it('renders nothing when the backend does not count the group as an SRE team yet', async () => {
    const getSreTimeBudget = jest
      .fn()
      .mockRejectedValue(await errorResponse(404, 'not an SRE team'));
    await render({ getSreTimeBudget });
    await new Promise(r => setTimeout(r, 50));
    expect(getSreTimeBudget).toHaveBeenCalled();
    expect(screen.queryByText('Time budget')).toBeNull();
    expect(screen.queryByText(/not an SRE team/)).toBeNull();
  });
});
