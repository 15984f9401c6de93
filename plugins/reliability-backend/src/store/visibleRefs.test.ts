import { createTestDatabases } from '../__testUtils__/testDatabases';
import { whereVisible } from './visibleRefs';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('whereVisible on %s', databaseId => {
  it('keeps the visible rows in the query, however many references', async () => {
    const db = await databases.init(databaseId);
    await db.schema.createTable('things', t => t.string('ref'));
    await db('things').insert([
      { ref: 'component:default/a' },
      { ref: 'component:default/b' },
      { ref: "component:default/it's" },
    ]);
    const refs = (visible?: ReadonlySet<string>) =>
      whereVisible(
        db,
        db('things').select('ref').orderBy('ref'),
        'ref',
        visible,
      ).then(rows => rows.map((r: { ref: string }) => r.ref));
    expect(await refs(undefined)).toHaveLength(3);
    expect(await refs(new Set())).toEqual([]);
    // More references than either database takes as bound parameters.
    const many = new Set(
      Array.from({ length: 70_000 }, (_, i) => `component:default/x${i}`),
    );
    many.add("component:default/it's");
    expect(await refs(many)).toEqual(["component:default/it's"]);
    const [{ count }] = await whereVisible(
      db,
      db('things'),
      'ref',
      new Set(['component:default/a', 'component:default/b']),
    ).count({ count: '*' });
    expect(Number(count)).toBe(2);
  });
});
