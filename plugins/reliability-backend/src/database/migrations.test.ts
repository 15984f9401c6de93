import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrationsDir } from './migrations';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('migrations on %s', databaseId => {
  it('run up, down to nothing, and up again', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };

    await knex.migrate.latest(config);
    expect(await knex.schema.hasTable('reliability_audit_events')).toBe(true);
    const [, pending] = await knex.migrate.list(config);
    expect(pending).toEqual([]);

    // Roll back every batch: the schema must be left as it was found.
    while ((await knex.migrate.currentVersion(config)) !== 'none') {
      await knex.migrate.down(config);
    }
    expect(await knex.schema.hasTable('reliability_audit_events')).toBe(false);

    await knex.migrate.latest(config);
    expect(await knex.schema.hasTable('reliability_audit_events')).toBe(true);
    await knex.destroy();
  });
});
