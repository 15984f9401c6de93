import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  catalogEntity,
  errorBudgetPolicy,
  pushSlo,
  standardPolicy,
} from './catalogFixtures';

/**
 * A catalog read policy that hides one team's entities, for the tests of reads filtered by
 * the caller's catalog visibility: mallory may not see team-payments' services nor their
 * SLOs (a conditional decision of catalog.entity.read, applied by the catalog); erin's
 * catalog.entity.read is an unconditional ALLOW.
 */

const component = (name: string, owner: string) =>
  catalogEntity(
    'Component',
    name,
    { type: 'service', owner, lifecycle: 'production', system: 'shop' },
    {
      'reliability-suite.dev/error-budget-policy': 'standard',
      // Both supported by sre-core, a team mallory may see.
      'reliability-suite.dev/sre-team': 'group:default/sre-core',
      'reliability-suite.dev/engagement': 'supported',
    },
  );
// A capacity makes each an SRE team, with a time budget.
const group = (name: string) =>
  catalogEntity(
    'Group',
    name,
    { type: 'team', children: [] },
    { 'reliability-suite.dev/capacity': '4' },
  );
const policy = standardPolicy();

/** The catalog: two teams' services and SLOs, their System, the SRE teams, two policies. */
export const entities = [
  component('checkout-api', 'group:default/team-checkout'),
  component('payments-api', 'group:default/team-payments'),
  pushSlo('checkout-availability', 'checkout-api'),
  pushSlo('payments-availability', 'payments-api'),
  group('team-checkout'),
  group('team-payments'),
  group('sre-core'),
  catalogEntity('System', 'shop', { owner: 'group:default/team-checkout' }),
  policy,
  errorBudgetPolicy('payments-standard', {
    ...policy.spec,
    owner: 'group:default/team-payments',
  }),
] as any[];
/** What the catalog policy hides from mallory: team-payments, its service and its SLO. */
export const hiddenFromMallory = (e: any) =>
  e.spec?.owner === 'group:default/team-payments' ||
  e.spec?.service === 'payments-api' ||
  e.metadata.name === 'team-payments';

export const ERIN = 'user:default/erin';
export const MALLORY = 'user:default/mallory';
export const isMallory = (credentials?: BackstageCredentials) =>
  (credentials?.principal as any)?.userEntityRef === MALLORY;

/** The catalog as each caller sees it, and the reads made with a user's credentials. */
export function visibilityCatalog() {
  const full = catalogServiceMock({ entities });
  const restricted = catalogServiceMock({
    entities: entities.filter(e => !hiddenFromMallory(e)),
  });
  const userReads: string[] = [];
  const service = new Proxy(full, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      return (query: unknown, options?: { credentials?: any }) => {
        if ((options?.credentials?.principal as any)?.type === 'user') {
          userReads.push(String(property));
        }
        const catalog = isMallory(options?.credentials) ? restricted : full;
        return (catalog as any)[property](query, options);
      };
    },
  });
  return {
    userReads,
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => service,
    }),
  };
}

/**
 * catalog.entity.read: conditional for mallory (the catalog applies it), ALLOW otherwise;
 * every other permission ALLOW. A new mock each call, so a test may count its calls.
 */
export const catalogReadPolicy = () =>
  mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(() =>
        isMallory(credentials)
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                not: {
                  rule: 'IS_ENTITY_OWNER',
                  resourceType: 'catalog-entity',
                  params: { claims: ['group:default/team-payments'] },
                },
              },
            }
          : { result: AuthorizeResult.ALLOW },
      ) as any,
  });
