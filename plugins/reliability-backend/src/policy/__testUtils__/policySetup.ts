import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { BUILT_IN_DEFAULT_POLICY } from '@reliability-suite/plugin-reliability-common';
import { migrationsDir } from '../../database/migrations';
import { AuditStore } from '../../store/AuditStore';
import { PolicyStore } from '../../store/PolicyStore';
import { SloStore } from '../../store/SloStore';
import { StatusStore } from '../../store/StatusStore';
import { DisplayNames } from '../../notifications/DisplayNames';
import { ReliabilityNotifier } from '../../notifications/ReliabilityNotifier';
import { DeployGate } from '../DeployGate';
import { EntityContextCache } from '../EntityContextCache';
import { PolicyActions } from '../PolicyActions';
import { PolicyContexts } from '../PolicyContexts';
import { PolicyEvaluation } from '../PolicyEvaluation';
import { PolicyResolver } from '../PolicyResolver';
import { PolicyStates } from '../PolicyStates';
import { PolicyViews } from '../PolicyViews';

/**
 * The catalog, policies and wiring the policy tests share: evaluation, actions, the gate
 * and the views over one database and one clock, as the plugin wires them.
 */

export const DAY = 86_400_000;
export const T0 = Date.parse('2026-11-01T00:00:00Z');

const policy = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'reliability-suite.dev/v1alpha1',
  kind: 'ErrorBudgetPolicy',
  metadata: { name, namespace: 'default', title: `Policy ${name}` },
  spec,
});

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: 'commerce',
      namespace: 'default',
      annotations: { 'reliability-suite.dev/error-budget-policy': 'standard' },
    },
    spec: { owner: 'group:default/leadership' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'storefront',
      namespace: 'default',
      annotations: { 'reliability-suite.dev/sre-team': 'sre-core' },
    },
    spec: { owner: 'group:default/team-checkout', domain: 'commerce' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: { 'reliability-suite.dev/error-budget-policy': 'strict' },
    },
    spec: { owner: 'group:default/team-payments', domain: 'commerce' },
  },
  ...[
    ['checkout-api', 'storefront', {}],
    ['payments-gateway', 'payments', {}],
    [
      'search-api',
      undefined,
      { 'reliability-suite.dev/error-budget-policy': 'missing' },
    ],
    ['orphan', undefined, {}],
  ].map(([name, system, annotations]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: name === 'payments-gateway' ? 'team-payments' : 'team-checkout',
      lifecycle: 'production',
      ...(system ? { system } : {}),
    },
  })),
  policy('standard', {
    owner: 'group:default/sre-core',
    states: [
      { name: 'healthy', remainingAbove: 0.25, consequences: 'Ship.' },
      { name: 'at-risk', remainingAbove: 0, consequences: 'Careful.' },
      { name: 'exhausted', consequences: 'Frozen.', freeze: true },
    ],
    freeze: { exceptionClasses: [{ name: 'p0-fix' }, { name: 'security' }] },
    escalation: { afterWindows: 2, to: 'group:default/leadership' },
  }),
  policy('strict', {
    owner: 'group:default/team-payments',
    autoEnact: true,
    states: [
      { name: 'healthy', remainingAbove: 0.5, consequences: 'Ship.' },
      { name: 'at-risk', remainingAbove: 0.1, consequences: 'Careful.' },
      { name: 'exhausted', consequences: 'Frozen.', freeze: true },
    ],
    freeze: {
      exceptionClasses: [
        { name: 'security', preApproved: true },
        { name: 'regulatory-fix' },
      ],
    },
  }),
];

/** A fresh database with the policy services over it; `cache` adds the shared context cache. */
export async function setupPolicies(
  databases: TestDatabases,
  databaseId: Parameters<TestDatabases['init']>[0],
  options: { cache?: boolean } = {},
) {
  const knex = await databases.init(databaseId);
  await knex.migrate.latest({ directory: migrationsDir });
  let now = T0;
  const clock = () => now;
  const send = jest.fn().mockResolvedValue(undefined);
  const catalog = catalogServiceMock({ entities: entities as any });
  const auth = mockServices.auth();
  const logger = mockServices.logger.mock();
  const slos = new SloStore(knex);
  const statuses = new StatusStore(knex);
  const store = new PolicyStore(knex);
  const audit = new AuditStore(knex);
  const resolver = new PolicyResolver({
    spec: BUILT_IN_DEFAULT_POLICY,
    title: 'Default',
  });
  const contexts = new PolicyContexts({
    resolver,
    catalog,
    auth,
    cache: options.cache
      ? new EntityContextCache({
          catalog,
          auth,
          resolver,
          ttlMs: 30_000,
          now: clock,
        })
      : undefined,
  });
  const notifier = new ReliabilityNotifier({
    notifications: { send },
    names: new DisplayNames({ catalog, auth, logger }),
    logger,
  });
  const states = new PolicyStates({ store, slos, statuses, now: clock });
  const actions = new PolicyActions({
    db: knex,
    contexts,
    states,
    store,
    audit,
    notifier,
    now: clock,
  });
  const evaluation = new PolicyEvaluation({
    db: knex,
    contexts,
    states,
    actions,
    store,
    audit,
    slos,
    notifier,
    logger: mockServices.logger.mock(),
    now: clock,
  });
  const views = new PolicyViews({ contexts, states, store, now: clock });
  const gate = new DeployGate({ contexts, reads: store });
  /** Gives the service one SLO (28-day window) with this much budget left. */
  async function budget(
    name: string,
    remaining: number | null,
    dataQuality?: 'partial',
  ) {
    const sloRef = `slo:default/${name}-slo`;
    await slos.upsert([
      {
        sloRef,
        serviceRef: `component:default/${name}`,
        title: sloRef,
        definitionHash: 'h',
        definition: {
          budgetingMethod: 'Occurrences',
          window: { kind: 'rolling', durationMs: 28 * DAY },
          objectives: [{ name: 'o', target: 0.99 }],
        },
      },
    ]);
    await statuses.upsert([
      {
        sloRef,
        objective: 'o',
        serviceRef: `component:default/${name}`,
        state: 'healthy',
        remaining,
        status: dataQuality ? { dataQuality } : {},
        evaluatedAt: now,
      },
    ]);
  }
  const events = async () =>
    (await audit.list({ category: 'policy', limit: 100 })).items;
  return {
    knex,
    catalog,
    evaluation,
    policyActions: actions,
    deployGate: gate,
    views,
    store,
    statuses,
    send,
    budget,
    events,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
