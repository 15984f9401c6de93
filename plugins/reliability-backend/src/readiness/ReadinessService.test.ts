import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ReadinessTemplate } from '@reliability-suite/plugin-reliability-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrationsDir } from '../database/migrations';
import { OrgSnapshotSource } from '../responsibility/OrgSnapshot';
import { AuditStore } from '../store/AuditStore';
import { PolicyStore } from '../store/PolicyStore';
import { PostmortemStore } from '../store/PostmortemStore';
import { ReviewStore } from '../store/ReviewStore';
import { StatusStore } from '../store/StatusStore';
import { BUILT_IN_RULES } from './builtInRules';
import { ReadinessService } from './ReadinessService';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');
const REF = 'component:default/checkout-api';

const template: ReadinessTemplate = {
  id: 'prr',
  version: 2,
  title: 'PRR',
  sections: [
    {
      id: 'basics',
      title: 'Basics',
      items: [
        {
          id: 'owner',
          title: 'Owner',
          kind: 'check',
          rule: 'has-owner',
          required: true,
        },
        {
          id: 'load-tested',
          title: 'Load tested',
          kind: 'attestation',
          required: true,
          maxAgeDays: 10,
        },
        {
          id: 'playbook',
          title: 'Playbook',
          kind: 'check',
          rule: 'has-link',
          params: { type: 'playbook' },
          required: false,
        },
      ],
    },
  ],
};

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api', namespace: 'default' },
    spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
  },
];

