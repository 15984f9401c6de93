import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  auditEvent,
  backfillingStatus,
  auditFinding,
  auditFindingPage,
  auditSummary,
  mockReliabilityApi,
  objectiveStatus,
  policy,
  sreTeamLoad,
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

/** A team others name but the catalog lacks: its name, "not in the catalog", no link. */
function expectNamedNotInCatalog(row: HTMLElement, name: string) {
  expect(within(row).getByText(name)).toBeInTheDocument();
  expect(within(row).getByText('not in the catalog')).toBeInTheDocument();
  expect(within(row).queryByRole('link', { name })).toBeNull();
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
jest.setTimeout(90_000);

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
    // The SLO's name links to its catalog page (objectives, history, service).
    expect(
      screen.getByRole('link', { name: 'Ledger writes — commit' }),
    ).toHaveAttribute('href', '/catalog/default/slo/ledger-writes');
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

  it('lists an objective still being back-filled as collecting data, with its policy', async () => {
    const listSlos = jest.fn().mockResolvedValue({
      totalCount: 1,
      items: [
        {
          sloRef: 'slo:default/ledger-availability',
          title: 'Ledger write availability',
          serviceRef: 'component:default/ledger',
          ownerRef: 'group:default/team-payments',
          systemRef: null,
          objective: backfillingStatus({ name: 'writes-commit' }),
          policy: {
            ref: 'errorbudgetpolicy:payments/strict',
            state: 'healthy',
            partial: 1,
            frozen: false,
          },
        },
      ],
    });
    await renderMounted({
      listSlos,
      listPolicies: jest.fn().mockResolvedValue(policies),
    });
    expect(
      await screen.findByText('Partial data: 40% of the window'),
    ).toBeInTheDocument();
    // The objective's state and, once the policies are in, its service's policy state.
    await waitFor(() =>
      expect(screen.getAllByText('Collecting data')).toHaveLength(2),
    );
    expect(screen.queryByText('Healthy')).not.toBeInTheDocument();
    expect(screen.queryByText('100%')).not.toBeInTheDocument();
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
    // Past exhaustion, the spend as a multiple of the budget, not a negative percentage.
    expect(screen.getByText('1.12× over budget')).toBeInTheDocument();
    expect(screen.queryByText('-12%')).not.toBeInTheDocument();
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

  describe('Audit tab', () => {
    const findings = auditFindingPage({
      totalCount: 45,
      items: [
        auditFinding(),
        auditFinding({
          entityRef: 'component:default/orphan',
          title: 'Orphan',
          kind: 'no-owner',
          message: 'No owner',
          fix: 'Set spec.owner to the team that runs it',
          ownerRef: null,
          systemRef: null,
          tier: null,
          engagement: null,
        }),
        auditFinding({
          entityRef: 'component:default/search-api',
          title: 'Search API',
          kind: 'slo-without-data',
          severity: 'warning',
          message: 'SLO search-availability has no data',
          fix: 'Push SLI events or connect its Prometheus',
          ownerRef: 'group:default/team-search',
          engagement: 'consulting',
        }),
        auditFinding({
          entityRef: 'component:default/billing-export',
          title: 'Billing export',
          kind: 'owner-not-found',
          message: 'Owner team-billing is not in the catalog',
          fix: 'Add the group to the catalog, or correct spec.owner',
          ownerRef: 'group:default/team-billing',
          tier: 3,
        }),
      ],
    });

    function renderAudit(api: Partial<ReliabilityApi> = {}) {
      return renderMounted(
        {
          listAuditFindings: jest.fn().mockResolvedValue(findings),
          getAuditSummary: jest.fn().mockResolvedValue(auditSummary()),
          ...api,
        },
        '/reliability/audit',
      );
    }

    async function choose(label: string, option: string) {
      fireEvent.mouseDown(screen.getByLabelText(label));
      fireEvent.click(
        within(await screen.findByRole('listbox')).getByText(option),
      );
    }

    it('summarises the findings by owning team', async () => {
      await renderAudit();
      expect(
        await screen.findByText('Findings by owning team'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('5 errors, 3 warnings in all'),
      ).toBeInTheDocument();
      const checkout = screen
        .getAllByRole('row')
        .find(r => within(r).queryByRole('link', { name: 'team-checkout' }));
      expect(checkout).toBeDefined();
      expect(
        within(checkout!)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ).toEqual(['team-checkout', '2', '3', '1', '']);
      // An owner the catalog does not hold: named, said so, no link to a "not found" page.
      expectNamedNotInCatalog(
        screen
          .getAllByRole('row')
          .find(r => within(r).queryByText('team-billing'))!,
        'team-billing',
      );
      expect(screen.getByRole('tab', { name: 'Audit' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
    });

    it('lists the findings with entity, kind, severity, message, fix and owner', async () => {
      const listAuditFindings = jest.fn().mockResolvedValue(findings);
      await renderAudit({ listAuditFindings });
      expect(await screen.findByText('Findings (45)')).toBeInTheDocument();
      expect(listAuditFindings).toHaveBeenCalledWith({ limit: 20, offset: 0 });
      expect(
        screen.getByText('12 entities audited', { exact: false }),
      ).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'Cart web' })).toHaveAttribute(
        'href',
        '/catalog/default/component/cart-web',
      );
      // The system by its name as the catalog presents it (here without a title: its name).
      expect(
        screen.getByText(
          (_, el) =>
            el?.tagName === 'SPAN' &&
            el.textContent === 'tier 2 · onboarding · storefront',
        ),
      ).toBeInTheDocument();
      expect(screen.getByText('Tier without on-call')).toBeInTheDocument();
      expect(
        screen.getByText('Tier 2 but no on-call rotation'),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          'Set reliability-suite.dev/oncall on the entity or its System',
        ),
      ).toBeInTheDocument();
      expect(screen.getAllByText('Error')).toHaveLength(3);
      expect(screen.getByText('Warning')).toBeInTheDocument();
      // An owner the catalog lacks (the summary says which): named, not linked.
      expectNamedNotInCatalog(
        screen
          .getAllByRole('row')
          .find(r =>
            within(r).queryByRole('link', { name: 'Billing export' }),
          )!,
        'team-billing',
      );
      // The orphan's finding, and its row in the summary.
      expect(screen.getAllByText('no owner')).toHaveLength(2);
      expect(screen.getByText('SLO without data')).toBeInTheDocument();
    });

    it('passes the filters to listAuditFindings and pages through the findings', async () => {
      const listAuditFindings = jest.fn().mockResolvedValue(findings);
      await renderAudit({ listAuditFindings });
      await screen.findByText('Findings (45)');

      await choose('Owner', 'team-checkout');
      await waitFor(() =>
        expect(listAuditFindings).toHaveBeenLastCalledWith({
          owner: 'group:default/team-checkout',
          limit: 20,
          offset: 0,
        }),
      );
      await screen.findByText('Findings (45)');
      await choose('Tier', 'Tier 1');
      await screen.findByText('Findings (45)');
      await choose('Engagement', 'supported');
      await screen.findByText('Findings (45)');
      await choose('Severity', 'Error');
      await screen.findByText('Findings (45)');
      await choose('Finding', 'Tier without on-call');
      await screen.findByText('Findings (45)');
      fireEvent.change(screen.getByLabelText('System'), {
        target: { value: 'storefront' },
      });
      const filters = {
        owner: 'group:default/team-checkout',
        system: 'system:default/storefront',
        tier: 1,
        engagement: 'supported',
        severity: 'error',
        kind: 'tier-without-oncall',
      };
      await waitFor(() =>
        expect(listAuditFindings).toHaveBeenLastCalledWith({
          ...filters,
          limit: 20,
          offset: 0,
        }),
      );
      await screen.findByText('Findings (45)');

      fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
      await waitFor(() =>
        expect(listAuditFindings).toHaveBeenLastCalledWith({
          ...filters,
          limit: 20,
          offset: 20,
        }),
      );
      await screen.findByText('Findings (45)');
      expect(screen.getByText('21-40 of 45')).toBeInTheDocument();

      // A new filter starts again at the first page.
      await choose('Severity', 'Warning');
      await waitFor(() =>
        expect(listAuditFindings).toHaveBeenLastCalledWith({
          ...filters,
          severity: 'warning',
          limit: 20,
          offset: 0,
        }),
      );
    });

    it('reads its filters from the URL, so a filtered audit survives a reload', async () => {
      const listAuditFindings = jest.fn().mockResolvedValue(findings);
      await renderMounted(
        {
          listAuditFindings,
          getAuditSummary: jest.fn().mockResolvedValue(auditSummary()),
        },
        `/reliability/audit?owner=${encodeURIComponent(
          'group:default/team-checkout',
        )}&tier=1&system=${encodeURIComponent('system:default/storefront')}`,
      );
      await screen.findByText('Findings (45)');
      expect(listAuditFindings).toHaveBeenLastCalledWith({
        owner: 'group:default/team-checkout',
        system: 'system:default/storefront',
        tier: 1,
        limit: 20,
        offset: 0,
      });
      expect(screen.getByLabelText('System')).toHaveValue(
        'system:default/storefront',
      );
    });

    it('narrows the findings to a team from the summary', async () => {
      const listAuditFindings = jest.fn().mockResolvedValue(findings);
      await renderAudit({ listAuditFindings });
      fireEvent.click(
        await screen.findByRole('button', {
          name: 'Show the findings of team-search',
        }),
      );
      await waitFor(() =>
        expect(listAuditFindings).toHaveBeenLastCalledWith({
          owner: 'group:default/team-search',
          limit: 20,
          offset: 0,
        }),
      );
      await screen.findByText('Findings (45)');
      fireEvent.click(
        screen.getByRole('button', {
          name: 'Show the entities without an owner',
        }),
      );
      await waitFor(() =>
        expect(listAuditFindings).toHaveBeenLastCalledWith({
          kind: 'no-owner',
          limit: 20,
          offset: 0,
        }),
      );
    });

    describe('Download CSV', () => {
      const createObjectURL = jest.fn(() => 'blob:reliability-audit');
      const revokeObjectURL = jest.fn();
      let clicked: HTMLAnchorElement[] = [];
      let click: jest.SpyInstance;
      beforeEach(() => {
        clicked = [];
        Object.assign(URL, { createObjectURL, revokeObjectURL });
        click = jest
          .spyOn(HTMLAnchorElement.prototype, 'click')
          .mockImplementation(function record(this: HTMLAnchorElement) {
            clicked.push(this);
          });
      });
      afterEach(() => {
        click.mockRestore();
        createObjectURL.mockClear();
      });

      it('exports the findings with the filters and downloads them as reliability-audit.csv', async () => {
        const exportAuditFindings = jest
          .fn()
          .mockResolvedValue(
            'entityRef,kind\ncomponent:default/cart-web,tier-without-oncall\n',
          );
        await renderAudit({ exportAuditFindings });
        await screen.findByText('Findings (45)');
        await choose('Severity', 'Error');
        await screen.findByText('Findings (45)');
        await choose('Engagement', 'onboarding');
        await screen.findByText('Findings (45)');
        fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
        await waitFor(() => expect(clicked).toHaveLength(1));
        expect(exportAuditFindings).toHaveBeenCalledWith({
          severity: 'error',
          engagement: 'onboarding',
        });
        // Without paging: the export has every finding that matches.
        expect(exportAuditFindings.mock.calls[0][0]).not.toHaveProperty(
          'limit',
        );
        expect(clicked[0].download).toBe('reliability-audit.csv');
        expect(clicked[0].href).toBe('blob:reliability-audit');
        const blob = (createObjectURL.mock.calls[0] as unknown[])[0] as Blob;
        expect(blob.type).toBe('text/csv;charset=utf-8');
        expect(blob.size).toBeGreaterThan(0);
        // The temporary link is gone again.
        expect(document.querySelector('a[download]')).toBeNull();
      });

      it('shows why the export failed', async () => {
        await renderAudit({
          exportAuditFindings: jest
            .fn()
            .mockRejectedValue(new Error('export is down')),
        });
        await screen.findByText('Findings (45)');
        fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
        expect(
          await screen.findByText(
            'Could not export the findings: export is down',
          ),
        ).toBeInTheDocument();
        expect(clicked).toHaveLength(0);
      });
    });

    it('says when there are no findings, and when none match the filters', async () => {
      const listAuditFindings = jest
        .fn()
        .mockResolvedValue(auditFindingPage({ items: [], totalCount: 0 }));
      await renderAudit({
        listAuditFindings,
        getAuditSummary: jest
          .fn()
          .mockResolvedValue(
            auditSummary({ teams: [], bySeverity: {}, byKind: {} }),
          ),
      });
      expect(
        await screen.findByText(/^No findings: all 12 audited entities/),
      ).toBeInTheDocument();
      expect(screen.getByText(/No findings for any team/)).toBeInTheDocument();
      await choose('Severity', 'Error');
      expect(
        await screen.findByText('No findings match these filters.'),
      ).toBeInTheDocument();
    });

    it('shows the backend errors', async () => {
      await renderAudit({
        listAuditFindings: jest
          .fn()
          .mockRejectedValue(new Error('findings are down')),
        getAuditSummary: jest
          .fn()
          .mockRejectedValue(new Error('summary is down')),
      });
      expect(await screen.findAllByText(/findings are down/)).not.toHaveLength(
        0,
      );
      expect(await screen.findAllByText(/summary is down/)).not.toHaveLength(0);
    });
  });

  describe('SRE teams tab', () => {
    it('lists the SRE teams with load and capacity and calls out those over it', async () => {
      const listSreTeams = jest.fn().mockResolvedValue({
        items: [
          sreTeamLoad({
            groupRef: 'group:default/sre-platform',
            title: 'SRE Platform',
            load: 5,
            capacity: 4,
            overCapacity: true,
            services: 3,
            engaged: 2,
          }),
          sreTeamLoad(),
          sreTeamLoad({
            groupRef: 'group:default/sre-data',
            title: 'SRE Data',
            load: 1,
            capacity: null,
            services: 1,
          }),
          // Named by a service, not in the catalog: the backend's title is the reference.
          sreTeamLoad({
            groupRef: 'group:default/sre-ghost',
            title: 'group:default/sre-ghost',
            load: 0,
            capacity: null,
            services: 0,
            engaged: 1,
          }),
        ],
      });
      await renderMounted({ listSreTeams }, '/reliability/sre-teams');
      expect(await screen.findByText('SRE teams (4)')).toBeInTheDocument();
      expectNamedNotInCatalog(
        screen
          .getAllByRole('row')
          .find(r => within(r).queryByText('sre-ghost'))!,
        'sre-ghost',
      );
      expect(screen.getByRole('alert')).toHaveTextContent(
        '1 SRE team over capacity',
      );
      expect(screen.getByRole('alert')).toHaveTextContent('SRE Platform');
      const row = (name: string) =>
        screen
          .getAllByRole('row')
          .find(r => within(r).queryByRole('link', { name }))!;
      expect(
        within(row('SRE Platform')).getByText('load 5 / capacity 4'),
      ).toBeInTheDocument();
      expect(
        within(row('SRE Platform')).getByText('Over capacity'),
      ).toBeInTheDocument();
      expect(
        within(row('SRE Core')).getByText('Within capacity'),
      ).toBeInTheDocument();
      expect(
        within(row('SRE Data')).getByText('No capacity declared'),
      ).toBeInTheDocument();
      expect(
        within(row('SRE Core')).getByRole('link', { name: 'SRE Core' }),
      ).toHaveAttribute('href', '/catalog/default/group/sre-core');
      // Supported services (the load's and the time budget's) apart from those that only
      // name the team: each column says which it is.
      const headers = screen
        .getAllByRole('columnheader')
        .map(h => h.textContent);
      const supportedAt = headers.indexOf('Supported services');
      const engagedAt = headers.indexOf('Engaged, not counted');
      expect(supportedAt).toBeGreaterThan(0);
      expect(engagedAt).toBeGreaterThan(0);
      const cells = within(row('SRE Platform')).getAllByRole('cell');
      expect(cells[supportedAt]).toHaveTextContent('3');
      expect(cells[engagedAt]).toHaveTextContent('2');
    });

    it('explains SRE teams when there are none, and shows errors', async () => {
      await renderMounted({}, '/reliability/sre-teams');
      expect(await screen.findByText(/No SRE teams yet/)).toBeInTheDocument();
    });

    it('shows the backend error', async () => {
      await renderMounted(
        { listSreTeams: jest.fn().mockRejectedValue(new Error('sre down')) },
        '/reliability/sre-teams',
      );
      expect(await screen.findAllByText(/sre down/)).not.toHaveLength(0);
    });
  });
});
