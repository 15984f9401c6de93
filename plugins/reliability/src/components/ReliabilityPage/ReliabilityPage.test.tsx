import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  auditEvent,
  mockReliabilityApi,
  objectiveStatus,
  policy,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ReliabilityPage } from './ReliabilityPage';

function render(listSlos: jest.Mock) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[reliabilityApiRef, mockReliabilityApi({ listSlos })]]}
    >
      <ReliabilityPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The page as an app mounts it, at /reliability. */
function renderMounted(api: Partial<ReliabilityApi>, path = '/reliability') {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, mockReliabilityApi(api)]]}>
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
  );
}

const policies = {
  items: [
    {
      policy: policy({
        ref: 'errorbudgetpolicy:app-config/default',
        title: 'Default policy',
        ownerRef: null,
      }),
      entityCount: 4,
      frozenCount: 0,
      byState: { healthy: 3, 'no-data': 1 },
    },
    {
      policy: policy(),
      entityCount: 2,
      frozenCount: 1,
      byState: { healthy: 1, exhausted: 1 },
    },
  ],
};

const frozenItem = {
  sloRef: 'slo:default/checkout-availability',
  title: 'Checkout availability',
  serviceRef: 'component:default/checkout-api',
  ownerRef: 'group:default/team-payments',
  systemRef: 'system:default/payments',
  objective: objectiveStatus({ state: 'exhausted' }),
  policy: {
    ref: 'errorbudgetpolicy:payments/strict',
    state: 'exhausted',
    frozen: true,
  },
};

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

