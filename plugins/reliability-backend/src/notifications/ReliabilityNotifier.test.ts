import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { DisplayNames } from './DisplayNames';
import { ReliabilityEvent, ResponsibleTeams } from './events';
import { ReliabilityNotifier } from './ReliabilityNotifier';

const REF = 'component:default/checkout-api';
const OWNER = 'group:default/team-checkout';
const SRE = 'group:default/sre-core';
const LEADERSHIP = 'group:default/engineering-leadership';
const JANE = 'user:default/jane';
const teams: ResponsibleTeams = {
  owner: OWNER,
  sreTeam: SRE,
  escalation: LEADERSHIP,
};
const POLICY_PAGE =
  '/catalog/default/component/checkout-api/reliability/policy';
const REVIEW_PAGE =
  '/catalog/default/component/checkout-api/reliability/readiness';

const entity = (kind: string, name: string, extra: object = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
  ...extra,
});
const entities = [
  entity('Component', 'checkout-api', {
    metadata: {
      name: 'checkout-api',
      namespace: 'default',
      title: 'Checkout API',
    },
  }),
  entity('User', 'jane', { spec: { profile: { displayName: 'Jane Doe' } } }),
  entity('Group', 'team-checkout', {
    metadata: {
      name: 'team-checkout',
      namespace: 'default',
      title: 'Checkout team',
    },
  }),
  entity('Group', 'sre-core', {
    metadata: { name: 'sre-core', namespace: 'default', title: 'SRE Core' },
  }),
  entity('Group', 'engineering-leadership', {
    metadata: {
      name: 'engineering-leadership',
      namespace: 'default',
      title: 'Engineering leadership',
    },
  }),
];

function setup(send = jest.fn().mockResolvedValue(undefined)) {
  const logger = mockServices.logger.mock();
  const notifier = new ReliabilityNotifier({
    notifications: { send },
    names: new DisplayNames({
      catalog: catalogServiceMock({ entities: entities as any }),
      auth: mockServices.auth(),
      logger,
    }),
    logger,
  });
  /** The one notification `event` sends. */
  const sent = async (event: ReliabilityEvent) => {
    send.mockClear();
    await notifier.notify(event);
    expect(send).toHaveBeenCalledTimes(1);
    const options: NotificationSendOptions = send.mock.calls[0][0];
    if (options.recipients.type !== 'entity') throw new Error('broadcast');
    return {
      recipients: options.recipients.entityRef,
      excluded: options.recipients.excludeEntityRef,
      ...options.payload,
    };
  };
  return { notifier, send, logger, sent };
}

const manualFreeze: ReliabilityEvent = {
  kind: 'freeze-enacted',
  freezeId: '7',
  entityRef: REF,
  teams,
  actorRef: JANE,
  automatic: false,
  reason: 'Budget spent on the cart outage',
  stateTitle: 'At risk',
  remaining: -3.3,
  policyTitle: 'Standard error-budget policy',
  exceptionClasses: ['p0-fix', 'security'],
};

