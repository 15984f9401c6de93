import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import {
  budgetSpend,
  burnEpisode,
  entityPostmortems,
  mockPermissionApiFor,
  mockReliabilityApi,
  postmortem,
  responseError,
  sparsePostmortem,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { EntityPostmortems } from './EntityPostmortems';
import { toLocalInput } from './postmortem';
import { formatDate, formatDateTime } from '../shared/format';

const WRITE = 'reliability.postmortem.write';

// usePermission caches answers per entity across tests, so each test has an entity of its own.
let counter = 0;

/** Where the app is: the path and query, to see deep links and navigation. */
function Location() {
  const location = useLocation();
  return (
    <div data-testid="location">{`${location.pathname}${location.search}`}</div>
  );
}

async function render(
  api: Partial<ReliabilityApi>,
  allowed: string[] = [],
  url = '/catalog/default/component/checkout-api/reliability/postmortems',
) {
  counter += 1;
  const name = `checkout-api-${counter}`;
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', title: 'Checkout API' },
    spec: { owner: 'group:default/team-checkout' },
  };
  const permissionApi = mockPermissionApiFor(allowed);
  const reliabilityApi = mockReliabilityApi(api);
  const onChange = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, reliabilityApi],
        [permissionApiRef, permissionApi],
        // The dialog's owner picker lists the catalog's groups and users.
        [catalogApiRef, catalogApiMock()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityPostmortems onChange={onChange} />
        <Location />
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': rootRouteRef,
      },
    },
  );
  return {
    reliabilityApi,
    permissionApi,
    onChange,
    entityRef: { kind: 'Component', namespace: 'default', name },
    resourceRef: `component:default/${name}`,
  };
}

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

