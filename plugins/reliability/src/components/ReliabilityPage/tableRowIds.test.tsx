import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  ReliabilityApi,
  SloRefinement,
} from '@reliability-suite/plugin-reliability-common';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  auditEvent,
  auditFindingPage,
  auditSummary,
  mockReliabilityApi,
  objectiveStatus,
  policy,
  postmortem,
  reviewQueueItem,
  sreTeamLoad,
  sreTimeBudget,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ReliabilityPage } from './ReliabilityPage';

jest.setTimeout(60_000);

/** What Backstage's Table (material-table) logs, in development builds, for rows without id. */
const NO_ROW_ID = /requires all rows to have an unique id/;

const refinement: SloRefinement = {
  sloRef: 'slo:default/cart-availability',
  title: 'Cart availability',
  serviceRef: 'component:default/cart-web',
  ownerRef: 'group:default/team-checkout',
  revision: 2,
  effectiveFrom: '2026-11-24T10:00:00.000Z',
  budgetingMethod: 'Occurrences',
  window: '7d rolling',
  objectives: [{ name: 'pages-load', target: 0.99 }],
  sourceLocation: null,
  sourceUrl: null,
  imported: true,
  changes: [],
  loosened: true,
};

/** Every tab of /reliability and a policy's page, each with rows in each of its tables. */
const api: Partial<ReliabilityApi> = {
  listSlos: jest.fn().mockResolvedValue({
    totalCount: 2,
    items: ['requests-succeed', 'latency'].map(name => ({
      sloRef: 'slo:default/checkout-availability',
      title: 'Checkout availability',
      serviceRef: 'component:default/checkout-api',
      ownerRef: 'group:default/team-checkout',
      systemRef: null,
      objective: objectiveStatus({ name }),
    })),
  }),
  listAuditEvents: jest.fn().mockResolvedValue({ items: [auditEvent()] }),
  listPolicies: jest.fn().mockResolvedValue({
    items: [{ policy: policy(), entityCount: 1, frozenCount: 0, byState: {} }],
  }),
  getPolicy: jest.fn().mockResolvedValue({
    policy: policy(),
    entities: [
      {
        entityRef: 'component:default/checkout-api',
        state: 'healthy',
        remaining: 0.8,
        since: null,
        frozen: false,
        source: 'entity',
      },
    ],
  }),
  listSloRefinements: jest
    .fn()
    .mockResolvedValue({ items: [refinement], totalCount: 1 }),
  listAuditFindings: jest.fn().mockResolvedValue(auditFindingPage()),
  getAuditSummary: jest.fn().mockResolvedValue(auditSummary()),
  listSreTeams: jest.fn().mockResolvedValue({ items: [sreTeamLoad()] }),
  listSreTimeBudgets: jest
    .fn()
    .mockResolvedValue({ items: [sreTimeBudget()], totalCount: 1 }),
  listReviews: jest
    .fn()
    .mockResolvedValue({ items: [reviewQueueItem()], totalCount: 1 }),
  listPostmortems: jest
    .fn()
    .mockResolvedValue({ items: [postmortem()], totalCount: 1 }),
};

const PAGES: Array<[path: string, shown: string | RegExp]> = [
  ['/reliability', 'Service level objectives (2)'],
  ['/reliability/policies', 'Error-budget policies (1)'],
  ['/reliability/enactments', 'Cart availability'],
  ['/reliability/audit', /^Findings \(1\)/],
  ['/reliability/sre-teams', 'SRE teams (1)'],
  ['/reliability/reviews', 'Open reviews (1)'],
  ['/reliability/postmortems', 'Action items by team'],
  ['/reliability/policies/payments/strict', /^Entities under this policy/],
];

describe('the tables of /reliability', () => {
  const nodeEnv = process.env.NODE_ENV;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    // material-table checks the rows' ids in development builds only, as an app's `yarn start`.
    process.env.NODE_ENV = 'development';
    warn = jest.spyOn(console, 'warn');
  });

  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
    warn.mockRestore();
  });

  it.each(PAGES)('give every row a unique id on %s', async (path, shown) => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [reliabilityApiRef, mockReliabilityApi(api)],
          // The postmortems' team filter lists the catalog's groups.
          [catalogApiRef, catalogApiMock()],
        ]}
      >
        <Routes>
          <Route path="/reliability/*" element={<ReliabilityPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: [path],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/reliability': rootRouteRef,
        },
      },
    );
    expect((await screen.findAllByText(shown)).length).toBeGreaterThan(0);
    const noId = warn.mock.calls.filter(args =>
      NO_ROW_ID.test(String(args[0])),
    );
    expect(noId).toEqual([]);
  });
});
