import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { useSqliteWriteAheadLog } from './sqliteJournal';

describe('useSqliteWriteAheadLog', () => {
  it('puts a SQLite file in WAL mode and keeps full synchronous commits after writes, and after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reliability-wal-'));
    const open = () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: join(dir, 'db.sqlite') },
        useNullAsDefault: true,
      });
    try {
      // The first start switches the file to WAL; the second finds it so, as a restart does.
      for (const start of [1, 2]) {
        const knex = open();
        try {
          expect(await useSqliteWriteAheadLog(knex)).toBe('wal');
          const [mode] = await knex.raw('PRAGMA journal_mode');
          expect(mode.journal_mode).toBe('wal');
          if (start === 1) {
            await knex.schema.createTable('t', table => table.integer('id'));
          }
          // better-sqlite3's SQLite drops a connection to NORMAL at its first write in WAL
          // mode unless it has set `synchronous` itself: read it after a write.
          await knex('t').insert({ id: start });
          const [sync] = await knex.raw('PRAGMA synchronous');
          // 2 = FULL: a commit is synced to disk before it returns, as in rollback mode.
          expect(sync.synchronous).toBe(2);
        } finally {
          await knex.destroy();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves an in-memory SQLite database as it is', async () => {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    try {
      expect(await useSqliteWriteAheadLog(knex)).toBe('memory');
    } finally {
      await knex.destroy();
    }
  });

  it('does nothing on PostgreSQL', async () => {
    const knex = knexFactory({
      client: 'pg',
      connection: 'postgres://x@127.0.0.1:1/x',
    });
    try {
      expect(await useSqliteWriteAheadLog(knex)).toBeUndefined();
    } finally {
      await knex.destroy();
    }
  });
});
