import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { StatusStore } from '../store/StatusStore';
import { SloEvaluator } from './SloEvaluator';
import { SloHistoryService } from './SloHistoryService';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-01T00:00:00Z');
const CHANGE = T0 + 19 * DAY;
const AT = T0 + 25 * DAY;

const spec = (target: number) => ({
  service: 'ledger',
  budgetingMethod: 'Occurrences',
  timeWindow: [{ duration: '30d', isRolling: true }],
  indicator: {
    metadata: { name: 'ledger-sli' },
    spec: {
      ratioMetric: {
        counter: true,
        good: { metricSource: { type: 'Push', spec: {} } },
        total: { metricSource: { type: 'Push', spec: {} } },
      },
    },
  },
  objectives: [{ displayName: 'o', target }],
});

function slo(target: number, hash: string): SloRecord {
  return {
    sloRef: 'slo:default/ledger-availability',
    serviceRef: 'component:default/ledger',
    title: 'Ledger availability',
    ownerRef: 'group:default/team-payments',
    definitionHash: hash,
    definition: {
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 30 * DAY },
      objectives: [{ name: 'o', target }],
    },
    source: { location: 'url:https://git.example.com/slos.yaml' },
    spec: spec(target),
  };
}

describe.each(ids)('SLO refinement history on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const slos = new SloStore(knex);
    const buckets = new SliBucketStore(knex, HOUR);
    const statuses = new StatusStore(knex);
    const evaluator = new SloEvaluator({
      slos,
      buckets,
      statuses,
      logger: mockServices.logger.mock(),
    });
    const history = new SloHistoryService({
      slos,
      evaluator,
      now: () => AT,
    });
    // Defined at 99.9 % long before; loosened to 99.5 % on day 20 of the data.
    await slos.upsert([slo(0.999, 'h1')], T0 - 40 * DAY);
    await slos.upsert([slo(0.995, 'h2')], CHANGE);
    // 1,000 events an hour; 0.2 % bad before the change, none after.
    const writes = [];
    for (let t = T0; t < AT; t += HOUR) {
      writes.push({
        sloRef: 'slo:default/ledger-availability',
        objective: 'o',
        bucketStart: t,
        good: t < CHANGE ? 998 : 1000,
        total: 1000,
      });
    }
    await buckets.write(writes, { mode: 'replace', now: AT });
    const current = (await slos.get('slo:default/ledger-availability'))!;
    return { knex, slos, evaluator, history, statuses, current };
  }

  const before = 19 * 24 * 1000;
  const after = 6 * 24 * 1000;
  const bad = before * 0.002;
  const budgetNow = before * 0.001 + after * 0.005;

  it('evaluates each period under the definition then in force, and stores it so', async () => {
    const { knex, evaluator, statuses, current } = await setup();
    expect(current.revisedAt).toBe(CHANGE);
    const { evaluation } = await evaluator.evaluateWithBuckets(
      current,
      'o',
      AT,
    );
    expect(evaluation.errorBudget.spent).toBe(bad);
    expect(evaluation.errorBudget.total).toBeCloseTo(budgetNow, 6);
    expect(evaluation.definitionPeriods?.map(p => [p.from, p.target])).toEqual([
      [AT - 30 * DAY, 0.999],
      [CHANGE, 0.995],
    ]);

    const [record] = await evaluator.evaluateAndStore([current], AT);
    expect(record.remaining).toBeCloseTo(1 - bad / budgetNow, 12);
    const [stored] = await statuses.listBySlo<any>(current.sloRef);
    expect(stored.status.definitionPeriods).toEqual([
      expect.objectContaining({
        from: new Date(AT - 30 * DAY).toISOString(),
        to: new Date(CHANGE).toISOString(),
        target: 0.999,
      }),
      expect.objectContaining({
        from: new Date(CHANGE).toISOString(),
        target: 0.995,
      }),
    ]);
    await knex.destroy();
  });

  it('does not read revisions for an SLO whose definition has not changed in its window', async () => {
    const { knex, slos, evaluator } = await setup();
    const stable = {
      ...slo(0.99, 'h-stable'),
      sloRef: 'slo:default/stable',
    };
    await slos.upsert([stable], T0 - 40 * DAY);
    const read = jest.spyOn(slos, 'revisions');
    const record = (await slos.get('slo:default/stable'))!;
    expect(record.revisedAt).toBeUndefined();
    const { evaluation } = await evaluator.evaluateWithBuckets(record, 'o', AT);
    expect(evaluation.definitionPeriods).toBeUndefined();
    expect(read).not.toHaveBeenCalled();
    await knex.destroy();
  });

  it('shows each revision with the budget before, at and after the change', async () => {
    const { knex, history } = await setup();
    const page = await history.revisions('slo:default/ledger-availability', {
      limit: 20,
      offset: 0,
    });
    expect(page.totalCount).toBe(2);
    const [first, second] = page.items;
    expect(first.changes).toEqual([{ kind: 'created' }]);
    expect(first.budget).toEqual([
      {
        objective: 'o',
        before: null,
        after: null,
        // The first definition's last view, when it was replaced: twice over budget.
        end: {
          at: new Date(CHANGE).toISOString(),
          remaining: expect.closeTo(-1, 9),
          state: 'exhausted',
        },
      },
    ]);
    expect(second.changes).toEqual([
      {
        kind: 'target',
        objective: 'o',
        before: 0.999,
        after: 0.995,
        direction: 'loosened',
      },
    ]);
    const [budget] = second.budget;
    // Occurrences: the looser target applies to the events from the change on, so at the
    // change itself nothing has moved yet; by now clean traffic under it has refilled some.
    expect(budget.before?.remaining).toBeCloseTo(-1, 9);
    expect(budget.after?.remaining).toBeCloseTo(-1, 9);
    expect(budget.end).toEqual({
      at: new Date(AT).toISOString(),
      remaining: expect.closeTo(1 - bad / budgetNow, 9),
      state: expect.any(String),
    });

    const second_only = await history.revisions(
      'slo:default/ledger-availability',
      { limit: 1, offset: 1 },
    );
    expect(second_only.items.map(i => i.revision)).toEqual([2]);
    await expect(
      history.revisions('slo:default/nope', { limit: 20, offset: 0 }),
    ).rejects.toThrow('No SLO slo:default/nope');
    await knex.destroy();
  });

  it('lists refinements across the org, newest first, since a time, paginated', async () => {
    const { knex, slos, history } = await setup();
    const other = { ...slo(0.99, 'x1'), sloRef: 'slo:default/other' };
    await slos.upsert([other], T0);
    await slos.upsert(
      [
        {
          ...other,
          definitionHash: 'x2',
          definition: {
            ...other.definition,
            objectives: [{ name: 'o', target: 0.995 }],
          },
        },
      ],
      CHANGE + DAY,
    );
    const all = await history.refinements({ limit: 10, offset: 0 });
    expect(all.totalCount).toBe(2);
    expect(all.items.map(i => [i.sloRef, i.effectiveFrom, i.loosened])).toEqual(
      [
        ['slo:default/other', new Date(CHANGE + DAY).toISOString(), false],
        [
          'slo:default/ledger-availability',
          new Date(CHANGE).toISOString(),
          true,
        ],
      ],
    );
    expect(all.items[1]).toMatchObject({
      title: 'Ledger availability',
      serviceRef: 'component:default/ledger',
      ownerRef: 'group:default/team-payments',
      revision: 2,
      sourceLocation: 'url:https://git.example.com/slos.yaml',
    });
    const recent = await history.refinements({
      since: CHANGE + 1,
      limit: 10,
      offset: 0,
    });
    expect(recent.items.map(i => i.sloRef)).toEqual(['slo:default/other']);
    const second = await history.refinements({ limit: 1, offset: 1 });
    expect(second.totalCount).toBe(2);
    expect(second.items.map(i => i.sloRef)).toEqual([
      'slo:default/ledger-availability',
    ]);
    await knex.destroy();
  });

  it('imports the history from before the first delivery, replacing an earlier import', async () => {
    const { knex, slos, history } = await setup();
    const ref = 'slo:default/ledger-availability';
    const firstDelivery = T0 - 40 * DAY;
    const result = await history.importHistory(
      ref,
      [
        {
          effectiveFrom: new Date(T0 - 90 * DAY).toISOString(),
          spec: spec(0.99),
          sourceUrl: 'https://git.example.com/commit/a1',
        },
        // The delivered definition, in force since a commit before the first delivery.
        {
          effectiveFrom: new Date(T0 - 60 * DAY).toISOString(),
          spec: spec(0.999),
        },
      ],
      'user:default/erin',
    );
    expect(result).toEqual({ imported: 1, merged: true, totalCount: 3 });
    const revisions = await slos.revisions(ref);
    expect(
      revisions.map(r => [
        r.revision,
        r.definition.objectives[0].target,
        r.effectiveFrom,
        r.imported,
      ]),
    ).toEqual([
      [1, 0.99, T0 - 90 * DAY, true],
      [2, 0.999, T0 - 60 * DAY, false],
      [3, 0.995, CHANGE, false],
    ]);
    expect(revisions[0].sourceUrl).toBe('https://git.example.com/commit/a1');

    // Again without the merge: the delivered revision is back at its delivery.
    await history.importHistory(
      ref,
      [
        {
          effectiveFrom: new Date(T0 - 80 * DAY).toISOString(),
          spec: spec(0.98),
        },
      ],
      'user:default/erin',
    );
    expect(
      (await slos.revisions(ref)).map(r => [
        r.revision,
        r.definition.objectives[0].target,
        r.effectiveFrom,
      ]),
    ).toEqual([
      [1, 0.98, T0 - 80 * DAY],
      [2, 0.999, firstDelivery],
      [3, 0.995, CHANGE],
    ]);
    expect((await slos.get(ref))?.revisedAt).toBe(CHANGE);

    // The catalog's next change follows on.
    await slos.upsert([slo(0.99, 'h3')], AT);
    expect((await slos.revisions(ref)).map(r => r.revision)).toEqual([
      1, 2, 3, 4,
    ]);
    await knex.destroy();
  });

  it('refuses an import that is out of order, after the first delivery or invalid, and writes nothing', async () => {
    const { knex, slos, history } = await setup();
    const ref = 'slo:default/ledger-availability';
    const unchanged = await slos.revisions(ref);
    const attempt = (items: any[]) =>
      history.importHistory(ref, items, 'user:default/erin');
    await expect(
      attempt([
        {
          effectiveFrom: new Date(T0 - 50 * DAY).toISOString(),
          spec: spec(0.99),
        },
        {
          effectiveFrom: new Date(T0 - 70 * DAY).toISOString(),
          spec: spec(0.98),
        },
      ]),
    ).rejects.toThrow(/items\[1\]\.effectiveFrom: items must be in time order/);
    // A real InputError (a 400 through Backstage's error handler), not one named so.
    await expect(
      attempt([
        {
          effectiveFrom: new Date(T0 - 10 * DAY).toISOString(),
          spec: spec(0.9),
        },
      ]),
    ).rejects.toBeInstanceOf(InputError);
    await expect(
      attempt([
        {
          effectiveFrom: new Date(T0 - 10 * DAY).toISOString(),
          spec: spec(0.9),
        },
      ]),
    ).rejects.toThrow(
      /items\[0\]\.effectiveFrom: must be before the catalog first delivered the SLO/,
    );
    await expect(
      attempt([
        {
          effectiveFrom: new Date(T0 - 50 * DAY).toISOString(),
          spec: spec(99.9),
        },
        {
          effectiveFrom: new Date(T0 - 45 * DAY).toISOString(),
          spec: { ...spec(0.9), budgetingMethod: 'Sometimes' },
        },
      ]),
    ).rejects.toThrow(
      /items\[0\]\.spec\.objectives\[0\]\.target: .*items\[1\]\.spec\.budgetingMethod/,
    );
    await expect(
      history.importHistory('slo:default/nope', [], 'user:default/erin'),
    ).rejects.toThrow('No SLO slo:default/nope');
    expect(await slos.revisions(ref)).toEqual(unchanged);
    await knex.destroy();
  });

  it('records a change of the indicator alone as a refinement', async () => {
    const { knex, slos, history } = await setup();
    const current = slo(0.995, 'h3');
    await slos.upsert(
      [
        {
          ...current,
          spec: {
            ...current.spec,
            indicator: { metadata: { name: 'ledger-writes-v2' }, spec: {} },
          },
        },
      ],
      AT,
    );
    const page = await history.revisions('slo:default/ledger-availability', {
      limit: 20,
      offset: 0,
    });
    expect(page.items.map(i => i.changes)).toEqual([
      [{ kind: 'created' }],
      [
        {
          kind: 'target',
          objective: 'o',
          before: 0.999,
          after: 0.995,
          direction: 'loosened',
        },
      ],
      [{ kind: 'indicator', before: 'ledger-sli', after: 'ledger-writes-v2' }],
    ]);
    const [latest] = (await history.refinements({ limit: 1, offset: 0 })).items;
    expect(latest.changes).toEqual([
      { kind: 'indicator', before: 'ledger-sli', after: 'ledger-writes-v2' },
    ]);
    await knex.destroy();
  });
});
