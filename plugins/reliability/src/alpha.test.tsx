import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import {
  mockReliabilityApi,
  policy,
  sreTeamLoad,
  teamReliability,
  teamService,
} from './__testUtils__/fixtures';
import { reliabilityApiRef } from './api';
import reliabilityPlugin from './alpha';

// The new frontend system, as the demo app (packages/app) uses it: the page and its nested
// routes — tabs and policy pages — must resolve under /reliability.

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

function render(path: string, api = mockReliabilityApi()) {
  return renderTestApp({
    features: [reliabilityPlugin],
    initialRouteEntries: [path],
    apis: [[reliabilityApiRef, api]],
    // The catalog's entity pages, which entity links point to.
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('reliability plugin (new frontend system)', () => {
  it('opens a policy page at /reliability/policies/:namespace/:name', async () => {
    const api = mockReliabilityApi({
      getPolicy: jest
        .fn()
        .mockResolvedValue({ policy: policy(), entities: [] }),
    });
    render('/reliability/policies/payments/strict', api);
    expect(
      await screen.findByText('States, best to worst'),
    ).toBeInTheDocument();
    expect(api.getPolicy).toHaveBeenCalledWith({
      namespace: 'payments',
      name: 'strict',
    });
  });

  it('opens the Policies tab at /reliability/policies', async () => {
    const api = mockReliabilityApi({
      listSlos: jest.fn().mockResolvedValue({ totalCount: 0, items: [] }),
      listPolicies: jest.fn().mockResolvedValue({
        items: [
          { policy: policy(), entityCount: 1, frozenCount: 0, byState: {} },
        ],
      }),
    });
    render('/reliability/policies', api);
    expect(
      await screen.findByText('Error-budget policies (1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Payments strict policy' }),
    ).toHaveAttribute('href', '/reliability/policies/payments/strict');
    // The tabs link within the page, wherever it is mounted.
    expect(screen.getByRole('tab', { name: 'SLOs' })).toHaveAttribute(
      'href',
      '/reliability',
    );
    expect(screen.getByRole('tab', { name: 'Enactments' })).toHaveAttribute(
      'href',
      '/reliability/enactments',
    );
  });

  it('keeps the SLOs at /reliability', async () => {
    render(
      '/reliability',
      mockReliabilityApi({
        listSlos: jest.fn().mockResolvedValue({ totalCount: 0, items: [] }),
      }),
    );
    expect(
      await screen.findByText('No SLOs in the catalog yet'),
    ).toBeInTheDocument();
  });

  it('has a team card for Group pages, entity-card:reliability/team', async () => {
    const card = reliabilityPlugin.getExtension('entity-card:reliability/team');
    const api = mockReliabilityApi({
      getTeam: jest.fn().mockResolvedValue(
        teamReliability({
          groupRef: 'group:default/sre-core',
          title: 'SRE Core',
          supported: [teamService()],
          sre: sreTeamLoad({ load: 7, capacity: 6, overCapacity: true }),
        }),
      ),
    });
    const tester = createExtensionTester(card);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    const group = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'sre-core', namespace: 'default' },
      spec: { type: 'sre-team', children: [] },
    };
    expect(filter?.(group)).toBe(true);
    expect(
      filter?.({
        ...group,
        kind: 'Component',
        metadata: { name: 'checkout-api' },
      }),
    ).toBe(false);
    renderInTestApp(
      <EntityProvider entity={group}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [[reliabilityApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByText('Over capacity')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Checkout API' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api',
    );
    expect(api.getTeam).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'sre-core',
    });
  });
  it('has a time budget card for Group pages, entity-card:reliability/sre-time-budget', async () => {
    const card = reliabilityPlugin.getExtension(
      'entity-card:reliability/sre-time-budget',
    );
    const api = mockReliabilityApi();
    const tester = createExtensionTester(card);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    const group = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'sre-core', namespace: 'default' },
      spec: { type: 'sre-team', children: [] },
      relations: [
        { type: 'supports', targetRef: 'component:default/checkout-api' },
      ],
    };
    expect(filter?.(group)).toBe(true);
    expect(filter?.({ ...group, kind: 'Component' })).toBe(false);
    // A service team's page: no card, so no request for a time budget it does not have.
    expect(
      filter?.({
        ...group,
        metadata: { name: 'team-checkout', namespace: 'default' },
        relations: [
          { type: 'ownerOf', targetRef: 'component:default/checkout-api' },
        ],
      }),
    ).toBe(false);
    renderInTestApp(
      <EntityProvider entity={group}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [[reliabilityApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByText('Time budget')).toBeInTheDocument();
    expect(api.getSreTimeBudget).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'sre-core',
    });
  });
});
