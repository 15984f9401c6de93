import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import reliabilityBackend from '@reliability-suite/plugin-reliability-backend';
import demoPermissionPolicy from '../modules/permissionPolicy';

/**
 * A small organisation: three teams, one of them the SRE team of checkout-api, and a person
 * in each, plus someone in no team.
 */
export const TEST_CATALOG = [
  ...['team-checkout', 'team-search', 'sre-core'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  })),
  ...[
    ['alice', 'team-checkout'],
    ['sam', 'sre-core'],
    ['bob', 'team-search'],
    ['nora'],
  ].map(([name, ...memberOf]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf },
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-api',
      namespace: 'default',
      annotations: {
        'reliability-suite.dev/error-budget-policy': 'standard',
        'reliability-suite.dev/sre-team': 'sre-core',
      },
    },
    spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'search-api', namespace: 'default' },
    spec: { type: 'service', owner: 'team-search', lifecycle: 'production' },
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
      freeze: { exceptionClasses: [{ name: 'p0-fix' }] },
    },
  },
  {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'checkout-availability', namespace: 'default' },
    spec: {
      service: 'checkout-api',
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '28d', isRolling: true }],
      indicator: {
        metadata: { name: 'checkout-non-5xx' },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource: { type: 'Push', spec: {} } },
            total: { metricSource: { type: 'Push', spec: {} } },
          },
        },
      },
      objectives: [{ displayName: 'requests-succeed', target: 0.999 }],
    },
    relations: [{ type: 'sloOf', targetRef: 'component:default/checkout-api' }],
  },
];

/** What sign-in resolves as a user's ownership: the user and the groups it is a member of. */
export function ownershipOf(userEntityRef: string): string[] {
  const name = userEntityRef.split('/')[1];
  const user = TEST_CATALOG.find(
    e => e.kind === 'User' && e.metadata.name === name,
  );
  const memberOf = (
    (user?.spec as { memberOf?: string[] })?.memberOf ?? []
  ).map(g => `group:default/${g}`);
  return [userEntityRef, ...memberOf];
}

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const { principal } = credentials as BackstageCredentials<{
        type: string;
        userEntityRef?: string;
      }>;
      if (principal.type !== 'user' || !principal.userEntityRef) {
        throw new Error(`No user info for a ${principal.type} principal`);
      }
      return {
        userEntityRef: principal.userEntityRef,
        ownershipEntityRefs: ownershipOf(principal.userEntityRef),
      };
    },
  }),
});

const SERVICE_TOKEN = 'mock-service-token:';

/**
 * The mock auth service of `@backstage/backend-test-utils` (its tokens stand in for signed
 * JWTs), with the two behaviours of the real one (`@backstage/backend-defaults`'
 * DefaultAuthService) that the permission path depends on and the mock lacks:
 *
 * - `backend.auth.externalAccess` static tokens, with their `accessRestrictions`: a token
 *   restricted to other plugins is refused with the real handler's NotAllowedError, and one
 *   restricted to this plugin is a service principal carrying its restrictions, which the
 *   real permissions service (ServerPermissionClient) applies;
 * - a plugin request token made on behalf of a user authenticates as that user with the
 *   calling plugin as the actor, which is what a plugin's apply-conditions endpoint (where
 *   the permission backend evaluates conditional decisions) requires.
 */
const authFactory = createServiceFactory({
  service: coreServices.auth,
  deps: {
    plugin: coreServices.pluginMetadata,
    config: coreServices.rootConfig,
  },
  factory({ plugin, config }): AuthService {
    const pluginId = plugin.getId();
    const mock = mockServices.auth({ pluginId });
    const tokens = (
      config.getOptionalConfigArray('backend.auth.externalAccess') ?? []
    ).map(entry => ({
      token: entry.getString('options.token'),
      subject: entry.getString('options.subject'),
      restrictions: entry
        .getOptionalConfigArray('accessRestrictions')
        ?.map(r => ({
          plugin: r.getString('plugin'),
          // A string or a list, space or comma separated, as the real handler reads it.
          permissionNames: r.has('permission')
            ? [r.getOptional('permission')]
                .flat()
                .flatMap(v => String(v).split(/[ ,]/))
                .filter(Boolean)
            : undefined,
        })),
    }));
    return {
      isPrincipal: mock.isPrincipal.bind(mock) as AuthService['isPrincipal'],
      getNoneCredentials: () => mock.getNoneCredentials(),
      getOwnServiceCredentials: () => mock.getOwnServiceCredentials(),
      getLimitedUserToken: c => mock.getLimitedUserToken(c),
      listPublicServiceKeys: () => mock.listPublicServiceKeys(),
      async authenticate(token, options) {
        const external = tokens.find(t => t.token === token);
        if (external) {
          if (!external.restrictions) {
            return mockCredentials.service(external.subject);
          }
          const own = external.restrictions.find(r => r.plugin === pluginId);
          if (!own) {
            throw new NotAllowedError(
              `This token's access is restricted to plugin(s) ${external.restrictions
                .map(r => `'${r.plugin}'`)
                .join(', ')}`,
            );
          }
          return mockCredentials.service(
            external.subject,
            own.permissionNames ? { permissionNames: own.permissionNames } : {},
          );
        }
        if (token.startsWith(SERVICE_TOKEN)) {
          const { sub, obo, target } = JSON.parse(
            token.slice(SERVICE_TOKEN.length),
          );
          if (obo && sub && (!target || target === pluginId)) {
            return mockCredentials.user(obo, { actor: { subject: sub } });
          }
        }
        return mock.authenticate(token, options);
      },
      async getPluginRequestToken(options) {
        const { principal } = options.onBehalfOf as BackstageCredentials<{
          type: string;
          userEntityRef?: string;
        }>;
        if (principal.type === 'user') {
          return {
            token: `${SERVICE_TOKEN}${JSON.stringify({
              sub: `plugin:${pluginId}`,
              obo: principal.userEntityRef,
              target: options.targetPluginId,
            })}`,
          };
        }
        return mock.getPluginRequestToken(options);
      },
    };
  },
});

/**
 * A backend with the reliability plugin behind the demo's real permission path: the
 * permission backend with the demo policy, conditional decisions applied by the plugin's
 * own apply-conditions endpoint, the real httpAuth and permissions services.
 */
export async function startPermissionTestBackend(config: object = {}) {
  return startTestBackend({
    features: [
      reliabilityBackend,
      permissionBackend,
      demoPermissionPolicy,
      catalogServiceMock.factory({ entities: TEST_CATALOG as any }),
      mockServices.rootConfig.factory({
        data: { ...config, permission: { enabled: true } },
      }),
      authFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
      userInfoFactory,
    ],
  });
}
