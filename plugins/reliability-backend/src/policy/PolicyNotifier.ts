import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';

export type PolicyNotice = {
  entityRef: string;
  /** Groups (and users) to tell: the owning team and the SRE team. */
  recipients: string[];
  /** Who caused it, left out of the recipients. */
  actorRef?: string;
  title: string;
  description: string;
  severity: 'critical' | 'high' | 'normal' | 'low';
  /** The entity's Reliability tab. */
  link: string;
};

/**
 * Tells the owning team and the SRE team about policy state changes and freezes through
 * Backstage's notifications service. Without the notifications backend the send fails; that
 * is logged once and otherwise ignored, because a missing notification must never undo or
 * block the state change it describes.
 */
export class PolicyNotifier {
  private warned = false;

  constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
  ) {}

  async notify(notice: PolicyNotice): Promise<void> {
    if (!this.notifications || notice.recipients.length === 0) return;
    try {
      await this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: notice.recipients,
          ...(notice.actorRef ? { excludeEntityRef: notice.actorRef } : {}),
        },
        payload: {
          title: notice.title,
          description: notice.description,
          link: notice.link,
          severity: notice.severity,
          topic: `reliability:${notice.entityRef}`,
          scope: `reliability-policy:${notice.entityRef}`,
        },
      });
    } catch (e) {
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(
          `Policy notifications are not delivered (is the notifications backend installed?): ${e}`,
        );
      }
    }
  }
}