describe('EntityPostmortems', () => {
  it('lists the postmortems as a compact table whose rows open their pages', async () => {
    const getEntityPostmortems = jest
      .fn()
      .mockResolvedValue(entityPostmortems());
    const { entityRef } = await render({ getEntityPostmortems });
    const row = await screen.findByRole('row', {
      name: /Checkout 5xx after the ledger deploy/,
    });
    expect(getEntityPostmortems).toHaveBeenCalledWith(entityRef);
    expect(screen.getByText('Postmortems (2)')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', {
        name: 'Checkout 5xx after the ledger deploy',
      }),
    ).toHaveAttribute('href', '/reliability/postmortems/12');
    expect(within(row).getByText('SEV2')).toBeInTheDocument();
    expect(within(row).getByText('In review')).toBeInTheDocument();
    expect(within(row).getByTestId('needs-publishing')).toHaveAccessibleName(
      'needs publishing: over the policy’s 20% share of budget; publish the postmortem',
    );
    // Date, MTTR, action items open of all, budget spent.
    expect(
      within(row)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(
      expect.arrayContaining([
        formatDate('2026-11-20T09:00:00.000Z'),
        '1 h 30 min',
        '2 open of 3',
        '34%',
      ]),
    );
    // The details live on the page, not in the list.
    expect(
      screen.queryByRole('list', { name: /Incident timeline/ }),
    ).toBeNull();

    const sparse = screen.getByRole('row', {
      name: /Checkout latency spike during the sale/,
    });
    expect(
      within(sparse).getByRole('link', {
        name: 'Checkout latency spike during the sale',
      }),
    ).toHaveAttribute('href', '/reliability/postmortems/7');
    expect(
      within(sparse)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(expect.arrayContaining(['50 min', '—', 'no data']));
    expect(within(sparse).queryByTestId('needs-publishing')).toBeNull();
  });

  it('shows ten postmortems a page, not all of them at once', async () => {
    const items = Array.from({ length: 13 }, (_, i) =>
      postmortem({ id: String(100 + i), title: `Incident number ${i + 1}` }),
    );
    await render({
      getEntityPostmortems: jest
        .fn()
        .mockResolvedValue(entityPostmortems({ items })),
    });
    expect(await screen.findByText('Postmortems (13)')).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: /^Incident number/ }),
    ).toHaveLength(10);
    expect(
      screen.queryByRole('link', { name: 'Incident number 11' }),
    ).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Next Page/i }));
    expect(
      await screen.findByRole('link', { name: 'Incident number 11' }),
    ).toHaveAttribute('href', '/reliability/postmortems/110');
    expect(
      screen.getAllByRole('link', { name: /^Incident number/ }),
    ).toHaveLength(3);
  });

  it('charts MTTD and MTTR by month with a table of the same figures', async () => {
    await render({
      getEntityPostmortems: jest.fn().mockResolvedValue(entityPostmortems()),
    });
    const chart = await screen.findByTestId('mttr-chart');
    expect(
      within(chart).getByRole('img', { name: 'MTTD and MTTR by month chart' }),
    ).toBeInTheDocument();
    const table = within(chart).getByRole('table', {
      name: 'MTTD and MTTR by month',
    });
    const november = within(table).getByTestId('mttr-month-2026-11');
    expect(november).toHaveTextContent('Nov 2026');
    expect(within(november).getByTestId('incidents')).toHaveTextContent('1');
    expect(within(november).getByTestId('mttd')).toHaveTextContent('7 min');
    expect(within(november).getByTestId('mttr')).toHaveTextContent(
      '1 h 30 min',
    );
    expect(november).toHaveAttribute('data-mttr-ms', String(90 * 60_000));
    const october = within(table).getByTestId('mttr-month-2026-10');
    expect(within(october).getByTestId('mttd')).toHaveTextContent('—');
    expect(within(october).getByTestId('mttr')).toHaveTextContent('50 min');
  });

  it('lists the burn episodes that need a postmortem under the policy', async () => {
    await render({
      getEntityPostmortems: jest.fn().mockResolvedValue(
        entityPostmortems({
          needsPostmortem: [
            burnEpisode(),
            burnEpisode({
              sloRef: 'slo:default/checkout-latency',
              sloTitle: 'Checkout latency',
              objective: 'fast-enough',
              start: '2026-11-27T10:00:00.000Z',
              end: null,
              peakBurnRate: 6.2,
              spend: budgetSpend({ share: null, parts: [] }),
            }),
          ],
        }),
      ),
    });
    const episode = await screen.findByRole('listitem', {
      name: 'Checkout availability — requests-succeed',
    });
    expect(
      screen.getByText(/asks for a published postmortem when an incident/),
    ).toHaveTextContent('over 20% of an SLO window’s error budget');
    expect(
      screen.getByRole('link', { name: 'payments/strict' }),
    ).toHaveAttribute('href', '/reliability/policies/payments/strict');
    expect(episode).toHaveTextContent(
      `${formatDateTime('2026-11-24T13:00:00.000Z')} – ${formatDateTime(
        '2026-11-24T15:20:00.000Z',
      )}`,
    );
    expect(episode).toHaveTextContent('peak burn rate 14.4×');
    expect(episode).toHaveTextContent('27% of the budget spent');
    const ongoing = screen.getByRole('listitem', {
      name: 'Checkout latency — fast-enough',
    });
    expect(ongoing).toHaveTextContent(
      `${formatDateTime('2026-11-27T10:00:00.000Z')} – ongoing`,
    );
    expect(ongoing).toHaveTextContent('peak burn rate 6.2×');
    expect(ongoing).toHaveTextContent('budget spent: no data');
  });

  it('says when the policy asks for no postmortems', async () => {
    await render({
      getEntityPostmortems: jest.fn().mockResolvedValue(
        entityPostmortems({
          rule: {
            policyRef: 'errorbudgetpolicy:app-config/default',
            budgetShareAbove: null,
          },
          needsPostmortem: [],
        }),
      ),
    });
    expect(
      await screen.findByText(/asks for no postmortems/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Write postmortem' }),
    ).not.toBeInTheDocument();
  });

  it('offers no write or edit buttons without the write permission', async () => {
    const { permissionApi, resourceRef } = await render(
      {
        getEntityPostmortems: jest.fn().mockResolvedValue(entityPostmortems()),
      },
      [],
    );
    await screen.findByText('Postmortems (2)');
    await waitFor(() =>
      expect(permissionApi.authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({ name: WRITE }),
          resourceRef,
        }),
      ),
    );
    expect(
      screen.queryByRole('button', { name: 'Write postmortem' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Edit / }),
    ).not.toBeInTheDocument();
  });

  it('shows "Write postmortem" at the top and beside each burn episode to a caller allowed to write', async () => {
    await render(
      {
        getEntityPostmortems: jest.fn().mockResolvedValue(entityPostmortems()),
      },
      [WRITE],
    );
    const top = await screen.findByTestId('add-postmortem');
    expect(top).toHaveTextContent('Write postmortem');
    // Above the table.
    expect(
      top.compareDocumentPosition(screen.getByText('Postmortems (2)')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.getByTestId('write-postmortem')).toHaveTextContent(
      'Write postmortem',
    );
  });

  it('opens the write dialog from ?write=1 and drops it from the URL on close', async () => {
    const url =
      '/catalog/default/component/checkout-api/reliability/postmortems?write=1';
    const { resourceRef } = await render(
      {
        getEntityPostmortems: jest.fn().mockResolvedValue(entityPostmortems()),
      },
      [WRITE],
      url,
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Add a postmortem for Checkout API'),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Affected entities/)).toHaveValue(
      resourceRef,
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('location')).toHaveTextContent(
      /^\/catalog\/default\/component\/checkout-api\/reliability\/postmortems$/,
    );
  });

  it('says so instead of opening the dialog from ?write=1 for a caller not allowed to write', async () => {
    const { permissionApi } = await render(
      {
        getEntityPostmortems: jest.fn().mockResolvedValue(entityPostmortems()),
      },
      [],
      '/catalog/default/component/checkout-api/reliability/postmortems?write=1',
    );
    expect(
      await screen.findByText(/You may not write postmortems for Checkout API/),
    ).toBeInTheDocument();
    expect(permissionApi.authorize).toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('says there are no postmortems yet and offers to add one', async () => {
    const empty = entityPostmortems({
      items: [],
      monthly: [],
      needsPostmortem: [],
    });
    const created = postmortem({ entityRefs: [] });
    const getEntityPostmortems = jest.fn().mockResolvedValue(empty);
    const createPostmortem = jest.fn().mockResolvedValue(created);
    const { resourceRef, onChange } = await render(
      { getEntityPostmortems, createPostmortem },
      [WRITE],
    );
    expect(
      await screen.findByText('No postmortems yet for this entity'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('mttr-chart')).not.toBeInTheDocument();
    fireEvent.click(await screen.findByTestId('add-postmortem'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText(/^Affected entities/)).toHaveValue(
      resourceRef,
    );
    fireEvent.change(within(dialog).getByLabelText(/^Title/), {
      target: { value: 'Checkout down' },
    });
    fireEvent.mouseDown(within(dialog).getByLabelText(/^Severity/));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText(/^SEV1/),
    );
    fireEvent.change(within(dialog).getByLabelText(/^Started/), {
      target: { value: '2026-11-26T08:00' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save postmortem' }),
    );
    await waitFor(() =>
      expect(createPostmortem).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'Checkout down',
          severity: 'sev1',
          status: 'draft',
          blamelessReviewHeld: false,
          startedAt: new Date('2026-11-26T08:00').toISOString(),
          entityRefs: [resourceRef],
          actionItems: [],
        }),
      ),
    );
    // The saved postmortem's page opens; the rest of the tab is told.
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/reliability/postmortems/12',
      ),
    );
    expect(onChange).toHaveBeenCalled();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('pre-fills the add dialog from a burn episode that needs a postmortem', async () => {
    const createPostmortem = jest.fn().mockResolvedValue(postmortem());
    const { resourceRef } = await render(
      {
        getEntityPostmortems: jest.fn().mockResolvedValue(entityPostmortems()),
        createPostmortem,
      },
      [WRITE],
    );
    fireEvent.click(await screen.findByTestId('write-postmortem'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText(/^Title/)).toHaveValue(
      'Checkout availability burn on 2026-11-24',
    );
    expect(within(dialog).getByLabelText(/^Started/)).toHaveValue(
      toLocalInput('2026-11-24T13:00:00.000Z'),
    );
    expect(within(dialog).getByLabelText(/^Resolved/)).toHaveValue(
      toLocalInput('2026-11-24T15:20:00.000Z'),
    );
    expect(within(dialog).getByLabelText(/^Detected/)).toHaveValue('');
    expect(within(dialog).getByLabelText(/^Affected entities/)).toHaveValue(
      resourceRef,
    );
    fireEvent.mouseDown(within(dialog).getByLabelText(/^Severity/));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText(/^SEV2/),
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save postmortem' }),
    );
    await waitFor(() =>
      expect(createPostmortem).toHaveBeenCalledWith({
        title: 'Checkout availability burn on 2026-11-24',
        documentUrl: null,
        severity: 'sev2',
        status: 'draft',
        blamelessReviewHeld: false,
        summary: null,
        startedAt: '2026-11-24T13:00:00.000Z',
        detectedAt: null,
        mitigatedAt: null,
        resolvedAt: '2026-11-24T15:20:00.000Z',
        entityRefs: [resourceRef],
        actionItems: [],
      }),
    );
  });

  it('edits a postmortem from its row with the updatedAt it shows, staying on the tab', async () => {
    const updatePostmortem = jest.fn().mockResolvedValue(sparsePostmortem());
    const getEntityPostmortems = jest
      .fn()
      .mockResolvedValue(entityPostmortems());
    await render({ getEntityPostmortems, updatePostmortem }, [WRITE]);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Edit Checkout latency spike during the sale',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Blameless review held' }),
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save postmortem' }),
    );
    await waitFor(() =>
      expect(updatePostmortem).toHaveBeenCalledWith(
        '7',
        expect.objectContaining({
          blamelessReviewHeld: true,
          startedAt: '2026-10-03T14:00:00.000Z',
          resolvedAt: '2026-10-03T14:50:00.000Z',
          expectedUpdatedAt: '2026-10-04T10:00:00.000Z',
        }),
      ),
    );
    await waitFor(() => expect(getEntityPostmortems).toHaveBeenCalledTimes(2));
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/catalog/default/component/checkout-api/reliability/postmortems',
    );
  });

  it('shows an error loading the postmortems', async () => {
    await render({
      getEntityPostmortems: jest
        .fn()
        .mockRejectedValue(await responseError(500, 'Error', 'database down')),
    });
    expect(
      await screen.findByText(/Could not load the postmortems/),
    ).toBeInTheDocument();
  });
});
