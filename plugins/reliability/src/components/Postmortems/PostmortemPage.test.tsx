import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockPermissionApiFor,
  mockReliabilityApi,
  postmortem,
  responseError,
  sparsePostmortem,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ReliabilityPage } from '../ReliabilityPage';
import { formatDateTime } from '../shared/format';

const WRITE = 'reliability.postmortem.write';

/** Names as the catalog gives them (the app's presentation API reads them from it). */
const TITLES: Record<string, string> = {
  'group:default/team-payments': 'Payments team',
  'component:default/checkout-api': 'Checkout API',
};
const presentationApi = {
  forEntity: (entityRef: string) => {
    const snapshot = {
      entityRef,
      primaryTitle: TITLES[entityRef] ?? entityRef,
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

/** The `/reliability` page as an app mounts it, opened at `url`. */
async function render(
  api: Partial<ReliabilityApi>,
  url: string,
  allowed: string[] = [],
) {
  const reliabilityApi = mockReliabilityApi(api);
  const permissionApi = mockPermissionApiFor(allowed);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, reliabilityApi],
        [permissionApiRef, permissionApi],
        [entityPresentationApiRef, presentationApi],
        [
          catalogApiRef,
          catalogApiMock({
            entities: [
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
            ],
          }),
        ],
      ]}
    >
      <Routes>
        <Route path="/reliability/*" element={<ReliabilityPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  );
  return { reliabilityApi, permissionApi };
}

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

