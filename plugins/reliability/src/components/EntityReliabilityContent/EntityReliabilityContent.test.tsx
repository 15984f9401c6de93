import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  auditEvent,
  backfillingStatus,
  burnEpisode,
  entityPolicy,
  entityPostmortems,
  entityResponsibility,
  freeze,
  matrixRows,
  mockPermissionApi,
  mockReliabilityApi,
  objectiveStatus,
  postmortem,
  readiness,
  review,
  teamService,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { Route, Routes } from 'react-router-dom';
import { rootRouteRef } from '../../routes';
import { EntityReliabilityContent } from './EntityReliabilityContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-api',
    namespace: 'default',
    title: 'Checkout API',
    annotations: {
      'reliability-suite.dev/engagement': 'supported',
      'reliability-suite.dev/tier': '1',
    },
  },
  spec: { owner: 'group:default/team-checkout' },
};

const TAB = '/catalog/default/component/checkout-api/reliability';

function render(
  api: Partial<ReliabilityApi>,
  options: {
    allowed?: boolean;
    entity?: Entity;
    /** The URL, e.g. `${TAB}/slos`: the overview by default. */
    path?: string;
  } = {},
) {
  const full = mockReliabilityApi({
    getReadiness: jest.fn().mockResolvedValue(readiness()),
    getEntityPostmortems: jest
      .fn()
      .mockResolvedValue(entityPostmortems({ needsPostmortem: [] })),
    ...api,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, full],
        [permissionApiRef, mockPermissionApi(options.allowed ?? false)],
        // The postmortem dialog's owner picker lists the catalog's groups and users.
        [catalogApiRef, catalogApiMock()],
      ]}
    >
      <EntityProvider entity={options.entity ?? entity}>
        {/* As both frontend systems mount the tab: at `reliability/*`. */}
        <Routes>
          <Route
            path="/catalog/:namespace/:kind/:name/reliability/*"
            element={<EntityReliabilityContent />}
          />
        </Routes>
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: [options.path ?? TAB],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  );
}

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

