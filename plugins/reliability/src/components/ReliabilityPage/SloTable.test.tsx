import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router-dom';
import {
  mockReliabilityApi,
  objectiveStatus,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { SloTable } from './SloTable';

jest.setTimeout(30_000);

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'team-checkout',
      namespace: 'default',
      title: 'Checkout team',
    },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'team-search',
      namespace: 'default',
      title: 'Search team',
    },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-api',
      namespace: 'default',
      title: 'Checkout API',
    },
    spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
  },
];

const item = (name: string, title: string, state: any, remaining: number) => ({
  sloRef: `slo:default/${name}`,
  title,
  serviceRef: 'component:default/checkout-api',
  ownerRef: 'group:default/team-checkout',
  systemRef: null,
  objective: objectiveStatus({
    name: 'requests',
    state,
    errorBudget: { ...objectiveStatus().errorBudget, remaining },
  }),
  policy: null,
});

function Location() {
  const location = useLocation();
  return <div data-testid="location">{location.search}</div>;
}

/** Titles as the app's entity presentation API gives them, the reference on hover. */
const TITLES: Record<string, string> = {
  'group:default/team-checkout': 'Checkout team',
  'group:default/team-search': 'Search team',
  'component:default/checkout-api': 'Checkout API',
};
const presentation = {
  forEntity(ref: string) {
    const snapshot = { entityRef: ref, primaryTitle: TITLES[ref] ?? ref };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

async function render(listSlos: jest.Mock, path = '/reliability') {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, mockReliabilityApi({ listSlos })],
        [catalogApiRef, catalogApiMock({ entities: entities as any[] })],
        [entityPresentationApiRef, presentation],
      ]}
    >
      <Routes>
        <Route
          path="/reliability/*"
          element={
            <>
              <SloTable onEmpty={<div>empty</div>} />
              <Location />
            </>
          }
        />
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

const page = {
  totalCount: 2,
  items: [
    // In the order the backend gives: most urgent first, whatever the budget says.
    item('checkout-api-latency', 'Checkout API latency', 'critical', 0.6),
    item('checkout-availability', 'Checkout availability', 'exhausted', -3.3),
  ],
};

describe('SloTable', () => {
  it('keeps the backend’s urgency order, names things and links to the pages that answer', async () => {
    await render(jest.fn().mockResolvedValue(page));
    const rows = await screen.findAllByRole('row');
    const text = rows.map(r => r.textContent ?? '');
    const paging = text.findIndex(t => t.includes('Checkout API latency'));
    const exhausted = text.findIndex(t => t.includes('Checkout availability'));
    expect(paging).toBeGreaterThan(0);
    expect(paging).toBeLessThan(exhausted);
    // The SLO's own page; the service's Reliability tab, by its title; no raw reference.
    expect(
      screen.getByRole('link', { name: 'Checkout API latency — requests' }),
    ).toHaveAttribute('href', '/reliability/slos/default/checkout-api-latency');
    const services = await screen.findAllByRole('link', {
      name: /Checkout API$/,
    });
    expect(services[0]).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/reliability',
    );
    expect(await screen.findAllByText('Checkout team')).not.toHaveLength(0);
    expect(screen.queryByText(/component:default\/checkout-api/)).toBeNull();
    // Over budget as a multiple, not a negative percentage.
    expect(screen.getByText('4.3× over budget')).toBeInTheDocument();
    expect(screen.queryByText(/-330/)).toBeNull();
  });

  it("names a pulled SLI's failing source in the row, and its own words on hover", async () => {
    const reason =
      'query-error: sum(rate(http_requests_total{job="ledger",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="ledger"}[5m])): bad_data';
    const failing = item('ledger', 'Ledger writes', 'critical', 0.2);
    failing.objective.source = { type: 'Prometheus', state: 'error', reason };
    const stale = item('search', 'Search queries', 'healthy', 0.7);
    // No reason given: the hover says "unknown", not "undefined".
    stale.objective.source = { type: 'Prometheus', state: 'stale' };
    await render(
      jest.fn().mockResolvedValue({ totalCount: 2, items: [failing, stale] }),
    );
    const label = await screen.findByText('Prometheus error');
    expect(screen.getByText('Prometheus unreachable')).toBeInTheDocument();
    // The sentence is not in the table, where it set the State column's width.
    expect(screen.queryByText(reason, { exact: false })).toBeNull();
    fireEvent.mouseOver(label);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      `Prometheus error: ${reason}`,
    );
    fireEvent.mouseLeave(label);
    fireEvent.mouseOver(screen.getByText('Prometheus unreachable'));
    await waitFor(() =>
      expect(screen.getByRole('tooltip')).toHaveTextContent(
        'Prometheus unreachable: unknown',
      ),
    );
  });

  it("shows a failing source's words to the keyboard too", async () => {
    const failing = item('ledger', 'Ledger writes', 'critical', 0.2);
    failing.objective.source = {
      type: 'Prometheus',
      state: 'error',
      reason: 'bad_data',
    };
    await render(
      jest.fn().mockResolvedValue({ totalCount: 1, items: [failing] }),
    );
    const label = await screen.findByText('Prometheus error');
    // As a Tab press does: a key down, then the focus (Material UI shows tooltips on
    // keyboard focus only).
    fireEvent.keyDown(document.body, { key: 'Tab' });
    act(() => label.focus());
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Prometheus error: bad_data',
    );
  });

  it('reads its search and filters from the URL', async () => {
    const listSlos = jest.fn().mockResolvedValue(page);
    await render(
      listSlos,
      `/reliability?q=${encodeURIComponent(
        'checkout api',
      )}&owner=${encodeURIComponent(
        'group:default/team-checkout',
      )}&tier=1&frozen=true`,
    );
    await screen.findByText('Service level objectives (2)');
    expect(listSlos).toHaveBeenLastCalledWith({
      q: 'checkout api',
      owner: 'group:default/team-checkout',
      tier: 1,
      frozen: true,
      limit: 20,
      offset: 0,
    });
    expect(screen.getByLabelText('Search SLOs')).toHaveValue('checkout api');
    // The owner filter shows the group's name once the catalog answers.
    expect(await screen.findAllByText('Checkout team')).not.toHaveLength(0);
  });

  it('writes the search (once typing pauses) and the filters to the URL', async () => {
    const listSlos = jest.fn().mockResolvedValue(page);
    await render(listSlos);
    await screen.findByText('Service level objectives (2)');
    fireEvent.change(screen.getByLabelText('Search SLOs'), {
      target: { value: 'checkout api' },
    });
    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe(
        '?q=checkout+api',
      ),
    );
    await waitFor(() =>
      expect(listSlos).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'checkout api', offset: 0 }),
      ),
    );

    fireEvent.mouseDown(screen.getByLabelText('Owner'));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Search team'),
    );
    await waitFor(() =>
      expect(listSlos).toHaveBeenLastCalledWith(
        expect.objectContaining({
          q: 'checkout api',
          owner: 'group:default/team-search',
        }),
      ),
    );
    expect(
      new URLSearchParams(screen.getByTestId('location').textContent!).get(
        'owner',
      ),
    ).toBe('group:default/team-search');

    fireEvent.mouseDown(screen.getByLabelText('Tier'));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Tier 2'),
    );
    await waitFor(() =>
      expect(listSlos).toHaveBeenLastCalledWith(
        expect.objectContaining({ tier: 2 }),
      ),
    );
    expect(screen.getByTestId('location').textContent).toContain('tier=2');
  });
});
