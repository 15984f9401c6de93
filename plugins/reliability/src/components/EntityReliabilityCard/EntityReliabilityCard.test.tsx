import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import {
  entityPolicy,
  entityResponsibility,
  freeze,
  mockReliabilityApi,
  objectiveStatus,
  backfillingStatus,
  teamService,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { EntityReliabilityCard } from './EntityReliabilityCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger', namespace: 'default' },
  spec: { owner: 'group:default/team-payments' },
};

function render(
  getEntitySummary: jest.Mock,
  api: Partial<ReliabilityApi> = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, mockReliabilityApi({ getEntitySummary, ...api })],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityReliabilityCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  );
}

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

describe('EntityReliabilityCard', () => {
  it('lists objectives worst first with the budget left', async () => {
    await render(
      jest.fn().mockResolvedValue({
        entityRef: 'component:default/ledger',
        slos: [
          {
            sloRef: 'slo:default/ledger-latency',
            name: 'ledger-latency',
            title: 'Ledger latency',
            objectives: [objectiveStatus({ name: 'p99' })],
          },
          {
            sloRef: 'slo:default/ledger-writes',
            name: 'ledger-writes',
            title: 'Ledger writes',
            objectives: [
              objectiveStatus({
                state: 'exhausted',
                errorBudget: {
                  consumed: 1.2,
                  remaining: -0.2,
                  total: 10,
                  spent: 12,
                  unit: 'events',
                },
              }),
            ],
          },
        ],
      }),
    );
    const titles = await screen.findAllByText(/^Ledger (writes|latency)$/);
    expect(titles.map(t => t.textContent)).toEqual([
      'Ledger writes',
      'Ledger latency',
    ]);
    expect(screen.getByText('1.2× over budget')).toBeInTheDocument();
    expect(screen.getByText('Budget exhausted')).toBeInTheDocument();
    expect(screen.getByText('50% budget left')).toBeInTheDocument();
  });

  it('says a window still being back-filled is collecting data, never healthy with 100% left', async () => {
    await render(
      jest.fn().mockResolvedValue({
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
      {
        getEntityPolicy: jest.fn().mockResolvedValue(
          entityPolicy({
            status: {
              ...entityPolicy().status,
              state: 'healthy',
              title: 'Healthy',
              remaining: 1,
              counted: 1,
              partial: 1,
            },
          }),
        ),
      },
    );
    expect(
      await screen.findByText('Partial data: 40% of the window'),
    ).toBeInTheDocument();
    // The objective's state and the policy's.
    expect(await screen.findAllByText('Collecting data')).toHaveLength(2);
    expect(screen.queryByText('Healthy')).not.toBeInTheDocument();
    expect(screen.queryByText(/100% budget left/)).not.toBeInTheDocument();
  });

  it('says how to start when there are no SLOs', async () => {
    await render(
      jest
        .fn()
        .mockResolvedValue({ entityRef: 'component:default/ledger', slos: [] }),
    );
    expect(
      await screen.findByText(
        'No SLOs defined yet: the Reliability tab shows how to add one.',
      ),
    ).toBeInTheDocument();
  });

  it('shows one verdict in the policy line: a freeze in force over the policy state', async () => {
    await render(
      jest
        .fn()
        .mockResolvedValue({ entityRef: 'component:default/ledger', slos: [] }),
      {
        getEntityPolicy: jest.fn().mockResolvedValue(
          entityPolicy({
            status: { ...entityPolicy().status, state: 'exhausted' },
            freeze: freeze(),
          }),
        ),
      },
    );
    expect(
      await screen.findByRole('link', { name: 'Payments strict policy' }),
    ).toHaveAttribute('href', '/reliability/policies/payments/strict');
    // Before, the line said "Frozen" beside the policy state; the freeze is the verdict.
    // With who froze releases, since when (local time) and what still ships.
    expect(
      screen.getByText(
        /^Release freeze since .*2026.* by alice: only security fixes ship$/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Exhausted')).not.toBeInTheDocument();
  });

  it("lists a System's components, worst first, linked, instead of saying it has no SLOs", async () => {
    await render(
      jest.fn().mockResolvedValue({
        entityRef: 'system:default/payments',
        slos: [],
        components: [
          teamService({
            entityRef: 'component:default/ledger',
            title: 'Ledger',
            sloState: 'exhausted',
            remaining: -0.3,
            frozen: true,
          }),
          teamService({
            entityRef: 'component:default/docs',
            title: 'Docs',
            sloState: null,
            remaining: null,
          }),
        ],
      }),
      {
        getEntityPolicy: jest.fn().mockResolvedValue(
          entityPolicy({
            status: { ...entityPolicy().status, state: null, remaining: null },
          }),
        ),
      },
    );
    const list = await screen.findByRole('list', { name: 'Components' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => within(i).getByRole('link').textContent)).toEqual([
      'Ledger',
      'Docs',
    ]);
    expect(within(items[0]).getByText('Budget exhausted')).toBeInTheDocument();
    expect(within(items[0]).getByText('1.3× over budget')).toBeInTheDocument();
    expect(within(items[0]).getByText('Frozen')).toBeInTheDocument();
    expect(within(items[1]).getByText('no SLOs')).toBeInTheDocument();
    expect(
      await screen.findByText('Releases frozen for 1 component'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No SLOs defined yet/)).toBeNull();
  });

  it('shows responsibility as resolved, inherited values with their source', async () => {
    const getEntityResponsibility = jest.fn().mockResolvedValue(
      entityResponsibility({
        entityRef: 'component:default/ledger',
        ownerRef: 'group:default/team-payments',
        sreTeam: {
          value: 'group:default/sre-platform',
          from: 'system',
          fromRef: 'system:default/payments',
        },
      }),
    );
    await render(
      jest
        .fn()
        .mockResolvedValue({ entityRef: 'component:default/ledger', slos: [] }),
      { getEntityResponsibility },
    );
    const table = await screen.findByRole('table', { name: 'Responsibility' });
    const sre = within(table).getByRole('row', { name: /SRE team/ });
    expect(within(sre).getByText('sre-platform')).toBeInTheDocument();
    expect(within(sre).getByText('from System payments')).toBeInTheDocument();
    expect(getEntityResponsibility).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'ledger',
    });
  });

  it('says when the responsibility cannot be loaded', async () => {
    await render(
      jest
        .fn()
        .mockResolvedValue({ entityRef: 'component:default/ledger', slos: [] }),
      {
        getEntityResponsibility: jest
          .fn()
          .mockRejectedValue(new Error('responsibility is down')),
      },
    );
    expect(
      await screen.findByText('Responsibility: responsibility is down'),
    ).toBeInTheDocument();
  });
});
