import { mockServices } from '@backstage/backend-test-utils';
import type {
  RunningTotalReadings,
  SliBucket,
} from '@reliability-suite/plugin-reliability-common';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { BucketWrite, SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { StatusStore } from '../store/StatusStore';
import { ObjectiveStatus } from './objectiveStatus';
import { SloEvaluator } from './SloEvaluator';
import { EvaluationQueue } from './EvaluationQueue';
import { EvaluationWorker } from './EvaluationWorker';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const AT = Date.parse('2026-12-01T12:00:00Z');
const SLO_REF = 'slo:default/ledger-availability';

const ledger: SloRecord = {
  sloRef: SLO_REF,
  serviceRef: 'component:default/ledger',
  title: 'Ledger write availability',
  ownerRef: 'group:default/team-payments',
  definitionHash: 'h',
  spec: { service: 'ledger' },
  definition: {
    budgetingMethod: 'Occurrences',
    window: { kind: 'rolling', durationMs: 28 * DAY },
    objectives: [{ name: 'o', target: 0.9999 }],
  },
};

/** Hourly buckets of 1,000 events over [from, to); 10 % bad during the outage. */
function hours(from: number, to: number, outage?: number): BucketWrite[] {
  const out: BucketWrite[] = [];
  for (let t = from; t < to; t += HOUR) {
    const bad = t === outage ? 100 : 0;
    out.push({
      sloRef: SLO_REF,
      objective: 'o',
      bucketStart: t,
      good: 1000 - bad,
      total: 1000,
    });
  }
  return out;
}

/**
 * A bucket store whose reads can be held after they have read: the evaluation has its
 * (soon outdated) buckets in hand and goes on only when the test says so.
 */
class HeldBucketStore extends SliBucketStore {
  private hold?: Promise<void>;
  private readDone?: () => void;

  /** Holds the next read; resolves `read` when it has read, returns the release. */
  holdNextRead(): { read: Promise<void>; release: () => void } {
    let release!: () => void;
    this.hold = new Promise(r => {
      release = r;
    });
    const read = new Promise<void>(r => {
      this.readDone = r;
    });
    return { read, release };
  }

  async read(
    sloRef: string,
    objective: string,
    from: number,
    to: number,
  ): Promise<SliBucket[]> {
    const buckets = await super.read(sloRef, objective, from, to);
    await this.heldAfterRead();
    return buckets;
  }

  async readRunningTotalsMany(
    ...args: Parameters<SliBucketStore['readRunningTotalsMany']>
  ): Promise<RunningTotalReadings[]> {
    const readings = await super.readRunningTotalsMany(...args);
    await this.heldAfterRead();
    return readings;
  }

  private async heldAfterRead(): Promise<void> {
    const hold = this.hold;
    if (hold) {
      this.hold = undefined;
      this.readDone?.();
      await hold;
    }
  }
}

describe.each(ids)('SloEvaluator on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const slos = new SloStore(knex);
    const buckets = new HeldBucketStore(knex, HOUR);
    const statuses = new StatusStore(knex);
    let now = AT;
    const evaluator = new SloEvaluator({
      slos,
      buckets,
      statuses,
      logger: mockServices.logger.mock(),
      now: () => now,
    });
    // Pushes queue their SLOs; `flush` evaluates the queue without waiting for it.
    const evaluations = new EvaluationWorker({
      queue: new EvaluationQueue(knex),
      slos,
      evaluator,
      logger: mockServices.logger.mock(),
      debounceMs: 60_000,
      now: () => now,
    });
    await slos.upsert([ledger], AT - 60 * DAY);
    return {
      knex,
      buckets,
      statuses,
      evaluator,
      evaluations,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('keeps the evaluation a back-fill push triggered over a scheduled pass that read the buckets before it', async () => {
    const { knex, buckets, statuses, evaluator, evaluations, advance } =
      await setup();
    // The back-fill so far: the oldest 18 days of the 28-day window, all good.
    const windowStart = AT - 28 * DAY;
    await buckets.write(hours(windowStart, windowStart + 18 * DAY), {
      mode: 'replace',
      now: AT,
    });

    // The scheduled pass reads the half-filled window, then is held.
    const held = buckets.holdNextRead();
    const scheduled = evaluator.evaluateAll();
    await held.read;

    // Meanwhile the back-fill's last batch lands, with the outage five days ago, and the
    // evaluation it triggers stores the exhausted budget.
    advance(5_000);
    await buckets.write(hours(windowStart + 18 * DAY, AT, AT - 5 * DAY), {
      mode: 'replace',
      now: AT + 5_000,
    });
    await evaluations.markDirty([SLO_REF]);
    await evaluations.flush();
    const [fresh] = await statuses.listBySlo<ObjectiveStatus>(SLO_REF);
    expect(fresh.state).toBe('exhausted');
    expect(fresh.status.dataQuality).toBe('ok');

    // The scheduled pass finishes last, with what it read before the push.
    held.release();
    await scheduled;
    const [stored] = await statuses.listBySlo<ObjectiveStatus>(SLO_REF);
    expect(stored.state).toBe('exhausted');
    expect(stored.remaining).toBeLessThan(0);
    expect(stored.evaluatedAt).toBe(AT + 5_000);

    // A later evaluation still replaces it.
    advance(60_000);
    await evaluator.evaluateAll();
    const [later] = await statuses.listBySlo<ObjectiveStatus>(SLO_REF);
    expect(later.evaluatedAt).toBe(AT + 65_000);
    await knex.destroy();
  });
});
