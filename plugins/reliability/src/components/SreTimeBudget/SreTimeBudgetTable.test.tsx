import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { screen, within } from '@testing-library/react';
import {
  mockReliabilityApi,
  sreTimeBudget,
  sreTimeMonth,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { SreTimeBudgetTable } from './SreTimeBudgetTable';

function render(api: Partial<ReliabilityApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, mockReliabilityApi(api)]]}>
      <SreTimeBudgetTable />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  );
}

jest.setTimeout(30_000);

describe('SreTimeBudgetTable', () => {
  it('lists SRE teams with their share and whether they are over the cap', async () => {
    const { months, settings, ...core } = sreTimeBudget();
    const platform = {
      ...core,
      groupRef: 'group:default/sre-platform',
      title: 'SRE Platform',
      overCap: true,
      latestComplete: sreTimeMonth({
        month: '2026-10',
        share: 0.8,
        overCap: true,
      }),
      current: sreTimeMonth({ month: '2026-11', partial: true, share: 0.7 }),
    };
    const listSreTimeBudgets = jest.fn().mockResolvedValue({
      items: [platform, core],
      totalCount: 2,
    });
    await render({ listSreTimeBudgets });
    expect(
      await screen.findByText(
        'Time budget: operational work against the cap (2)',
      ),
    ).toBeInTheDocument();
    // The same supported services as the SRE teams list counts.
    expect(
      screen.getByRole('columnheader', { name: 'Supported services' }),
    ).toBeInTheDocument();
    const platformRow = screen.getByText('SRE Platform').closest('tr')!;
    expect(
      within(platformRow).getByText('Over the 50% cap'),
    ).toBeInTheDocument();
    expect(
      within(platformRow).getByText('80% in Oct 2026'),
    ).toBeInTheDocument();
    expect(within(platformRow).getByText('70%')).toBeInTheDocument();
    const coreRow = screen.getByText('SRE Core').closest('tr')!;
    expect(within(coreRow).getByText('Within 50%')).toBeInTheDocument();
    expect(
      within(coreRow).getByText('rising (+5 points a month)'),
    ).toBeInTheDocument();
  });

  it('says what to do when no SRE team supports services yet', async () => {
    await render({});
    expect(
      await screen.findByText(/No SRE team supports services yet/),
    ).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    await render({
      listSreTimeBudgets: jest
        .fn()
        .mockRejectedValue(new Error('backend down')),
    });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
