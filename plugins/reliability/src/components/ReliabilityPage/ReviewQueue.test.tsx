import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockReliabilityApi,
  responseError,
  reviewQueueItem,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ReliabilityPage } from './ReliabilityPage';

function renderReviews(api: Partial<ReliabilityApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, mockReliabilityApi(api)]]}>
      <Routes>
        <Route path="/reliability/*" element={<ReliabilityPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/reliability/reviews'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  );
}

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

describe('ReviewQueue', () => {
  it('lists the submitted reviews with entity, state, age, readiness, SRE team and owner', async () => {
    const listReviews = jest
      .fn()
      .mockResolvedValue({ items: [reviewQueueItem()], totalCount: 1 });
    await renderReviews({ listReviews });
    expect(await screen.findByText('Reviews (1)')).toBeInTheDocument();
    expect(listReviews).toHaveBeenCalledWith({
      state: 'submitted',
      limit: 20,
      offset: 0,
    });
    expect(screen.getByRole('tab', { name: 'Reviews' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const row = screen
      .getByRole('link', { name: 'checkout-api' })
      .closest('tr')!;
    expect(
      within(row).getByRole('link', { name: 'checkout-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-api');
    expect(row).toHaveTextContent('Submitted');
    expect(row).toHaveTextContent('3 days');
    expect(row).toHaveTextContent('80%');
    expect(within(row).getByRole('link', { name: 'sre-core' })).toBeVisible();
    expect(
      within(row).getByRole('link', { name: 'team-checkout' }),
    ).toBeVisible();
  });

  it('filters by state and pages through the reviews', async () => {
    const listReviews = jest.fn().mockResolvedValue({
      items: [reviewQueueItem()],
      totalCount: 45,
    });
    await renderReviews({ listReviews });
    await screen.findByText('Reviews (45)');

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(listReviews).toHaveBeenLastCalledWith({
        state: 'submitted',
        limit: 20,
        offset: 20,
      }),
    );
    await screen.findByText('Reviews (45)');

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
    await screen.findByText('Reviews (45)');
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
  });

  it('says when the queue is empty and shows errors', async () => {
    await renderReviews({
      listReviews: jest.fn().mockResolvedValue({ items: [], totalCount: 0 }),
    });
    expect(
      await screen.findByText(/No reviews are submitted\./),
    ).toBeInTheDocument();
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
