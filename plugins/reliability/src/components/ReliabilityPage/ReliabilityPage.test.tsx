import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import {
  mockReliabilityApi,
  objectiveStatus,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
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

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

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
    expect(screen.getByText('Ledger writes — commit')).toBeInTheDocument();
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
});
