import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrationsDir } from '../database/migrations';
import { AlertEpisodeRecord, AlertEpisodeStore } from './AlertEpisodeStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();
const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');
const SLO = 'slo:default/checkout-availability';
const SVC = 'component:default/checkout-api';

const episode = (
  over: Partial<AlertEpisodeRecord> = {},
): AlertEpisodeRecord => ({
  sloRef: SLO,
  objective: 'availability',
  severity: 'page',
  serviceRef: SVC,
  start: T0,
  firedAt: T0 + HOUR,
  end: T0 + 2 * HOUR,
  peakBurnRate: 20.5,
  ...over,
});

describe.each(ids)('AlertEpisodeStore on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    return { knex, store: new AlertEpisodeStore(knex) };
  }

  it('keeps episodes and the cursor, and lists them by service and firing time', async () => {
    const { knex, store } = await setup();
    expect(await store.cursor(SLO, 'availability')).toBeUndefined();
    const ticket = episode({
      severity: 'ticket',
      start: T0 - 24 * HOUR,
      firedAt: T0 + 3 * HOUR,
      end: null,
      peakBurnRate: 1.5,
    });
    await store.replace(
      SLO,
      'availability',
      T0,
      [episode(), ticket],
      T0 + 5 * HOUR,
    );
    expect(await store.cursor(SLO, 'availability')).toBe(T0 + 5 * HOUR);
    expect(await store.listByServices([SVC], T0, T0 + 10 * HOUR)).toEqual([
      episode(),
      ticket,
    ]);
    expect(
      await store.listByServices([SVC], T0 + 2 * HOUR, T0 + 10 * HOUR),
    ).toEqual([ticket]);
    expect(
      await store.listByServices(['component:default/other'], 0, T0 * 2),
    ).toEqual([]);
    await knex.destroy();
  });

  it('a replay from a time replaces what fired from then on, and keeps what fired before', async () => {
    const { knex, store } = await setup();
    const early = episode();
    const open = episode({
      start: T0 + 5 * HOUR,
      firedAt: T0 + 6 * HOUR,
      end: null,
    });
    await store.replace(SLO, 'availability', T0, [early, open], T0 + 6 * HOUR);
    // Replayed again from the open episode's first step: it ended, and another came.
    const ended = { ...open, end: T0 + 7 * HOUR, peakBurnRate: 30 };
    const later = episode({
      start: T0 + 8 * HOUR,
      firedAt: T0 + 9 * HOUR,
      end: T0 + 10 * HOUR,
    });
    await store.replace(
      SLO,
      'availability',
      T0 + 6 * HOUR,
      [ended, later],
      T0 + 12 * HOUR,
    );
    expect(await store.listByServices([SVC], 0, T0 * 2)).toEqual([
      early,
      ended,
      later,
    ]);
    // The same replay twice writes nothing twice.
    await store.replace(
      SLO,
      'availability',
      T0 + 6 * HOUR,
      [ended, later],
      T0 + 12 * HOUR,
    );
    expect(await store.listByServices([SVC], 0, T0 * 2)).toHaveLength(3);
    // Late data made the later episode go away.
    await store.replace(SLO, 'availability', T0 + 8 * HOUR, [], T0 + 12 * HOUR);
    expect(await store.listByServices([SVC], 0, T0 * 2)).toEqual([
      early,
      ended,
    ]);
    await knex.destroy();
  });

  it('keeps objectives apart, prunes old episodes, and forgets cursors of deleted SLOs', async () => {
    const { knex, store } = await setup();
    await store.replace(SLO, 'availability', T0, [episode()], T0 + HOUR);
    await store.replace(
      SLO,
      'latency',
      T0,
      [episode({ objective: 'latency', firedAt: T0 + 30 * 24 * HOUR })],
      T0 + HOUR,
    );
    await store.replace(SLO, 'availability', T0 + 2 * HOUR, [], T0 + 3 * HOUR);
    expect(await store.listByServices([SVC], 0, T0 * 2)).toHaveLength(2);
    expect(await store.deleteOlderThan(T0 + 24 * HOUR)).toBe(1);
    expect(
      (await store.listByServices([SVC], 0, T0 * 2)).map(e => e.objective),
    ).toEqual(['latency']);
    await store.deleteCursorsExcept(new Set());
    expect(await store.cursor(SLO, 'latency')).toBeUndefined();
    expect(await store.listByServices([SVC], 0, T0 * 2)).toHaveLength(1);
    await knex.destroy();
  });
});