describe('EntityReliabilityContent', () => {
  it('explains how to add an SLO when the entity has none', async () => {
    const getEntitySummary = jest.fn().mockResolvedValue({
      entityRef: 'component:default/checkout-api',
      slos: [],
    });
    await render({ getEntitySummary });
    // The overview says so and links to the SLOs section, which shows how.
    const objectives = await screen.findByText(/No SLOs for Checkout API yet/);
    fireEvent.click(
      within(objectives).getByRole('link', { name: 'How to add one' }),
    );
    expect(
      await screen.findByText('No SLOs for Checkout API yet'),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'SLOs' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(getEntitySummary).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout-api',
    });
    // The example names this entity as the SLO's service.
    expect(
      await screen.findByText('component:default/checkout-api'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: 'Audit' }));
    expect(
      await screen.findByText(/No state changes recorded yet/),
    ).toBeInTheDocument();
  });

  it("shows a System's components with their SLO and policy state, worst first, and judges the System by them", async () => {
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
      spec: { owner: 'group:default/team-payments' },
    };
    const getEntitySummary = jest.fn().mockResolvedValue({
      entityRef: 'system:default/payments',
      slos: [],
      components: [
        teamService({
          entityRef: 'component:default/ledger',
          title: 'Ledger',
          sloState: 'exhausted',
          remaining: -0.3,
          policyState: 'exhausted',
          frozen: true,
          systemRef: 'system:default/payments',
        }),
        teamService({
          entityRef: 'component:default/payouts',
          title: 'Payouts',
          systemRef: 'system:default/payments',
        }),
      ],
    });
    const getEntityPolicy = jest.fn().mockResolvedValue(
      entityPolicy({
        entityRef: 'system:default/payments',
        status: {
          ...entityPolicy().status,
          state: null,
          remaining: null,
          counted: 0,
          noData: 0,
        },
      }),
    );
    await render({ getEntitySummary, getEntityPolicy }, { entity: system });
    const table = await screen.findByRole('table', { name: 'Components' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('link')[0].textContent),
    ).toEqual(['Ledger', 'Payouts']);
    expect(
      within(rows[0]).getByRole('link', { name: 'Ledger' }),
    ).toHaveAttribute('href', '/catalog/default/component/ledger');
    expect(within(rows[0]).getByText('Budget exhausted')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Frozen')).toBeInTheDocument();
    expect(within(rows[0]).getByText('exhausted')).toBeInTheDocument();
    expect(screen.getByText('Components (2)')).toBeInTheDocument();
    // Before: "Nothing to judge by" was all the System said while its Ledger was frozen.
    const verdict = await screen.findByTestId('verdict');
    expect(verdict).toHaveTextContent('Releases frozen for 1 component');
    expect(verdict).toHaveTextContent(
      'A release freeze is in force on Ledger.',
    );
    expect(screen.queryByText('Nothing to judge by')).toBeNull();
    expect(
      screen.getByText(/No SLOs for Payments itself yet/),
    ).toBeInTheDocument();
    // The policy's line says why, not a bare dash where the budget would be.
    expect(
      screen.getByText(
        /Error-budget policy: .+ · budget by the policy: not known \(it has no SLOs\)$/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/budget by the policy: —/)).toBeNull();
    // The Policy section says why its own policy has nothing to judge by.
    fireEvent.click(screen.getByRole('tab', { name: 'Policy' }));
    expect(
      await screen.findByText(/Its 2 components are judged by their own SLOs/),
    ).toBeInTheDocument();
  });

  it('shows who is responsible as resolved, saying where inherited values come from', async () => {
    const getEntityResponsibility = jest.fn().mockResolvedValue(
      entityResponsibility({
        sreTeam: {
          value: 'group:default/sre-core',
          from: 'domain',
          fromRef: 'domain:default/commerce',
        },
      }),
    );
    await render(
      {
        getEntityResponsibility,
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [],
        }),
      },
      { path: `${TAB}/ownership` },
    );
    const table = await screen.findByRole('table', { name: 'Responsibility' });
    expect(getEntityResponsibility).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout-api',
    });
    const row = (name: string) =>
      within(table).getByRole('row', { name: new RegExp(`^${name}`) });
    expect(
      within(row('Owner')).getByRole('link', { name: 'team-checkout' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-checkout');
    expect(
      within(row('SRE team')).getByRole('link', { name: 'sre-core' }),
    ).toHaveAttribute('href', '/catalog/default/group/sre-core');
    expect(
      within(row('SRE team')).getByText('from Domain commerce'),
    ).toBeInTheDocument();
    // Set on the entity itself: no "from".
    expect(
      within(row('Engagement')).getByText('supported'),
    ).toBeInTheDocument();
    expect(within(row('Engagement')).queryByText(/^from /)).toBeNull();
    expect(within(row('Tier')).getByText('1')).toBeInTheDocument();
    expect(
      within(row('Tier')).getByText('from System storefront'),
    ).toBeInTheDocument();
    expect(
      within(row('On-call')).getByRole('link', {
        name: /^https:\/\/oncall\.example\.com\/schedules\/checkout/,
      }),
    ).toHaveAttribute('href', 'https://oncall.example.com/schedules/checkout');
    expect(
      within(row('Runbook')).getByRole('link', {
        name: /^https:\/\/runbooks\.example\.com\/checkout-api/,
      }),
    ).toBeInTheDocument();
    expect(
      within(row('Dashboard')).getByRole('link', { name: /^Grafana/ }),
    ).toHaveAttribute('href', 'https://grafana.example.com/d/checkout-api');
    expect(within(row('Playbook')).getByText('not set')).toBeInTheDocument();
  });

  it('names an SRE team the catalog does not hold, in the table and the matrix, without a link', async () => {
    await render(
      {
        getEntityResponsibility: jest.fn().mockResolvedValue(
          entityResponsibility({
            sreTeam: {
              value: 'group:default/sre-ghost',
              from: 'entity',
              fromRef: 'component:default/checkout-api',
            },
            sreTeamInCatalog: false,
          }),
        ),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [],
        }),
      },
      { path: `${TAB}/ownership` },
    );
    const table = await screen.findByRole('table', { name: 'Responsibility' });
    const sre = within(table).getByRole('row', { name: /^SRE team/ });
    expect(within(sre).getByText('sre-ghost')).toBeInTheDocument();
    expect(within(sre).getByText('not in the catalog')).toBeInTheDocument();
    expect(within(sre).queryByRole('link')).toBeNull();
    const matrix = screen.getByRole('table', { name: 'Responsibility matrix' });
    expect(
      within(matrix).queryByRole('link', { name: 'sre-ghost' }),
    ).toBeNull();
    expect(
      within(matrix)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Concern',
      'team-checkoutowning team',
      'sre-ghostnot in the catalogSRE team',
    ]);
  });

  it('shows the responsibility matrix with the teams by name and their RACI letters', async () => {
    await render(
      {
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [],
        }),
      },
      { path: `${TAB}/ownership` },
    );
    const matrix = await screen.findByRole('table', {
      name: 'Responsibility matrix',
    });
    const headers = within(matrix).getAllByRole('columnheader');
    expect(headers.map(h => h.textContent)).toEqual([
      'Concern',
      'team-checkoutowning team',
      'sre-coreSRE team',
    ]);
    expect(
      within(headers[1]).getByRole('link', { name: 'team-checkout' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-checkout');
    expect(
      within(headers[2]).getByRole('link', { name: 'sre-core' }),
    ).toHaveAttribute('href', '/catalog/default/group/sre-core');
    // Supported: SREs carry the primary on-call, the team ships its releases.
    const cells = (concern: string) =>
      within(within(matrix).getByRole('row', { name: new RegExp(concern) }))
        .getAllByRole('cell')
        .map(c => c.textContent);
    expect(cells('On-call \\(primary\\)')).toEqual([
      'On-call (primary)',
      'I',
      'RA',
    ]);
    expect(cells('Release management')).toEqual([
      'Release management',
      'RA',
      'C',
    ]);
    expect(within(matrix).getAllByRole('row')).toHaveLength(10);
    expect(
      within(matrix).getAllByTitle('Responsible, accountable'),
    ).not.toHaveLength(0);
    expect(screen.getByText(/Engagement model/)).toHaveTextContent(
      'Engagement model supported.',
    );
    expect(screen.getByLabelText('Legend')).toHaveTextContent(
      'R responsible · A accountable · C consulted · I informed · — not involved',
    );
  });

  it('says when there is no SRE team or engagement model', async () => {
    await render(
      {
        getEntityResponsibility: jest.fn().mockResolvedValue(
          entityResponsibility({
            entityRef: 'component:default/cart-web',
            sreTeam: null,
            engagement: null,
            tier: null,
            oncall: null,
            links: { runbook: [], dashboard: [], playbook: [] },
            matrix: matrixRows('none'),
          }),
        ),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/cart-web',
          slos: [],
        }),
      },
      {
        path: `${TAB}/ownership`,
        entity: {
          ...entity,
          metadata: { name: 'cart-web', namespace: 'default' },
        },
      },
    );
    const table = await screen.findByRole('table', { name: 'Responsibility' });
    expect(
      within(within(table).getByRole('row', { name: /SRE team/ })).getByText(
        'not set',
      ),
    ).toBeInTheDocument();
    expect(within(table).getAllByText('not set')).toHaveLength(7);
    const matrix = screen.getByRole('table', { name: 'Responsibility matrix' });
    expect(within(matrix).getByText('No SRE team')).toBeInTheDocument();
    expect(
      within(within(matrix).getByRole('row', { name: /Incident command/ }))
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['Incident command', 'RA', '—']);
    expect(screen.getByText(/No engagement model set/)).toBeInTheDocument();
    expect(screen.queryByText(/gives an SRE team duties/)).toBeNull();
  });

  it('warns when the engagement model gives SREs duties but there is no SRE team', async () => {
    await render(
      {
        getEntityResponsibility: jest
          .fn()
          .mockResolvedValue(entityResponsibility({ sreTeam: null })),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [],
        }),
      },
      { path: `${TAB}/ownership` },
    );
    expect(
      await screen.findByText(/gives an SRE team duties, but none is set/),
    ).toBeInTheDocument();
  });

  it('shows the error when the responsibility model cannot be loaded', async () => {
    await render(
      {
        getEntityResponsibility: jest
          .fn()
          .mockRejectedValue(new Error('responsibility is down')),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [],
        }),
      },
      { path: `${TAB}/ownership` },
    );
    expect(
      await screen.findAllByText(/responsibility is down/),
    ).not.toHaveLength(0);
    expect(screen.queryByRole('table', { name: 'Responsibility' })).toBeNull();
  });

  it('shows a card per objective with budget, burn rates, firing alert and chart', async () => {
    const status = {
      name: 'requests-succeed',
      target: 0.999,
      state: 'critical' as const,
      sli: 0.9985,
      goodEvents: 998500,
      totalEvents: 1000000,
      errorBudget: {
        consumed: 1.5,
        remaining: -0.5,
        total: 1000,
        spent: 1500,
        unit: 'events' as const,
      },
      burnRates: {
        '5m': 20,
        '30m': 18,
        '1h': 16,
        '2h': 9,
        '6h': 4,
        '1d': 2,
        '3d': 1.5,
      },
      alerts: [
        {
          severity: 'page' as const,
          longWindow: '1h',
          shortWindow: '5m',
          factor: 13.44,
          firing: true,
        },
        {
          severity: 'page' as const,
          longWindow: '6h',
          shortWindow: '30m',
          factor: 5.6,
          firing: false,
        },
        {
          severity: 'ticket' as const,
          longWindow: '1d',
          shortWindow: '2h',
          factor: 2.8,
          firing: false,
        },
        {
          severity: 'ticket' as const,
          longWindow: '3d',
          shortWindow: '6h',
          factor: 0.93,
          firing: false,
        },
      ],
      forecastExhaustionAt: null,
      dataQuality: 'ok' as const,
      windowStart: '2026-10-30T12:00:00.000Z',
      windowEnd: '2026-11-27T12:00:00.000Z',
      evaluatedAt: '2026-11-27T12:00:00.000Z',
    };
    const getSlo = jest.fn().mockResolvedValue({
      sloRef: 'slo:default/checkout-availability',
      name: 'checkout-availability',
      title: 'Checkout availability',
      serviceRef: 'component:default/checkout-api',
      objectives: [status],
      series: [
        {
          objective: 'requests-succeed',
          points: [
            {
              t: '2026-11-26T12:00:00.000Z',
              good: 10,
              total: 10,
              remaining: 1,
            },
            {
              t: '2026-11-27T12:00:00.000Z',
              good: 5,
              total: 10,
              remaining: -0.5,
            },
          ],
        },
      ],
    });
    await render(
      {
        getSlo,
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [
            {
              sloRef: 'slo:default/checkout-availability',
              name: 'checkout-availability',
              title: 'Checkout availability',
              budgetingMethod: 'Occurrences',
              window: 'rolling 28d',
              objectives: [status],
            },
          ],
        }),
      },
      { path: `${TAB}/slos` },
    );
    expect(
      await screen.findByText('Checkout availability'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('rolling 28d · Occurrences · target 99.9%'),
    ).toBeInTheDocument();
    expect(screen.getByText('Page: fast burn')).toBeInTheDocument();
    expect(screen.getByText('99.85% / 99.9%')).toBeInTheDocument();
    expect(screen.getByText('-50%', { selector: 'h6' })).toBeInTheDocument();
    expect(
      screen.getByText('1,500 of 1,000 bad events allowed so far'),
    ).toBeInTheDocument();
    // The burn now, then the threshold it crossed.
    expect(screen.getByText('16× over 1h, pages at 13.4×')).toBeInTheDocument();
    const burnRates = screen.getByRole('table', { name: 'Burn rates' });
    expect(burnRates).toHaveTextContent('20×');
    expect(burnRates).toHaveTextContent('1.5×');
    expect(
      await screen.findByRole('img', { name: 'Error budget burn-down chart' }),
    ).toBeInTheDocument();
    expect(getSlo).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'checkout-availability',
    });
    expect(screen.queryByText(/No SLOs for/)).not.toBeInTheDocument();
  });

  it("shows when a pulled SLI's source is unreachable, and since when data is missing", async () => {
    await render(
      {
        getSlo: jest.fn().mockResolvedValue({ series: [] }),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [
            {
              sloRef: 'slo:default/checkout-availability',
              name: 'checkout-availability',
              title: 'Checkout availability',
              objectives: [
                objectiveStatus({
                  source: {
                    type: 'Prometheus',
                    state: 'stale',
                    errorKind: 'unreachable',
                    reason: 'connect ECONNREFUSED 127.0.0.1:9090',
                    dataUntil: '2026-11-27T10:00:00.000Z',
                    lastSuccessAt: '2026-11-27T10:00:10.000Z',
                  },
                }),
              ],
            },
          ],
        }),
      },
      { path: `${TAB}/slos` },
    );
    expect(
      await screen.findByText(
        /^Prometheus unreachable: connect ECONNREFUSED 127\.0\.0\.1:9090 \(data until /,
      ),
    ).toBeInTheDocument();
  });

  it('says an objective whose window is still being back-filled is collecting data, and how much is in', async () => {
    await render(
      {
        getSlo: jest.fn().mockResolvedValue({ series: [] }),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/ledger',
          slos: [
            {
              sloRef: 'slo:default/ledger-availability',
              name: 'ledger-availability',
              title: 'Ledger write availability',
              objectives: [backfillingStatus()],
            },
          ],
        }),
      },
      { path: `${TAB}/slos` },
    );
    expect(
      await screen.findByText(
        'Partial data: 40% of the window: the figures are those of the data so far',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Collecting data')).toBeInTheDocument();
    expect(
      screen.getByText('Error budget remaining, of the data so far'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Healthy')).not.toBeInTheDocument();
  });

  it('explains how to push data for an objective without data', async () => {
    await render(
      {
        getSlo: jest.fn().mockResolvedValue({ series: [] }),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [
            {
              sloRef: 'slo:default/checkout-latency',
              name: 'checkout-latency',
              title: 'Checkout latency',
              objectives: [
                {
                  name: 'p99',
                  target: 0.99,
                  state: 'no-data',
                  sli: null,
                  goodEvents: 0,
                  totalEvents: 0,
                  errorBudget: {
                    consumed: 0,
                    remaining: 1,
                    total: 0,
                    spent: 0,
                    unit: 'ms',
                  },
                  burnRates: {},
                  alerts: [],
                  forecastExhaustionAt: null,
                  dataQuality: 'no-data',
                  windowStart: '2026-10-30T12:00:00.000Z',
                  windowEnd: '2026-11-27T12:00:00.000Z',
                  evaluatedAt: '2026-11-27T12:00:00.000Z',
                },
              ],
            },
          ],
        }),
      },
      { path: `${TAB}/slos` },
    );
    expect(await screen.findByText('No data')).toBeInTheDocument();
    expect(
      screen.getByText(/No SLI data in this window yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/slo:default\/checkout-latency/),
    ).toBeInTheDocument();
  });

  it('acts on the policy in its section and reloads its history; the Audit section shows the action', async () => {
    const listAuditEvents = jest.fn().mockResolvedValue({ items: [] });
    const enactFreeze = jest.fn().mockResolvedValue(freeze());
    await render(
      {
        listAuditEvents,
        enactFreeze,
        getEntityPolicy: jest.fn().mockResolvedValue(entityPolicy()),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-web',
          slos: [],
        }),
      },
      {
        allowed: true,
        path: `${TAB}/policy`,
        // usePermission caches its answer per entity: not the one earlier tests were denied.
        entity: {
          ...entity,
          metadata: { ...entity.metadata, name: 'checkout-web' },
        },
      },
    );
    expect(
      await screen.findByRole('link', { name: 'Payments strict policy' }),
    ).toHaveAttribute('href', '/reliability/policies/payments/strict');
    expect(screen.getByText('At risk')).toBeInTheDocument();
    // The policy history of the entity.
    await waitFor(() =>
      expect(listAuditEvents).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRef: 'component:default/checkout-web',
        }),
      ),
    );
    const calls = listAuditEvents.mock.calls.length;
    fireEvent.click(
      await screen.findByRole('button', { name: 'Enact freeze' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Budget gone' },
    });
    listAuditEvents.mockResolvedValue({
      items: [
        auditEvent({
          reason: 'Budget gone',
          entityRef: 'component:default/checkout-web',
        }),
      ],
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Enact freeze' }),
    );
    await waitFor(() =>
      expect(listAuditEvents.mock.calls.length).toBeGreaterThan(calls),
    );
    expect(enactFreeze).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout-web' },
      { reason: 'Budget gone' },
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.click(screen.getByRole('tab', { name: 'Audit' }));
    expect(
      await screen.findByRole('cell', { name: 'Budget gone' }),
    ).toBeInTheDocument();
  });

  it('shows the readiness checklist in its section; the Audit section shows an attestation made there', async () => {
    const listAuditEvents = jest.fn().mockResolvedValue({ items: [] });
    const attestItem = jest.fn().mockResolvedValue({});
    await render(
      {
        listAuditEvents,
        attestItem,
        getReadiness: jest.fn().mockResolvedValue(readiness()),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-ready',
          slos: [],
        }),
      },
      {
        allowed: true,
        path: `${TAB}/readiness`,
        entity: {
          ...entity,
          metadata: { ...entity.metadata, name: 'checkout-ready' },
        },
      },
    );
    expect(
      await screen.findByText('Production readiness · version 1'),
    ).toBeInTheDocument();
    expect(screen.getByText('Readiness review')).toBeInTheDocument();
    fireEvent.click(
      await screen.findByRole('button', { name: 'Attest Load tested at peak' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Statement/), {
      target: { value: 'Ran 3x peak' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Evidence URL/), {
      target: { value: 'https://reports.example.com/load' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Attest' }));
    await waitFor(() => expect(attestItem).toHaveBeenCalled());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    listAuditEvents.mockResolvedValue({
      items: [
        auditEvent({
          action: 'readiness.attested',
          reason: 'Ran 3x peak',
          entityRef: 'component:default/checkout-ready',
        }),
      ],
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Audit' }));
    expect(
      await screen.findByRole('cell', { name: 'Ran 3x peak' }),
    ).toBeInTheDocument();
  });

  it('shows the postmortems in their section and saves an edit', async () => {
    const updatePostmortem = jest.fn().mockResolvedValue(postmortem());
    await render(
      {
        updatePostmortem,
        getEntityPostmortems: jest.fn().mockResolvedValue(entityPostmortems()),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-postmortems',
          slos: [],
        }),
      },
      {
        allowed: true,
        path: `${TAB}/postmortems`,
        entity: {
          ...entity,
          metadata: { ...entity.metadata, name: 'checkout-postmortems' },
        },
      },
    );
    expect(await screen.findByText('Postmortems (2)')).toBeInTheDocument();
    expect(screen.queryByText('Production readiness · version 1')).toBeNull();
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Edit Checkout 5xx after the ledger deploy',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save postmortem' }),
    );
    await waitFor(() => expect(updatePostmortem).toHaveBeenCalled());
  });

  it('answers first: the paging verdict with its burn and forecast, the next actions linked to their sections, one row per objective', async () => {
    const paging = objectiveStatus({
      state: 'critical',
      sli: 0.9912,
      target: 0.999,
      errorBudget: {
        consumed: 0.95,
        remaining: 0.05,
        total: 1000,
        spent: 950,
        unit: 'events',
      },
      burnRates: { ...objectiveStatus().burnRates, '1h': 24 },
      forecastBurnWindow: '1h',
      forecastExhaustionAt: new Date(Date.now() + 25 * 3_600_000).toISOString(),
      alerts: [
        {
          severity: 'page',
          longWindow: '1h',
          shortWindow: '5m',
          factor: 14.4,
          firing: true,
        },
      ],
    });
    await render({
      // Healthy by the budget alone: before, the banner said "release as usual".
      getEntityPolicy: jest.fn().mockResolvedValue(
        entityPolicy({
          status: {
            ...entityPolicy().status,
            state: 'healthy',
            title: 'Healthy',
            consequences: 'Release as usual.',
            requiredActions: [],
          },
        }),
      ),
      getReadiness: jest
        .fn()
        .mockResolvedValue(
          readiness({ review: review({ state: 'changes-requested' }) }),
        ),
      getEntityPostmortems: jest.fn().mockResolvedValue(
        entityPostmortems({
          needsPostmortem: [
            burnEpisode({ sloTitle: 'Checkout API availability' }),
          ],
        }),
      ),
      getEntitySummary: jest.fn().mockResolvedValue({
        entityRef: 'component:default/checkout-api',
        slos: [
          {
            sloRef: 'slo:default/checkout-api-availability',
            name: 'checkout-api-availability',
            title: 'Checkout API availability',
            objectives: [paging],
          },
          {
            sloRef: 'slo:default/checkout-api-latency',
            name: 'checkout-api-latency',
            title: 'Checkout API latency',
            objectives: [objectiveStatus({ target: 0.99, sli: 0.995 })],
          },
        ],
      }),
    });
    const verdict = await screen.findByTestId('verdict');
    expect(verdict).toHaveTextContent(
      'Paging: Checkout API availability burning 24× — budget gone in ~1 day',
    );
    expect(screen.queryByText(/Release as usual/)).toBeNull();
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    const actions = await screen.findByRole('list', { name: 'Next actions' });
    await waitFor(() =>
      expect(within(actions).getAllByRole('link')).toHaveLength(3),
    );
    expect(within(actions).getAllByRole('link')[0]).toHaveTextContent(
      'Stop the fast burn of Checkout API availability: its page alert fires',
    );
    expect(within(actions).getAllByRole('link')[0]).toHaveAttribute(
      'href',
      `${TAB}/slos`,
    );
    expect(
      within(actions).getByRole('link', {
        name: /^Write a postmortem: Checkout API availability burn since /,
      }),
    ).toHaveAttribute('href', `${TAB}/postmortems?write=1`);
    expect(
      within(actions).getByRole('link', {
        name: 'Readiness review: changes requested — 2 items to fix',
      }),
    ).toHaveAttribute('href', `${TAB}/readiness`);

    const table = screen.getByRole('table', { name: 'Objectives' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(
      within(rows[0]).getByRole('link', { name: 'Checkout API availability' }),
    ).toHaveAttribute(
      'href',
      '/reliability/slos/default/checkout-api-availability',
    );
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'Checkout API availability',
      'Page: fast burn',
      '99.12% / 99.9%',
      '5% left',
      '24× (1h)',
    ]);
    expect(within(rows[1]).getByText('Healthy')).toBeInTheDocument();
    expect(within(rows[1]).getByText('99.5% / 99%')).toBeInTheDocument();
  });

  it('makes the freeze the verdict of a frozen, exhausted service, names the exhausted budget too, and lists what the policy requires', async () => {
    await render({
      getEntityPolicy: jest.fn().mockResolvedValue(
        entityPolicy({
          status: {
            ...entityPolicy().status,
            state: 'exhausted',
            title: 'Exhausted',
            consequences: 'Release freeze: only P0 and security fixes ship.',
            requiredActions: [
              'Work only on reliability until the budget recovers',
            ],
            remaining: -0.3,
          },
          freeze: freeze({ automatic: true, startedBy: 'plugin:reliability' }),
        }),
      ),
      getEntitySummary: jest.fn().mockResolvedValue({
        entityRef: 'component:default/ledger',
        slos: [
          {
            sloRef: 'slo:default/ledger-availability',
            name: 'ledger-availability',
            title: 'Ledger write availability',
            objectives: [
              objectiveStatus({
                state: 'exhausted',
                errorBudget: {
                  consumed: 1.3,
                  remaining: -0.3,
                  total: 100,
                  spent: 130,
                  unit: 'events',
                },
              }),
            ],
          },
        ],
      }),
    });
    const verdict = await screen.findByTestId('verdict');
    expect(verdict).toHaveTextContent(
      /^Release freeze since .+ by the policy: only security fixes ship/,
    );
    expect(verdict).toHaveTextContent(
      'Also: Budget exhausted: Ledger write availability 1.3× over budget',
    );
    const actions = await screen.findByRole('list', { name: 'Next actions' });
    expect(
      within(actions).getByRole('link', {
        name: 'Work only on reliability until the budget recovers',
      }),
    ).toHaveAttribute('href', `${TAB}/policy`);
    const row = within(
      screen.getByRole('table', { name: 'Objectives' }),
    ).getAllByRole('row')[1];
    expect(within(row).getByText('1.3× over budget')).toBeInTheDocument();
    expect(within(row).getByText('Budget exhausted')).toBeInTheDocument();
  });

  it('never reads healthy while the data cover part of the window', async () => {
    await render({
      getEntityPolicy: jest.fn().mockResolvedValue(
        entityPolicy({
          status: {
            ...entityPolicy().status,
            state: 'healthy',
            title: 'Healthy',
            requiredActions: [],
            partial: 1,
          },
        }),
      ),
      getEntitySummary: jest.fn().mockResolvedValue({
        entityRef: 'component:default/ledger',
        slos: [
          {
            sloRef: 'slo:default/ledger-availability',
            name: 'ledger-availability',
            title: 'Ledger write availability',
            objectives: [backfillingStatus()],
          },
        ],
      }),
    });
    const verdict = await screen.findByTestId('verdict');
    expect(verdict).toHaveTextContent('Collecting data');
    const row = within(
      screen.getByRole('table', { name: 'Objectives' }),
    ).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Partial data: 40% of the window');
    expect(screen.queryByText('Healthy')).toBeNull();
  });

  it('gives every section its own URL: the tabs link to them and a deep link opens one', async () => {
    await render(
      {
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [],
        }),
      },
      { path: `${TAB}/readiness` },
    );
    expect(
      await screen.findByText('Production readiness · version 1'),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Readiness' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const tabs = screen.getByRole('tablist', { name: 'Reliability sections' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map(t => [t.textContent, t.getAttribute('href')]),
    ).toEqual([
      ['Overview', TAB],
      ['SLOs', `${TAB}/slos`],
      ['Policy', `${TAB}/policy`],
      ['Ownership', `${TAB}/ownership`],
      ['Readiness', `${TAB}/readiness`],
      ['Postmortems', `${TAB}/postmortems`],
      ['Audit', `${TAB}/audit`],
    ]);
    // Only the section asked for: no postmortems or audit trail below the checklist.
    expect(screen.queryByText(/Audit trail/)).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Ownership' }));
    expect(
      await screen.findByRole('table', { name: 'Responsibility' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Production readiness · version 1')).toBeNull();
  });

  it('says a section does not exist and links to the overview', async () => {
    await render(
      {
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [],
        }),
      },
      { path: `${TAB}/nonsense` },
    );
    expect(
      await screen.findByText('No section “nonsense” on the Reliability tab'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('link', { name: 'Go to the overview' }));
    expect(await screen.findByTestId('verdict')).toBeInTheDocument();
  });

  it('shows the refinement history only of an SLO that was refined', async () => {
    const revisions = (total: number) => ({
      sloRef: '',
      items: [],
      totalCount: total,
    });
    await render(
      {
        getSlo: jest.fn().mockResolvedValue({ series: [] }),
        getSloRevisions: jest
          .fn()
          .mockImplementation(async ref =>
            ref.name === 'checkout-refined' ? revisions(3) : revisions(1),
          ),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [
            {
              sloRef: 'slo:default/checkout-refined',
              name: 'checkout-refined',
              title: 'Checkout refined',
              objectives: [objectiveStatus()],
            },
            {
              sloRef: 'slo:default/checkout-never',
              name: 'checkout-never',
              title: 'Checkout never refined',
              objectives: [objectiveStatus()],
            },
          ],
        }),
      },
      { path: `${TAB}/slos` },
    );
    expect(
      await screen.findByText('Refinement history — Checkout refined'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Refinement history — Checkout never refined'),
    ).toBeNull();
  });

  it('shows the backend error instead of swallowing it', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message: 'No entity component:default/checkout-api in the catalog',
        },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response as any);
    await render({ getEntitySummary: jest.fn().mockRejectedValue(error) });
    expect(
      await screen.findAllByText(
        /No entity component:default\/checkout-api in the catalog/,
      ),
    ).not.toHaveLength(0);
  });
});
