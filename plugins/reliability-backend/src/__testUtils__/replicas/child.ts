/**
 * One replica of the reliability backend, forked by replicas.test.ts and
 * faults.restart.test.ts (node running the TypeScript compiled ahead by
 * `precompiledChild()`, as the benchmark's children do).
 * Argument: a JSON {@link ReplicaOptions}. The plugin runs in Backstage's test backend with
 * its mock auth and permissions (allow all) and a mock catalog, but with the REAL scheduler
 * (the test backend's mock one runs nothing that has an initial delay) on the given
 * PostgreSQL database, which every replica shares. Reports to the parent over IPC:
 * `{ port }` once listening, `{ run }` for every scheduled task run (`{ stalled }` for a run
 * told to hang, see {@link ReplicaOptions.stall}); `'stop'` stops it,
 * `'go'` starts it if it waits for that, `{ trigger: taskId }` runs a scheduled task now.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { reliabilitySliSourcesExtensionPoint } from '@reliability-suite/plugin-reliability-node';
import type { HumanDuration, JsonObject } from '@backstage/types';
import knexFactory from 'knex';
import type { AddressInfo } from 'node:net';
import { reliabilityPlugin } from '../../plugin';
import { bulkSloEntities, replicaEntities } from './entities';

export interface ReplicaOptions {
  /** Which replica this is, for the run reports. */
  name: string;
  /** Start the backend only on a `'go'` message (its modules are loaded before). */
  waitForGo: boolean;
  /** The shared database (a full connection string). */
  connection: string;
  /** `reliability` app-config (the task frequencies among it). */
  reliability: JsonObject;
  /** The initial delay every scheduled task gets instead of its production one (tens of seconds). */
  initialDelay: HumanDuration;
  /** Frequencies for tasks without a setting of their own (the hourly SLI maintenance). */
  frequencies: Record<string, HumanDuration>;
  /** Timeouts instead of the plugin's own (minutes), for tasks named here. */
  timeouts?: Record<string, HumanDuration>;
  /**
   * A task that hangs (never finishes, whatever its abort signal says) from its
   * `fromRun`-th run in this replica on (1-based), reporting `{ stalled }` when it does: a
   * run to kill the process in the middle of.
   */
  stall?: { taskId: string; fromRun: number };
  /** More SLOs of the service in the catalog (`bulkSloRef(0..n-1)`), pushed to by tests. */
  bulkSlos?: number;
}

/** One run of a scheduled task in a replica. */
export interface TaskRun {
  replica: string;
  taskId: string;
  startedAt: number;
  endedAt: number;
  error?: string;
}

export type ReplicaMessage =
  | { port: number }
  | { run: TaskRun }
  | { stalled: { replica: string; taskId: string } };

const options: ReplicaOptions = JSON.parse(process.argv[2]);
const send = (message: ReplicaMessage) => process.send?.(message);
/** How many runs of each task this replica has begun. */
const runCount = new Map<string, number>();
/** The scheduler, for `{ trigger: taskId }` messages. */
let scheduler: SchedulerService | undefined;

/**
 * The default scheduler, with every task's initial delay shortened (and the frequency of
 * tasks the test names) so that a test sees several periods within seconds. Scope, id and
 * function pass through unchanged: global tasks stay global, coordinated by the scheduler's
 * table and its run tickets in the shared database, exactly as in production.
 */
const timedSchedulerFactory = createServiceFactory({
  service: coreServices.scheduler,
  deps: {
    database: coreServices.database,
    logger: coreServices.logger,
    rootLifecycle: coreServices.rootLifecycle,
    httpRouter: coreServices.httpRouter,
    pluginMetadata: coreServices.pluginMetadata,
    metrics: metricsServiceRef,
  },
  async factory(deps): Promise<SchedulerService> {
    const inner = DefaultSchedulerService.create(deps);
    scheduler = inner;
    const scheduleTask: SchedulerService['scheduleTask'] = task =>
      inner.scheduleTask({
        ...task,
        initialDelay: options.initialDelay,
        frequency: options.frequencies[task.id] ?? task.frequency,
        timeout: options.timeouts?.[task.id] ?? task.timeout,
        fn: async signal => {
          const startedAt = Date.now();
          runCount.set(task.id, (runCount.get(task.id) ?? 0) + 1);
          if (
            options.stall?.taskId === task.id &&
            runCount.get(task.id)! >= options.stall.fromRun
          ) {
            send({ stalled: { replica: options.name, taskId: task.id } });
            await new Promise(() => {});
          }
          try {
            await task.fn(signal);
            send({
              run: {
                replica: options.name,
                taskId: task.id,
                startedAt,
                endedAt: Date.now(),
              },
            });
          } catch (e) {
            send({
              run: {
                replica: options.name,
                taskId: task.id,
                startedAt,
                endedAt: Date.now(),
                error: String(e),
              },
            });
            throw e;
          }
        },
      });
    return {
      scheduleTask,
      triggerTask: id => inner.triggerTask(id),
      cancelTask: id => inner.cancelTask(id),
      getScheduledTasks: () => inner.getScheduledTasks(),
      createScheduledTaskRunner: (
        schedule: SchedulerServiceTaskScheduleDefinition,
      ) => ({
        run: task => scheduleTask({ ...task, ...schedule }),
      }),
    };
  },
});

/** An SLI source no SLO uses: registered so that the plugin schedules its SLI sync. */
const fakeSliSource = createBackendModule({
  pluginId: 'reliability',
  moduleId: 'replicas-fake-source',
  register(env) {
    env.registerInit({
      deps: { sources: reliabilitySliSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSliSource({
          type: 'ReplicasFake',
          fetchBuckets: async () => [],
        });
      },
    });
  },
});

// Before the backend is up, nothing to stop.
let stop: () => Promise<void> = async () => {};
process.on('message', message => {
  // Runs a scheduled task now (its next run is brought forward in the shared table).
  if (typeof message === 'object' && message !== null && 'trigger' in message) {
    const taskId = String((message as { trigger: string }).trigger);
    scheduler
      ?.triggerTask(taskId)
      .catch(e => process.stderr.write(`trigger ${taskId}: ${e}\n`));
    return;
  }
  if (message !== 'stop') return;
  stop().then(
    () => process.exit(0),
    error => {
      process.stderr.write(`[${options.name}] stop failed: ${error}\n`);
      process.exit(1);
    },
  );
});
// Orphaned (the test runner died): do not linger.
process.on('disconnect', () => process.exit(1));

async function main() {
  if (options.waitForGo) {
    await new Promise<void>(resolve =>
      process.on('message', message => message === 'go' && resolve()),
    );
  }
  // Named, so that the database says which replica wrote what (pg_stat_activity, and the
  // evaluation log the queue test keeps with a trigger).
  const knex = knexFactory({
    client: 'pg',
    connection: {
      connectionString: options.connection,
      application_name: options.name,
    },
  });
  const backend = await startTestBackend({
    features: [
      reliabilityPlugin,
      fakeSliSource,
      timedSchedulerFactory,
      mockServices.database.factory({ knex }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({
        data: { reliability: options.reliability },
      }),
      catalogServiceMock.factory({
        entities: [
          ...replicaEntities,
          ...bulkSloEntities(options.bulkSlos ?? 0),
        ],
      }),
    ],
  });
  stop = async () => {
    await backend.stop();
    await knex.destroy();
  };
  send({ port: (backend.server.address() as AddressInfo).port });
}

main().catch(error => {
  process.stderr.write(
    `[${options.name}] failed to start: ${error?.stack ?? error}\n`,
  );
  process.exit(1);
});
