import type { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { SloEvaluator } from '../src/evaluation/SloEvaluator';
import { SliBucketStore } from '../src/store/SliBucketStore';
import { SloRecord, SloStore } from '../src/store/SloStore';
import { StatusStore } from '../src/store/StatusStore';
import {
  currentMinute,
  minuteBuckets,
  orgData,
  statusTemplates,
  toWrites,
} from './data';
import { progress } from './progress';
import { timed } from './stats';
import type { Volumes } from './volumes';

export { progress };

export const logger: LoggerService = {
  error: message => progress(`evaluator error: ${message}`),
  warn: message => progress(`evaluator warning: ${message}`),
  info: () => {},
  debug: () => {},
  child: () => logger,
};

/**
 * The plugin's own stores and evaluator, on the same database as the plugin under test.
 * They hold no state of their own, so data written here is what the plugin's routes read.
 */
export function createStores(knex: Knex) {
  const slos = new SloStore(knex);
  const buckets = new SliBucketStore(knex);
  const statuses = new StatusStore(knex);
  const evaluator = new SloEvaluator({ slos, buckets, statuses, logger });
  return { slos, buckets, statuses, evaluator };
}

export type Stores = ReturnType<typeof createStores>;

/**
 * The entity-summary SLOs with `days` of 1-minute data each, written straight through
 * SliBucketStore.write (one batch per SLO, not HTTP, so set-up stays fast), then evaluated
 * as the scheduled task would. Returns the mean evaluation time per SLO.
 */
export async function seedEntity(
  stores: Stores,
  slos: SloRecord[],
  volumes: Volumes,
): Promise<{ evaluationMsPerSlo: number; buckets: number }> {
  await stores.slos.upsert(slos);
  const end = currentMinute();
  const minutes = volumes.entity.days * 1440;
  const write = await timed(async () => {
    for (const [i, slo] of slos.entries()) {
      const buckets = minuteBuckets({
        end,
        minutes,
        seed: 100 + i,
        // Every third SLO had a bad hour yesterday: the budgets differ.
        errorRate: m =>
          i % 3 === 0 && m > 1440 && m < 1500 ? 0.02 : 0.0003 * (1 + (i % 4)),
      });
      await stores.buckets.write(toWrites(slo.sloRef, buckets), {
        mode: 'replace',
      });
    }
  });
  progress(
    `wrote ${slos.length} SLOs x ${minutes} buckets in ${(
      write.ms / 1000
    ).toFixed(1)} s`,
  );
  // The first pass stores the statuses the reads need and warms up; the second is timed.
  await stores.evaluator.evaluateAndStore(slos);
  const evaluation = await timed(() => stores.evaluator.evaluateAndStore(slos));
  return {
    evaluationMsPerSlo: evaluation.ms / slos.length,
    buckets: minutes,
  };
}

/**
 * The org overview: SLO records through SloStore.upsert and their stored statuses
 * through StatusStore.upsert (copied from real evaluations, see statusTemplates).
 */
export async function seedOrg(
  stores: Stores,
  volumes: Pick<Volumes, 'org'>,
): Promise<{ slos: number }> {
  const at = Date.now();
  const { slos, statuses } = orgData(volumes.org, statusTemplates(at), at);
  const { ms } = await timed(async () => {
    await stores.slos.upsert(slos);
    await stores.statuses.upsert(statuses);
  });
  progress(
    `stored ${slos.length} org SLOs and statuses in ${(ms / 1000).toFixed(
      1,
    )} s`,
  );
  return { slos: slos.length };
}
