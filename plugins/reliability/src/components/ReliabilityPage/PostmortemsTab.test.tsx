import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router-dom';
import {
  mockReliabilityApi,
  postmortem,
  postmortemFigures,
  sparsePostmortem,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ReliabilityPage } from './ReliabilityPage';
import { formatDate } from '../shared/format';

const GROUPS: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'team-payments',
      namespace: 'default',
      title: 'Payments team',
    },
    spec: { type: 'team', children: [] },
  },
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
];

/** The page's query string, to see the filters kept in the URL. */
function Location() {
  const location = useLocation();
  return <div data-testid="location">{location.search}</div>;
}

/** The page as an app mounts it, on its Postmortems tab. */
async function render(
  api: Partial<ReliabilityApi>,
  url = '/reliability/postmortems',
) {
  const reliabilityApi = mockReliabilityApi(api);
  const view = await renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, reliabilityApi],
        // The team filter lists the catalog's groups by name.
        [catalogApiRef, catalogApiMock({ entities: GROUPS })],
      ]}
    >
      <Routes>
        <Route path="/reliability/*" element={<ReliabilityPage />} />
      </Routes>
      <Location />
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  );
  return Object.assign(reliabilityApi, { unmount: view.unmount });
}

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  fireEvent.click(
    within(await screen.findByRole('listbox')).getByRole('option', {
      name: option,
    }),
  );
  // The menu closes with a transition; until it has gone its label matches the next one.
  await waitFor(() =>
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument(),
  );
}

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

