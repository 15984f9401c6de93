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
import {
  budgetSpend,
  burnEpisode,
  entityPostmortems,
  mockPermissionApiFor,
  mockReliabilityApi,
  postmortem,
  responseError,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { EntityPostmortems } from './EntityPostmortems';
import { toLocalInput } from './postmortem';
import { formatDate, formatDateTime } from '../shared/format';

const WRITE = 'reliability.postmortem.write';

// usePermission caches answers per entity across tests, so each test has an entity of its own.
let counter = 0;

async function render(api: Partial<ReliabilityApi>, allowed: string[] = []) {
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
      </EntityProvider>
    </TestApiProvider>,
    {
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
  it('lists the postmortems with their figures, chips, timeline, budget and action items', async () => {
    const getEntityPostmortems = jest
      .fn()
      .mockResolvedValue(entityPostmortems());
    const { entityRef } = await render({ getEntityPostmortems });
    const pm = await screen.findByRole('listitem', {
      name: 'Checkout 5xx after the ledger deploy',
    });
    expect(getEntityPostmortems).toHaveBeenCalledWith(entityRef);
    expect(screen.getByText('Postmortems (2)')).toBeInTheDocument();

    expect(
      within(pm).getByRole('link', {
        name: /^Checkout 5xx after the ledger deploy/,
      }),
    ).toHaveAttribute(
      'href',
      'https://wiki.example.com/postmortems/checkout-5xx',
    );
    expect(within(pm).getByText('SEV2')).toBeInTheDocument();
    expect(within(pm).getByText('In review')).toBeInTheDocument();
    expect(within(pm).getByText('Blameless review held')).toBeInTheDocument();
    const chip = within(pm).getByTestId('needs-publishing');
    expect(chip).toHaveTextContent('needs publishing');
    expect(chip).toHaveAccessibleName(
      'needs publishing: over the policy’s 20% share of budget; publish the postmortem',
    );
    expect(pm).toHaveTextContent(
      `Started ${formatDate('2026-11-20T09:00:00.000Z')}`,
    );
    expect(pm).toHaveTextContent(
      'A ledger schema change made checkout fail for 90 minutes.',
    );

    // Time to detect, mitigate, resolve and the budget spent.
    expect(pm).toHaveTextContent('Time to detect7 min');
    expect(pm).toHaveTextContent('Time to mitigate45 min');
    expect(pm).toHaveTextContent('Time to resolve1 h 30 min');
    expect(pm).toHaveTextContent('Budget spent34%');
    const budget = within(pm).getByRole('table', {
      name: 'Budget spent by Checkout 5xx after the ledger deploy',
    });
    expect(
      within(budget).getByRole('row', {
        name: 'Checkout availability — requests-succeed 34%',
      }),
    ).toBeInTheDocument();
    expect(
      within(budget).getByRole('row', {
        name: 'Checkout latency — fast-enough no data',
      }),
    ).toBeInTheDocument();

    // The timeline: every step with its time and the interval before it.
    const timeline = within(pm).getByRole('list', {
      name: 'Incident timeline of Checkout 5xx after the ledger deploy',
    });
    const steps = within(timeline).getAllByRole('listitem');
    expect(steps.map(s => s.getAttribute('aria-label'))).toEqual([
      `Started: ${formatDateTime('2026-11-20T09:00:00.000Z')}`,
      `Detected: ${formatDateTime(
        '2026-11-20T09:07:00.000Z',
      )}, 7 min after started`,
      `Mitigated: ${formatDateTime(
        '2026-11-20T09:45:00.000Z',
      )}, 38 min after detected`,
      `Resolved: ${formatDateTime(
        '2026-11-20T10:30:00.000Z',
      )}, 45 min after mitigated`,
    ]);

    // Action items: owner, due, priority, status, overdue.
    const items = within(pm).getByRole('table', {
      name: 'Action items of Checkout 5xx after the ledger deploy',
    });
    const canary = within(items).getByRole('row', {
      name: /^Canary the ledger deploys/,
    });
    expect(
      within(canary).getByRole('link', { name: /^Canary the ledger deploys/ }),
    ).toHaveAttribute('href', 'https://tickets.example.com/REL-101');
    expect(
      within(canary).getByRole('link', { name: 'team-payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-payments');
    expect(canary).toHaveTextContent(
      new Date('2026-11-25T12:00:00.000Z').toLocaleDateString(undefined, {
        timeZone: 'UTC',
      }),
    );
    expect(canary).toHaveTextContent('P1');
    expect(canary).toHaveTextContent('Open');
    expect(within(canary).getByText('overdue')).toBeInTheDocument();
    const alert = within(items).getByRole('row', {
      name: /^Alert on checkout 5xx/,
    });
    expect(alert).toHaveTextContent('In progress');
    expect(within(alert).queryByText('overdue')).not.toBeInTheDocument();

    // The older postmortem recorded only its start and resolution.
    const sparse = screen.getByRole('listitem', {
      name: 'Checkout latency spike during the sale',
    });
    expect(within(sparse).getByText('SEV3')).toBeInTheDocument();
    expect(within(sparse).getByText('Published')).toBeInTheDocument();
    expect(within(sparse).getByText('No blameless review yet')).toBeVisible();
    expect(
      within(sparse).queryByTestId('needs-publishing'),
    ).not.toBeInTheDocument();
    expect(sparse).toHaveTextContent('Time to detect—');
    expect(sparse).toHaveTextContent('Time to resolve50 min');
    expect(sparse).toHaveTextContent('Budget spentno data');
    expect(within(sparse).getAllByText('not recorded')).toHaveLength(2);
    expect(within(sparse).getByText('No action items.')).toBeInTheDocument();
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

  it('offers no add, edit or write buttons without the write permission', async () => {
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
      screen.queryByRole('button', { name: /Add postmortem/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Edit / }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Write postmortem' }),
    ).not.toBeInTheDocument();
  });

  it('shows the buttons to a caller allowed to write postmortems', async () => {
    await render(
      {
        getEntityPostmortems: jest.fn().mockResolvedValue(entityPostmortems()),
      },
      [WRITE],
    );
    expect(
      await screen.findByRole('button', { name: /Add postmortem/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Edit Checkout 5xx after the ledger deploy',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Write postmortem' }),
    ).toBeInTheDocument();
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
    // The list and the chart reload; the audit trail is told.
    await waitFor(() => expect(getEntityPostmortems).toHaveBeenCalledTimes(2));
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
    fireEvent.click(
      await screen.findByRole('button', { name: 'Write postmortem' }),
    );
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

  it('edits a postmortem with the updatedAt it shows', async () => {
    const updatePostmortem = jest.fn().mockResolvedValue(postmortem());
    await render(
      {
        getEntityPostmortems: jest.fn().mockResolvedValue(entityPostmortems()),
        updatePostmortem,
      },
      [WRITE],
    );
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
