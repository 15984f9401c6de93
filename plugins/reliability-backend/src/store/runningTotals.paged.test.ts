/**
 * An objective whose running totals are stale over more rows than a page is recomputed a
 * page at a time on PostgreSQL (no read returns more than RECOMPUTE_PAGE_ROWS rows: a
 * back-fill's 28 days read at once left hundreds of MB of garbage in the benchmark), and
 * every row ends up with the sums over it and every earlier row, on both databases.
 */
import { migrationsDir } from '../database/migrations';
import { recordReadSizes } from '../__testUtils__/readSizes';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DAY, MIN, T0 } from '../__testUtils__/pushSteps';
import { RECOMPUTE_PAGE_ROWS } from './runningTotals';
import { TABLE } from './sliBucketSql';
import { BucketWrite, SliBucketStore } from './SliBucketStore';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();

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

    const reads = recordReadSizes(knex, sql => sql.includes(TABLE));
    await store.settleRunningTotals([{ sloRef, objective: 'o' }]);
    reads.stop();

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
    // A page's read: its rows and the row before them (none before the first). SQLite
    // recomputes inside the database: no read of rows at all.
    expect(Math.max(...reads.sizes)).toBeLessThanOrEqual(
      RECOMPUTE_PAGE_ROWS + 1,
    );
    expect(reads.sizes.filter(n => n >= RECOMPUTE_PAGE_ROWS)).toHaveLength(
      databaseId.startsWith('POSTGRES') ? 2 : 0,
    );
    await knex.destroy();
  });
});