describe('PostmortemPage', () => {
  it('shows the postmortem: entities, figures, timeline, summary, budget spent and action items by owner name', async () => {
    const getPostmortem = jest.fn().mockResolvedValue(postmortem());
    await render({ getPostmortem }, '/reliability/postmortems/12');
    expect(
      await screen.findByRole('heading', {
        name: 'Checkout 5xx after the ledger deploy',
      }),
    ).toBeInTheDocument();
    expect(getPostmortem).toHaveBeenCalledWith('12');
    expect(
      screen.getByText(
        `Incident started ${formatDateTime('2026-11-20T09:00:00.000Z')}`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('SEV2')).toBeInTheDocument();
    expect(screen.getByText('In review')).toBeInTheDocument();
    expect(screen.getByText('Blameless review held')).toBeInTheDocument();

    // Each affected entity by name, linked to its Reliability tab's postmortems.
    const checkout = screen.getByRole('link', {
      name: 'Postmortems of component:default/checkout-api',
    });
    expect(checkout).toHaveTextContent('Checkout API');
    expect(checkout).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/reliability/postmortems',
    );
    expect(
      screen.getByRole('link', {
        name: 'Postmortems of component:default/ledger',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger/reliability/postmortems',
    );

    expect(screen.getByTestId('figure-detect')).toHaveTextContent('7 min');
    expect(screen.getByTestId('figure-mitigate')).toHaveTextContent('45 min');
    expect(screen.getByTestId('figure-resolve')).toHaveTextContent(
      '1 h 30 min',
    );
    expect(screen.getByTestId('figure-budget')).toHaveTextContent('34%');
    expect(screen.getByTestId('figure-items')).toHaveTextContent('2 of 3');

    // The timeline in local time with its zone.
    const timeline = screen.getByRole('list', {
      name: 'Incident timeline of Checkout 5xx after the ledger deploy',
    });
    expect(
      within(timeline)
        .getAllByRole('listitem')
        .map(s => s.getAttribute('aria-label')),
    ).toEqual([
      `Started: ${formatDateTime('2026-11-20T09:00:00.000Z')}`,
      `Detected: ${formatDateTime(
        '2026-11-20T09:07:00.000Z',
      )}, 7 min after started`,
      `Mitigated: ${formatDateTime(
        '2026-11-20T09:45:00.000Z',
      )}, 38 min after detected`,
      `Resolved: ${formatDateTime(
        '2026-11-20T10:30:00.000Z',
      )}, 45 min after mitigated`,
    ]);
    expect(formatDateTime('2026-11-20T09:00:00.000Z')).toMatch(/GMT|UTC|CET/);

    expect(
      screen.getByText(
        'A ledger schema change made checkout fail for 90 minutes.',
      ),
    ).toBeInTheDocument();

    // Budget spent per objective, each SLO linked to its page.
    const budget = screen.getByRole('table', {
      name: 'Budget spent by Checkout 5xx after the ledger deploy',
    });
    const availability = within(budget).getByRole('row', {
      name: 'Checkout availability — requests-succeed 34%',
    });
    expect(
      within(availability).getByRole('link', {
        name: 'Checkout availability',
      }),
    ).toHaveAttribute(
      'href',
      '/reliability/slos/default/checkout-availability',
    );
    expect(
      within(budget).getByRole('row', {
        name: 'Checkout latency — fast-enough no data',
      }),
    ).toBeInTheDocument();

    // Action items with their owners by name (the reference on hover).
    const items = screen.getByRole('table', {
      name: 'Action items of Checkout 5xx after the ledger deploy',
    });
    const canary = within(items).getByRole('row', {
      name: /^Canary the ledger deploys/,
    });
    expect(
      await within(canary).findByRole('link', { name: 'Payments team' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-payments');
    expect(canary).toHaveTextContent('Open');
    expect(within(canary).getByText('overdue')).toBeInTheDocument();

    // The full write-up.
    expect(screen.getByRole('link', { name: 'Full write-up' })).toHaveAttribute(
      'href',
      'https://wiki.example.com/postmortems/checkout-5xx',
    );
  });

  it('says what a sparse postmortem does not record', async () => {
    await render(
      { getPostmortem: jest.fn().mockResolvedValue(sparsePostmortem()) },
      '/reliability/postmortems/7',
    );
    await screen.findByRole('heading', {
      name: 'Checkout latency spike during the sale',
    });
    expect(screen.getByTestId('figure-detect')).toHaveTextContent('—');
    expect(screen.getByTestId('figure-budget')).toHaveTextContent('no data');
    expect(screen.getAllByText('not recorded')).toHaveLength(2);
    expect(screen.getByText('No summary yet.')).toBeInTheDocument();
    expect(screen.getByText('No action items.')).toBeInTheDocument();
    expect(
      screen.getByText(/no error budget is counted for this incident/),
    ).toBeInTheDocument();
  });

  it('shows an empty state, not an error, for an unknown id', async () => {
    const getPostmortem = jest
      .fn()
      .mockRejectedValue(
        await responseError(404, 'NotFoundError', 'No postmortem 999'),
      );
    await render({ getPostmortem }, '/reliability/postmortems/999');
    expect(await screen.findByText('No such postmortem')).toBeInTheDocument();
    expect(screen.getByText(/There is no postmortem 999/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'All postmortems' }),
    ).toHaveAttribute('href', '/reliability/postmortems');
    expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
  });

  it('does not ask the API about an id it cannot hold', async () => {
    const getPostmortem = jest.fn();
    await render({ getPostmortem }, '/reliability/postmortems/not-a-number');
    expect(await screen.findByText('No such postmortem')).toBeInTheDocument();
    expect(getPostmortem).not.toHaveBeenCalled();
  });

  it('shows other errors as errors', async () => {
    await render(
      {
        getPostmortem: jest
          .fn()
          .mockRejectedValue(
            await responseError(500, 'Error', 'database down'),
          ),
      },
      '/reliability/postmortems/12',
    );
    expect(
      await screen.findByText(/Could not load the postmortem 12/),
    ).toBeInTheDocument();
  });

  it('offers no edit without the write permission', async () => {
    // usePermission caches its answers per entity across tests: an entity of its own.
    const entityRefs = ['component:default/search-api'];
    const { permissionApi } = await render(
      {
        getPostmortem: jest.fn().mockResolvedValue(postmortem({ entityRefs })),
      },
      '/reliability/postmortems/12',
    );
    await screen.findByRole('heading', {
      name: 'Checkout 5xx after the ledger deploy',
    });
    await waitFor(() =>
      expect(permissionApi.authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({ name: WRITE }),
          resourceRef: 'component:default/search-api',
        }),
      ),
    );
    expect(
      screen.queryByRole('button', { name: /Edit postmortem/ }),
    ).not.toBeInTheDocument();
  });

  it('edits the postmortem with the updatedAt it shows and shows the saved one', async () => {
    // usePermission caches its answers per entity across tests: an entity of its own.
    const entityRefs = ['component:default/payments-api'];
    const getPostmortem = jest
      .fn()
      .mockResolvedValueOnce(postmortem({ entityRefs }))
      .mockResolvedValue(
        postmortem({
          entityRefs,
          blamelessReviewHeld: false,
          updatedAt: '2026-11-23T08:30:00.000Z',
        }),
      );
    const updatePostmortem = jest.fn().mockResolvedValue(postmortem());
    await render(
      { getPostmortem, updatePostmortem },
      '/reliability/postmortems/12',
      [WRITE],
    );
    fireEvent.click(
      await screen.findByRole('button', { name: /Edit postmortem/ }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'Edit postmortem: Checkout 5xx after the ledger deploy',
      ),
    ).toBeInTheDocument();
    fireEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Blameless review held' }),
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save postmortem' }),
    );
    await waitFor(() =>
      expect(updatePostmortem).toHaveBeenCalledWith(
        '12',
        expect.objectContaining({
          blamelessReviewHeld: false,
          startedAt: '2026-11-20T09:00:00.000Z',
          expectedUpdatedAt: '2026-11-22T08:30:00.000Z',
        }),
      ),
    );
    expect(
      await screen.findByText('No blameless review yet'),
    ).toBeInTheDocument();
    expect(getPostmortem).toHaveBeenCalledTimes(2);
  }, 60_000);
});