describe('PostmortemsTab', () => {
  it('lists every postmortem with its figures, and the organisation’s MTTD/MTTR and action items', async () => {
    const listPostmortems = jest.fn().mockResolvedValue({
      items: [postmortem(), sparsePostmortem()],
      totalCount: 2,
    });
    const api = await render({ listPostmortems });
    expect(screen.getByRole('tab', { name: 'Postmortems' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(await screen.findByText('Postmortems (2)')).toBeInTheDocument();
    expect(listPostmortems).toHaveBeenCalledWith({ limit: 25, offset: 0 });
    expect(api.getPostmortemFigures).toHaveBeenCalledWith({});

    const row = screen.getByRole('row', {
      name: /^Checkout 5xx after the ledger deploy/,
    });
    // The title opens the postmortem's page.
    expect(
      within(row).getByRole('link', { name: /^Checkout 5xx/ }),
    ).toHaveAttribute('href', '/reliability/postmortems/12');
    expect(
      within(row).getByRole('link', { name: 'checkout-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-api');
    expect(within(row).getByRole('link', { name: 'ledger' })).toBeVisible();
    expect(
      within(row).getByRole('link', { name: 'team-payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-payments');
    expect(within(row).getByText('SEV2')).toBeVisible();
    expect(within(row).getByText('In review')).toBeVisible();
    expect(within(row).getByTestId('needs-publishing')).toBeVisible();
    const cells = within(row)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells).toEqual(
      expect.arrayContaining([
        formatDate('2026-11-20T09:00:00.000Z'),
        '7 min · 1 h 30 min',
        '34%',
        '2 open of 31 overdue',
      ]),
    );
    const sparse = screen.getByRole('row', {
      name: /^Checkout latency spike during the sale/,
    });
    expect(
      within(sparse)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(expect.arrayContaining(['— · 50 min', 'no data']));

    const chart = await screen.findByTestId('mttr-chart');
    expect(
      within(within(chart).getByTestId('mttr-month-2026-09')).getByTestId(
        'mttr',
      ),
    ).toHaveTextContent('3 h');
    expect(
      within(within(chart).getByTestId('mttr-month-2026-10')).getByTestId(
        'incidents',
      ),
    ).toHaveTextContent('0');
    expect(
      within(within(chart).getByTestId('mttr-month-2026-11')).getByTestId(
        'mttd',
      ),
    ).toHaveTextContent('5 min');

    expect(screen.getByText('Action items by team')).toBeInTheDocument();
    const payments = screen.getByRole('row', { name: /^team-payments 3 1/ });
    expect(
      within(payments).getByRole('link', { name: 'team-payments' }),
    ).toBeVisible();
  }, 90_000);

  it('passes the search, team, severity, status and period to the API', async () => {
    const listPostmortems = jest
      .fn()
      .mockResolvedValue({ items: [postmortem()], totalCount: 1 });
    const getPostmortemFigures = jest
      .fn()
      .mockResolvedValue(postmortemFigures());
    await render({ listPostmortems, getPostmortemFigures });
    await screen.findByText('Postmortems (1)');

    fireEvent.change(screen.getByLabelText('Search'), {
      target: { value: 'ledger' },
    });
    await waitFor(() =>
      expect(listPostmortems).toHaveBeenLastCalledWith({
        q: 'ledger',
        limit: 25,
        offset: 0,
      }),
    );

    await choose('Team', 'Payments team');
    await waitFor(() =>
      expect(listPostmortems).toHaveBeenLastCalledWith({
        q: 'ledger',
        team: 'group:default/team-payments',
        limit: 25,
        offset: 0,
      }),
    );
    await waitFor(() =>
      expect(getPostmortemFigures).toHaveBeenLastCalledWith({
        team: 'group:default/team-payments',
      }),
    );
    expect(
      screen.getByText(
        /Mean by the month incidents started in \(UTC\) — Payments team/,
      ),
    ).toBeInTheDocument();

    await screen.findByText('Postmortems (1)');
    await choose('Severity', 'SEV1');
    await screen.findByText('Postmortems (1)');
    await choose('Status', 'Published');
    fireEvent.change(screen.getByLabelText('Started from'), {
      target: { value: '2026-11-01' },
    });
    fireEvent.change(screen.getByLabelText('Started until'), {
      target: { value: '2026-11-30' },
    });
    await waitFor(() =>
      expect(listPostmortems).toHaveBeenLastCalledWith({
        q: 'ledger',
        team: 'group:default/team-payments',
        severity: 'sev1',
        status: 'published',
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-11-30T23:59:59.999Z',
        limit: 25,
        offset: 0,
      }),
    );
    // All of them in the URL, to reload or share.
    const params = new URLSearchParams(
      screen.getByTestId('location').textContent ?? '',
    );
    expect(Object.fromEntries(params)).toEqual({
      q: 'ledger',
      team: 'group:default/team-payments',
      severity: 'sev1',
      status: 'published',
      from: '2026-11-01',
      to: '2026-11-30',
    });
  }, 90_000);

  it('takes its filters from the URL, so they survive a reload', async () => {
    const listPostmortems = jest
      .fn()
      .mockResolvedValue({ items: [postmortem()], totalCount: 1 });
    const first = await render({ listPostmortems });
    await screen.findByText('Postmortems (1)');
    fireEvent.change(screen.getByLabelText('Search'), {
      target: { value: 'ledger' },
    });
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent('q=ledger'),
    );
    await choose('Team', 'Payments team');
    await choose('Severity', 'SEV2');
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent('q=ledger'),
    );
    const url = `/reliability/postmortems${
      screen.getByTestId('location').textContent
    }`;
    first.unmount();

    // The same URL opened again, as a reload does.
    const again = jest
      .fn()
      .mockResolvedValue({ items: [postmortem()], totalCount: 1 });
    await render({ listPostmortems: again }, url);
    await screen.findByText('Postmortems (1)');
    expect(again).toHaveBeenCalledWith({
      q: 'ledger',
      team: 'group:default/team-payments',
      severity: 'sev2',
      limit: 25,
      offset: 0,
    });
    expect(screen.getByLabelText('Search')).toHaveValue('ledger');
    expect(screen.getByLabelText('Severity')).toHaveTextContent('SEV2');
    // The team by name once the catalog has answered.
    await waitFor(() =>
      expect(screen.getByLabelText('Team')).toHaveTextContent('Payments team'),
    );
  }, 90_000);

  it('pages through the postmortems', async () => {
    const listPostmortems = jest.fn().mockResolvedValue({
      items: [postmortem()],
      totalCount: 60,
    });
    await render({ listPostmortems });
    await screen.findByText('Postmortems (60)');
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(listPostmortems).toHaveBeenLastCalledWith({
        limit: 25,
        offset: 25,
      }),
    );
  });

  it('says when there are no postmortems yet, and when none match the filters', async () => {
    const listPostmortems = jest
      .fn()
      .mockResolvedValue({ items: [], totalCount: 0 });
    await render({ listPostmortems });
    expect(await screen.findByText('No postmortems yet')).toBeInTheDocument();
    await choose('Severity', 'SEV4');
    expect(
      await screen.findByText('No postmortems match these filters.'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await render({
      listPostmortems: jest
        .fn()
        .mockRejectedValue(new Error('backend is down')),
    });
    expect(await screen.findAllByText(/backend is down/)).not.toHaveLength(0);
  });
});
