import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';

/**
 * A scheduler that runs nothing by itself: it keeps the plugin's tasks so that a test runs
 * one when it needs it (`run('reliability-slo-catalog-sync')`), and none runs behind its back.
 */
export function capturingScheduler() {
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const factory = createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory(): SchedulerService {
      const scheduleTask: SchedulerService['scheduleTask'] = async task => {
        tasks.set(task.id, task);
      };
      return {
        scheduleTask,
        triggerTask: async () => {},
        cancelTask: async () => {},
        getScheduledTasks: async () => [],
        createScheduledTaskRunner: schedule => ({
          run: task => scheduleTask({ ...task, ...schedule }),
        }),
      };
    },
  });
  /** Runs one scheduled task to its end; throws what it throws. */
  const run = async (id: string): Promise<void> => {
    const task = tasks.get(id);
    if (!task) throw new Error(`No task ${id} was scheduled`);
    await task.fn(new AbortController().signal);
  };
  return { factory, run };
}
