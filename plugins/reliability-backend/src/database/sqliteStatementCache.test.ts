import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { cacheSqliteStatements } from './sqliteStatementCache';

// better-sqlite3 ships no types; only its connections' `prepare` is watched here.
const Database: { prototype: { prepare(sql: string): unknown } } =
  jest.requireActual('better-sqlite3');

describe('cacheSqliteStatements', () => {
  let dir: string;
  let knex: Knex;
  let prepare: jest.SpyInstance;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reliability-statements-'));
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'db.sqlite') },
      useNullAsDefault: true,
    });
    await knex.schema.createTable('t', table => {
      table.integer('id').primary();
      table.string('name');
    });
    prepare = jest.spyOn(Database.prototype, 'prepare');
  });

  afterEach(async () => {
    prepare.mockRestore();
    await knex.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const preparedTexts = () => prepare.mock.calls.map(([sql]) => sql as string);

  it('prepares a statement once per connection and runs it with each query’s bindings', async () => {
    expect(cacheSqliteStatements(knex)).toBe(true);
    for (let id = 1; id <= 20; id++) {
      await knex('t').insert({ id, name: `n${id}` });
    }
    const names: string[] = [];
    for (let id = 1; id <= 20; id++) {
      const row = await knex('t').where({ id }).first('name');
      names.push(row.name);
    }
    expect(names).toEqual(Array.from({ length: 20 }, (_, i) => `n${i + 1}`));
    const texts = preparedTexts();
    expect(texts.filter(sql => sql.startsWith('insert'))).toHaveLength(1);
    expect(texts.filter(sql => sql.startsWith('select'))).toHaveLength(1);
  });

  it('prepares every query without it (what knex does by itself)', async () => {
    for (let id = 1; id <= 5; id++) {
      await knex('t').insert({ id, name: `n${id}` });
    }
    expect(
      preparedTexts().filter(sql => sql.startsWith('insert')),
    ).toHaveLength(5);
  });

  it('answers after a schema change what a fresh statement would', async () => {
    cacheSqliteStatements(knex);
    await knex('t').insert({ id: 1, name: 'a' });
    expect(await knex('t').select('*')).toEqual([{ id: 1, name: 'a' }]);
    await knex.schema.alterTable('t', table => {
      table.integer('rank').defaultTo(7);
    });
    expect(await knex('t').select('*')).toEqual([
      { id: 1, name: 'a', rank: 7 },
    ]);
  });

  it('keeps a failed statement usable, and transactions commit and roll back', async () => {
    cacheSqliteStatements(knex);
    await knex('t').insert({ id: 1, name: 'a' });
    // Compared by message: when another test file of the same Jest worker loaded
    // better-sqlite3 first, its native part throws that file's error class, which is no
    // Error of this file's realm for `rejects.toThrow`.
    const failure = await knex('t')
      .insert({ id: 1, name: 'dup' })
      .then(
        () => 'no error',
        (e: unknown) => String(e),
      );
    expect(failure).toMatch(/UNIQUE constraint failed/);
    await knex('t').insert({ id: 2, name: 'b' });
    await expect(
      knex.transaction(async trx => {
        await trx('t').insert({ id: 3, name: 'c' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await knex.transaction(async trx => {
      await trx('t').insert({ id: 4, name: 'd' });
    });
    expect(await knex('t').orderBy('id').pluck('id')).toEqual([1, 2, 4]);
  });

  it('keeps at most its capacity of statements, dropping the least recently used', async () => {
    cacheSqliteStatements(knex, 3);
    const query = (n: number) => knex.raw(`select ${n} as n`);
    for (const n of [1, 2, 3, 1, 4, 1, 2]) await query(n);
    // 1, 2, 3 prepared; 1 reused; 4 drops 2 (least recently used); 1 reused; 2 again.
    expect(preparedTexts().filter(sql => /^select \d as n$/.test(sql))).toEqual(
      [
        'select 1 as n',
        'select 2 as n',
        'select 3 as n',
        'select 4 as n',
        'select 2 as n',
      ],
    );
  });

  it('leaves PostgreSQL as it is', async () => {
    const pg = knexFactory({
      client: 'pg',
      connection: 'postgres://x@127.0.0.1:1/x',
    });
    try {
      const acquire = (pg.client as { acquireConnection: unknown })
        .acquireConnection;
      expect(cacheSqliteStatements(pg)).toBe(false);
      expect(
        (pg.client as { acquireConnection: unknown }).acquireConnection,
      ).toBe(acquire);
    } finally {
      await pg.destroy();
    }
  });
});
