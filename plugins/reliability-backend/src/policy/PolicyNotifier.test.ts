import { mockServices } from '@backstage/backend-test-utils';
import { entityReliabilityPath } from '@reliability-suite/plugin-reliability-common';
import { PolicyNotifier } from './PolicyNotifier';

const notice = {
  entityRef: 'component:default/checkout-api',
  recipients: ['group:default/team-checkout', 'group:default/sre-core'],
  actorRef: 'user:default/erin',
  title: 'component:default/checkout-api: release freeze enacted',
  description: 'Budget spent',
  severity: 'critical' as const,
  link: entityReliabilityPath('component:default/checkout-api'),
};

describe('PolicyNotifier', () => {
  it('sends to the teams, leaving out who acted, linking the Reliability tab', async () => {
    const send = jest.fn().mockResolvedValue(undefined);
    await new PolicyNotifier({ send }, mockServices.logger.mock()).notify(
      notice,
    );
    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: notice.recipients,
        excludeEntityRef: 'user:default/erin',
      },
      payload: expect.objectContaining({
        title: notice.title,
        severity: 'critical',
        link: '/catalog/default/component/checkout-api/reliability',
        topic: 'reliability:component:default/checkout-api',
      }),
    });
  });

  it('never fails the change it reports when the notifications backend is missing, and warns once', async () => {
    const logger = mockServices.logger.mock();
    const notifier = new PolicyNotifier(
      { send: jest.fn().mockRejectedValue(new Error('404 Not Found')) },
      logger,
    );
    await expect(notifier.notify(notice)).resolves.toBeUndefined();
    await expect(notifier.notify(notice)).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(/notifications backend/);
  });

  it('sends nothing without recipients', async () => {
    const send = jest.fn();
    await new PolicyNotifier({ send }, mockServices.logger.mock()).notify({
      ...notice,
      recipients: [],
    });
    expect(send).not.toHaveBeenCalled();
  });
});
