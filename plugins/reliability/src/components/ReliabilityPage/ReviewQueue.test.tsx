/**
 * @jest-environment <rootDir>/__testUtils__/berlinTimeEnvironment.js
 */
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router-dom';
import {
  mockReliabilityApi,
  readiness,
  responseError,
  review,
  reviewQueueItem,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ReliabilityPage } from './ReliabilityPage';

/** The page's query string, to see the filters the URL keeps. */
function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

function renderReviews(
  api: Partial<ReliabilityApi>,
  url = '/reliability/reviews',
) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, mockReliabilityApi(api)]]}>
      <Routes>
        <Route
          path="/reliability/*"
          element={
            <>
              <ReliabilityPage />
              <Search />
            </>
          }
        />
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
}

const search = () => screen.getByTestId('search').textContent;

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(60_000);

describe('ReviewQueue', () => {
  it('lists every open review by default, with its count, and links each to its Readiness section', async () => {
    const items = [
      reviewQueueItem(),
      reviewQueueItem({
        review: review({
          id: 'review-2',
          entityRef: 'component:default/cart-web',
          state: 'draft',
        }),
        percent: 45,
      }),
      reviewQueueItem({
        review: review({
          id: 'review-3',
          entityRef: 'component:default/search-api',
          state: 'changes-requested',
        }),
      }),
    ];
    const listReviews = jest.fn().mockResolvedValue({ items, totalCount: 3 });
    await renderReviews({ listReviews });
    expect(await screen.findByText('Open reviews (3)')).toBeInTheDocument();
    expect(listReviews).toHaveBeenCalledWith({
      open: true,
      limit: 20,
      offset: 0,
    });
    expect(search()).toBe('');
    expect(screen.getByRole('tab', { name: 'Reviews' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // One row per review, the count says as many.
    expect(
      screen
        .getAllByRole('row')
        .filter(r => within(r).queryAllByRole('cell').length > 1),
    ).toHaveLength(3);
    const link = screen.getByRole('link', { name: 'checkout-api' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/reliability/readiness',
    );
    expect(link).toHaveAttribute('title', 'component:default/checkout-api');
    const row = link.closest('tr')!;
    expect(row).toHaveTextContent('Submitted');
    expect(row).toHaveTextContent('submitted 3 days ago');
    expect(row).toHaveTextContent('80%');
    expect(within(row).getByRole('link', { name: 'sre-core' })).toBeVisible();
    expect(
      within(row).getByRole('link', { name: 'team-checkout' }),
    ).toBeVisible();
    const cart = screen.getByRole('link', { name: 'cart-web' }).closest('tr')!;
    expect(cart).toHaveTextContent('Draft');
    expect(cart).toHaveTextContent('45%');
  });

  it('keeps the state filter in the URL, reads it from the URL, and pages through the reviews', async () => {
    const listReviews = jest.fn().mockResolvedValue({
      items: [reviewQueueItem()],
      totalCount: 45,
    });
    await renderReviews(
      { listReviews },
      '/reliability/reviews?state=submitted',
    );
    await screen.findByText('Submitted reviews (45)');
    expect(listReviews).toHaveBeenLastCalledWith({
      state: 'submitted',
      limit: 20,
      offset: 0,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(listReviews).toHaveBeenLastCalledWith({
        state: 'submitted',
        limit: 20,
        offset: 20,
      }),
    );
    await screen.findByText('Submitted reviews (45)');

    fireEvent.mouseDown(screen.getByLabelText('State'));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Approved'),
    );
    await waitFor(() =>
      expect(listReviews).toHaveBeenLastCalledWith({
        state: 'approved',
        limit: 20,
        offset: 0,
      }),
    );
    expect(search()).toBe('?state=approved');
    await screen.findByText('Approved reviews (45)');
    // The menu closes with a transition; until it has gone it is labelled "State" too.
    await waitFor(() =>
      expect(screen.queryByRole('listbox')).not.toBeInTheDocument(),
    );

    fireEvent.mouseDown(screen.getByLabelText('State'));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('All'),
    );
    await waitFor(() =>
      expect(listReviews).toHaveBeenLastCalledWith({ limit: 20, offset: 0 }),
    );
    expect(search()).toBe('?state=');
    await screen.findByText('All reviews (45)');
    await waitFor(() =>
      expect(screen.queryByRole('listbox')).not.toBeInTheDocument(),
    );

    // Back to the default: the URL carries no filter.
    fireEvent.mouseDown(screen.getByLabelText('State'));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText(/^Open/),
    );
    await waitFor(() =>
      expect(listReviews).toHaveBeenLastCalledWith({
        open: true,
        limit: 20,
        offset: 0,
      }),
    );
    expect(search()).toBe('');
  });

  it("shows a review's history, with who decided what and the comment it came with, behind its History button", async () => {
    const getReadiness = jest.fn().mockResolvedValue(
      readiness({
        review: review({ state: 'changes-requested' }),
        comments: [
          {
            id: 'c1',
            itemId: null,
            author: 'user:default/pat',
            body: '',
            createdAt: '2026-11-22T09:00:00.000Z',
            decision: 'submit',
          },
          {
            id: 'c2',
            itemId: null,
            author: 'user:default/erin',
            body: 'Set up the on-call rotation first',
            createdAt: '2026-11-23T09:00:00.000Z',
            decision: 'request-changes',
          },
          {
            id: 'c3',
            itemId: 'has-oncall',
            author: 'user:default/pat',
            body: 'Which schedule?',
            createdAt: '2026-11-24T09:00:00.000Z',
            decision: null,
          },
        ],
      }),
    );
    await renderReviews({
      listReviews: jest
        .fn()
        .mockResolvedValue({ items: [reviewQueueItem()], totalCount: 1 }),
      getReadiness,
    });
    await screen.findByText('Open reviews (1)');
    fireEvent.click(
      within(
        screen.getByRole('link', { name: 'checkout-api' }).closest('tr')!,
      ).getByRole('button', { name: 'History' }),
    );
    const panel = await screen.findByTestId('review-queue-history');
    await waitFor(() =>
      expect(within(panel).getAllByTestId('review-history-entry')).toHaveLength(
        3,
      ),
    );
    expect(getReadiness).toHaveBeenCalledWith({
      kind: 'component',
      namespace: 'default',
      name: 'checkout-api',
    });
    const entries = within(panel).getAllByTestId('review-history-entry');
    // Newest first.
    expect(entries[0]).toHaveTextContent('pat commented on “On-call rotation”');
    expect(entries[0]).toHaveTextContent('Which schedule?');
    expect(entries[1]).toHaveTextContent('erin requested changes');
    expect(entries[1]).toHaveTextContent('Set up the on-call rotation first');
    expect(entries[2]).toHaveTextContent('pat submitted for review');
    // Local time with the zone (the tests run in Europe/Berlin).
    expect(entries[1]).toHaveTextContent(/Nov 23, 2026, 10:00 (AM )?GMT\+1/);
    expect(panel).toHaveTextContent('Review started');
  });

  it('says when no review is under way', async () => {
    await renderReviews({
      listReviews: jest.fn().mockResolvedValue({ items: [], totalCount: 0 }),
    });
    expect(
      await screen.findByText(/No review is under way\./),
    ).toBeInTheDocument();
    expect(screen.getByText('Open reviews (0)')).toBeInTheDocument();
  });

  it('shows an error from the backend', async () => {
    await renderReviews({
      listReviews: jest
        .fn()
        .mockRejectedValue(
          await responseError(400, 'InputError', 'state must be one of …'),
        ),
    });
    expect(
      (await screen.findAllByText(/state must be one of/)).length,
    ).toBeGreaterThan(0);
  });
});
