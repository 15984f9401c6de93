import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  mockPermissionApiFor,
  mockReliabilityApi,
  entityPolicy,
  readiness,
  readinessItem,
  responseError,
  review,
} from '../../__testUtils__/fixtures';
import { reliabilityApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ReadinessChecklist } from './ReadinessChecklist';

const ATTEST = 'reliability.review.attest';
const SIGNOFF = 'reliability.review.signoff';

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
      ]}
    >
      <EntityProvider entity={entity}>
        <ReadinessChecklist onChange={onChange} />
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

function item(title: string) {
  return screen.getByRole('listitem', { name: title });
}

// Rendering the app shell with Material UI is slow on a loaded 2-core machine.
jest.setTimeout(30_000);

describe('ReadinessChecklist', () => {
  it('shows a summary line first, then the sections with unmet items first and open, failing items first', async () => {
    const { reliabilityApi, entityRef } = await render({
      getReadiness: jest.fn().mockResolvedValue(
        readiness({
          sections: [
            {
              id: 'architecture',
              title: 'Architecture',
              items: [
                readinessItem({ id: 'has-owner', title: 'Has an owner' }),
              ],
            },
            ...readiness().sections,
          ],
          progress: {
            required: 5,
            requiredPassing: 3,
            recommended: 1,
            recommendedPassing: 0,
            percent: 50,
          },
        }),
      ),
    });
    expect(await screen.findByTestId('readiness-summary')).toHaveTextContent(
      '3 of 6 met · 1 failing · 1 expired · 1 missing · review: draft',
    );
    expect(reliabilityApi.getReadiness).toHaveBeenCalledWith(entityRef);
    expect(
      screen.getByRole('progressbar', { name: 'Readiness progress' }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(
      screen.getByText('Required met 3 of 5 · recommended met 0 of 1'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Production readiness · version 1'),
    ).toBeInTheDocument();

    // Sections with unmet items first, in the template's order; the one all met last,
    // collapsed, its items not rendered.
    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual(['Operations', 'Resilience', 'Architecture', 'History']);
    expect(screen.getByRole('button', { name: /Operations/ })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(
      screen.getByRole('button', { name: /Architecture/ }),
    ).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.getByRole('button', { name: /Architecture/ }),
    ).toHaveTextContent('1 of 1 met');
    expect(
      screen.getByRole('button', { name: /Resilience/ }),
    ).toHaveTextContent('1 of 3 met · 1 expired · 1 missing');
    expect(
      screen.queryByRole('listitem', { name: 'Has an owner' }),
    ).not.toBeInTheDocument();
    // Failing, expired and missing before passing.
    expect(
      within(screen.getByRole('list', { name: 'Operations items' }))
        .getAllByRole('listitem')
        .map(i => i.getAttribute('aria-label')),
    ).toEqual(['On-call rotation', 'Runbook linked']);
    expect(
      within(screen.getByRole('list', { name: 'Resilience items' }))
        .getAllByRole('listitem')
        .map(i => i.getAttribute('aria-label')),
    ).toEqual([
      'Chaos day held',
      'Load tested at peak',
      'Backups restored in a test',
    ]);
    // Opening the collapsed section shows its items.
    fireEvent.click(screen.getByRole('button', { name: /Architecture/ }));
    expect(
      await screen.findByRole('listitem', { name: 'Has an owner' }),
    ).toHaveTextContent('Passing');

    const runbook = item('Runbook linked');
    expect(runbook).toHaveTextContent('Passing');
    expect(runbook).toHaveTextContent('Required');
    expect(runbook).toHaveTextContent('A runbook link is set');

    const oncall = item('On-call rotation');
    expect(oncall).toHaveTextContent('Failing');
    expect(oncall).toHaveTextContent(
      'No on-call rotation: set reliability-suite.dev/oncall',
    );

    const backups = item('Backups restored in a test');
    expect(backups).toHaveTextContent(
      'Restored last night’s backup into staging',
    );
    expect(
      within(backups).getByRole('link', {
        name: /^https:\/\/wiki\.example\.com\/checkout\/restore-test/,
      }),
    ).toHaveAttribute('href', 'https://wiki.example.com/checkout/restore-test');
    expect(within(backups).getByRole('link', { name: 'alice' })).toBeVisible();
    expect(backups).toHaveTextContent('expires in 30 days');

    expect(item('Load tested at peak')).toHaveTextContent('Missing');
    expect(item('Load tested at peak')).toHaveTextContent('Not attested yet');

    const chaos = item('Chaos day held');
    expect(chaos).toHaveTextContent('Expired');
    expect(chaos).toHaveTextContent('Recommended');
    expect(chaos).toHaveTextContent(/expired on /);

    // The review and its history.
    expect(screen.getByTestId('readiness-review-state')).toHaveTextContent(
      'Draft',
    );
    const [entry] = screen.getAllByTestId('review-history-entry');
    expect(entry).toHaveTextContent('carol commented on “On-call rotation”');
    expect(entry).toHaveTextContent('The rotation is being set up this week');
  });

  it('says in the history which decision each comment came with', async () => {
    await render({
      getReadiness: jest.fn().mockResolvedValue(
        readiness({
          review: review({ state: 'approved', decidedBy: 'user:default/erin' }),
          comments: [
            {
              id: 'c1',
              itemId: null,
              author: 'user:default/pat',
              body: '',
              createdAt: '2026-11-22T09:00:00.000Z',
              decision: 'submit',
            },
            {
              id: 'c2',
              itemId: null,
              author: 'user:default/erin',
              body: 'Welcome aboard',
              createdAt: '2026-11-23T09:00:00.000Z',
              decision: 'approve',
            },
          ],
        }),
      ),
    });
    await screen.findByTestId('readiness-summary');
    const entries = screen.getAllByTestId('review-history-entry');
    expect(entries.map(e => e.getAttribute('data-decision'))).toEqual([
      'approve',
      'submit',
    ]);
    expect(entries[0]).toHaveTextContent('erin approved');
    expect(entries[0]).toHaveTextContent('Welcome aboard');
    expect(entries[1]).toHaveTextContent('pat submitted for review');
  });

  it('offers no actions without permission', async () => {
    const { permissionApi, resourceRef } = await render({
      getReadiness: jest.fn().mockResolvedValue(readiness()),
    });
    await screen.findByTestId('readiness-summary');
    await waitFor(() =>
      expect(permissionApi.authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({ name: ATTEST }),
          resourceRef,
        }),
      ),
    );
    expect(
      screen.queryByRole('button', { name: /^Attest / }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Submit for review' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Comment on / }),
    ).not.toBeInTheDocument();
  });

  it('lets an attest-permitted caller attest an item with a statement and an http(s) evidence URL', async () => {
    const attestItem = jest.fn().mockResolvedValue({});
    const getReadiness = jest.fn().mockResolvedValue(readiness());
    const { entityRef, onChange } = await render({ getReadiness, attestItem }, [
      ATTEST,
    ]);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Attest Load tested at peak' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Attest: Load tested at peak');
    const attest = within(dialog).getByRole('button', { name: 'Attest' });
    expect(attest).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Statement/), {
      target: { value: 'Ran 3x peak for an hour' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Evidence URL/), {
      target: { value: 'ftp://reports.example.com/load' },
    });
    expect(attest).toBeDisabled();
    expect(dialog).toHaveTextContent('Must be an http or https URL.');
    fireEvent.change(within(dialog).getByLabelText(/Evidence URL/), {
      target: { value: 'https://reports.example.com/load' },
    });
    expect(attest).toBeEnabled();
    fireEvent.click(attest);
    await waitFor(() =>
      expect(attestItem).toHaveBeenCalledWith(entityRef, {
        itemId: 'load-tested',
        statement: 'Ran 3x peak for an hour',
        evidenceUrl: 'https://reports.example.com/load',
      }),
    );
    await waitFor(() => expect(getReadiness).toHaveBeenCalledTimes(2));
    expect(onChange).toHaveBeenCalled();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // Renewing an attested item is offered too; checks have no attest button.
    expect(
      screen.getByRole('button', { name: 'Attest Backups restored in a test' }),
    ).toHaveTextContent('Renew');
    expect(
      screen.queryByRole('button', { name: 'Attest Runbook linked' }),
    ).not.toBeInTheDocument();
  });

  it('disables submit while a required item fails and names those items', async () => {
    await render({ getReadiness: jest.fn().mockResolvedValue(readiness()) }, [
      ATTEST,
    ]);
    const submit = await screen.findByRole('button', {
      name: 'Submit for review',
    });
    expect(submit).toBeDisabled();
    expect(
      screen.getByText(
        /Not passing yet: On-call rotation, Load tested at peak\./,
      ),
    ).toBeInTheDocument();
    // Sign-off actions are the SRE team's.
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it('submits with the state shown as expectedState when every required item passes', async () => {
    const transitionReview = jest
      .fn()
      .mockResolvedValue(review({ state: 'submitted' }));
    const { entityRef } = await render(
      {
        getReadiness: jest
          .fn()
          .mockResolvedValue(readiness({ canSubmit: true })),
        transitionReview,
      },
      [ATTEST],
    );
    const submit = await screen.findByRole('button', {
      name: 'Submit for review',
    });
    expect(submit).toBeEnabled();
    fireEvent.click(submit);
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Submit for review' }),
    );
    await waitFor(() =>
      expect(transitionReview).toHaveBeenCalledWith(entityRef, {
        action: 'submit',
        expectedState: 'draft',
      }),
    );
  });

  it('shows approve and request changes only to sign-off-permitted callers; request changes needs a comment', async () => {
    const submitted = readiness({
      review: review({
        state: 'submitted',
        submittedAt: '2026-11-25T09:00:00.000Z',
      }),
    });
    const transitionReview = jest.fn().mockResolvedValue(review());
    const { entityRef } = await render(
      {
        getReadiness: jest.fn().mockResolvedValue(submitted),
        transitionReview,
      },
      [SIGNOFF],
    );
    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeEnabled();
    expect(screen.getByTestId('readiness-review-state')).toHaveTextContent(
      'Submitted',
    );
    expect(
      screen.getByText(/^Waiting for the SRE team's sign-off since /),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Submit for review' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Hand back' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Attest / }),
    ).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Request changes' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', {
      name: 'Request changes',
    });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Comment/), {
      target: { value: 'Set up the on-call rotation first' },
    });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(transitionReview).toHaveBeenCalledWith(entityRef, {
        action: 'request-changes',
        expectedState: 'submitted',
        comment: 'Set up the on-call rotation first',
      }),
    );
  });

  it('hides approve and request changes from a caller without sign-off', async () => {
    await render(
      {
        getReadiness: jest
          .fn()
          .mockResolvedValue(
            readiness({ review: review({ state: 'submitted' }) }),
          ),
      },
      [ATTEST],
    );
    await screen.findByRole('button', { name: 'Add comment' });
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Request changes' }),
    ).not.toBeInTheDocument();
  });

  it('offers hand back on an approved review and reopen on a handed-back one', async () => {
    await render(
      {
        getReadiness: jest.fn().mockResolvedValue(
          readiness({
            review: review({
              state: 'approved',
              decidedBy: 'user:default/dave',
              submittedAt: '2026-11-25T09:00:00.000Z',
            }),
          }),
        ),
      },
      [ATTEST, SIGNOFF],
    );
    expect(
      await screen.findByRole('button', { name: 'Hand back' }),
    ).toBeInTheDocument();
    // Decided: when it was submitted, not "waiting since".
    expect(screen.getByText(/^Submitted Nov 25, 2026/)).toBeInTheDocument();
    expect(screen.queryByText(/since/)).toBeNull();
    expect(screen.getByTestId('readiness-review-state')).toHaveTextContent(
      'Approved',
    );
    expect(screen.getByRole('link', { name: 'dave' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reopen' }),
    ).not.toBeInTheDocument();
  });

  it('shows the server error in the dialog and keeps it open', async () => {
    const transitionReview = jest
      .fn()
      .mockRejectedValue(
        await responseError(
          409,
          'ConflictError',
          'a review that is approved cannot be submitted; submit is for reviews that are draft or changes-requested',
        ),
      );
    await render(
      {
        getReadiness: jest
          .fn()
          .mockResolvedValue(readiness({ canSubmit: true })),
        transitionReview,
      },
      [ATTEST],
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Submit for review' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Submit for review' }),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Request failed (409');
    expect(alert).toHaveTextContent(
      'a review that is approved cannot be submitted',
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('posts a comment on an item', async () => {
    const commentReview = jest.fn().mockResolvedValue({});
    const { entityRef } = await render(
      { getReadiness: jest.fn().mockResolvedValue(readiness()), commentReview },
      [SIGNOFF],
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Comment on On-call rotation',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Comment/), {
      target: { value: 'Which schedule?' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Post comment' }),
    );
    await waitFor(() =>
      expect(commentReview).toHaveBeenCalledWith(entityRef, {
        itemId: 'has-oncall',
        body: 'Which schedule?',
      }),
    );
  });

  it('warns before approving a service whose error budget is at risk, and approves once confirmed', async () => {
    const transitionReview = jest
      .fn()
      .mockResolvedValue(review({ state: 'approved' }));
    const { entityRef } = await render(
      {
        getReadiness: jest
          .fn()
          .mockResolvedValue(
            readiness({ review: review({ state: 'submitted' }) }),
          ),
        // At risk under its policy, 21% of the budget left.
        getEntityPolicy: jest.fn().mockResolvedValue(entityPolicy()),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [],
        }),
        transitionReview,
      },
      [SIGNOFF],
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog');
    const warning = await within(dialog).findByTestId('approve-budget-warning');
    expect(warning).toHaveTextContent('Error budget at risk: At risk');
    expect(warning).toHaveTextContent(
      'Reliability work comes first in planning.',
    );
    expect(warning).toHaveTextContent('Budget: 21% left.');
    const approve = within(dialog).getByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();
    fireEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'Approve anyway, knowing the budget is at risk',
      }),
    );
    expect(approve).toBeEnabled();
    fireEvent.click(approve);
    await waitFor(() =>
      expect(transitionReview).toHaveBeenCalledWith(entityRef, {
        action: 'approve',
        expectedState: 'submitted',
      }),
    );
  });

  it('approves a healthy service without a warning', async () => {
    const healthy = entityPolicy();
    healthy.status = {
      ...healthy.status,
      state: healthy.policy.states[0].name,
      title: healthy.policy.states[0].title,
      consequences: 'Release as usual.',
      remaining: 0.8,
    };
    const transitionReview = jest
      .fn()
      .mockResolvedValue(review({ state: 'approved' }));
    await render(
      {
        getReadiness: jest
          .fn()
          .mockResolvedValue(
            readiness({ review: review({ state: 'submitted' }) }),
          ),
        getEntityPolicy: jest.fn().mockResolvedValue(healthy),
        getEntitySummary: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-api',
          slos: [],
        }),
        transitionReview,
      },
      [SIGNOFF],
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog');
    const approve = within(dialog).getByRole('button', { name: 'Approve' });
    await waitFor(() => expect(approve).toBeEnabled());
    expect(
      within(dialog).queryByTestId('approve-budget-warning'),
    ).not.toBeInTheDocument();
    fireEvent.click(approve);
    await waitFor(() => expect(transitionReview).toHaveBeenCalled());
  });

  it('shows an error loading the checklist', async () => {
    await render({
      getReadiness: jest
        .fn()
        .mockRejectedValue(await responseError(500, 'Error', 'database down')),
    });
    expect(
      await screen.findByText(/Could not load the readiness checklist/),
    ).toBeInTheDocument();
  });
});
