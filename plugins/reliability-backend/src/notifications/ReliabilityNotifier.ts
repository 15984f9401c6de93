import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DisplayNames } from './DisplayNames';
import { ReliabilityEvent, ReliabilityNotifications } from './events';
import { notificationFor, refsNamedBy } from './messages';

/** A send that takes longer than this is given up: the action that triggered it waits. */
const SEND_TIMEOUT_MS = 10_000;

/**
 * Tells the responsible teams what happened to an entity, through Backstage's notifications
 * service (the notifications backend delivers it to each member's inbox). A notification is
 * a side effect of an action already committed: whatever goes wrong here (the catalog, the
 * notifications backend missing or slow) is logged and never fails or undoes that action.
 */
export class ReliabilityNotifier implements ReliabilityNotifications {
  /** Whether the last send failed: repeated failures are logged once, not per event. */
  private failing = false;

  constructor(
    private readonly deps: {
      notifications: NotificationService | undefined;
      names: DisplayNames;
      logger: LoggerService;
      timeoutMs?: number;
    },
  ) {}

  async notify(event: ReliabilityEvent): Promise<void> {
    const { notifications, names, logger } = this.deps;
    if (!notifications) return;
    try {
      const options = notificationFor(
        event,
        await names.resolve(refsNamedBy(event)),
      );
      if (!options) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error('no answer in time')),
          this.deps.timeoutMs ?? SEND_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([notifications.send(options), timeout]);
      } finally {
        clearTimeout(timer);
      }
      if (this.failing) {
        this.failing = false;
        logger.info('Reliability notifications are delivered again');
      }
    } catch (e) {
      // The error's name and message only: never the request it was sending (it carries
      // the service token in its headers).
      const error = e as Error;
      const detail = `${error?.name ?? 'Error'}: ${
        error?.message ?? String(e)
      }`;
      if (!this.failing) {
        this.failing = true;
        logger.warn(
          `The ${event.kind} notification about ${event.entityRef} was not delivered (is the notifications backend installed and up?); the ${event.kind} itself stands. ${detail}`,
        );
      } else {
        logger.debug(
          `The ${event.kind} notification about ${event.entityRef} was not delivered either: ${detail}`,
        );
      }
    }
  }
}