describe('ReliabilityNotifier', () => {
  it('tells the owner and SRE teams of a manual freeze, by name, linking the Policy section', async () => {
    const n = await setup().sent(manualFreeze);
    expect(n).toMatchObject({
      recipients: [OWNER, SRE],
      title: 'Checkout API: release freeze by Jane Doe',
      link: POLICY_PAGE,
      scope: `reliability.freeze:${REF}:7`,
      topic: 'Release freezes',
      severity: 'critical',
    });
    // Who acted is told too: the scoped notification is where the freeze stands for everyone.
    expect(n.excluded).toBeUndefined();
    expect(n.description).toBe(
      'Why: Budget spent on the cart outage (4.3× over budget). What to do: only changes with an exception (p0-fix, security) ship until the freeze is lifted; put the work into what restores the error budget.',
    );
  });

  it('says an automatic freeze was the policy, in the same scope, so the lift replaces it', async () => {
    const { sent } = setup();
    const auto = await sent({
      ...manualFreeze,
      actorRef: 'plugin:reliability',
      automatic: true,
      stateTitle: 'Exhausted',
      remaining: -0.5,
    });
    expect(auto).toMatchObject({
      recipients: [OWNER, SRE],
      title: 'Checkout API: release freeze, enacted automatically',
      scope: `reliability.freeze:${REF}:7`,
      link: POLICY_PAGE,
    });
    expect(auto.description).toMatch(
      /^Why: Standard error-budget policy freezes releases by itself in state Exhausted \(1\.5× over budget\)\./,
    );
    const lift = await sent({
      kind: 'freeze-lifted',
      freezeId: '7',
      entityRef: REF,
      teams,
      actorRef: JANE,
      reason: 'Recovered.',
      remaining: 0.42,
    });
    expect(lift).toMatchObject({
      recipients: [OWNER, SRE],
      title: 'Checkout API: release freeze lifted by Jane Doe',
      scope: auto.scope,
      link: POLICY_PAGE,
      severity: 'normal',
    });
    expect(lift.description).toMatch(
      /^Why: Recovered \(42% of the error budget left\)\. What to do:/,
    );
  });

  it('gives each exception a scope of its own change', async () => {
    const n = await setup().sent({
      kind: 'exception-granted',
      entityRef: REF,
      teams,
      actorRef: JANE,
      changeId: 'PR-1234',
      exceptionClass: 'p0-fix',
      reason: 'The fix for the outage',
    });
    expect(n).toMatchObject({
      recipients: [OWNER, SRE],
      title: 'Checkout API: exception for change PR-1234 by Jane Doe',
      link: POLICY_PAGE,
      scope: `reliability.exception:${REF}:PR-1234`,
      topic: 'Release freezes',
    });
    expect(n.description).toMatch(
      /change PR-1234 may ship during the release freeze/,
    );
  });

  it('names the new and the old policy state, with the required actions, severity by direction', async () => {
    const { sent } = setup();
    const change = {
      kind: 'policy-state-changed' as const,
      entityRef: REF,
      teams,
      fromTitle: 'Healthy',
      toTitle: 'At risk',
      worse: true,
      best: false,
      freezeRecommended: false,
      consequences: 'Reliability work comes first.',
      requiredActions: ['Review the alerts', 'Plan reliability work'],
      remaining: 0.1,
      policyTitle: 'Standard error-budget policy',
    };
    const worse = await sent(change);
    expect(worse).toMatchObject({
      recipients: [OWNER, SRE],
      title: 'Checkout API: policy state At risk (was Healthy)',
      link: POLICY_PAGE,
      scope: `reliability.policy-state:${REF}`,
      topic: 'Error-budget policy',
      severity: 'high',
      description:
        'Why: 10% of the error budget left under Standard error-budget policy. Reliability work comes first. What to do: Review the alerts; Plan reliability work.',
    });
    const better = await sent({
      ...change,
      fromTitle: 'At risk',
      toTitle: 'Healthy',
      worse: false,
      best: true,
      requiredActions: [],
    });
    expect(better.severity).toBe('low');
    expect(better.scope).toBe(worse.scope);
    const exhausted = await sent({ ...change, freezeRecommended: true });
    expect(exhausted.severity).toBe('critical');
  });

  it('escalates to leadership as well as the teams: due is high, overdue critical', async () => {
    const { sent } = setup();
    const escalation = {
      kind: 'escalation' as const,
      entityRef: REF,
      teams,
      stage: 'due' as const,
      windowsOutOfBudget: 2,
      afterWindows: 2,
      outOfBudgetSince: Date.parse('2026-10-01T08:30:00Z'),
      policyTitle: 'Standard error-budget policy',
    };
    const due = await sent(escalation);
    expect(due).toMatchObject({
      recipients: [LEADERSHIP, OWNER, SRE],
      title:
        'Checkout API: leadership decision due from Engineering leadership',
      link: POLICY_PAGE,
      scope: `reliability.escalation:${REF}`,
      topic: 'Escalations and decisions',
      severity: 'high',
    });
    expect(due.description).toMatch(
      /spent since 2026-10-01 08:30 UTC \(2 policy windows\).*Engineering leadership decides to fund reliability work, loosen the SLO or accept the risk/,
    );
    const overdue = await sent({
      ...escalation,
      stage: 'overdue',
      windowsOutOfBudget: 3,
    });
    expect(overdue.title).toBe(
      'Checkout API: leadership decision overdue from Engineering leadership',
    );
    expect(overdue.severity).toBe('critical');
  });

  it("answers the escalation's notification with the decision (same scope), saying what comes next", async () => {
    const n = await setup().sent({
      kind: 'decision-recorded',
      entityRef: REF,
      teams,
      actorRef: JANE,
      decision: 'accept-risk',
      reason: 'Peak season',
      acceptUntil: Date.parse('2026-12-31T00:00:00Z'),
    });
    expect(n).toMatchObject({
      recipients: [LEADERSHIP, OWNER, SRE],
      title:
        'Checkout API: decision by Jane Doe, accept the risk until 2026-12-31 00:00 UTC',
      link: POLICY_PAGE,
      scope: `reliability.escalation:${REF}`,
    });
    expect(n.description).toMatch(/the escalation is due again/);
  });

  it.each([
    [
      'submit',
      null,
      'readiness review submitted by Jane Doe',
      'normal',
      /SRE Core approves it/,
    ],
    [
      'approve',
      null,
      'readiness review approved by Jane Doe',
      'normal',
      /SRE Core signed off PRR/,
    ],
    [
      'request-changes',
      'No runbook',
      'changes requested in the readiness review by Jane Doe',
      'high',
      /^Why: No runbook\. What to do: Checkout team fixes/,
    ],
    [
      'hand-back',
      'Out of our capacity',
      'handed back to Checkout team by Jane Doe',
      'high',
      /runs it without SRE Core's support/,
    ],
    [
      'reopen',
      null,
      'readiness review reopened by Jane Doe',
      'normal',
      /works through PRR again/,
    ],
  ] as const)(
    'tells both teams of a review %s, linking the Readiness section',
    async (action, comment, title, severity, description) => {
      const n = await setup().sent({
        kind: 'review-transitioned',
        entityRef: REF,
        teams: { owner: OWNER, sreTeam: SRE },
        actorRef: JANE,
        action,
        comment,
        templateTitle: 'PRR',
      });
      expect(n).toMatchObject({
        recipients: [OWNER, SRE],
        title: `Checkout API: ${title}`,
        link: REVIEW_PAGE,
        scope: `reliability.review:${REF}`,
        topic: 'Readiness reviews',
        severity,
      });
      expect(n.description).toMatch(description);
    },
  );

  it('sends nothing when no team is responsible for the entity', async () => {
    const { notifier, send } = setup();
    await notifier.notify({
      ...manualFreeze,
      teams: { owner: null, sreTeam: null },
    });
    expect(send).not.toHaveBeenCalled();
  });

  it("names what the catalog does not know by its reference's name, never the raw reference", async () => {
    const n = await setup().sent({
      ...manualFreeze,
      entityRef: 'component:default/gift-cards',
      actorRef: 'service:external:ci-bot',
    });
    expect(n.title).toBe(
      'gift-cards: release freeze by service external:ci-bot',
    );
    expect(n.link).toBe(
      '/catalog/default/component/gift-cards/reliability/policy',
    );
  });

  it('never fails the action: a failing or hanging send is logged once, without the request', async () => {
    const send = jest
      .fn()
      .mockRejectedValue(new Error('Request failed with 404 Not Found'));
    const { notifier, logger } = setup(send);
    await expect(notifier.notify(manualFreeze)).resolves.toBeUndefined();
    await expect(notifier.notify(manualFreeze)).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toBe(
      `The freeze-enacted notification about ${REF} was not delivered (is the notifications backend installed and up?); the freeze-enacted itself stands. Error: Request failed with 404 Not Found`,
    );

    const hanging = new ReliabilityNotifier({
      notifications: { send: () => new Promise<void>(() => {}) },
      names: new DisplayNames({
        catalog: catalogServiceMock({ entities: [] }),
        auth: mockServices.auth(),
        logger,
      }),
      logger,
      timeoutMs: 50,
    });
    await expect(hanging.notify(manualFreeze)).resolves.toBeUndefined();
  });

  it('still notifies, with names from the references, when the catalog does not answer', async () => {
    const send = jest.fn().mockResolvedValue(undefined);
    const logger = mockServices.logger.mock();
    const catalog = catalogServiceMock({ entities: [] });
    jest
      .spyOn(catalog, 'getEntitiesByRefs')
      .mockRejectedValue(new Error('catalog unavailable'));
    await new ReliabilityNotifier({
      notifications: { send },
      names: new DisplayNames({ catalog, auth: mockServices.auth(), logger }),
      logger,
    }).notify(manualFreeze);
    expect(send.mock.calls[0][0].payload.title).toBe(
      'checkout-api: release freeze by jane',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/could not be read from the catalog/),
    );
  });
});