describe.each(ids)('ReadinessService on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    let now = T0;
    const audit = new AuditStore(knex);
    const notify = jest.fn().mockResolvedValue(undefined);
    const service = new ReadinessService({
      db: knex,
      templates: [template],
      rules: BUILT_IN_RULES,
      snapshots: new OrgSnapshotSource({
        catalog: catalogServiceMock({ entities: entities as any }),
        auth: mockServices.auth(),
      }),
      statuses: new StatusStore(knex),
      policies: new PolicyStore(knex),
      reviews: new ReviewStore(knex),
      audit,
      postmortems: new PostmortemStore(knex),
      notifier: { notify },
      now: () => now,
    });
    const events = async () =>
      (await audit.list({ category: 'review', limit: 100 })).items.map(
        e => e.action,
      );
    return {
      knex,
      service,
      events,
      notify,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('shows each item with its state and reason; a review exists only once work starts', async () => {
    const { service, knex } = await setup();
    const r = await service.readiness(REF);
    expect(r.template).toEqual({ id: 'prr', version: 2, title: 'PRR' });
    expect(r.review).toBeNull();
    expect(r.sections[0].items.map(i => [i.id, i.state, i.reason])).toEqual([
      ['owner', 'passing', 'Owned by team-checkout'],
      ['load-tested', 'missing', 'Not attested yet'],
      ['playbook', 'failing', 'No metadata.links entry with type playbook'],
    ]);
    expect(r.progress).toEqual({
      required: 2,
      requiredPassing: 1,
      recommended: 1,
      recommendedPassing: 0,
      percent: 33.3,
    });
    expect(r.canSubmit).toBe(false);
    await expect(service.readiness('component:default/nope')).rejects.toThrow(
      NotFoundError,
    );
    await knex.destroy();
  });

  it('refuses to submit with a failing required item, attests, submits, approves', async () => {
    const { service, events, notify, knex } = await setup();
    await expect(
      service.transition(REF, 'user:default/pat', { action: 'submit' }),
    ).rejects.toThrow(/Not every required item passes: load-tested \(missing/);
    await expect(
      service.attest(REF, 'user:default/pat', {
        itemId: 'owner',
        statement: 'x',
        evidenceUrl: 'https://e.example.com',
      }),
    ).rejects.toThrow(/itemId: 'owner' is an automatic check/);
    await expect(
      service.attest(REF, 'user:default/pat', {
        itemId: 'nope',
        statement: 'x',
        evidenceUrl: 'https://e.example.com',
      }),
    ).rejects.toThrow(InputError);
    expect(await events()).toEqual([]);

    const a = await service.attest(REF, 'user:default/pat', {
      itemId: 'load-tested',
      statement: 'Load tested at 2x peak on 2026-10-30',
      evidenceUrl: 'https://docs.example.com/load-test',
    });
    expect(a.expiresAt).toBe(new Date(T0 + 10 * DAY).toISOString());
    const ready = await service.readiness(REF);
    expect(ready.canSubmit).toBe(true);
    expect(ready.review).toMatchObject({ state: 'draft', templateVersion: 2 });

    const submitted = await service.transition(REF, 'user:default/pat', {
      action: 'submit',
      expectedState: 'draft',
    });
    expect(submitted).toMatchObject({
      state: 'submitted',
      submittedAt: new Date(T0).toISOString(),
    });
    // An approval against a state that moved on is refused with the reason.
    await expect(
      service.transition(REF, 'user:default/erin', {
        action: 'approve',
        expectedState: 'draft',
      }),
    ).rejects.toThrow(ConflictError);
    await expect(
      service.transition(REF, 'user:default/erin', {
        action: 'request-changes',
      }),
    ).rejects.toThrow(/comment: required/);
    const approved = await service.transition(REF, 'user:default/erin', {
      action: 'approve',
      comment: 'Welcome aboard',
    });
    expect(approved).toMatchObject({
      state: 'approved',
      decidedBy: 'user:default/erin',
    });
    await expect(
      service.transition(REF, 'user:default/pat', { action: 'submit' }),
    ).rejects.toThrow(/a review that is approved cannot be submitted/);
    expect((await service.readiness(REF)).comments).toMatchObject([
      { author: 'user:default/pat', body: '', decision: 'submit' },
      {
        author: 'user:default/erin',
        body: 'Welcome aboard',
        decision: 'approve',
      },
    ]);
    expect(await events()).toEqual([
      'review.approved',
      'review.submitted',
      'review.attested',
    ]);
    // The owning team (and the SRE team, none here) heard of each transition that happened,
    // not of the refused ones.
    expect(notify.mock.calls.map(c => c[0])).toEqual([
      expect.objectContaining({
        kind: 'review-transitioned',
        entityRef: REF,
        action: 'submit',
        actorRef: 'user:default/pat',
        teams: { owner: 'group:default/team-checkout', sreTeam: null },
        templateTitle: 'PRR',
      }),
      expect.objectContaining({
        action: 'approve',
        actorRef: 'user:default/erin',
        comment: 'Welcome aboard',
      }),
    ]);
    await knex.destroy();
  });

  it('lets attestations expire, and runs the changes-requested and hand-back paths', async () => {
    const { service, advance, knex } = await setup();
    await service.attest(REF, 'user:default/pat', {
      itemId: 'load-tested',
      statement: 'Load tested',
      evidenceUrl: 'https://docs.example.com/lt',
    });
    await service.transition(REF, 'user:default/pat', { action: 'submit' });
    await service.transition(REF, 'user:default/erin', {
      action: 'request-changes',
      comment: 'Test at peak, please',
    });
    advance(10 * DAY);
    const expired = await service.readiness(REF);
    expect(expired.sections[0].items[1]).toMatchObject({
      state: 'expired',
      reason: expect.stringMatching(/expired 2026-11-11 \(valid 10 days\)/),
    });
    expect(expired.canSubmit).toBe(false);
    await expect(
      service.transition(REF, 'user:default/pat', { action: 'submit' }),
    ).rejects.toThrow(/load-tested \(expired/);
    await service.attest(REF, 'user:default/pat', {
      itemId: 'load-tested',
      statement: 'Load tested again at peak',
      evidenceUrl: 'https://docs.example.com/lt2',
    });
    await service.transition(REF, 'user:default/pat', { action: 'submit' });
    await service.transition(REF, 'user:default/erin', { action: 'approve' });
    const handedBack = await service.transition(REF, 'user:default/erin', {
      action: 'hand-back',
      comment: 'Budget exhausted for three windows',
    });
    expect(handedBack.state).toBe('handed-back');
    const reopened = await service.transition(REF, 'user:default/pat', {
      action: 'reopen',
    });
    expect(reopened).toMatchObject({
      state: 'draft',
      submittedAt: null,
      decidedBy: null,
    });
    await service.comment(REF, 'user:default/erin', {
      body: 'Ping us when the load test is redone',
    });
    // The history: every decision with who, when and the comment it came with, in order;
    // a plain comment has no decision.
    const history = (await service.readiness(REF)).comments;
    expect(
      history.map(c => [c.decision, c.author, c.body, c.createdAt]),
    ).toEqual([
      ['submit', 'user:default/pat', '', new Date(T0).toISOString()],
      [
        'request-changes',
        'user:default/erin',
        'Test at peak, please',
        new Date(T0).toISOString(),
      ],
      ['submit', 'user:default/pat', '', new Date(T0 + 10 * DAY).toISOString()],
      [
        'approve',
        'user:default/erin',
        '',
        new Date(T0 + 10 * DAY).toISOString(),
      ],
      [
        'hand-back',
        'user:default/erin',
        'Budget exhausted for three windows',
        new Date(T0 + 10 * DAY).toISOString(),
      ],
      ['reopen', 'user:default/pat', '', new Date(T0 + 10 * DAY).toISOString()],
      [
        null,
        'user:default/erin',
        'Ping us when the load test is redone',
        new Date(T0 + 10 * DAY).toISOString(),
      ],
    ]);
    await knex.destroy();
  });

  it('queues submitted reviews with their readiness', async () => {
    const { service, knex } = await setup();
    await service.attest(REF, 'user:default/pat', {
      itemId: 'load-tested',
      statement: 'Load tested',
      evidenceUrl: 'https://docs.example.com/lt',
    });
    await service.transition(REF, 'user:default/pat', { action: 'submit' });
    const queue = await service.queue({
      state: 'submitted',
      limit: 10,
      offset: 0,
    });
    expect(queue.totalCount).toBe(1);
    expect(queue.items[0]).toMatchObject({
      review: { entityRef: REF, state: 'submitted' },
      percent: 66.7,
      ownerRef: 'group:default/team-checkout',
    });
    expect(
      (await service.queue({ state: 'approved', limit: 10, offset: 0 }))
        .totalCount,
    ).toBe(0);
    // Open reviews: under way (draft, submitted, changes requested), not decided or closed.
    const open = () => service.queue({ open: true, limit: 10, offset: 0 });
    expect((await open()).items.map(i => i.review.state)).toEqual([
      'submitted',
    ]);
    await service.transition(REF, 'user:default/erin', { action: 'approve' });
    expect((await open()).totalCount).toBe(0);
    expect(
      (await service.queue({ limit: 10, offset: 0 })).items.map(
        i => i.review.state,
      ),
    ).toEqual(['approved']);
    await knex.destroy();
  });
});
