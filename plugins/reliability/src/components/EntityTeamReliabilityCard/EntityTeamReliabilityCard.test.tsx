import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { screen, within } from '@testing-library/react';
import {
  mockReliabilityApi,
  sreTeamLoad,
  teamReliability,
  teamService,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { EntityTeamReliabilityCard } from './EntityTeamReliabilityCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1',
  kind: 'Group',
  metadata: { name: 'sre-core', namespace: 'default', title: 'SRE Core' },
  spec: { type: 'sre-team', children: [] },
};

function render(api: Partial<ReliabilityApi>, entity: Entity = group) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, mockReliabilityApi(api)]]}>
      <EntityProvider entity={entity}>
        <EntityTeamReliabilityCard />
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

describe('EntityTeamReliabilityCard', () => {
  it('lists the services the team owns and supports, and flags its SRE load over capacity', async () => {
    const getTeam = jest.fn().mockResolvedValue(
      teamReliability({
        groupRef: 'group:default/sre-core',
        title: 'SRE Core',
        owned: [
          teamService({
            entityRef: 'component:default/sre-tooling',
            title: 'SRE tooling',
            tier: 3,
            engagement: null,
            weight: 0,
            sloState: null,
            remaining: null,
            policyState: null,
          }),
        ],
        supported: [
          teamService(),
          teamService({
            entityRef: 'component:default/ledger',
            title: 'Ledger',
            engagement: 'supported',
            weight: 4,
            sloState: 'exhausted',
            remaining: -0.2,
            policyState: 'exhausted',
            frozen: true,
          }),
        ],
        sre: sreTeamLoad({ load: 7, capacity: 6, overCapacity: true }),
      }),
    );
    await render({ getTeam });
    const owned = await screen.findByRole('table', { name: 'Owned services' });
    expect(getTeam).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'sre-core',
    });
    expect(
      within(owned).getByRole('link', { name: 'SRE tooling' }),
    ).toHaveAttribute('href', '/catalog/default/component/sre-tooling');
    expect(within(owned).getByText('no SLOs')).toBeInTheDocument();

    const supported = screen.getByRole('table', { name: 'Supported services' });
    const rows = within(supported).getAllByRole('row').slice(1);
    // Worst first: the exhausted, frozen Ledger before the healthy Checkout API.
    expect(rows.map(r => within(r).getByRole('link').textContent)).toEqual([
      'Ledger',
      'Checkout API',
    ]);
    expect(within(rows[0]).getByText('Budget exhausted')).toBeInTheDocument();
    // Past exhaustion, the spend as a multiple of the budget, not a negative percentage.
    expect(within(rows[0]).getByText('1.2× over budget')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Frozen')).toBeInTheDocument();
    expect(within(rows[0]).getByText('supported')).toBeInTheDocument();
    expect(within(rows[0]).getByText('4')).toBeInTheDocument(); // weight
    expect(within(rows[1]).getByText('Healthy')).toBeInTheDocument();
    expect(within(rows[1]).queryByText('Frozen')).toBeNull();
    expect(screen.getByText('Supports as SRE team (2)')).toBeInTheDocument();

    // Over capacity, prominently: an SRE team must be able to regulate its workload.
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Over capacity')).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      'SRE Core carries a load of 7 against a capacity of 6',
    );
    expect(screen.getByText('load 7 / capacity 6')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: /SRE load of SRE Core/ }),
    ).toHaveAttribute('aria-valuenow', '100');
  });

  it('counts only its supported services, listing those under consulting or onboarding apart', async () => {
    await render({
      getTeam: jest.fn().mockResolvedValue(
        teamReliability({
          groupRef: 'group:default/sre-core',
          title: 'SRE Core',
          supported: [teamService({ weight: 4 })],
          engaged: [
            teamService({
              entityRef: 'component:default/search-api',
              title: 'Search API',
              engagement: 'consulting',
              weight: 0,
              sloState: 'warning',
            }),
            teamService({
              entityRef: 'component:default/cart-web',
              title: 'Cart web',
              engagement: 'onboarding',
              weight: 0,
            }),
          ],
          sre: sreTeamLoad({ load: 4, capacity: 6, services: 1, engaged: 2 }),
        }),
      ),
    });
    // Before, all three were "supported services, each counts with its weight" while two
    // weighed 0 and the time budget counted one.
    expect(
      await screen.findByText('Supports as SRE team (1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '1 supported service counts towards the load with its weight; 2 more name the team under another engagement (consulting, onboarding) and weigh 0.',
      ),
    ).toBeInTheDocument();
    const supported = screen.getByRole('table', { name: 'Supported services' });
    expect(
      within(supported)
        .getAllByRole('link')
        .map(l => l.textContent),
    ).toEqual(['Checkout API']);
    expect(
      screen.getByText('Also engaged, not counted (2)'),
    ).toBeInTheDocument();
    const engaged = screen.getByRole('table', {
      name: 'Engaged services, not counted',
    });
    const rows = within(engaged).getAllByRole('row').slice(1);
    expect(rows.map(r => within(r).getByRole('link').textContent)).toEqual([
      'Search API',
      'Cart web',
    ]);
    expect(within(rows[0]).getByText('consulting')).toBeInTheDocument();
    // No weight column: they carry none.
    expect(within(engaged).queryByText('Weight')).toBeNull();
  });

  it('says when the team is over capacity because of its operational time cap', async () => {
    await render({
      getTeam: jest.fn().mockResolvedValue(
        teamReliability({
          groupRef: 'group:default/sre-core',
          title: 'SRE Core',
          supported: [teamService()],
          sre: sreTeamLoad({
            load: 2,
            capacity: 6,
            overCapacity: true,
            overTimeCap: true,
            timeCap: { month: '2026-10', share: 0.62, cap: 0.5, overCap: true },
          }),
        }),
      ),
    });
    expect(await screen.findByText('Over capacity')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Operational work took 62% of its time in Oct 2026, over its cap of 50%/,
      ),
    ).toBeInTheDocument();
    // Its weight is within capacity: no advice to hand services back.
    expect(screen.queryByText(/carries a load of/)).toBeNull();
  });

  it('shows the load within capacity without an alarm', async () => {
    await render({
      getTeam: jest.fn().mockResolvedValue(
        teamReliability({
          groupRef: 'group:default/sre-core',
          title: 'SRE Core',
          supported: [teamService()],
          sre: sreTeamLoad({ load: 3, capacity: 6 }),
        }),
      ),
    });
    expect(await screen.findByText('load 3 / capacity 6')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '50',
    );
    expect(screen.queryByText('Over capacity')).toBeNull();
  });

  it('says when the team owns nothing and is no SRE team', async () => {
    await render(
      { getTeam: jest.fn().mockResolvedValue(teamReliability()) },
      {
        ...group,
        metadata: { name: 'team-checkout', namespace: 'default' },
      },
    );
    expect(
      await screen.findByText('Checkout team owns no services.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Checkout team is no SRE team: no service names it/),
    ).toBeInTheDocument();
    expect(screen.queryByText('SRE load')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says when an SRE team supports nothing yet and has no capacity declared', async () => {
    await render({
      getTeam: jest.fn().mockResolvedValue(
        teamReliability({
          groupRef: 'group:default/sre-core',
          title: 'SRE Core',
          sre: sreTeamLoad({ load: 0, capacity: null, services: 0 }),
        }),
      ),
    });
    expect(
      await screen.findByText(
        'SRE Core supports no services under an engagement that counts towards its load yet.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('load 0, no capacity declared'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows the backend error', async () => {
    await render({
      getTeam: jest.fn().mockRejectedValue(new Error('teams are down')),
    });
    expect(await screen.findAllByText(/teams are down/)).not.toHaveLength(0);
  });
});
