import { ConfigReader } from '@backstage/config';
import { createHash } from 'node:crypto';
import { readReliabilityConfig } from '../../src/config';
import type { BucketWrite } from '../../src/store/SliBucketStore';
import type { SloRecord } from '../../src/store/SloStore';
import { currentMinute, DAY, MINUTE, minuteBuckets, toWrites } from '../data';
import { heapAfterGc } from '../memory';
import { progress } from '../progress';
import { summarize, timed } from '../stats';
import { atMost, count, figure, ms, Row } from '../table';
import type { ScenarioContext } from './context';

/** Issue [12]: an objective's evaluation costs about the same whatever its window. */
const WINDOW_RATIO_TARGET = 1.5;
/** Issue [12]: on the production database. */
const PER_OBJECTIVE_28D_TARGET_MS = 2;
/** Seed writes of a week each: one window's minutes at once would be a 20 MB statement. */
const SEED_CHUNK = 7 * 1440;
const OBJECTIVE = 'requests-succeed';

const WINDOWS = [
  { key: '1d', days: 1 },
  { key: '28d', days: 28 },
  { key: '90d', days: 90 },
] as const;

/**
 * Occurrences (the ids of issue [12]) and Timeslices with 5-minute slices: the two ways an
 * evaluation reads its running sums, of events and of slices. `idPart` goes into the ids:
 * `evaluation.perObjective.28d`, `evaluation.perObjective.timeslices.28d`.
 */
const METHODS = [
  { method: 'Occurrences' as const, idPart: '' },
  { method: 'Timeslices' as const, idPart: 'timeslices.' },
];

function evaluationSlo(
  windowKey: string,
  days: number,
  i: number,
  method: (typeof METHODS)[number]['method'],
): SloRecord {
  const name = `bench-evaluation-${
    method === 'Occurrences' ? '' : 'ts-'
  }${windowKey}-${i}`;
  const definition = {
    budgetingMethod: method,
    window: { kind: 'rolling' as const, durationMs: days * DAY },
    objectives: [
      method === 'Occurrences'
        ? { name: OBJECTIVE, target: 0.999 }
        : {
            name: OBJECTIVE,
            target: 0.99,
            timeSliceTarget: 0.999,
            timeSliceWindowMs: 5 * MINUTE,
          },
    ],
  };
  const serviceRef = `component:default/bench-evaluation-${i}`;
  return {
    sloRef: `slo:default/${name}`,
    serviceRef,
    title: `${name} (bench)`,
    definition,
    definitionHash: createHash('sha256')
      .update(JSON.stringify([definition, serviceRef, name]))
      .digest('hex'),
  };
}

/**
 * How many buckets of each resolution one objective's window `[from, to)` holds, e.g.
 * "51,840 1-min + 1,296 1-h": what its evaluation reads today.
 */
