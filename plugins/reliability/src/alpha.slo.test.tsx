import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { mockReliabilityApi, objectiveStatus } from './__testUtils__/fixtures';
import { reliabilityApiRef } from './api';
import reliabilityPlugin from './alpha';

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(60_000);

describe('reliability plugin (new frontend system): SLO entity pages', () => {
  it('has a content card for SLO pages only, entity-card:reliability/slo', async () => {
    const card = reliabilityPlugin.getExtension('entity-card:reliability/slo');
    const tester = createExtensionTester(card);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    const slo = {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'ledger-availability', namespace: 'default' },
      spec: { service: 'ledger' },
    };
    expect(filter?.(slo)).toBe(true);
    expect(
      filter?.({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'ledger' },
      }),
    ).toBe(false);
    const api = mockReliabilityApi({
      getSlo: jest.fn().mockResolvedValue({
        sloRef: 'slo:default/ledger-availability',
        name: 'ledger-availability',
        title: 'Ledger write availability',
        window: 'rolling 28d',
        budgetingMethod: 'Occurrences',
        serviceRef: 'component:default/ledger',
        objectives: [
          objectiveStatus({ name: 'writes-commit', target: 0.9999 }),
        ],
        series: [],
      }),
    });
    renderInTestApp(
      <EntityProvider entity={slo}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [[reliabilityApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    // The SLO page's content: the objective with its alert table.
    expect(
      await screen.findByText('writes-commit · target 99.99%', undefined, {
        timeout: 20_000,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Burn-rate alerts' }),
    ).toBeInTheDocument();
  });
});
