import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  EntitySummary,
  ReliabilityApi,
} from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  entityPolicy,
  freeze,
  mockPermissionApi,
  objectiveStatus,
  mockReliabilityApi,
  policyException,
  responseError,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { PolicyBanner } from './PolicyBanner';

// usePermission caches answers per entity across tests, so each test has an entity of its own.
let counter = 0;

async function render(
  api: Partial<ReliabilityApi>,
  options: { allowed?: boolean; summary?: EntitySummary } = {},
) {
  counter += 1;
  const name = `checkout-api-${counter}`;
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', title: 'Checkout API' },
    spec: { owner: 'group:default/team-checkout' },
  };
  const permissionApi = mockPermissionApi(options.allowed ?? false);
  const reliabilityApi = mockReliabilityApi(api);
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, reliabilityApi],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <PolicyBanner summary={options.summary} />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  );
  return {
    rendered,
    permissionApi,
    reliabilityApi,
    entityRef: { kind: 'Component', namespace: 'default', name },
    resourceRef: `component:default/${name}`,
  };
}

const frozen = entityPolicy({
  status: {
    ...entityPolicy().status,
    state: 'exhausted',
    title: 'Exhausted',
    consequences: 'Release freeze: only P0 and security fixes ship.',
    requiredActions: ['Work only on reliability until the budget recovers'],
    freezeRecommended: true,
    remaining: -0.12,
  },
  freeze: freeze(),
  exceptions: [policyException()],
  escalation: {
    windowsOutOfBudget: 3,
    afterWindows: 2,
    to: 'group:default/leadership',
    due: true,
  },
});

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

