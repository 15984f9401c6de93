import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { screen } from '@testing-library/react';
import {
  mockReliabilityApi,
  objectiveStatus,
  responseError,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { EntitySloContent } from './EntitySloContent';

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

/** The SLO entity as the catalog module leaves it: title and description from the document. */
const sloEntity: Entity = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: {
    name: 'ledger-availability',
    namespace: 'default',
    title: 'Ledger write availability',
    description: 'Ledger writes committed on the first attempt.',
  },
  spec: { service: 'ledger', budgetingMethod: 'Occurrences' },
};

function render(api: Partial<ReliabilityApi>) {
  const reliabilityApi = mockReliabilityApi(api);
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, reliabilityApi]]}>
      <EntityProvider entity={sloEntity}>
        <EntitySloContent />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  ).then(() => reliabilityApi);
}

describe('EntitySloContent', () => {
  it('shows the SLO page’s content, a link to that page and the service’s Reliability tab', async () => {
    const getSlo = jest.fn().mockResolvedValue({
      sloRef: 'slo:default/ledger-availability',
      name: 'ledger-availability',
      title: 'Ledger write availability',
      budgetingMethod: 'Occurrences',
      window: 'rolling 28d',
      serviceRef: 'component:default/ledger',
      objectives: [
        objectiveStatus({
          name: 'writes-commit',
          target: 0.9999,
          state: 'exhausted',
        }),
      ],
      series: [{ objective: 'writes-commit', points: [] }],
    });
    const api = await render({ getSlo });
    expect(getSlo).toHaveBeenCalledWith(
      { namespace: 'default', name: 'ledger-availability' },
      { range: 'window' },
    );
    expect(
      await screen.findByText('writes-commit · target 99.99%'),
    ).toBeInTheDocument();
    expect(screen.getByText('Budget exhausted')).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Burn-rate alerts' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open as a page in Reliability' }),
    ).toHaveAttribute('href', '/reliability/slos/default/ledger-availability');
    // Without an entity presentation API the service reads as its name.
    const service = screen.getByRole('link', { name: 'ledger' });
    expect(service).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger/reliability',
    );
    // The SLO's history of changes, below the objective.
    expect(api.getSloRevisions).toHaveBeenCalledWith(
      { namespace: 'default', name: 'ledger-availability' },
      expect.anything(),
    );
    expect(screen.queryByText(/Request failed|Error:/)).not.toBeInTheDocument();
  });

  it('links the service from the document before the first evaluation, and says so', async () => {
    await render({
      getSlo: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            404,
            'NotFoundError',
            'No SLO slo:default/ledger-availability',
          ),
        ),
    });
    expect(await screen.findByText(/Not evaluated yet/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ledger' })).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger/reliability',
    );
    expect(screen.queryByText(/No SLO slo:/)).not.toBeInTheDocument();
  });

  it('shows any other error', async () => {
    await render({
      getSlo: jest
        .fn()
        .mockRejectedValue(
          await responseError(500, 'Error', 'database unavailable'),
        ),
    });
    // The error panel, with its message.
    expect(
      (await screen.findAllByText(/database unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
