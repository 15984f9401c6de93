/**
 * The dialog's times are local: a fixed zone, so that what it says can be asserted exactly.
 * @jest-environment <rootDir>/__testUtils__/berlinTimeEnvironment.js
 */

import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  Postmortem,
  ReliabilityApi,
} from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  mockReliabilityApi,
  postmortem,
  responseError,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { PostmortemDialog } from './PostmortemDialog';
import { PostmortemDraft } from './postmortem';

const catalogApi = catalogApiMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-payments', title: 'Payments team' },
      spec: { type: 'team', children: [] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-checkout', title: 'Checkout team' },
      spec: { type: 'team', children: [] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'alice' },
      spec: { profile: { displayName: 'Alice Example' }, memberOf: [] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout-api', title: 'Checkout API' },
      spec: {
        type: 'service',
        owner: 'team-checkout',
        lifecycle: 'production',
      },
    },
  ],
});

/** A datetime-local value as ISO UTC, in this machine's time zone (as the browser sends it). */
const local = (value: string) => new Date(value).toISOString();

async function render(
  api: Partial<ReliabilityApi>,
  draft: PostmortemDraft,
  edited?: Postmortem,
) {
  const reliabilityApi = mockReliabilityApi(api);
  const onDone = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, reliabilityApi],
        [catalogApiRef, catalogApi],
      ]}
    >
      <PostmortemDialog
        open
        draft={draft}
        postmortem={edited}
        entityTitle="Checkout API"
        onClose={onClose}
        onDone={onDone}
      />
    </TestApiProvider>,
  );
  const dialog = await screen.findByRole('dialog');
  return { reliabilityApi, onDone, onClose, dialog };
}

function type(dialog: HTMLElement, label: RegExp, value: string) {
  fireEvent.change(within(dialog).getByLabelText(label), {
    target: { value },
  });
}

async function choose(dialog: HTMLElement, label: RegExp, option: RegExp) {
  fireEvent.mouseDown(within(dialog).getByLabelText(label));
  fireEvent.click(within(await screen.findByRole('listbox')).getByText(option));
  await waitFor(() =>
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument(),
  );
}

function save(dialog: HTMLElement) {
  return within(dialog).getByRole('button', { name: 'Save postmortem' });
}

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

