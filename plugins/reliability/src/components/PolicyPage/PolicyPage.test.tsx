import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  auditEvent,
  mockReliabilityApi,
  policy,
  responseError,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ReliabilityPage } from '../ReliabilityPage';

/** The page as an app mounts it, at /reliability, opened on a policy. */
function render(api: Partial<ReliabilityApi>, path: string) {
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

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

describe('PolicyPage', () => {
  it('shows the policy’s states, rules, entities and history', async () => {
    const getPolicy = jest.fn().mockResolvedValue({
      policy: policy(),
      entities: [
        {
          entityRef: 'component:default/checkout-api',
          state: 'exhausted',
          remaining: -0.12,
          since: '2026-11-20T08:00:00.000Z',
          frozen: true,
          source: 'system',
        },
        {
          entityRef: 'component:default/ledger',
          state: 'healthy',
          remaining: 0.8,
          since: null,
          frozen: false,
          source: 'entity',
        },
      ],
    });
    const listAuditEvents = jest
      .fn()
      .mockResolvedValueOnce({
        items: [auditEvent()],
        nextCursor: 'c2',
      })
      .mockResolvedValueOnce({
        items: [
          auditEvent({
            id: 'event-0',
            action: 'policy.state-changed',
            actorRef: 'plugin:reliability',
            reason: 'Budget 0%',
            details: { from: 'at-risk', to: 'exhausted', budgetRemaining: 0 },
          }),
        ],
      });
    await render(
      { getPolicy, listAuditEvents },
      '/reliability/policies/payments/strict',
    );
    expect(
      await screen.findAllByText('Payments strict policy'),
    ).not.toHaveLength(0);
    expect(getPolicy).toHaveBeenCalledWith({
      namespace: 'payments',
      name: 'strict',
    });
    expect(
      screen.getByText('errorbudgetpolicy:payments/strict'),
    ).toBeInTheDocument();

    // States, best to worst, with thresholds, consequences, actions and freeze.
    expect(screen.getByText('above 50%')).toBeInTheDocument();
    expect(screen.getByText('above 0%')).toBeInTheDocument();
    expect(screen.getByText('0% or less')).toBeInTheDocument();
    expect(
      screen.getByText('Release freeze: only P0 and security fixes ship.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Write postmortems for the incidents that consumed the budget',
      ),
    ).toBeInTheDocument();

    // Rules.
    const rules = screen.getByRole('table', { name: 'Rules' });
    expect(rules).toHaveTextContent('All SLOs of the service');
    expect(rules).toHaveTextContent('The worst objective decides the state');
    expect(rules).toHaveTextContent(
      'security — Security fixes (pre-approved: no exception needed)',
    );
    expect(rules).toHaveTextContent('more than 20% of the budget');
    expect(rules).toHaveTextContent(
      'after 2 consecutive windows out of budget',
    );

    // Entities, linked to their pages, with state, budget and freeze.
    expect(
      screen.getByText('Entities under this policy (2)'),
    ).toBeInTheDocument();
    // (the first link; the history below names the entity too)
    expect(
      screen.getAllByRole('link', { name: 'checkout-api' })[0],
    ).toHaveAttribute('href', '/catalog/default/component/checkout-api');
    expect(screen.getByText('Frozen')).toBeInTheDocument();
    expect(screen.getByText('its System')).toBeInTheDocument();

    // History, a page at a time.
    expect(
      await screen.findByText('Release freeze enacted'),
    ).toBeInTheDocument();
    // The entity's budget now, and the budget when the freeze was enacted.
    expect(screen.getAllByText(/1\.12× over budget/)).toHaveLength(2);
    expect(screen.getByText(/^state exhausted/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^link/ })).toHaveAttribute(
      'href',
      'https://incidents.example.com/INC-42',
    );
    expect(listAuditEvents).toHaveBeenLastCalledWith({
      category: 'policy',
      subjectRef: 'errorbudgetpolicy:payments/strict',
      limit: 20,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Policy state changed')).toBeInTheDocument();
    expect(screen.getByText('at-risk → exhausted')).toBeInTheDocument();
    expect(screen.getByText('Reliability Suite')).toBeInTheDocument();
    expect(listAuditEvents).toHaveBeenLastCalledWith({
      category: 'policy',
      subjectRef: 'errorbudgetpolicy:payments/strict',
      limit: 20,
      cursor: 'c2',
    });
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Newer' })).toBeEnabled();
  });

  it('explains how to put entities under a policy nobody uses yet', async () => {
    await render(
      {
        getPolicy: jest
          .fn()
          .mockResolvedValue({ policy: policy(), entities: [] }),
      },
      '/reliability/policies/payments/strict',
    );
    expect(
      await screen.findByText(/No entity uses this policy yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Nothing enacted under this policy yet/),
    ).toBeInTheDocument();
  });

  it('shows the backend error for an unknown policy', async () => {
    await render(
      {
        getPolicy: jest
          .fn()
          .mockRejectedValue(
            await responseError(
              404,
              'NotFoundError',
              'No error-budget policy errorbudgetpolicy:payments/nope',
            ),
          ),
      },
      '/reliability/policies/payments/nope',
    );
    expect(
      await screen.findAllByText(
        /No error-budget policy errorbudgetpolicy:payments\/nope/,
      ),
    ).not.toHaveLength(0);
    await waitFor(() =>
      expect(
        within(document.body).queryByText('States, best to worst'),
      ).toBeNull(),
    );
  });
});
