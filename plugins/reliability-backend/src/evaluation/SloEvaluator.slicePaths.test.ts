/**
 * Which read serves a sliced objective's status: slice totals only where their sums are
 * exact (Timeslices whose slice length divides an hour), the full read of the buckets for
 * every other sliced objective, so that no user sees a verdict the full read would not give.
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  EvaluationSpec,
  evaluateObjective,
  resolveWindow,
} from '@reliability-suite/plugin-reliability-common';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { BucketWrite, SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { StatusStore } from '../store/StatusStore';
import { toObjectiveStatus } from './objectiveStatus';
import { SloEvaluator } from './SloEvaluator';
import { sloState } from './sloState';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/*
 * The counterexample a property test found (fast-check seed 294976575): 7-minute slices
 * weigh 60/7 per hourly roll-up, so running sums of them differ from the full read in the
 * last bits, and the forecast's burn window read "6h" from slice totals, "3d" in full.
 * Its buckets as (start, minutes, good, total); hourly ones are the store's roll-ups.
 */
const AT = 1774483200010;
const COUNTEREXAMPLE: Array<[number, number, number, number]> = [
  [1774263480000, 1, 1, 1],
  [1774263540000, 1, 0, 1],
  [1774263600000, 60, 1, 1],
  [1774285140000, 1, 1, 1],
  [1774285200000, 60, 1, 1],
  [1774294440000, 1, 1, 1],
  [1774294920000, 1, 1, 1],
  [1774295400000, 1, 1, 1],
  [1774295460000, 1, 1, 1],
  [1774309980000, 1, 1, 1],
  [1774324500000, 1, 1, 1],
  [1774324800000, 60, 1, 1],
  [1774328400000, 60, 1, 1],
  [1774332000000, 60, 1, 1],
  [1774339080000, 1, 1, 1],
  [1774339140000, 1, 1, 1],
  [1774339200000, 60, 1, 1],
  [1774346220000, 1, 1, 1],
  [1774346280000, 1, 1, 1],
  [1774346400000, 60, 1, 1],
  [1774353540000, 1, 1, 1],
  [1774353600000, 60, 1, 1],
  [1774360740000, 1, 1, 1],
  [1774360800000, 60, 1, 1],
  [1774367940000, 1, 1, 1],
  [1774368000000, 60, 1, 1],
  [1774375200000, 60, 1, 1],
  [1774382340000, 1, 1, 1],
  [1774396800000, 60, 1, 1],
  [1774447200000, 60, 1, 1],
  [1774468800000, 60, 1, 1],
];

const slo = (
  sloRef: string,
  budgetingMethod: 'Timeslices' | 'RatioTimeslices',
  sliceMinutes: number,
): SloRecord => ({
  sloRef,
  serviceRef: 'component:default/ledger',
  title: sloRef,
  ownerRef: 'group:default/team-payments',
  definitionHash: sloRef,
  spec: { service: 'ledger' },
  definition: {
    budgetingMethod,
    window: { kind: 'rolling', durationMs: DAY },
    objectives: [
      {
        name: 'objective',
        target: 0.5,
        timeSliceTarget: 0.01,
        timeSliceWindowMs: sliceMinutes * MIN,
      },
    ],
  },
});

describe.each(ids)('SloEvaluator slice paths on %s', databaseId => {
  it('evaluates RatioTimeslices and slices not dividing an hour by the full read, others by slice totals', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const slos = new SloStore(knex);
    const buckets = new SliBucketStore(knex, MIN);
    const statuses = new StatusStore(knex);
    const evaluator = new SloEvaluator({
      slos,
      buckets,
      statuses,
      logger: mockServices.logger.mock(),
      now: () => AT,
    });
    const records = [
      slo('slo:default/seven-minute', 'Timeslices', 7),
      slo('slo:default/ratio', 'RatioTimeslices', 5),
      slo('slo:default/two-hour', 'Timeslices', 120),
      slo('slo:default/five-minute', 'Timeslices', 5),
    ];
    await slos.upsert(records, AT - 60 * DAY);
    const writes: BucketWrite[] = records.flatMap(r =>
      COUNTEREXAMPLE.flatMap(([start, minutes, good, total]) =>
        // An hourly bucket: its events in its first minute, then rolled up below.
        minutes === 1 || start + 60 * MIN <= AT
          ? [
              {
                sloRef: r.sloRef,
                objective: 'objective',
                bucketStart: start,
                good,
                total,
              },
            ]
          : [],
      ),
    );
    await buckets.write(writes, { mode: 'replace', now: AT });
    // Roll up the hours the counterexample has as roll-ups (all before the last one's end).
    await buckets.rollUp(1774472400000);

    const sliceReads = jest.spyOn(buckets, 'readSliceReadingsMany');
    const stored = await evaluator.evaluateAndStore(records, AT);

    // Only the objective whose slice totals are exact reads them.
    expect(
      sliceReads.mock.calls.flatMap(([requests]) =>
        requests.map(r => r.sloRef),
      ),
    ).toEqual(['slo:default/five-minute']);
    expect(
      await knex('reliability_slice_variants').distinct('slo_ref'),
    ).toEqual([{ slo_ref: 'slo:default/five-minute' }]);
    // And every status is the full read's.
    for (const r of records) {
      const spec: EvaluationSpec = {
        objective: r.definition.objectives[0],
        budgetingMethod: r.definition.budgetingMethod,
        window: r.definition.window,
        at: AT,
        bucketMs: MIN,
        earlier: [],
      };
      const { start } = resolveWindow(spec.window, AT);
      const evaluation = evaluateObjective({
        ...spec,
        buckets: await buckets.read(r.sloRef, 'objective', start, AT),
      });
      const record = stored.find(s => s.sloRef === r.sloRef)!;
      expect(record.status).toEqual(
        toObjectiveStatus(evaluation, sloState(evaluation), AT),
      );
    }

    // The 5-minute objective revised to 7-minute slices: its totals are dropped.
    const revised = slo('slo:default/five-minute', 'Timeslices', 7);
    await evaluator.evaluateAndStore([revised], AT);
    for (const table of [
      'reliability_slice_variants',
      'reliability_slice_totals',
    ]) {
      const [{ n }] = await knex(table).count('* as n');
      expect(Number(n)).toBe(0);
    }
    await knex.destroy();
  });
});
