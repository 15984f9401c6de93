import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  Decisions,
  ReliabilityApi,
} from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockPermissionApi,
  mockReliabilityApi,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ReliabilityPage } from '../ReliabilityPage';

jest.setTimeout(30_000);

const month = (m: string, fund = 0, loosen = 0) => ({
  month: m,
  'fund-reliability': fund,
  'loosen-slo': loosen,
  'accept-risk': 0,
});

const decisions = (over: Partial<Decisions> = {}): Decisions => ({
  generatedAt: '2026-12-04T12:00:00Z',
  months: 2,
  pending: [
    {
      entityRef: 'component:default/ledger',
      title: 'Ledger',
      domainRef: 'domain:default/commerce',
      policyRef: 'errorbudgetpolicy:default/strict-payments',
      reason: 'escalation-overdue',
      state: 'exhausted',
      remaining: -2.3,
      outOfBudgetSince: '2026-10-20T10:00:00Z',
      windowsOutOfBudget: 3,
      escalation: {
        afterWindows: 2,
        to: 'group:default/engineering-leadership',
        dueAt: '2026-11-17T10:00:00Z',
      },
      previousDecision: null,
    },
  ],
  takenTotal: 1,
  taken: [
    {
      id: '4',
      entityRef: 'component:default/cart-web',
      title: 'Cart web',
      domainRef: null,
      policyRef: 'errorbudgetpolicy:default/standard',
      decision: 'loosen-slo',
      reason: 'Two nines are what customers notice',
      link: null,
      acceptUntil: null,
      decidedBy: 'user:default/grace',
      decidedAt: '2026-12-01T09:00:00Z',
      budgetRemaining: -0.2,
      followUp: {
        kind: 'refinement',
        status: 'done',
        refinement: {
          sloRef: 'slo:default/cart-web-availability',
          title: 'Cart pages availability',
          effectiveFrom: '2026-12-01T12:00:00Z',
          targets: [{ objective: 'page-loads', before: 0.995, after: 0.99 }],
        },
      },
    },
  ],
  byDomain: [
    {
      domainRef: 'domain:default/commerce',
      title: 'Commerce',
      pending: 1,
      taken: 0,
    },
    { domainRef: null, title: null, pending: 0, taken: 1 },
  ],
  trend: [month('2026-11'), month('2026-12', 0, 1)],
  ...over,
});

async function render(api: Partial<ReliabilityApi>, allowed = true) {
  const reliabilityApi = mockReliabilityApi(api);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, reliabilityApi],
        [permissionApiRef, mockPermissionApi(allowed)],
      ]}
    >
      <Routes>
        <Route path="/reliability/*" element={<ReliabilityPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/reliability/decisions'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  );
  return reliabilityApi;
}

describe('DecisionsTab', () => {
  it('lists what waits on leadership first, by name, linking to the policy section', async () => {
    await render({ getDecisions: jest.fn().mockResolvedValue(decisions()) });
    const pending = await screen.findByRole('table', {
      name: 'Waiting on leadership',
    });
    const row = within(pending).getAllByTestId('pending-decision')[0];
    const name = within(row).getByRole('link', { name: 'Ledger' });
    expect(name).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger/reliability/policy',
    );
    expect(within(row).getByText('Escalation overdue')).toBeInTheDocument();
    expect(within(row).getByText(/^Overdue \(due /)).toBeInTheDocument();
    expect(within(row).getByText('3.3× over budget')).toBeInTheDocument();
    expect(screen.getByText('Waiting on leadership (1)')).toBeInTheDocument();
  });

  it('counts by domain, with a bucket for no domain, and shows decisions taken with their follow-up', async () => {
    await render({ getDecisions: jest.fn().mockResolvedValue(decisions()) });
    const byDomain = await screen.findByRole('table', {
      name: 'Decisions by domain',
    });
    const rows = within(byDomain).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/Commerce\s*10/);
    expect(rows[2]).toHaveTextContent(/No domain\s*01/);
    const taken = screen.getByRole('table', { name: 'Decisions taken' });
    expect(within(taken).getByText('Loosen the SLO')).toBeInTheDocument();
    expect(taken).toHaveTextContent(
      'Done: Cart pages availability 99.5% → 99% from',
    );
    expect(
      screen.getByRole('img', {
        name: 'Leadership decisions per month: 1 in 2 months',
      }),
    ).toBeInTheDocument();
  });

  it('opens the record-decision dialog from a row, records it and reloads the view', async () => {
    const getDecisions = jest
      .fn()
      .mockResolvedValueOnce(decisions())
      .mockResolvedValue(decisions({ pending: [] }));
    const recordDecision = jest.fn().mockResolvedValue({});
    await render({ getDecisions, recordDecision });
    // Disabled until the permission decision is in (the row then renders a new button).
    const record = () =>
      screen.getByRole('button', { name: 'Record decision for Ledger' });
    await waitFor(() => expect(record()).toBeEnabled());
    fireEvent.click(record());
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Record the leadership decision for Ledger',
    );
    fireEvent.mouseDown(within(dialog).getByLabelText(/Decision/));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText(
        'Fund reliability work',
      ),
    );
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Two engineers for a quarter' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Record decision' }),
    );
    await waitFor(() =>
      expect(recordDecision).toHaveBeenCalledWith(
        { kind: 'component', namespace: 'default', name: 'ledger' },
        { decision: 'fund-reliability', reason: 'Two engineers for a quarter' },
      ),
    );
    expect(
      await screen.findByText(/Nothing waits on leadership/),
    ).toBeInTheDocument();
    expect(getDecisions).toHaveBeenCalledTimes(2);
  });

  it('disables the button for callers who may not record the decision', async () => {
    await render(
      { getDecisions: jest.fn().mockResolvedValue(decisions()) },
      false,
    );
    expect(
      await screen.findByRole('button', { name: 'Record decision for Ledger' }),
    ).toBeDisabled();
  });
});
