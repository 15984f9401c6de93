import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { useSqliteWriteAheadLog } from './sqliteJournal';

describe('useSqliteWriteAheadLog', () => {
  it('puts a SQLite file in WAL mode and keeps full synchronous commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reliability-wal-'));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'db.sqlite') },
      useNullAsDefault: true,
    });
    try {
      expect(await useSqliteWriteAheadLog(knex)).toBe('wal');
      const [mode] = await knex.raw('PRAGMA journal_mode');
      expect(mode.journal_mode).toBe('wal');
      // 2 = FULL: a commit is synced to disk before it returns, as before.
      const [sync] = await knex.raw('PRAGMA synchronous');
      expect(sync.synchronous).toBe(2);
    } finally {
      await knex.destroy();
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
