import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  ReliabilityApi,
  SloRefinement,
  SloRevision,
} from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockReliabilityApi,
  objectiveStatus,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ReliabilityPage } from '../ReliabilityPage';
import { ObjectiveCard } from '../SloCards/ObjectiveCard';
import { SloHistory } from './SloHistory';

jest.setTimeout(30_000);

const CHANGE = '2026-11-20T00:00:00.000Z';

function revision(overrides: Partial<SloRevision> = {}): SloRevision {
  return {
    revision: 1,
    effectiveFrom: '2026-09-01T00:00:00.000Z',
    budgetingMethod: 'Occurrences',
    window: '30d rolling',
    objectives: [{ name: 'availability', target: 0.999 }],
    sourceLocation: 'url:https://git.example.com/ledger/slos.yaml',
    sourceUrl: 'https://git.example.com/ledger/slos.yaml',
    imported: false,
    deliveredAt: '2026-09-01T00:00:00.000Z',
    changes: [{ kind: 'created' }],
    budget: [
      {
        objective: 'availability',
        before: null,
        after: null,
        end: { at: CHANGE, remaining: -1, state: 'exhausted' },
      },
    ],
    ...overrides,
  };
}

const loosened = revision({
  revision: 2,
  effectiveFrom: CHANGE,
  objectives: [{ name: 'availability', target: 0.995 }],
  changes: [
    {
      kind: 'target',
      objective: 'availability',
      before: 0.999,
      after: 0.995,
      direction: 'loosened',
    },
  ],
  budget: [
    {
      objective: 'availability',
      before: { at: CHANGE, remaining: -1, state: 'exhausted' },
      after: { at: CHANGE, remaining: -1, state: 'exhausted' },
      end: {
        at: '2026-11-26T00:00:00.000Z',
        remaining: 0.2251,
        state: 'healthy',
      },
    },
  ],
});

async function renderWith(api: Partial<ReliabilityApi>, element: JSX.Element) {
  const reliabilityApi = mockReliabilityApi(api);
  await renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, reliabilityApi]]}>
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  );
  return reliabilityApi;
}

