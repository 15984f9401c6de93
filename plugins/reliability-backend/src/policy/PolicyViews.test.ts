import { NotFoundError } from '@backstage/errors';
import { APP_CONFIG_POLICY_REF } from '@reliability-suite/plugin-reliability-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { T0, setupPolicies } from './__testUtils__/policySetup';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('PolicyViews on %s', databaseId => {
  const setup = (options: { cache?: boolean } = {}) =>
    setupPolicies(databases, databaseId, options);

  it('selects the policy on the entity, else its System, else its Domain, else the default', async () => {
    const { views, knex } = await setup();
    const checkout = await views.entityPolicy('component:default/checkout-api');
    expect(checkout.policy.ref).toBe('errorbudgetpolicy:default/standard');
    expect(checkout.source).toBe('domain');
    expect(checkout.sourceRef).toBe('domain:default/commerce');
    expect(checkout.policy.escalation).toEqual({
      afterWindows: 2,
      to: 'group:default/leadership',
    });

    const payments = await views.entityPolicy(
      'component:default/payments-gateway',
    );
    expect(payments.policy.ref).toBe('errorbudgetpolicy:default/strict');
    expect(payments.source).toBe('system');

    const orphan = await views.entityPolicy('component:default/orphan');
    expect(orphan.policy.ref).toBe(APP_CONFIG_POLICY_REF);
    expect(orphan.source).toBe('default');
    expect(orphan.problem).toBeNull();

    // A policy that is selected but missing is reported, and the default applies.
    const search = await views.entityPolicy('component:default/search-api');
    expect(search.policy.ref).toBe(APP_CONFIG_POLICY_REF);
    expect(search.problem).toMatch(
      /component:default\/search-api selects errorbudgetpolicy:default\/missing is not in the catalog/,
    );
    await expect(views.entityPolicy('component:default/nope')).rejects.toThrow(
      NotFoundError,
    );
    await knex.destroy();
  });

  it("shows an objective's newer evaluation in the policy view before the policy's own evaluation stores it", async () => {
    const { evaluation, views, budget, events, advance, knex } = await setup();
    const ledger = 'component:default/payments-gateway';
    await budget('payments-gateway', 1, 'partial');
    await evaluation.evaluateEntities([ledger]);
    // The back-fill's outage is evaluated; the policy's evaluation is still to come.
    advance(5_000);
    await budget('payments-gateway', -0.5);
    const view = await views.entityPolicy(ledger);
    expect(view.status).toMatchObject({
      state: 'exhausted',
      remaining: -0.5,
      partial: 0,
      freezeRecommended: true,
      since: new Date(T0 + 5_000).toISOString(),
    });
    // Shown, not stored: the evaluation records it, announces it and freezes.
    expect(await events()).toEqual([]);
    expect(view.freeze).toBeNull();
    await evaluation.evaluateEntities([ledger]);
    expect((await views.entityPolicy(ledger)).freeze).not.toBeNull();
    await knex.destroy();
  });
});
