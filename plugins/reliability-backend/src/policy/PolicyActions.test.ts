import { ConflictError, InputError } from '@backstage/errors';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { setupPolicies } from './__testUtils__/policySetup';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('PolicyActions on %s', databaseId => {
  const setup = (options: { cache?: boolean } = {}) =>
    setupPolicies(databases, databaseId, options);

  it('enacts, grants an exception for one change, and lifts, each in the audit trail', async () => {
    const {
      evaluation,
      policyActions,
      deployGate,
      views,
      budget,
      events,
      send,
      knex,
    } = await setup();
    const ref = 'component:default/checkout-api';
    await budget('checkout-api', -0.2);
    await evaluation.evaluateEntities([ref]);

    const freeze = await policyActions.enactFreeze(ref, 'user:default/erin', {
      reason: 'Budget spent on the cart outage',
      link: 'https://example.com/doc',
    });
    expect(freeze).toMatchObject({
      startedBy: 'user:default/erin',
      automatic: false,
      budgetRemaining: -0.2,
    });
    await expect(
      policyActions.enactFreeze(ref, 'user:default/erin', { reason: 'again' }),
    ).rejects.toThrow(ConflictError);
    expect((await deployGate.decide(ref, 'abc123')).allowed).toBe(false);

    // An unknown class is refused and writes nothing.
    const before = (await events()).length;
    await expect(
      policyActions.grantException(ref, 'user:default/erin', {
        changeId: 'abc123',
        exceptionClass: 'yolo',
        reason: 'x',
      }),
    ).rejects.toThrow(InputError);
    expect((await events()).length).toBe(before);

    const exception = await policyActions.grantException(
      ref,
      'user:default/erin',
      {
        changeId: 'abc123',
        exceptionClass: 'p0-fix',
        reason: 'Fixes the outage',
      },
    );
    expect(exception).toMatchObject({
      changeId: 'abc123',
      freezeId: freeze.id,
    });
    const pass = await deployGate.decide(ref, 'abc123');
    expect(pass).toMatchObject({
      allowed: true,
      exception: { id: exception.id },
    });
    expect(pass.reason).toMatch(/change abc123 has an exception \(p0-fix\)/);
    expect((await deployGate.decide(ref, 'other')).allowed).toBe(false);
    expect((await views.entityPolicy(ref)).exceptions).toHaveLength(1);

    await policyActions.liftFreeze(ref, 'user:default/erin', {
      reason: 'Recovered',
    });
    await expect(
      policyActions.liftFreeze(ref, 'user:default/erin', { reason: 'again' }),
    ).rejects.toThrow(ConflictError);
    await expect(
      policyActions.grantException(ref, 'user:default/erin', {
        changeId: 'late',
        exceptionClass: 'p0-fix',
        reason: 'x',
      }),
    ).rejects.toThrow(/no freeze in force/);
    expect((await deployGate.decide(ref, 'other')).allowed).toBe(true);
    expect((await views.entityPolicy(ref)).exceptions).toEqual([]);

    const actions = (await events()).map(e => e.action);
    expect(actions).toEqual([
      'policy.freeze-lifted',
      'policy.exception-granted',
      'policy.freeze-enacted',
      'policy.state-changed',
    ]);
    const [lifted] = await events();
    expect(lifted).toMatchObject({
      actorRef: 'user:default/erin',
      reason: 'Recovered',
      details: { budgetRemaining: -0.2, state: 'exhausted' },
    });
    // Each action told the owning and SRE teams once; refused attempts told no one.
    expect(
      send.mock.calls.map(c => [c[0].payload.title, c[0].payload.scope]),
    ).toEqual([
      [
        'checkout-api: policy state exhausted',
        `reliability.policy-state:${ref}`,
      ],
      [
        'checkout-api: release freeze by erin',
        `reliability.freeze:${ref}:${freeze.id}`,
      ],
      [
        'checkout-api: exception for change abc123 by erin',
        `reliability.exception:${ref}:abc123`,
      ],
      [
        'checkout-api: release freeze lifted by erin',
        `reliability.freeze:${ref}:${freeze.id}`,
      ],
    ]);
    expect(send.mock.calls[1][0].recipients.entityRef).toEqual([
      'group:default/team-checkout',
      'group:default/sre-core',
    ]);
    await knex.destroy();
  });
});