describe('SloHistory', () => {
  it('shows each definition on a timeline with what changed and the budget around it', async () => {
    const api = await renderWith(
      {
        getSloRevisions: jest.fn().mockResolvedValue({
          sloRef: 'slo:default/ledger-availability',
          items: [revision(), loosened],
          totalCount: 2,
        }),
      },
      <SloHistory
        sloRef="slo:default/ledger-availability"
        title="Ledger availability"
      />,
    );
    const second = await screen.findByTestId('slo-revision-2');
    expect(
      within(second).getByText(
        'Target of availability loosened from 99.9% to 99.5%',
      ),
    ).toBeInTheDocument();
    expect(within(second).getByText('Loosened')).toBeInTheDocument();
    expect(
      within(second).getByTestId('revision-budget-availability'),
    ).toHaveTextContent(
      'Budget of availability: -100% before → 22.5% by the next change or now',
    );
    // The file's name, the whole location on hover.
    const source = within(second).getByRole('link', { name: /slos\.yaml/ });
    expect(source).toHaveAttribute(
      'href',
      'https://git.example.com/ledger/slos.yaml',
    );
    expect(within(source).getByText('slos.yaml')).toHaveAttribute(
      'title',
      'url:https://git.example.com/ledger/slos.yaml',
    );
    const first = screen.getByTestId('slo-revision-1');
    expect(within(first).getByText('First definition')).toBeInTheDocument();
    expect(
      within(first).getByTestId('revision-budget-availability'),
    ).toHaveTextContent('-100% when next changed');
    expect(api.getSloRevisions).toHaveBeenCalledWith(
      { namespace: 'default', name: 'ledger-availability' },
      { limit: 20, offset: 0 },
    );
    expect(screen.queryByText(/Later revisions/)).not.toBeInTheDocument();
  });

  it('loads later revisions a page at a time', async () => {
    const getSloRevisions = jest
      .fn()
      .mockResolvedValueOnce({
        sloRef: 'x',
        items: [revision()],
        totalCount: 2,
      })
      .mockResolvedValueOnce({ sloRef: 'x', items: [loosened], totalCount: 2 });
    await renderWith(
      { getSloRevisions },
      <SloHistory sloRef="slo:default/ledger-availability" title="Ledger" />,
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Later revisions (1)' }),
    );
    expect(await screen.findByTestId('slo-revision-2')).toBeInTheDocument();
    expect(screen.getByTestId('slo-revision-1')).toBeInTheDocument();
    expect(getSloRevisions).toHaveBeenLastCalledWith(
      { namespace: 'default', name: 'ledger-availability' },
      { limit: 20, offset: 1 },
    );
  });

  it('says when the SLO has not been refined, and shows errors', async () => {
    await renderWith(
      {
        getSloRevisions: jest.fn().mockResolvedValue({
          sloRef: 'x',
          items: [revision({ budget: [] })],
          totalCount: 1,
        }),
      },
      <SloHistory sloRef="slo:default/a" title="A" />,
    );
    expect(
      await screen.findByText('Not refined since it was first defined.'),
    ).toBeInTheDocument();
  });

  it('shows a failed load', async () => {
    await renderWith(
      {
        getSloRevisions: jest
          .fn()
          .mockRejectedValue(new Error('backend unavailable')),
      },
      <SloHistory sloRef="slo:default/a" title="A" />,
    );
    expect(
      (await screen.findAllByText(/backend unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('ObjectiveCard with a target changed in its window', () => {
  it('says each period is judged by the target then in force', async () => {
    await renderWith(
      {},
      <ObjectiveCard
        title="Ledger availability"
        subheader="30d rolling"
        sloRef="slo:default/ledger-availability"
        status={objectiveStatus({
          target: 0.995,
          windowStart: '2026-10-27T00:00:00.000Z',
          windowEnd: '2026-11-26T00:00:00.000Z',
          definitionPeriods: [
            {
              from: '2026-10-27T00:00:00.000Z',
              to: CHANGE,
              target: 0.999,
              spent: 912,
              budget: 456,
            },
            {
              from: CHANGE,
              to: '2026-11-26T00:00:00.000Z',
              target: 0.995,
              spent: 0,
              budget: 720,
            },
          ],
        })}
      />,
    );
    const periods = screen.getByTestId('definition-periods');
    expect(periods).toHaveTextContent(
      'The target changed in this window; each period is judged by the target then in force',
    );
    expect(periods).toHaveTextContent(
      `99.9% from ${new Date(
        '2026-10-27T00:00:00.000Z',
      ).toLocaleDateString()} to ${new Date(
        CHANGE,
      ).toLocaleDateString()}: spent 912 bad events of the 456 bad events it allows`,
    );
    expect(periods).toHaveTextContent(
      `99.5% from ${new Date(
        CHANGE,
      ).toLocaleDateString()}: spent 0 bad events of the 720 bad events it allows`,
    );
  });
});

describe('SLO refinements in /reliability', () => {
  const refinement = (
    overrides: Partial<SloRefinement> = {},
  ): SloRefinement => ({
    sloRef: 'slo:default/ledger-availability',
    title: 'Ledger availability',
    serviceRef: 'component:default/ledger',
    ownerRef: 'group:default/team-payments',
    revision: 2,
    effectiveFrom: CHANGE,
    budgetingMethod: 'Occurrences',
    window: '30d rolling',
    objectives: [{ name: 'availability', target: 0.995 }],
    sourceLocation: null,
    sourceUrl: 'https://git.example.com/ledger/slos.yaml',
    imported: false,
    changes: loosened.changes,
    loosened: true,
    ...overrides,
  });

  async function renderPage(api: Partial<ReliabilityApi>) {
    const reliabilityApi = mockReliabilityApi(api);
    await renderInTestApp(
      <TestApiProvider apis={[[reliabilityApiRef, reliabilityApi]]}>
        <Routes>
          <Route path="/reliability/*" element={<ReliabilityPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/reliability/enactments'],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/reliability': rootRouteRef,
        },
      },
    );
    return reliabilityApi;
  }

  it('lists refinements beside the policy enactments, loosened ones marked', async () => {
    const api = await renderPage({
      listSloRefinements: jest.fn().mockResolvedValue({
        items: [refinement()],
        totalCount: 1,
      }),
    });
    expect(await screen.findByText('SLO refinements')).toBeInTheDocument();
    const row = screen.getByText('Ledger availability').closest('tr')!;
    expect(within(row).getByText('Loosened')).toBeInTheDocument();
    expect(
      within(row).getByText(
        'Target of availability loosened from 99.9% to 99.5%',
      ),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: /revision 2/ }),
    ).toHaveAttribute('href', 'https://git.example.com/ledger/slos.yaml');
    expect(api.listSloRefinements).toHaveBeenCalledWith({
      limit: 25,
      offset: 0,
    });
    expect(
      screen.getByText('Policy enactments across the organisation'),
    ).toBeInTheDocument();
  });

  it('explains an empty list and pages through a long one', async () => {
    const listSloRefinements = jest
      .fn()
      .mockResolvedValueOnce({ items: [refinement()], totalCount: 30 })
      .mockResolvedValueOnce({
        items: [refinement({ title: 'Search latency', loosened: false })],
        totalCount: 30,
      });
    await renderPage({ listSloRefinements });
    fireEvent.click(await screen.findByRole('button', { name: /next page/i }));
    expect(await screen.findByText('Search latency')).toBeInTheDocument();
    expect(listSloRefinements).toHaveBeenLastCalledWith({
      limit: 25,
      offset: 25,
    });
  });

  it('says what will appear when nothing has been refined', async () => {
    await renderPage({});
    await waitFor(() =>
      expect(
        screen.getByText(/No SLO has been refined yet/),
      ).toBeInTheDocument(),
    );
  });
});
