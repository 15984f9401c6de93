import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';

export type DatabaseKind = 'sqlite' | 'pg';

export interface BenchDatabase {
  kind: DatabaseKind;
  /** What the report says about it. */
  label: string;
  knex: Knex;
  /** PostgreSQL: the database's connection string, for other processes (replicas). */
  connection?: string;
  /** Closes the pool and removes the database. */
  dispose(): Promise<void>;
}

/** The PostgreSQL server to create the scratch database on (not a database of its own). */
const pgServer = () =>
  process.env.RELIABILITY_BENCH_PG_CONNECTION ??
  Object.entries(process.env).find(([k]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
  )?.[1] ??
  'postgresql://postgres@127.0.0.1:5432';

/** A SQLite file in a fresh temp dir: a file, not :memory:, as a deployment would use. */
function openSqlite(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'reliability-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'reliability.sqlite') },
    useNullAsDefault: true,
  });
  return {
    kind: 'sqlite',
    label: 'SQLite (file)',
    knex,
    async dispose() {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database `reliability_bench_<random>`, dropped again by dispose(). */
async function openPostgres(): Promise<BenchDatabase> {
  const server = pgServer();
  const name = `reliability_bench_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({
    client: 'pg',
    connection: server,
    pool: { min: 0, max: 1 },
  });
  try {
    await admin.raw('create database ??', [name]);
    const version = await admin.raw('show server_version');
    const url = new URL(server);
    url.pathname = `/${name}`;
    const knex = knexFactory({ client: 'pg', connection: url.toString() });
    return {
      kind: 'pg',
      label: `PostgreSQL ${
        String(version.rows[0].server_version).split(' ')[0]
      }`,
      knex,
      connection: url.toString(),
      async dispose() {
        await knex.destroy();
        try {
          await admin.raw('drop database if exists ?? with (force)', [name]);
        } finally {
          await admin.destroy();
        }
      },
    };
  } catch (e) {
    await admin.destroy();
    throw e;
  }
}

export async function openDatabase(kind: DatabaseKind): Promise<BenchDatabase> {
  return kind === 'sqlite' ? openSqlite() : openPostgres();
}
