import { createTestDatabases } from '../__testUtils__/testDatabases';
import { refreshSqlitePlannerStatistics } from './sqlitePlannerStatistics';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

async function tableWithRows(
  knex: Awaited<ReturnType<typeof databases.init>>,
  name: string,
) {
  await knex.schema.createTable(name, t => {
    t.string('owner').index();
  });
  return () =>
    knex(name).insert(
      Array.from({ length: 50 }, (_, i) => ({ owner: `team-${i % 5}` })),
    );
}

describe('refreshSqlitePlannerStatistics', () => {
  it('gives SQLite statistics for the tables that have rows, and for a table filled later at the next run', async () => {
    const knex = await databases.init('SQLITE_3');
    const fillFirst = await tableWithRows(knex, 'filled');
    const fillLater = await tableWithRows(knex, 'later');
    await fillFirst();
    const analysed = async () =>
      (
        (await knex.raw('select distinct tbl from sqlite_stat1')) as Array<{
          tbl: string;
        }>
      )
        .map(r => r.tbl)
        .sort();

    expect(await refreshSqlitePlannerStatistics(knex)).toBe(true);
    expect(await analysed()).toEqual(['filled']);

    await fillLater();
    expect(await refreshSqlitePlannerStatistics(knex)).toBe(true);
    expect(await analysed()).toEqual(['filled', 'later']);
    await knex.destroy();
  });
});

describe.each(ids)('refreshSqlitePlannerStatistics on %s', databaseId => {
  it("runs on SQLite only (PostgreSQL's autovacuum analyses its tables)", async () => {
    const knex = await databases.init(databaseId);
    expect(await refreshSqlitePlannerStatistics(knex)).toBe(
      databaseId.startsWith('SQLITE'),
    );
    await knex.destroy();
  });
});
