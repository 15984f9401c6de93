import { NotFoundError } from '@backstage/errors';
import { APP_CONFIG_POLICY_REF } from '@reliability-suite/plugin-reliability-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { setupPolicies } from './__testUtils__/policySetup';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('DeployGate on %s', databaseId => {
  const setup = (options: { cache?: boolean } = {}) =>
    setupPolicies(databases, databaseId, options);

  it('answers the gate for an entity never evaluated, and 404s an unknown one', async () => {
    const { deployGate, knex } = await setup();
    expect(await deployGate.decide('component:default/orphan')).toMatchObject({
      allowed: true,
      frozen: false,
      policyRef: APP_CONFIG_POLICY_REF,
      state: null,
    });
    await expect(deployGate.decide('component:default/nope')).rejects.toThrow(
      NotFoundError,
    );
    await knex.destroy();
  });
});
