import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DAY, T0, setupPolicies } from './__testUtils__/policySetup';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('Policy escalation on %s', databaseId => {
  const setup = (options: { cache?: boolean } = {}) =>
    setupPolicies(databases, databaseId, options);

  it('escalates after N windows out of budget until leadership decides', async () => {
    const { evaluation, policyActions, views, budget, advance, send, knex } =
      await setup();
    const ref = 'component:default/checkout-api';
    const escalations = () =>
      send.mock.calls
        .map(c => c[0])
        .filter(o => o.payload.scope === `reliability.escalation:${ref}`);
    await budget('checkout-api', -0.1);
    await evaluation.evaluateEntities([ref]);
    expect((await views.entityPolicy(ref)).escalation).toMatchObject({
      windowsOutOfBudget: 1,
      afterWindows: 2,
      due: false,
      outOfBudgetSince: new Date(T0).toISOString(),
    });
    advance(28 * DAY + 1);
    await evaluation.evaluateEntities([ref]);
    expect((await views.entityPolicy(ref)).escalation).toMatchObject({
      windowsOutOfBudget: 2,
      due: true,
      to: 'group:default/leadership',
    });
    // Told once, to leadership and the teams, however often the policy is evaluated.
    await evaluation.evaluateEntities([ref]);
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]).toMatchObject({
      recipients: {
        entityRef: [
          'group:default/leadership',
          'group:default/team-checkout',
          'group:default/sre-core',
        ],
      },
      payload: {
        title: 'checkout-api: leadership decision due from leadership',
        severity: 'high',
      },
    });

    await expect(
      policyActions.recordDecision(ref, 'user:default/grace', {
        decision: 'accept-risk',
        reason: 'Launch first',
      }),
    ).rejects.toThrow(/acceptUntil: required/);
    await expect(
      policyActions.recordDecision(ref, 'user:default/grace', {
        decision: 'accept-risk',
        reason: 'Launch first',
        acceptUntil: new Date(T0).toISOString(),
      }),
    ).rejects.toThrow(/acceptUntil: .* must be a date-time in the future/);
    await expect(
      policyActions.recordDecision(ref, 'user:default/grace', {
        decision: 'fund-reliability',
        reason: 'x',
        acceptUntil: new Date(T0 + 90 * DAY).toISOString(),
      }),
    ).rejects.toThrow(/acceptUntil: only for accept-risk/);

    const decision = await policyActions.recordDecision(
      ref,
      'user:default/grace',
      {
        decision: 'fund-reliability',
        reason: 'Two engineers on the cart retries for a quarter',
      },
    );
    expect(decision).toMatchObject({
      decision: 'fund-reliability',
      decidedBy: 'user:default/grace',
      budgetRemaining: -0.1,
    });
    expect((await views.entityPolicy(ref)).escalation).toMatchObject({
      due: false,
      decision: { id: decision.id },
    });
    // The decision replaces the escalation's notification (same scope); answered, the
    // escalation does not become overdue.
    expect(escalations().map(o => o.payload.title)).toEqual([
      'checkout-api: leadership decision due from leadership',
      'checkout-api: decision by grace, fund reliability work',
    ]);
    advance(28 * DAY);
    await evaluation.evaluateEntities([ref]);
    expect(escalations()).toHaveLength(2);

    // Back in budget: the out-of-budget period ends.
    await budget('checkout-api', 0.4);
    await evaluation.evaluateEntities([ref]);
    expect((await views.entityPolicy(ref)).escalation).toMatchObject({
      windowsOutOfBudget: 0,
      due: false,
      outOfBudgetSince: null,
    });
    await knex.destroy();
  });

  it('tells leadership again when an unanswered escalation becomes overdue, once', async () => {
    const { evaluation, budget, advance, send, knex } = await setup();
    const ref = 'component:default/checkout-api';
    await budget('checkout-api', -0.1);
    await evaluation.evaluateEntities([ref]);
    const titles = () =>
      send.mock.calls
        .map(c => c[0].payload)
        .filter(p => p.scope === `reliability.escalation:${ref}`)
        .map(p => `${p.severity} ${p.title}`);
    expect(titles()).toEqual([]);
    // The backend was down across the whole second window: the next evaluation still tells.
    advance(2 * 28 * DAY);
    await evaluation.evaluateEntities([ref]);
    await evaluation.evaluateEntities([ref]);
    expect(titles()).toEqual([
      'critical checkout-api: leadership decision overdue from leadership',
    ]);
    await knex.destroy();
  });
});
