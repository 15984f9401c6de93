import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrationsDir } from '../database/migrations';
import { AlertEpisodeStore } from '../store/AlertEpisodeStore';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { AlertEpisodeRecorder } from './AlertEpisodeRecorder';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SVC = 'component:default/checkout-api';
const SLO = 'slo:default/checkout-availability';

const slo = (over: Partial<SloRecord> = {}): SloRecord => ({
  sloRef: SLO,
  serviceRef: SVC,
  title: 'Checkout availability',
  definitionHash: 'h1',
  definition: {
    budgetingMethod: 'Occurrences',
    window: { kind: 'rolling', durationMs: 28 * DAY },
    objectives: [{ name: 'availability', target: 0.999 }],
  },
  ...over,
});

/** 1,000 requests a minute over `[from, to)`; in each outage, `rate` of them fail. */
function traffic(
  from: number,
  to: number,
  outages: Array<[number, number, number]>,
) {
  const writes = [];
  for (let t = from; t < to; t += MIN) {
    const o = outages.find(([a, b]) => t >= a && t < b);
    const bad = o ? 1000 * o[2] : 0;
    writes.push({
      sloRef: SLO,
      objective: 'availability',
      bucketStart: t,
      good: 1000 - bad,
      total: 1000,
    });
  }
  return writes;
}

