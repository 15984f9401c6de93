/**
 * Faults ([8], production-grade): the backend process killed (SIGKILL) in the middle of a
 * scheduled SLO evaluation, and a new one started on the same database. The next
 * evaluation runs and stores newer statuses; the killed run's claim on the task (in the
 * scheduler's table) does not block it beyond the task's timeout.
 *
 * The replicas are node processes (see __testUtils__/replicas/child.ts) with the real
 * scheduler on a fresh PostgreSQL database. The evaluation's timeout is 3 s here, not the
 * plugin's 10 minutes: a killed run's claim is cleared by the scheduler's janitor once its
 * timeout has passed (at a backend's start, then every minute), so in production the next
 * evaluation after a kill waits for up to 10 (+1) minutes.
 *
 * Needs PostgreSQL; without a BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING it
 * is skipped with a notice, unless RELIABILITY_REQUIRE_POSTGRES is set, where that fails.
 */
import type { ChildProcess } from 'node:child_process';
import knexFactory, { Knex } from 'knex';
import type {
  ReplicaMessage,
  ReplicaOptions,
  TaskRun,
} from './__testUtils__/replicas/child';
import { SLO } from './__testUtils__/replicas/entities';
import { forkReplica, stopReplicas } from './__testUtils__/replicas/fork';
import {
  postgresServer,
  scratchDatabase,
} from './__testUtils__/scratchPostgres';

jest.setTimeout(60_000);

const pgServer = postgresServer(
  'Restart fault test',
  'the killed-backend test',
);

const EVALUATION = 'reliability-slo-evaluation';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Any message a replica sends (see {@link ReplicaMessage}). */
type AnyMessage = {
  port?: number;
  run?: TaskRun;
  stalled?: { replica: string; taskId: string };
};

/** Resolves with the first message `pick` returns something for (within `ms`). */
function waitFor<T>(
  child: ChildProcess,
  what: string,
  pick: (message: AnyMessage) => T | undefined,
  ms = 45_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined = undefined;
    // Backstage's TypeScript loader also reports on this channel ({ type: 'watch' }).
    const onMessage = (message: unknown) => {
      if (typeof message !== 'object' || message === null) return;
      const picked = pick(message as AnyMessage);
      if (picked === undefined) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(picked);
    };
    timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no ${what} within ${ms} ms`));
    }, ms);
    child.on('message', onMessage);
  });
}

(pgServer ? describe : describe.skip)(
  'the backend killed mid-evaluation',
  () => {
    let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
    let db: Knex;
    let connection: string;
    const children: ChildProcess[] = [];

    function start(
      name: string,
      extra: Partial<ReplicaOptions>,
    ): { child: ChildProcess; ready: Promise<number> } {
      const options: ReplicaOptions = {
        name,
        connection,
        waitForGo: false,
        reliability: {
          evaluation: { frequency: { seconds: 2 } },
          catalogSync: { frequency: { seconds: 2 } },
        },
        initialDelay: { seconds: 1 },
        frequencies: {},
        timeouts: { [EVALUATION]: { seconds: 3 } },
        ...extra,
      };
      // As in production: Backstage's scheduler starts its janitor (which clears the
      // claims of runs past their timeout, a killed process's) only outside tests.
      const child = forkReplica(options, { NODE_ENV: 'development' });
      children.push(child);
      const ready = waitFor(child, `${name} start`, m => m.port);
      return { child, ready };
    }

    const evaluationRow = async () =>
      (
        await db('backstage_backend_tasks__tasks')
          .where({ id: EVALUATION })
          .select(
            'current_run_ticket',
            'current_run_expires_at',
            'last_run_ended_at',
          )
      )[0];
    const evaluatedAt = async () =>
      (
        await db('reliability_slo_status')
          .where({ slo_ref: SLO.ref })
          .pluck('evaluated_at')
      ).map(Number);

    beforeAll(async () => {
      scratch = await scratchDatabase(pgServer!, 'reliability_faults');
      connection = scratch.connection;
      db = knexFactory({ client: 'pg', connection, pool: { min: 0, max: 2 } });
    });

    afterAll(async () => {
      await stopReplicas(children);
      await db?.destroy();
      await scratch?.drop();
    });

    it('runs the next evaluation in a new process once the killed run has timed out', async () => {
      // The first process: its first two evaluations complete (the second after the SLO's
      // catalog sync), its third hangs mid-run.
      const first = start('first', {
        stall: { taskId: EVALUATION, fromRun: 3 },
      });
      const runs: TaskRun[] = [];
      first.child.on('message', (m: AnyMessage) => {
        if (m?.run?.taskId === EVALUATION) runs.push(m.run);
      });
      const stalled = waitFor(
        first.child,
        'stalled evaluation',
        m => m.stalled,
      );
      await first.ready;
      await stalled;
      expect(runs.map(r => r.error)).toEqual([undefined, undefined]);
      const before = await evaluatedAt();
      expect(before).toHaveLength(1);

      // Killed in the middle of the run: it holds the task's claim.
      const exited = new Promise(r => first.child.once('exit', r));
      first.child.kill('SIGKILL');
      await exited;
      const killedAt = Date.now();
      const stale = await evaluationRow();
      expect(stale.current_run_ticket).toBeTruthy();
      const expiresAt = new Date(stale.current_run_expires_at).getTime();
      expect(expiresAt - killedAt).toBeLessThanOrEqual(3_000);
      // Nothing evaluates meanwhile.
      expect(await evaluatedAt()).toEqual(before);

      // A new process on the same database, once the claim has timed out (its janitor clears
      // expired claims when it starts).
      await sleep(Math.max(0, expiresAt - Date.now() + 200));
      const second = start('second', {});
      const secondRun = waitFor(
        second.child,
        'evaluation in the new process',
        m => (m.run?.taskId === EVALUATION ? m.run : undefined),
      );
      await second.ready;
      const next: TaskRun = await secondRun;
      expect(next.error).toBeUndefined();
      expect(next.startedAt).toBeGreaterThan(killedAt);

      // Newer statuses, and the task's record shows the run ended (its claim released).
      const after = await evaluatedAt();
      expect(after).toHaveLength(1);
      expect(after[0]).toBeGreaterThan(before[0]);
      expect(after[0]).toBeGreaterThan(killedAt);
      const row = await evaluationRow();
      expect(new Date(row.last_run_ended_at).getTime()).toBeGreaterThan(
        killedAt,
      );
      // eslint-disable-next-line no-console
      console.log(
        `Killed mid-evaluation; claim expired ${
          expiresAt - killedAt
        } ms after the kill; the new process evaluated ${
          next.endedAt - killedAt
        } ms after it`,
      );
    });
  },
);