async function bucketsInWindow(
  ctx: ScenarioContext,
  sloRef: string,
  from: number,
  to: number,
) {
  const rows: Array<{ resolution_ms: number; n: string | number }> =
    await ctx.db
      .knex('reliability_sli_buckets')
      .where({ slo_ref: sloRef, objective: OBJECTIVE })
      .andWhere('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to)
      .groupBy('resolution_ms')
      .orderBy('resolution_ms')
      .select('resolution_ms')
      .count({ n: '*' });
  return rows
    .map(r => {
      const minutes = Number(r.resolution_ms) / MINUTE;
      const resolution =
        minutes % 60 === 0 ? `${minutes / 60}-h` : `${minutes}-min`;
      return `${count(Number(r.n))} ${resolution}`;
    })
    .join(' + ');
}

/**
 * What one objective's evaluation costs by window length: `SloEvaluator.evaluateAndStore`
 * (read the buckets, run the engine, store the status), as the scheduled pass and the
 * evaluation after a push call it, for Occurrences and Timeslices SLOs with a rolling
 * 1d, 28d and 90d window whose 1-minute data fills the window.
 *
 * The data goes in through the plugin's own SliBucketStore (write, then rollUp with the
 * configured default age), so it is shaped as in production: a 90-day objective holds
 * minute buckets for the newest 36 days and hourly ones before. Each round then adds the
 * next minute to every objective, as a push would, and evaluates them at that minute's end:
 * an evaluation that only reads what changed is measured doing that, not answering from a
 * cache of an unchanged window. Windows take turns in each round, so drift on the machine
 * falls on all of them alike.
 */
export async function benchEvaluation(ctx: ScenarioContext): Promise<Row[]> {
  const { db, stores, volumes } = ctx;
  const { objectives, warmup, runs } = volumes.evaluation;
  const rounds = warmup + runs;
  // The seed ends `rounds` minutes ago, so that the last round's minute is not in the future.
  const seedEnd = currentMinute() - rounds * MINUTE;
  const groups = METHODS.flatMap(m =>
    WINDOWS.map(w => ({
      ...w,
      ...m,
      slos: Array.from({ length: objectives }, (_, i) =>
        evaluationSlo(w.key, w.days, i, m.method),
      ),
      samples: [] as number[],
    })),
  );
  const all = groups.flatMap(g => g.slos);
  await stores.slos.upsert(all);

  const seeding = await timed(async () => {
    let seed = 5000;
    for (const group of groups) {
      for (const [i, slo] of group.slos.entries()) {
        const buckets = minuteBuckets({
          end: seedEnd,
          minutes: group.days * 1440,
          seed: seed++,
          // A bad hour two days ago in every other objective: budgets differ.
          errorRate: m =>
            i % 2 === 0 && m > 2880 && m < 2940 ? 0.02 : 0.0003 * (1 + (i % 3)),
        });
        for (let c = 0; c < buckets.length; c += SEED_CHUNK) {
          await stores.buckets.write(
            toWrites(slo.sloRef, buckets.slice(c, c + SEED_CHUNK)),
            { mode: 'replace' },
          );
        }
        // The seed's garbage (the rows built into statements) is the benchmark's, not the
        // backend's: collected as it goes, it does not make the peak memory.
        heapAfterGc();
      }
    }
    const { rollupAfterMs } = readReliabilityConfig(
      new ConfigReader({}),
    ).storage;
    await stores.buckets.rollUp(Date.now() - rollupAfterMs);
    // The roll-up deleted millions of rows; autovacuum would tidy up after it in
    // production, so the measured reads do not wade through dead index entries. The whole
    // (scratch) database: any table the store keeps beside the buckets is included.
    if (db.kind === 'pg') {
      await db.knex.raw('vacuum analyze');
    }
  });
  // Nor should a major GC of it land inside a timed round.
  heapAfterGc();
  progress(
    `seeded ${all.length} objectives (1d / 28d / 90d) and rolled up in ${(
      seeding.ms / 1000
    ).toFixed(1)} s`,
  );

  for (let r = 0; r < rounds; r++) {
    const minute = seedEnd + r * MINUTE;
    const at = minute + MINUTE;
    const writes: BucketWrite[] = all.map(slo => ({
      sloRef: slo.sloRef,
      objective: OBJECTIVE,
      bucketStart: minute,
      good: 999,
      total: 1000,
    }));
    await stores.buckets.write(writes, { mode: 'replace' });
    for (let k = 0; k < groups.length; k++) {
      const group = groups[(r + k) % groups.length];
      const { ms: took } = await timed(() =>
        stores.evaluator.evaluateAndStore(group.slos, at),
      );
      if (r >= warmup) group.samples.push(took / group.slos.length);
    }
  }

  const lastAt = seedEnd + rounds * MINUTE;
  const rows: Row[] = [];
  const mean: Record<string, number> = {};
  const isPg = db.kind === 'pg';
  for (const group of groups) {
    const s = summarize(group.samples);
    mean[`${group.idPart}${group.key}`] = s.mean;
    const targeted = group.key === '28d';
    let targetText = '-';
    if (targeted) {
      targetText = isPg
        ? `<= ${PER_OBJECTIVE_28D_TARGET_MS} ms`
        : `- (PG: <= ${PER_OBJECTIVE_28D_TARGET_MS} ms)`;
    }
    rows.push({
      what: `evaluation: SloEvaluator.evaluateAndStore per objective, ${
        group.method
      }${group.method === 'Occurrences' ? '' : ' (5-min slices)'}, rolling ${
        group.key
      } (read + engine + store), mean over rounds (slowest round)`,
      database: db.label,
      volume: `${objectives} objectives x ${await bucketsInWindow(
        ctx,
        group.slos[0].sloRef,
        lastAt - group.days * DAY,
        lastAt,
      )} buckets, ${s.n} rounds`,
      measured: `${ms(s.mean)} (${ms(s.max)})`,
      target: targetText,
      figures: [
        figure(
          `evaluation.perObjective.${group.idPart}${group.key}`,
          s.mean,
          'ms',
          targeted && isPg ? atMost(PER_OBJECTIVE_28D_TARGET_MS) : undefined,
        ),
      ],
    });
  }
  for (const { method, idPart } of METHODS) {
    const ratio = mean[`${idPart}90d`] / mean[`${idPart}1d`];
    rows.push({
      what: `ratio: evaluation per objective, ${method}, rolling 90d / rolling 1d (mean)`,
      database: db.label,
      volume: `${objectives} objectives each`,
      measured: `${ms(mean[`${idPart}90d`])} / ${ms(
        mean[`${idPart}1d`],
      )} = ${ratio.toFixed(2)}x`,
      target: `<= ${WINDOW_RATIO_TARGET}x`,
      figures: [
        figure(
          `evaluation.${idPart}windowRatio`,
          ratio,
          'x',
          atMost(WINDOW_RATIO_TARGET),
        ),
      ],
    });
  }
  return rows;
}
