import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  reliabilityPolicyEnactPermission,
  reliabilityPostmortemWritePermission,
  reliabilityReviewSignoffPermission,
  reliabilitySliWritePermission,
  reliabilitySloHistoryWritePermission,
} from '@reliability-suite/plugin-reliability-common';
import reliabilityBackend from '@reliability-suite/plugin-reliability-backend';
import request from 'supertest';
import { ReliabilityDemoPermissionPolicy } from './permissionPolicy';

jest.setTimeout(60_000);

/** The demo's people and the groups they belong to (what sign-in resolves as ownership). */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/erin': ['group:default/sre-core'],
  'user:default/pat': ['group:default/team-checkout'],
  'user:default/grace': ['group:default/engineering-leadership'],
  'user:default/sam': ['group:default/sre-platform'],
  'user:default/mallory': ['group:default/team-search'],
};

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-api',
      namespace: 'default',
      annotations: {
        'reliability-suite.dev/error-budget-policy': 'standard',
        'reliability-suite.dev/sre-team': 'sre-platform',
      },
    },
    spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
  },
  {
    apiVersion: 'reliability-suite.dev/v1alpha1',
    kind: 'ErrorBudgetPolicy',
    metadata: { name: 'standard', namespace: 'default' },
    spec: {
      owner: 'group:default/sre-core',
      states: [
        { name: 'healthy', remainingAbove: 0, consequences: 'Ship.' },
        { name: 'exhausted', consequences: 'Frozen.', freeze: true },
      ],
      escalation: { afterWindows: 2, to: 'engineering-leadership' },
    },
  },
];

const policy = new ReliabilityDemoPermissionPolicy();

function userOf(userEntityRef: string) {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: {
      userEntityRef,
      ownershipEntityRefs: [
        userEntityRef,
        ...(MEMBERSHIP[userEntityRef] ?? []),
      ],
    },
  };
}

/**
 * The policy's decision, with its conditions applied by the reliability plugin itself (the
 * endpoint the permission backend calls), so the parties come from the real resolution.
 */
async function decide(
  server: Awaited<ReturnType<typeof startTestBackend>>['server'],
  permission: typeof reliabilityPolicyEnactPermission,
  user: string,
) {
  const decision = await policy.handle({ permission }, userOf(user));
  expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
  const { pluginId, resourceType, conditions } =
    decision as ConditionalPolicyDecision;
  expect(pluginId).toBe('reliability');
  const res = await request(server)
    .post('/api/reliability/.well-known/backstage/permissions/apply-conditions')
    .set('Authorization', mockCredentials.service.header())
    .send({
      items: [
        {
          id: '1',
          resourceRef: 'component:default/checkout-api',
          resourceType,
          conditions,
        },
      ],
    });
  expect(res.status).toBe(200);
  return res.body.items[0].result;
}

describe('the demo permission policy', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        reliabilityBackend,
        catalogServiceMock.factory({ entities: entities as any }),
      ],
    }));
  });

  it.each([
    ['the policy’s owning group', 'user:default/erin', 'ALLOW'],
    ['the entity’s SRE team', 'user:default/sam', 'ALLOW'],
    ['the escalation group', 'user:default/grace', 'ALLOW'],
    ['the owning team, not a policy party', 'user:default/pat', 'DENY'],
    ['another team', 'user:default/mallory', 'DENY'],
  ])('policy.enact for %s (%s): %s', async (_why, user, result) => {
    expect(await decide(server, reliabilityPolicyEnactPermission, user)).toBe(
      result,
    );
  });

  it.each([
    ['user:default/sam', 'ALLOW'],
    ['user:default/erin', 'DENY'],
    ['user:default/pat', 'DENY'],
  ])('review.signoff only for the SRE team: %s → %s', async (user, result) => {
    expect(
      await decide(server, reliabilityReviewSignoffPermission as any, user),
    ).toBe(result);
  });

  it.each([
    ['user:default/pat', 'ALLOW'],
    ['user:default/sam', 'ALLOW'],
    ['user:default/mallory', 'DENY'],
  ])(
    'postmortem.write for owner and SRE team: %s → %s',
    async (user, result) => {
      expect(
        await decide(server, reliabilityPostmortemWritePermission as any, user),
      ).toBe(result);
    },
  );

  it.each([
    ['user:default/pat', 'ALLOW'],
    ['user:default/sam', 'ALLOW'],
    ['user:default/mallory', 'DENY'],
  ])(
    'slo.history.write for owner and SRE team: %s → %s',
    async (user, result) => {
      expect(
        await decide(server, reliabilitySloHistoryWritePermission as any, user),
      ).toBe(result);
    },
  );

  it('denies entity mutations to callers without a user, allows the rest', async () => {
    expect(
      await policy.handle({ permission: reliabilityPolicyEnactPermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await policy.handle({ permission: reliabilitySliWritePermission }),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy.handle({
        permission: createPermission({
          name: 'catalog.entity.read',
          attributes: { action: 'read' },
        }),
      }),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