describe.each(ids)('AlertEpisodeRecorder on %s', databaseId => {
  async function setup(record: SloRecord = slo()) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const slos = new SloStore(knex);
    await slos.upsert([record]);
    const buckets = new SliBucketStore(knex);
    const episodes = new AlertEpisodeStore(knex);
    let now = 0;
    const recorder = new AlertEpisodeRecorder({
      slos,
      buckets,
      episodes,
      now: () => now,
    });
    return {
      knex,
      buckets,
      episodes,
      recorder,
      setNow: (t: number) => {
        now = t;
      },
    };
  }

  const T0 = Date.parse('2026-11-10T00:00:00Z');

  it('judges steps before a refinement by the target then in force', async () => {
    // 99.9% until T0 + 3 days, then loosened to 99.5%.
    const { knex, buckets, episodes, recorder, setNow } = await setup();
    const slos = new SloStore(knex);
    await slos.upsert(
      [
        slo({
          definitionHash: 'h2',
          definition: {
            ...slo().definition,
            objectives: [{ name: 'availability', target: 0.995 }],
          },
        }),
      ],
      T0 + 3 * DAY,
    );
    // 2% errors for an hour, twice: 20× a 99.9% budget rate (a page), 4× a 99.5% one.
    await buckets.write(
      traffic(T0, T0 + 6 * DAY, [
        [T0 + DAY, T0 + DAY + HOUR, 0.02],
        [T0 + 4 * DAY, T0 + 4 * DAY + HOUR, 0.02],
      ]),
      { mode: 'replace' },
    );
    setNow(T0 + 6 * DAY);
    await recorder.recordAll();
    const pages = (await episodes.listByServices([SVC], 0, T0 * 2)).filter(
      e => e.severity === 'page',
    );
    // The first outage paged under 99.9%; the second, under 99.5%, did not.
    expect(pages.map(e => e.firedAt < T0 + 2 * DAY)).toEqual([true]);
    await knex.destroy();
  });

  it('replays from the oldest bucket, keeps pages and tickets, and writes each once', async () => {
    const { knex, buckets, episodes, recorder, setNow } = await setup();
    await buckets.write(
      traffic(T0, T0 + 6 * DAY, [
        // A fast burn: a page.
        [T0 + DAY, T0 + DAY + HOUR, 0.1],
        // A slow burn (4×) for a day: a ticket, no page.
        [T0 + 3 * DAY, T0 + 4 * DAY, 0.004],
      ]),
      { mode: 'replace' },
    );
    setNow(T0 + 6 * DAY);
    await recorder.recordAll();
    const all = await episodes.listByServices([SVC], 0, T0 * 2);
    // The fast burn also fires the ticket tiers (what counts them once is the time
    // budget's business); the slow burn fires only those.
    expect(all.map(e => e.severity)).toEqual(['page', 'ticket', 'ticket']);
    const [page, , ticket] = all;
    expect(page.firedAt).toBe(T0 + DAY + 10 * MIN);
    expect(page.end).not.toBeNull();
    expect(ticket.firedAt).toBeGreaterThan(T0 + 3 * DAY);
    expect(ticket.firedAt).toBeLessThan(T0 + 4 * DAY);
    expect(await episodes.cursor(SLO, 'availability')).toBe(T0 + 6 * DAY);

    // Later runs write nothing twice.
    setNow(T0 + 6 * DAY + HOUR);
    await recorder.recordAll();
    await recorder.recordAll();
    expect(await episodes.listByServices([SVC], 0, T0 * 2)).toEqual(all);
    await knex.destroy();
  });

  it('writes an episode still firing open, then closes the same episode once it ends', async () => {
    const { knex, buckets, episodes, recorder, setNow } = await setup();
    const outage = T0 + 2 * DAY;
    await buckets.write(
      traffic(T0, outage + 40 * MIN, [[outage, outage + 3 * HOUR, 0.1]]),
      {
        mode: 'replace',
      },
    );
    setNow(outage + 40 * MIN);
    await recorder.recordAll();
    const [open] = await episodes.listByServices([SVC], 0, T0 * 2);
    expect(open).toMatchObject({ severity: 'page', end: null });
    expect(await episodes.cursor(SLO, 'availability')).toBe(open.firedAt);

    await buckets.write(
      traffic(outage + 40 * MIN, outage + DAY, [
        [outage, outage + 3 * HOUR, 0.1],
      ]),
      { mode: 'replace' },
    );
    setNow(outage + DAY);
    await recorder.recordAll();
    const pages = (await episodes.listByServices([SVC], 0, T0 * 2)).filter(
      e => e.severity === 'page',
    );
    expect(pages).toHaveLength(1);
    expect(pages[0].start).toBe(open.start);
    expect(pages[0].end).toBe(outage + 3 * HOUR + 30 * MIN);
    await knex.destroy();
  });

  it('keeps the episodes after the SLI data are deleted', async () => {
    const { knex, buckets, episodes, recorder, setNow } = await setup();
    await buckets.write(
      traffic(T0, T0 + 2 * DAY, [[T0 + DAY, T0 + DAY + HOUR, 0.1]]),
      {
        mode: 'replace',
      },
    );
    setNow(T0 + 2 * DAY);
    await recorder.recordAll();
    await buckets.deleteOlderThan(T0 + 3 * DAY);
    setNow(T0 + 3 * DAY);
    await recorder.recordAll();
    expect(
      (await episodes.listByServices([SVC], 0, T0 * 2))
        .filter(e => e.severity === 'page')
        .map(e => e.firedAt),
    ).toEqual([T0 + DAY + 10 * MIN]);
    await knex.destroy();
  });

  it('ends an episode with its calendar window, and replays the next window', async () => {
    const monthly = slo({
      definition: {
        budgetingMethod: 'Occurrences',
        window: {
          kind: 'calendar',
          unit: 'Month',
          count: 1,
          startTime: '2026-01-01T00:00:00Z',
          timeZone: 'UTC',
        },
        objectives: [{ name: 'availability', target: 0.999 }],
      },
    });
    const { knex, buckets, episodes, recorder, setNow } = await setup(monthly);
    const dec = Date.parse('2026-12-01T00:00:00Z');
    await buckets.write(
      traffic(dec - 2 * DAY, dec + 2 * DAY, [
        [dec - HOUR, dec + HOUR, 0.1],
        [dec + DAY, dec + DAY + HOUR, 0.1],
      ]),
      { mode: 'replace' },
    );
    setNow(dec + 2 * DAY);
    await recorder.recordAll();
    const pages = (await episodes.listByServices([SVC], 0, dec * 2)).filter(
      e => e.severity === 'page',
    );
    expect(pages.map(e => [e.firedAt, e.end])).toEqual([
      [dec - HOUR + 10 * MIN, dec],
      // December's budget starts afresh: its burn windows start at the month.
      [expect.any(Number), expect.any(Number)],
      [dec + DAY + 10 * MIN, dec + DAY + HOUR + 30 * MIN],
    ]);
    expect(pages[1].firedAt).toBeGreaterThanOrEqual(dec);
    expect(pages[1].firedAt).toBeLessThan(dec + HOUR);
    await knex.destroy();
  });
  it('replays a short rolling window in a few steps, not one per 5 minutes', async () => {
    const daily = slo({
      definition: {
        budgetingMethod: 'Occurrences',
        window: { kind: 'rolling', durationMs: DAY },
        objectives: [{ name: 'availability', target: 0.999 }],
      },
    });
    const { knex, buckets, episodes, recorder, setNow } = await setup(daily);
    await buckets.write(
      traffic(T0, T0 + 10 * DAY, [[T0 + 5 * DAY, T0 + 5 * DAY + HOUR, 0.1]]),
      { mode: 'replace' },
    );
    const read = jest.spyOn(buckets, 'read');
    setNow(T0 + 10 * DAY);
    await recorder.recordAll();
    // Half a day a replay: 20 reads for 10 days.
    expect(read.mock.calls.length).toBeLessThanOrEqual(21);
    const pages = (await episodes.listByServices([SVC], 0, T0 * 2)).filter(
      e => e.severity === 'page',
    );
    // 100× from T0 + 5 days: the 1h window reaches the page factor (13.44×, the 28-day
    // one, for a window this short) after 10 minutes.
    expect(pages.map(e => e.firedAt)).toEqual([T0 + 5 * DAY + 10 * MIN]);
    await knex.destroy();
  });
});