describe('ReliabilityPage', () => {
  it('lists the organisation’s objectives and filters by state', async () => {
    const listSlos = jest.fn().mockResolvedValue({
      totalCount: 1,
      items: [
        {
          sloRef: 'slo:default/ledger-writes',
          title: 'Ledger writes',
          serviceRef: 'component:default/ledger',
          ownerRef: 'group:default/team-payments',
          systemRef: null,
          objective: objectiveStatus({ name: 'commit', state: 'critical' }),
        },
      ],
    });
    await render(listSlos);
    expect(
      await screen.findByText('Service level objectives (1)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Ledger writes — commit')).toBeInTheDocument();
    expect(screen.getByText('Page: fast burn')).toBeInTheDocument();
    expect(screen.getByText('99.95% / 99.9%')).toBeInTheDocument();
    expect(listSlos).toHaveBeenLastCalledWith({
      state: undefined,
      limit: 20,
      offset: 0,
    });

    fireEvent.mouseDown(screen.getByLabelText('State'));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Budget exhausted'),
    );
    await screen.findByText('Service level objectives (1)');
    expect(listSlos).toHaveBeenLastCalledWith({
      state: 'exhausted',
      limit: 20,
      offset: 0,
    });
  });

  it('explains how to define the first SLO when there is none', async () => {
    await render(jest.fn().mockResolvedValue({ totalCount: 0, items: [] }));
    expect(
      await screen.findByText('No SLOs in the catalog yet'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await render(jest.fn().mockRejectedValue(new Error('backend is down')));
    expect(await screen.findAllByText(/backend is down/)).not.toHaveLength(0);
  });

  it('shows each service’s policy state and freeze, and filters by policy and freeze', async () => {
    const listSlos = jest
      .fn()
      .mockResolvedValue({ totalCount: 1, items: [frozenItem] });
    await renderMounted({
      listSlos,
      listPolicies: jest.fn().mockResolvedValue(policies),
    });
    expect(
      await screen.findByText('Service level objectives (1)'),
    ).toBeInTheDocument();
    // The policy column: the state by its title, the freeze, the policy linked.
    expect(await screen.findByText('Exhausted')).toBeInTheDocument();
    expect(screen.getByText('Frozen')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Payments strict policy' }),
    ).toHaveAttribute('href', '/reliability/policies/payments/strict');

    fireEvent.mouseDown(screen.getByLabelText('Policy'));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText(
        'Payments strict policy',
      ),
    );
    await waitFor(() =>
      expect(listSlos).toHaveBeenLastCalledWith({
        state: undefined,
        policy: 'errorbudgetpolicy:payments/strict',
        frozen: undefined,
        limit: 20,
        offset: 0,
      }),
    );
    await screen.findByText('Service level objectives (1)');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Frozen only' }));
    await waitFor(() =>
      expect(listSlos).toHaveBeenLastCalledWith({
        state: undefined,
        policy: 'errorbudgetpolicy:payments/strict',
        frozen: true,
        limit: 20,
        offset: 0,
      }),
    );
  });

  it('says when no objective matches the filters', async () => {
    const listSlos = jest
      .fn()
      .mockResolvedValueOnce({ totalCount: 1, items: [frozenItem] })
      .mockResolvedValue({ totalCount: 0, items: [] });
    await renderMounted({ listSlos });
    await screen.findByText('Service level objectives (1)');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Frozen only' }));
    expect(
      await screen.findByText('No objectives match these filters.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('No SLOs in the catalog yet')).toBeNull();
  });

  it('lists the policies with their entities by state on the Policies tab', async () => {
    await renderMounted({
      listSlos: jest.fn().mockResolvedValue({ totalCount: 0, items: [] }),
      listPolicies: jest.fn().mockResolvedValue(policies),
    });
    const tab = await screen.findByRole('tab', { name: 'Policies' });
    fireEvent.click(tab);
    expect(
      await screen.findByText('Error-budget policies (2)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Policies' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Enactments' })).toHaveAttribute(
      'href',
      '/reliability/enactments',
    );
    expect(
      screen.getByRole('link', { name: 'Payments strict policy' }),
    ).toHaveAttribute('href', '/reliability/policies/payments/strict');
    expect(
      screen.getByRole('link', { name: 'Default policy' }),
    ).toHaveAttribute('href', '/reliability/policies/app-config/default');
    expect(screen.getByText('app-config default')).toBeInTheDocument();
    expect(screen.getByText('Nothing to judge by')).toBeInTheDocument();
    expect(screen.getAllByText('Exhausted')).not.toHaveLength(0);
  });

  it('explains policies when there are none', async () => {
    await renderMounted({}, '/reliability/policies');
    expect(
      await screen.findByText(/No error-budget policies yet/),
    ).toBeInTheDocument();
  });

  it('lists policy enactments across the organisation a page at a time', async () => {
    const listAuditEvents = jest.fn().mockImplementation(async query =>
      query?.category !== 'policy'
        ? { items: [] }
        : {
            items: query.cursor
              ? [
                  auditEvent({
                    id: 'e0',
                    action: 'policy.exception-granted',
                    actorRef: 'user:default/bob',
                    reason: 'Hotfix',
                    details: {
                      changeId: 'PR-1234',
                      exceptionClass: 'p0-fix',
                      budgetRemaining: -0.1,
                    },
                  }),
                ]
              : [auditEvent()],
            nextCursor: query.cursor ? undefined : 'next',
          },
    );
    await renderMounted({ listAuditEvents }, '/reliability/enactments');
    expect(
      await screen.findByText('Release freeze enacted'),
    ).toBeInTheDocument();
    expect(listAuditEvents).toHaveBeenCalledWith({
      category: 'policy',
      limit: 20,
    });
    expect(screen.getByRole('link', { name: 'alice' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'checkout-api' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api',
    );
    expect(
      screen.getByText('Budget exhausted after the ledger outage'),
    ).toBeInTheDocument();
    expect(screen.getByText('-12%')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Exception granted')).toBeInTheDocument();
    expect(
      screen.getByText('change PR-1234 · class p0-fix'),
    ).toBeInTheDocument();
    expect(listAuditEvents).toHaveBeenLastCalledWith({
      category: 'policy',
      limit: 20,
      cursor: 'next',
    });
  });

  it('says what enactments are when there are none', async () => {
    await renderMounted({}, '/reliability/enactments');
    expect(await screen.findByText(/Nothing enacted yet/)).toBeInTheDocument();
  });
});