describe('PolicyBanner', () => {
  it('shows the policy, where it came from and the state it recommends', async () => {
    const { reliabilityApi, entityRef } = await render({
      getEntityPolicy: jest.fn().mockResolvedValue(entityPolicy()),
    });
    const title = await screen.findByRole('link', {
      name: 'Payments strict policy',
    });
    expect(title).toHaveAttribute(
      'href',
      '/reliability/policies/payments/strict',
    );
    expect(reliabilityApi.getEntityPolicy).toHaveBeenCalledWith(entityRef);
    // The card lays its subheader out as flex items, which drop the spaces around a
    // link among them: the subheader is one inline element holding the text and the link.
    const subheader = screen.getByTestId('info-card-subheader')
      .firstElementChild!;
    expect(subheader.childNodes).toHaveLength(1);
    expect(subheader).toHaveTextContent(
      /^from System payments · owned by .*team-payments$/,
    );
    expect(screen.getByText('At risk')).toBeInTheDocument();
    expect(
      screen.getByText('Reliability work comes first in planning.'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Required actions' })).getByText(
        'Review the burn-rate alerts',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/budget 21% left/)).toBeInTheDocument();
    expect(screen.getByText(/^since /)).toBeInTheDocument();
    expect(screen.queryByText('Release freeze')).not.toBeInTheDocument();
  });

  it('shows the freeze in force, its exceptions and the escalation waiting for a decision', async () => {
    await render({ getEntityPolicy: jest.fn().mockResolvedValue(frozen) });
    expect(await screen.findByText('Release freeze')).toBeInTheDocument();
    expect(
      screen.getByText('Reason: Budget exhausted after the ledger outage'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /^https:\/\/incidents\.example\.com\/INC-42/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/\(budget then: 1\.12× over budget\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/or is of a pre-approved class \(security\)/),
    ).toBeInTheDocument();
    const exceptions = screen.getByRole('list', { name: 'Exceptions' });
    expect(exceptions).toHaveTextContent('PR-1234');
    expect(exceptions).toHaveTextContent(
      '(p0-fix) — Fixes the double-charge bug',
    );
    expect(screen.getByText('Exceptions (1)')).toBeInTheDocument();
    expect(screen.getByText('Escalated')).toBeInTheDocument();
    expect(
      screen.getByText(
        /after 3 windows out of budget — waiting for a leadership decision/,
      ),
    ).toBeInTheDocument();
  });

  it('makes a manual freeze the one verdict over a healthy policy state', async () => {
    const healthy = entityPolicy({
      status: {
        ...entityPolicy().status,
        state: 'healthy',
        title: 'Healthy',
        consequences: 'Release as usual.',
        requiredActions: [],
        remaining: 0.9,
      },
      freeze: freeze(),
    });
    await render({ getEntityPolicy: jest.fn().mockResolvedValue(healthy) });
    const verdict = await screen.findByTestId('verdict');
    expect(verdict).toHaveTextContent(
      /Release freeze since .*2026.* by alice: only security fixes ship/,
    );
    expect(verdict).toHaveTextContent(
      'Budget exhausted after the ledger outage. Releases are blocked at the deploy gate until the freeze is lifted.',
    );
    // The healthy state is no second headline and does not say to release as usual.
    expect(screen.queryByText('Release as usual.')).not.toBeInTheDocument();
    expect(screen.queryByText('Healthy')).not.toBeInTheDocument();
    expect(
      screen.getByText(
        /Policy state by the budget alone: Healthy — the freeze holds until it is lifted/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Release freeze')).toBeInTheDocument();
  });

  it('makes a firing page alert the verdict over a healthy policy state', async () => {
    const healthy = entityPolicy({
      status: {
        ...entityPolicy().status,
        state: 'healthy',
        title: 'Healthy',
        consequences: 'Release as usual.',
        requiredActions: [],
        remaining: 0.88,
      },
    });
    await render(
      { getEntityPolicy: jest.fn().mockResolvedValue(healthy) },
      {
        summary: {
          entityRef: 'component:default/checkout-api',
          slos: [
            {
              sloRef: 'slo:default/checkout-availability',
              name: 'checkout-availability',
              title: 'Checkout API availability',
              objectives: [
                objectiveStatus({
                  state: 'critical',
                  burnRates: { ...objectiveStatus().burnRates, '1h': 24 },
                  forecastExhaustionAt: new Date(
                    Date.now() + 26 * 3_600_000,
                  ).toISOString(),
                  alerts: [
                    {
                      severity: 'page',
                      longWindow: '1h',
                      shortWindow: '5m',
                      factor: 14.4,
                      firing: true,
                    },
                  ],
                }),
              ],
            },
          ],
        },
      },
    );
    const verdict = await screen.findByTestId('verdict');
    // Before: "✓ Healthy — release as usual" while the SLO paged at 24×.
    expect(verdict).toHaveTextContent(
      'Paging: Checkout API availability burning 24× — budget gone in ~1 day',
    );
    expect(verdict).toHaveTextContent(
      'A page-tier burn-rate alert fires on Checkout API availability: whoever is on call is paged now.',
    );
    expect(screen.queryByText('Release as usual.')).not.toBeInTheDocument();
    expect(
      screen.getByText(/Healthy — overruled by the verdict above/),
    ).toBeInTheDocument();
  });

  it('shows an automatic freeze and the decision leadership recorded', async () => {
    await render({
      getEntityPolicy: jest.fn().mockResolvedValue({
        ...frozen,
        exceptions: [],
        freeze: freeze({ automatic: true, startedBy: 'policy', link: null }),
        escalation: {
          ...frozen.escalation!,
          due: false,
          decision: {
            id: 'd1',
            entityRef: 'component:default/checkout-api',
            policyRef: 'errorbudgetpolicy:payments/strict',
            decision: 'accept-risk',
            reason: 'Migration lands in Q1',
            acceptUntil: '2027-01-31T23:59:59.999Z',
            decidedBy: 'user:default/carol',
            decidedAt: '2026-11-26T10:00:00.000Z',
          },
        },
      }),
    });
    expect(
      await screen.findByText(/enacted automatically by the policy/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No exceptions granted under this freeze.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Leadership decision')).toBeInTheDocument();
    expect(
      screen.getByText(/^Accept the risk until .* — Migration lands in Q1/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'carol' })).toBeInTheDocument();
    expect(screen.queryByText('Escalated')).not.toBeInTheDocument();
  });

  it('shows an escalation that is due again with the previous decision', async () => {
    await render({
      getEntityPolicy: jest.fn().mockResolvedValue({
        ...frozen,
        escalation: {
          ...frozen.escalation!,
          due: true,
          decision: {
            id: 'd0',
            entityRef: 'component:default/checkout-api',
            policyRef: 'errorbudgetpolicy:payments/strict',
            decision: 'fund-reliability',
            reason: 'Two engineers on the ledger for a quarter',
            decidedBy: 'user:default/carol',
            decidedAt: '2026-06-01T10:00:00.000Z',
          },
        },
      }),
    });
    expect(await screen.findByText('Escalated')).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Previous decision: Fund reliability work — Two engineers on the ledger/,
      ),
    ).toBeInTheDocument();
  });

  it('says there is nothing to judge by and how to add an SLO, and warns about an unusable policy', async () => {
    await render({
      getEntityPolicy: jest.fn().mockResolvedValue(
        entityPolicy({
          source: 'default',
          sourceRef: null,
          policy: {
            ...entityPolicy().policy,
            ref: 'errorbudgetpolicy:app-config/default',
            title: 'Default policy',
          },
          status: {
            state: null,
            remaining: null,
            counted: 0,
            noData: 0,
            evaluatedAt: null,
          },
          problem: 'errorbudgetpolicy:payments/missing is not in the catalog',
        }),
      ),
    });
    expect(await screen.findByText('Nothing to judge by')).toBeInTheDocument();
    expect(screen.getByText(/it has no SLOs/)).toBeInTheDocument();
    expect(
      screen.getByText(/Define an SLO for this entity/),
    ).toBeInTheDocument();
    expect(screen.getByText(/^app-config default/)).toBeInTheDocument();
    expect(
      screen.getByText(/The selected policy could not be used/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(
        /errorbudgetpolicy:payments\/missing is not in the catalog/,
      ),
    ).not.toHaveLength(0);
  });

  it('shows the backend error', async () => {
    await render({
      getEntityPolicy: jest
        .fn()
        .mockRejectedValue(
          await responseError(404, 'NotFoundError', 'No entity checkout-api'),
        ),
    });
    expect(
      await screen.findByText(/Could not load the error-budget policy/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/No entity checkout-api/)).not.toHaveLength(0);
  });

  it('hides the actions from callers not allowed to enact the policy', async () => {
    const { permissionApi, resourceRef } = await render(
      { getEntityPolicy: jest.fn().mockResolvedValue(frozen) },
      { allowed: false },
    );
    await screen.findByText('Release freeze');
    await waitFor(() =>
      expect(permissionApi.authorize).toHaveBeenCalledWith({
        permission: expect.objectContaining({
          name: 'reliability.policy.enact',
          resourceType: 'reliability-entity',
        }),
        resourceRef,
      }),
    );
    await new Promise(r => setTimeout(r, 50));
    expect(screen.queryByRole('button', { name: 'Lift freeze' })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Grant exception' }),
    ).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Record leadership decision' }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: 'Enact freeze' })).toBeNull();
  });

  it('shows the actions that fit to callers allowed to enact the policy', async () => {
    await render(
      { getEntityPolicy: jest.fn().mockResolvedValue(frozen) },
      { allowed: true },
    );
    expect(
      await screen.findByRole('button', { name: 'Lift freeze' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Grant exception' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Record leadership decision' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enact freeze' })).toBeNull();
  });

  it('enacts a freeze with the reason and link given, then refreshes', async () => {
    const getEntityPolicy = jest
      .fn()
      .mockResolvedValueOnce(entityPolicy())
      .mockResolvedValue(frozen);
    const enactFreeze = jest.fn().mockResolvedValue(freeze());
    const { entityRef } = await render(
      { getEntityPolicy, enactFreeze },
      { allowed: true },
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Enact freeze' }),
    );
    const dialog = await screen.findByRole('dialog');
    const submit = within(dialog).getByRole('button', { name: 'Enact freeze' });
    expect(submit).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: '  Budget gone after INC-42  ' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Link/), {
      target: { value: 'not a url' },
    });
    expect(submit).toBeDisabled();
    expect(
      within(dialog).getByText('Must be an http or https URL.'),
    ).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText(/Link/), {
      target: { value: 'https://incidents.example.com/INC-42' },
    });
    expect(submit).toBeEnabled();
    fireEvent.click(submit);
    await waitFor(() =>
      expect(enactFreeze).toHaveBeenCalledWith(entityRef, {
        reason: 'Budget gone after INC-42',
        link: 'https://incidents.example.com/INC-42',
      }),
    );
    expect(await screen.findByText('Release freeze')).toBeInTheDocument();
    expect(getEntityPolicy).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('keeps the dialog open and shows the server’s message when the request fails', async () => {
    const getEntityPolicy = jest.fn().mockResolvedValue(entityPolicy());
    const enactFreeze = jest
      .fn()
      .mockRejectedValue(
        await responseError(
          409,
          'ConflictError',
          'A release freeze is already in force for component:default/checkout-api',
        ),
      );
    await render({ getEntityPolicy, enactFreeze }, { allowed: true });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Enact freeze' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Budget gone' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Enact freeze' }),
    );
    expect(
      await within(dialog).findByText(
        'A release freeze is already in force for component:default/checkout-api',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/Request failed \(409/),
    ).toBeInTheDocument();
    expect(enactFreeze).toHaveBeenCalledWith(expect.anything(), {
      reason: 'Budget gone',
    });
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(getEntityPolicy).toHaveBeenCalledTimes(1);
  });

  it('grants an exception for one of the policy’s classes', async () => {
    const getEntityPolicy = jest.fn().mockResolvedValue(frozen);
    const grantException = jest.fn().mockResolvedValue(policyException());
    const { entityRef } = await render(
      { getEntityPolicy, grantException },
      { allowed: true },
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Grant exception' }),
    );
    const dialog = await screen.findByRole('dialog');
    const submit = within(dialog).getByRole('button', {
      name: 'Grant exception',
    });
    fireEvent.change(within(dialog).getByLabelText(/Change id/), {
      target: { value: 'PR-99' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Hotfix for the refund path' },
    });
    expect(submit).toBeDisabled(); // no class yet
    fireEvent.mouseDown(within(dialog).getByLabelText(/Exception class/));
    const options = within(await screen.findByRole('listbox'));
    expect(options.getByText('security — Security fixes')).toBeInTheDocument();
    fireEvent.click(
      options.getByText('p0-fix — Fixes for a P0 incident in progress'),
    );
    expect(submit).toBeEnabled();
    fireEvent.click(submit);
    await waitFor(() =>
      expect(grantException).toHaveBeenCalledWith(entityRef, {
        changeId: 'PR-99',
        exceptionClass: 'p0-fix',
        reason: 'Hotfix for the refund path',
      }),
    );
    await waitFor(() => expect(getEntityPolicy).toHaveBeenCalledTimes(2));
  });

  it('records a leadership decision, asking for a date to accept the risk until', async () => {
    const getEntityPolicy = jest.fn().mockResolvedValue(frozen);
    const recordDecision = jest.fn().mockResolvedValue({});
    const { entityRef } = await render(
      { getEntityPolicy, recordDecision },
      { allowed: true },
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Record leadership decision' }),
    );
    const dialog = await screen.findByRole('dialog');
    const submit = within(dialog).getByRole('button', {
      name: 'Record decision',
    });
    fireEvent.mouseDown(within(dialog).getByLabelText(/Decision/));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Accept the risk'),
    );
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Migration lands in Q1' },
    });
    expect(submit).toBeDisabled(); // accept-risk needs a date
    fireEvent.change(within(dialog).getByLabelText(/Accept the risk until/), {
      target: { value: '2027-01-31' },
    });
    expect(submit).toBeEnabled();
    fireEvent.click(submit);
    await waitFor(() =>
      expect(recordDecision).toHaveBeenCalledWith(entityRef, {
        decision: 'accept-risk',
        reason: 'Migration lands in Q1',
        acceptUntil: '2027-01-31T23:59:59.999Z',
      }),
    );
    await waitFor(() => expect(getEntityPolicy).toHaveBeenCalledTimes(2));
  });
});