describe('PostmortemDialog', () => {
  it('adds a postmortem with its times as ISO UTC and its action items', async () => {
    const createPostmortem = jest
      .fn()
      .mockResolvedValue(postmortem({ id: '99' }));
    const { dialog, onDone } = await render(
      { createPostmortem },
      { entityRefs: ['component:default/checkout-api'] },
    );
    expect(dialog).toHaveTextContent('Add a postmortem for Checkout API');
    expect(within(dialog).getByLabelText(/^Affected entities/)).toHaveValue(
      'component:default/checkout-api',
    );
    expect(save(dialog)).toBeDisabled();
    expect(dialog).toHaveTextContent('Still needed: Title, Severity, Started.');

    type(dialog, /^Title/, '  Checkout 5xx after the ledger deploy ');
    type(
      dialog,
      /^Document URL/,
      'https://wiki.example.com/postmortems/checkout-5xx',
    );
    await choose(dialog, /^Severity/, /^SEV2/);
    await choose(dialog, /^Status/, /^In review$/);
    fireEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Blameless review held' }),
    );
    type(dialog, /^Summary/, 'A ledger schema change broke checkout.');
    type(dialog, /^Started/, '2026-11-20T09:00');
    type(dialog, /^Detected/, '2026-11-20T09:07');
    type(dialog, /^Resolved/, '2026-11-20T10:30');
    type(
      dialog,
      /^Affected entities/,
      'component:default/checkout-api, component:default/ledger',
    );

    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Add action item' }),
    );
    const item = within(dialog).getByRole('group', { name: 'Action item 1' });
    type(item, /^Action item/, 'Canary the ledger deploys');
    // The owner is picked by its display name from the catalog's groups and users only;
    // typing its reference finds it too.
    const owner = within(item).getByLabelText(/^Owner/);
    const optionsFor = async (text: string) => {
      fireEvent.change(owner, { target: { value: text } });
      return within(await screen.findByRole('listbox')).getAllByRole('option');
    };
    expect(
      (await optionsFor('user:default/al')).map(o => o.textContent),
    ).toEqual(['Alice Exampleuser:default/alice']);
    const options = await optionsFor('pay');
    expect(options.map(o => o.textContent)).toEqual([
      'Payments teamgroup:default/team-payments',
    ]);
    fireEvent.click(options[0]);
    expect(owner).toHaveValue('Payments team');
    type(item, /^Due date/, '2026-12-01');
    await choose(item, /^Priority/, /^P1$/);
    type(item, /^Labels/, 'toil-reduction, automation');
    type(item, /^Link/, 'https://tickets.example.com/REL-101');
    // A second row, removed again.
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Add action item' }),
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Remove action item 2' }),
    );

    expect(save(dialog)).toBeEnabled();
    fireEvent.click(save(dialog));
    await waitFor(() => expect(createPostmortem).toHaveBeenCalledTimes(1));
    expect(createPostmortem.mock.calls[0][0]).toEqual({
      title: 'Checkout 5xx after the ledger deploy',
      documentUrl: 'https://wiki.example.com/postmortems/checkout-5xx',
      severity: 'sev2',
      status: 'in-review',
      blamelessReviewHeld: true,
      summary: 'A ledger schema change broke checkout.',
      startedAt: local('2026-11-20T09:00'),
      detectedAt: local('2026-11-20T09:07'),
      mitigatedAt: null,
      resolvedAt: local('2026-11-20T10:30'),
      entityRefs: [
        'component:default/checkout-api',
        'component:default/ledger',
      ],
      actionItems: [
        {
          title: 'Canary the ledger deploys',
          link: 'https://tickets.example.com/REL-101',
          ownerRef: 'group:default/team-payments',
          dueAt: '2026-12-01T23:59:59.999Z',
          priority: 'p1',
          status: 'open',
          labels: ['toil-reduction', 'automation'],
          closedAt: null,
        },
      ],
    });
    await waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        expect.objectContaining({ id: '99' }),
      ),
    );
  });

  it('keeps save disabled while the times are out of order and says which', async () => {
    const { dialog } = await render(
      {},
      {
        title: 'Outage',
        severity: 'sev3',
        entityRefs: ['component:default/checkout-api'],
      },
    );
    type(dialog, /^Started/, '2026-11-20T10:00');
    type(dialog, /^Mitigated/, '2026-11-20T09:30');
    expect(save(dialog)).toBeDisabled();
    // By the fields' labels and in local time with its zone, not "…Z is before startedAt".
    expect(
      within(dialog).getByText(
        'Mitigated must not be before Started (Nov 20, 2026, 10:00 AM GMT+1)',
      ),
    ).toBeInTheDocument();
    expect(dialog).not.toHaveTextContent(/startedAt|Z\b/);
    expect(dialog).toHaveTextContent(
      'Times are in your local time zone, Europe/Berlin (GMT+1)',
    );
    type(dialog, /^Mitigated/, '2026-11-20T10:30');
    type(dialog, /^Document URL/, 'wiki/postmortem');
    expect(save(dialog)).toBeDisabled();
    expect(dialog).toHaveTextContent(/must be an http\(s\) URL/);
    type(dialog, /^Document URL/, '');
    expect(save(dialog)).toBeEnabled();
  });

  it('shows the server’s InputError in the dialog and stays open', async () => {
    const createPostmortem = jest
      .fn()
      .mockRejectedValue(
        await responseError(
          400,
          'InputError',
          'entityRefs[1]: no entity component:default/nowhere in the catalog; resolvedAt: must be between 1990 and now; got 2026-11-20T10:00:00.000Z',
        ),
      );
    const { dialog, onDone } = await render(
      { createPostmortem },
      {
        title: 'Outage',
        severity: 'sev2',
        startedAt: '2026-11-20T09:00:00.000Z',
        entityRefs: [
          'component:default/checkout-api',
          'component:default/nowhere',
        ],
      },
    );
    fireEvent.click(save(dialog));
    const alert = await within(dialog).findByRole('alert');
    // The API's field paths and UTC times, said with the form's labels and local times.
    expect(alert).toHaveTextContent(
      'Affected entity 2: no entity component:default/nowhere in the catalog; Resolved: must be between 1990 and now; got Nov 20, 2026, 11:00 AM GMT+1',
    );
    expect(alert).not.toHaveTextContent('entityRefs');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('edits with the updatedAt it was loaded with and keeps the times it did not change', async () => {
    const pm = postmortem({ externalId: 'INC-42' });
    const updatePostmortem = jest
      .fn()
      .mockResolvedValue({ ...pm, status: 'published' });
    const { dialog, onDone } = await render({ updatePostmortem }, pm, pm);
    expect(dialog).toHaveTextContent(
      'Edit postmortem: Checkout 5xx after the ledger deploy',
    );
    expect(within(dialog).getByLabelText(/^Title/)).toHaveValue(pm.title);
    expect(
      within(dialog).getAllByRole('group', { name: /^Action item \d$/ }),
    ).toHaveLength(3);
    await choose(dialog, /^Status/, /^Published$/);
    fireEvent.click(save(dialog));
    await waitFor(() => expect(updatePostmortem).toHaveBeenCalledTimes(1));
    const [id, body] = updatePostmortem.mock.calls[0];
    expect(id).toBe('12');
    expect(body).toEqual(
      expect.objectContaining({
        status: 'published',
        startedAt: '2026-11-20T09:00:00.000Z',
        resolvedAt: '2026-11-20T10:30:00.000Z',
        externalId: 'INC-42',
        expectedUpdatedAt: '2026-11-22T08:30:00.000Z',
      }),
    );
    expect(body.actionItems).toHaveLength(3);
    expect(body.actionItems[0]).toEqual({
      title: 'Canary the ledger deploys',
      link: 'https://tickets.example.com/REL-101',
      ownerRef: 'group:default/team-payments',
      dueAt: '2026-11-25T23:59:59.999Z',
      priority: 'p1',
      status: 'open',
      labels: [],
      closedAt: null,
    });
    await waitFor(() => expect(onDone).toHaveBeenCalled());
  });

  it('shows an owner saved as free text as it was, and says the field is wrong', async () => {
    const pm = postmortem();
    pm.actionItems = [
      { ...pm.actionItems[0], ownerRef: 'group:default/checkout team' },
    ];
    const { dialog } = await render({}, pm, pm);
    const item = within(dialog).getByRole('group', { name: 'Action item 1' });
    expect(within(item).getByLabelText(/^Owner/)).toHaveValue(
      'group:default/checkout team',
    );
    expect(item).toHaveTextContent(
      'must be the entity reference of a group or user',
    );
    expect(save(dialog)).toBeDisabled();
  });

  it('says the postmortem changed meanwhile on a 409', async () => {
    const pm = postmortem();
    const updatePostmortem = jest
      .fn()
      .mockRejectedValue(
        await responseError(
          409,
          'ConflictError',
          'postmortem 12 was updated at 2026-11-23T10:00:00.000Z',
        ),
      );
    const { dialog, onDone } = await render({ updatePostmortem }, pm, pm);
    fireEvent.click(save(dialog));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'changed by someone else meanwhile; reload',
    );
    expect(onDone).not.toHaveBeenCalled();
  });
});
