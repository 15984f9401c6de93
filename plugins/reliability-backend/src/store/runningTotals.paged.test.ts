/**
 * An objective whose running totals are stale over more rows than a page is recomputed a
 * page at a time on PostgreSQL (no read returns more than RECOMPUTE_PAGE_ROWS rows: a
 * back-fill's 28 days read at once left hundreds of MB of garbage in the benchmark), and
 * every row ends up with the sums over it and every earlier row, on both databases.
 */
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DAY, MIN, T0 } from '../__testUtils__/pushSteps';
import { RECOMPUTE_PAGE_ROWS } from './runningTotals';
import { TABLE } from './sliBucketSql';
import { BucketWrite, SliBucketStore } from './SliBucketStore';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();

const rowsOf = (response: unknown): number => {
  if (Array.isArray(response)) return response.length;
  const rows = (response as { rows?: unknown[] } | undefined)?.rows;
  return Array.isArray(rows) ? rows.length : 0;
};

describe.each(ids)('running totals of a long history on %s', databaseId => {
  it('are the sums over every earlier row, recomputed a page at a time', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const store = new SliBucketStore(knex);
    const sloRef = 'slo:default/long-totals';
    // Ten days of minutes (14,400 rows), the first three rolled up into hours: 10,152 rows
    // stale from the first, over three pages.
    const writes: BucketWrite[] = [];
    for (let m = 0; m < 10 * 24 * 60; m++) {
      writes.push({
        sloRef,
        objective: 'o',
        bucketStart: T0 + m * MIN,
        good: 5 + (m % 7),
        total: 12 + (m % 3),
      });
    }
    for (let i = 0; i < writes.length; i += 2_000) {
      await store.write(writes.slice(i, i + 2_000), { mode: 'replace' });
    }
    await store.rollUp(T0 + 3 * DAY);

    const reads: number[] = [];
    const onResponse = (response: unknown, query: { sql?: string }) => {
      const sql = query.sql ?? '';
      if (/^\s*select/i.test(sql) && sql.includes(TABLE)) {
        reads.push(rowsOf(response));
      }
    };
    knex.on('query-response', onResponse);
    await store.settleRunningTotals([{ sloRef, objective: 'o' }]);
    knex.off('query-response', onResponse);

    const rows: Array<Record<string, string | number>> = await knex(TABLE)
      .where({ slo_ref: sloRef, objective: 'o' })
      .orderBy([
        { column: 'bucket_start', order: 'asc' },
        { column: 'resolution_ms', order: 'asc' },
      ]);
    expect(rows.length).toBeGreaterThan(2 * RECOMPUTE_PAGE_ROWS);
    let good = 0;
    let total = 0;
    let covered = 0;
    const wrong = rows.filter(r => {
      good += Number(r.good);
      total += Number(r.total);
      covered += Number(r.covered_ms);
      return (
        Number(r.cum_good) !== good ||
        Number(r.cum_total) !== total ||
        Number(r.cum_covered_ms) !== covered
      );
    });
    expect(wrong).toEqual([]);
    expect(await knex('reliability_sli_stale_totals').count('* as n')).toEqual([
      { n: databaseId.startsWith('POSTGRES') ? '0' : 0 },
    ]);
    if (databaseId.startsWith('POSTGRES')) {
      // A page's read: its rows and the row before them (none before the first).
      expect(Math.max(...reads)).toBeLessThanOrEqual(RECOMPUTE_PAGE_ROWS + 1);
      expect(
        reads.filter(n => n >= RECOMPUTE_PAGE_ROWS).length,
      ).toBeGreaterThan(1);
    }
    await knex.destroy();
  });
});
