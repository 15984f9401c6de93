import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { onEverySqliteConnection } from './sqliteConnections';

describe('onEverySqliteConnection', () => {
  it('sets up each connection once, before its first query, those opened later too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reliability-connections-'));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'db.sqlite') },
      useNullAsDefault: true,
      pool: { min: 0, max: 2 },
    });
    try {
      const setUp: object[] = [];
      expect(
        onEverySqliteConnection(knex, connection => {
          setUp.push(connection);
          connection.pragma('cache_size = -4321');
        }),
      ).toBe(true);
      // One connection held by a transaction while a query needs a second one.
      const seen = await knex.transaction(async tx => {
        const [inTx] = await tx.raw('PRAGMA cache_size');
        const [outside] = await knex.raw('PRAGMA cache_size');
        return [inTx.cache_size, outside.cache_size];
      });
      expect(seen).toEqual([-4321, -4321]);
      expect(setUp).toHaveLength(2);
      expect(setUp[0]).not.toBe(setUp[1]);
      // Used again: not set up again.
      for (let i = 0; i < 3; i++) await knex.raw('select 1');
      expect(setUp).toHaveLength(2);
    } finally {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does nothing on PostgreSQL', async () => {
    const knex = knexFactory({
      client: 'pg',
      connection: 'postgres://x@127.0.0.1:1/x',
    });
    try {
      expect(onEverySqliteConnection(knex, () => {})).toBe(false);
    } finally {
      await knex.destroy();
    }
  });
});
