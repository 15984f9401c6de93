import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  APP_CONFIG_POLICY_REF,
  BUILT_IN_DEFAULT_POLICY,
} from '@reliability-suite/plugin-reliability-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrationsDir } from '../database/migrations';
import { AuditStore } from '../store/AuditStore';
import { PolicyStore } from '../store/PolicyStore';
import { SloStore } from '../store/SloStore';
import { StatusStore } from '../store/StatusStore';
import { DisplayNames } from '../notifications/DisplayNames';
import { ReliabilityNotifier } from '../notifications/ReliabilityNotifier';
import { EntityContextCache } from './EntityContextCache';
import { PolicyResolver } from './PolicyResolver';
import { PolicyService, SYSTEM_ACTOR } from './PolicyService';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');

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

describe.each(ids)('PolicyService on %s', databaseId => {
  async function setup(options: { cache?: boolean } = {}) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    let now = T0;
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
    const service = new PolicyService({
      db: knex,
      resolver,
      contexts: options.cache
        ? new EntityContextCache({
            catalog,
            auth,
            resolver,
            ttlMs: 30_000,
            now: () => now,
          })
        : undefined,
      catalog,
      auth,
      store,
      audit,
      slos,
      statuses,
      notifier: new ReliabilityNotifier({
        notifications: { send },
        names: new DisplayNames({ catalog, auth, logger }),
        logger,
      }),
      logger: mockServices.logger.mock(),
      now: () => now,
    });
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
      service,
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

  it('selects the policy on the entity, else its System, else its Domain, else the default', async () => {
    const { service, knex } = await setup();
    const checkout = await service.entityPolicy(
      'component:default/checkout-api',
    );
    expect(checkout.policy.ref).toBe('errorbudgetpolicy:default/standard');
    expect(checkout.source).toBe('domain');
    expect(checkout.sourceRef).toBe('domain:default/commerce');
    expect(checkout.policy.escalation).toEqual({
      afterWindows: 2,
      to: 'group:default/leadership',
    });

    const payments = await service.entityPolicy(
      'component:default/payments-gateway',
    );
    expect(payments.policy.ref).toBe('errorbudgetpolicy:default/strict');
    expect(payments.source).toBe('system');

    const orphan = await service.entityPolicy('component:default/orphan');
    expect(orphan.policy.ref).toBe(APP_CONFIG_POLICY_REF);
    expect(orphan.source).toBe('default');
    expect(orphan.problem).toBeNull();

    // A policy that is selected but missing is reported, and the default applies.
    const search = await service.entityPolicy('component:default/search-api');
    expect(search.policy.ref).toBe(APP_CONFIG_POLICY_REF);
    expect(search.problem).toMatch(
      /component:default\/search-api selects errorbudgetpolicy:default\/missing is not in the catalog/,
    );
    await expect(
      service.entityPolicy('component:default/nope'),
    ).rejects.toThrow(NotFoundError);
    await knex.destroy();
  });

  it('recommends a state from the budget, records and announces changes once', async () => {
    const { service, budget, events, send, advance, knex } = await setup();
    await budget('checkout-api', 0.6);
    await service.evaluateEntities(['component:default/checkout-api']);
    // A first evaluation that finds the best state is not news.
    expect(await events()).toEqual([]);
    expect(send).not.toHaveBeenCalled();

    advance(60_000);
    await budget('checkout-api', 0.1);
    await service.evaluateEntities(['component:default/checkout-api']);
    await service.evaluateEntities(['component:default/checkout-api']);
    const [changed, ...rest] = await events();
    expect(rest).toEqual([]);
    expect(changed).toMatchObject({
      action: 'policy.state-changed',
      actorRef: SYSTEM_ACTOR,
      entityRef: 'component:default/checkout-api',
      subjectRef: 'errorbudgetpolicy:default/standard',
      details: { from: 'healthy', to: 'at-risk', budgetRemaining: 0.1 },
    });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0].recipients.entityRef).toEqual([
      'group:default/team-checkout',
      'group:default/sre-core',
    ]);

    const view = await service.entityPolicy('component:default/checkout-api');
    expect(view.status).toMatchObject({
      state: 'at-risk',
      consequences: 'Careful.',
      remaining: 0.1,
      since: new Date(T0 + 60_000).toISOString(),
      counted: 1,
      noData: 0,
      freezeRecommended: false,
    });
    // Recommended, not enacted: the gate lets changes through.
    expect(view.freeze).toBeNull();
    expect((await service.gate('component:default/checkout-api')).allowed).toBe(
      true,
    );
    await knex.destroy();
  });

  it('says how many of the objectives it judged have data for part of their window only', async () => {
    const { service, budget, advance, knex } = await setup();
    const checkout = 'component:default/checkout-api';
    await budget('checkout-api', 1, 'partial');
    await service.evaluateEntities([checkout]);
    expect((await service.entityPolicy(checkout)).status).toMatchObject({
      state: 'healthy',
      counted: 1,
      partial: 1,
    });
    advance(60_000);
    await budget('checkout-api', 0.9);
    await service.evaluateEntities([checkout]);
    expect((await service.entityPolicy(checkout)).status).toMatchObject({
      state: 'healthy',
      partial: 0,
    });
    await knex.destroy();
  });

  it("shows an objective's newer evaluation in the policy view before the policy's own evaluation stores it", async () => {
    const { service, budget, events, advance, knex } = await setup();
    const ledger = 'component:default/payments-gateway';
    await budget('payments-gateway', 1, 'partial');
    await service.evaluateEntities([ledger]);
    // The back-fill's outage is evaluated; the policy's evaluation is still to come.
    advance(5_000);
    await budget('payments-gateway', -0.5);
    const view = await service.entityPolicy(ledger);
    expect(view.status).toMatchObject({
      state: 'exhausted',
      remaining: -0.5,
      partial: 0,
      freezeRecommended: true,
      since: new Date(T0 + 5_000).toISOString(),
    });
    // Shown, not stored: the evaluation records it, announces it and freezes.
    expect(await events()).toEqual([]);
    expect(view.freeze).toBeNull();
    await service.evaluateEntities([ledger]);
    expect((await service.entityPolicy(ledger)).freeze).not.toBeNull();
    await knex.destroy();
  });

  it('enacts a freeze by itself when the policy says autoEnact, once across evaluations', async () => {
    const { service, budget, events, store, knex } = await setup();
    await budget('payments-gateway', 0.05);
    await service.evaluateEntities(['component:default/payments-gateway']);
    await service.evaluateEntities(['component:default/payments-gateway']);
    const freeze = await store.activeFreeze(
      'component:default/payments-gateway',
    );
    expect(freeze).toMatchObject({
      automatic: true,
      startedBy: SYSTEM_ACTOR,
      budgetRemaining: 0.05,
      policyRef: 'errorbudgetpolicy:default/strict',
    });
    expect((await events()).map(e => e.action).sort()).toEqual([
      'policy.freeze-enacted',
      'policy.state-changed',
    ]);
    const gate = await service.gate('component:default/payments-gateway');
    expect(gate).toMatchObject({
      allowed: false,
      frozen: true,
      state: 'exhausted',
    });
    // A pre-approved class passes without an exception; an unknown class is an input error.
    expect(
      await service.gate(
        'component:default/payments-gateway',
        'c1',
        'security',
      ),
    ).toMatchObject({ allowed: true, preApprovedClass: 'security' });
    expect(
      (
        await service.gate(
          'component:default/payments-gateway',
          'c1',
          'regulatory-fix',
        )
      ).allowed,
    ).toBe(false);
    await expect(
      service.gate('component:default/payments-gateway', 'c1', 'yolo'),
    ).rejects.toThrow(/class: 'yolo' is not an exception class/);
    await knex.destroy();
  });

  it('keeps a later evaluation over one that read the SLO status before it and finished last', async () => {
    const { service, budget, events, statuses, send, advance, knex } =
      await setup();
    const ledger = 'component:default/payments-gateway';
    // Mid back-fill: the window so far holds only good data.
    await budget('payments-gateway', 1);
    await service.evaluateEntities([ledger]);

    // The scheduled pass reads that status, then is held.
    const read = statuses.listByService.bind(statuses);
    let release!: () => void;
    const hold = new Promise<void>(r => {
      release = r;
    });
    let readDone!: () => void;
    const held = new Promise<void>(r => {
      readDone = r;
    });
    jest.spyOn(statuses, 'listByService').mockImplementationOnce(async ref => {
      const rows = await read(ref);
      readDone();
      await hold;
      return rows;
    });
    const scheduled = service.evaluateEntities([ledger]);
    await held;

    // The back-fill's outage lands: the SLO's evaluation stores an exhausted budget and
    // evaluates the policy, which freezes releases by itself.
    advance(5_000);
    await budget('payments-gateway', -0.5);
    await service.evaluateEntities([ledger]);
    expect((await service.entityPolicy(ledger)).status.state).toBe('exhausted');

    // The held pass finishes last with the budget it read before: it changes nothing.
    release();
    await scheduled;
    const view = await service.entityPolicy(ledger);
    expect(view.status).toMatchObject({
      state: 'exhausted',
      remaining: -0.5,
      evaluatedAt: new Date(T0 + 5_000).toISOString(),
    });
    expect(view.freeze).not.toBeNull();
    expect(
      (await events())
        .filter(e => e.action === 'policy.state-changed')
        .map(e => e.details.to),
    ).toEqual(['exhausted']);
    // Announced once, the exhaustion (and its freeze); never a return to healthy.
    const titles = send.mock.calls.map(c => c[0].payload.title as string);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.filter(t => /policy state healthy/i.test(t))).toEqual([]);
    await knex.destroy();
  });

  it('enacts, grants an exception for one change, and lifts, each in the audit trail', async () => {
    const { service, budget, events, send, knex } = await setup();
    const ref = 'component:default/checkout-api';
    await budget('checkout-api', -0.2);
    await service.evaluateEntities([ref]);

    const freeze = await service.enactFreeze(ref, 'user:default/erin', {
      reason: 'Budget spent on the cart outage',
      link: 'https://example.com/doc',
    });
    expect(freeze).toMatchObject({
      startedBy: 'user:default/erin',
      automatic: false,
      budgetRemaining: -0.2,
    });
    await expect(
      service.enactFreeze(ref, 'user:default/erin', { reason: 'again' }),
    ).rejects.toThrow(ConflictError);
    expect((await service.gate(ref, 'abc123')).allowed).toBe(false);

    // An unknown class is refused and writes nothing.
    const before = (await events()).length;
    await expect(
      service.grantException(ref, 'user:default/erin', {
        changeId: 'abc123',
        exceptionClass: 'yolo',
        reason: 'x',
      }),
    ).rejects.toThrow(InputError);
    expect((await events()).length).toBe(before);

    const exception = await service.grantException(ref, 'user:default/erin', {
      changeId: 'abc123',
      exceptionClass: 'p0-fix',
      reason: 'Fixes the outage',
    });
    expect(exception).toMatchObject({
      changeId: 'abc123',
      freezeId: freeze.id,
    });
    const pass = await service.gate(ref, 'abc123');
    expect(pass).toMatchObject({
      allowed: true,
      exception: { id: exception.id },
    });
    expect(pass.reason).toMatch(/change abc123 has an exception \(p0-fix\)/);
    expect((await service.gate(ref, 'other')).allowed).toBe(false);
    expect((await service.entityPolicy(ref)).exceptions).toHaveLength(1);

    await service.liftFreeze(ref, 'user:default/erin', { reason: 'Recovered' });
    await expect(
      service.liftFreeze(ref, 'user:default/erin', { reason: 'again' }),
    ).rejects.toThrow(ConflictError);
    await expect(
      service.grantException(ref, 'user:default/erin', {
        changeId: 'late',
        exceptionClass: 'p0-fix',
        reason: 'x',
      }),
    ).rejects.toThrow(/no freeze in force/);
    expect((await service.gate(ref, 'other')).allowed).toBe(true);
    expect((await service.entityPolicy(ref)).exceptions).toEqual([]);

    const actions = (await events()).map(e => e.action);
    expect(actions).toEqual([
      'policy.freeze-lifted',
      'policy.exception-granted',
      'policy.freeze-enacted',
      'policy.state-changed',
    ]);
    const [lifted] = await events();
    expect(lifted).toMatchObject({
      actorRef: 'user:default/erin',
      reason: 'Recovered',
      details: { budgetRemaining: -0.2, state: 'exhausted' },
    });
    // Each action told the owning and SRE teams once; refused attempts told no one.
    expect(
      send.mock.calls.map(c => [c[0].payload.title, c[0].payload.scope]),
    ).toEqual([
      [
        'checkout-api: policy state exhausted',
        `reliability.policy-state:${ref}`,
      ],
      [
        'checkout-api: release freeze by erin',
        `reliability.freeze:${ref}:${freeze.id}`,
      ],
      [
        'checkout-api: exception for change abc123 by erin',
        `reliability.exception:${ref}:abc123`,
      ],
      [
        'checkout-api: release freeze lifted by erin',
        `reliability.freeze:${ref}:${freeze.id}`,
      ],
    ]);
    expect(send.mock.calls[1][0].recipients.entityRef).toEqual([
      'group:default/team-checkout',
      'group:default/sre-core',
    ]);
    await knex.destroy();
  });

  it('escalates after N windows out of budget until leadership decides', async () => {
    const { service, budget, advance, send, knex } = await setup();
    const ref = 'component:default/checkout-api';
    const escalations = () =>
      send.mock.calls
        .map(c => c[0])
        .filter(o => o.payload.scope === `reliability.escalation:${ref}`);
    await budget('checkout-api', -0.1);
    await service.evaluateEntities([ref]);
    expect((await service.entityPolicy(ref)).escalation).toMatchObject({
      windowsOutOfBudget: 1,
      afterWindows: 2,
      due: false,
      outOfBudgetSince: new Date(T0).toISOString(),
    });
    advance(28 * DAY + 1);
    await service.evaluateEntities([ref]);
    expect((await service.entityPolicy(ref)).escalation).toMatchObject({
      windowsOutOfBudget: 2,
      due: true,
      to: 'group:default/leadership',
    });
    // Told once, to leadership and the teams, however often the policy is evaluated.
    await service.evaluateEntities([ref]);
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]).toMatchObject({
      recipients: {
        entityRef: [
          'group:default/leadership',
          'group:default/team-checkout',
          'group:default/sre-core',
        ],
      },
      payload: {
        title: 'checkout-api: leadership decision due from leadership',
        severity: 'high',
      },
    });

    await expect(
      service.recordDecision(ref, 'user:default/grace', {
        decision: 'accept-risk',
        reason: 'Launch first',
      }),
    ).rejects.toThrow(/acceptUntil: required/);
    await expect(
      service.recordDecision(ref, 'user:default/grace', {
        decision: 'accept-risk',
        reason: 'Launch first',
        acceptUntil: new Date(T0).toISOString(),
      }),
    ).rejects.toThrow(/acceptUntil: .* must be a date-time in the future/);
    await expect(
      service.recordDecision(ref, 'user:default/grace', {
        decision: 'fund-reliability',
        reason: 'x',
        acceptUntil: new Date(T0 + 90 * DAY).toISOString(),
      }),
    ).rejects.toThrow(/acceptUntil: only for accept-risk/);

    const decision = await service.recordDecision(ref, 'user:default/grace', {
      decision: 'fund-reliability',
      reason: 'Two engineers on the cart retries for a quarter',
    });
    expect(decision).toMatchObject({
      decision: 'fund-reliability',
      decidedBy: 'user:default/grace',
      budgetRemaining: -0.1,
    });
    expect((await service.entityPolicy(ref)).escalation).toMatchObject({
      due: false,
      decision: { id: decision.id },
    });
    // The decision replaces the escalation's notification (same scope); answered, the
    // escalation does not become overdue.
    expect(escalations().map(o => o.payload.title)).toEqual([
      'checkout-api: leadership decision due from leadership',
      'checkout-api: decision by grace, fund reliability work',
    ]);
    advance(28 * DAY);
    await service.evaluateEntities([ref]);
    expect(escalations()).toHaveLength(2);

    // Back in budget: the out-of-budget period ends.
    await budget('checkout-api', 0.4);
    await service.evaluateEntities([ref]);
    expect((await service.entityPolicy(ref)).escalation).toMatchObject({
      windowsOutOfBudget: 0,
      due: false,
      outOfBudgetSince: null,
    });
    await knex.destroy();
  });

  it('tells leadership again when an unanswered escalation becomes overdue, once', async () => {
    const { service, budget, advance, send, knex } = await setup();
    const ref = 'component:default/checkout-api';
    await budget('checkout-api', -0.1);
    await service.evaluateEntities([ref]);
    const titles = () =>
      send.mock.calls
        .map(c => c[0].payload)
        .filter(p => p.scope === `reliability.escalation:${ref}`)
        .map(p => `${p.severity} ${p.title}`);
    expect(titles()).toEqual([]);
    // The backend was down across the whole second window: the next evaluation still tells.
    advance(2 * 28 * DAY);
    await service.evaluateEntities([ref]);
    await service.evaluateEntities([ref]);
    expect(titles()).toEqual([
      'critical checkout-api: leadership decision overdue from leadership',
    ]);
    await knex.destroy();
  });

  it('with the shared cache, evaluates many entities from a few batched catalog reads, to the same result', async () => {
    const refs = [
      'component:default/checkout-api',
      'component:default/payments-gateway',
      'component:default/search-api',
      'component:default/orphan',
      'component:default/gone',
    ];
    const run = async (cache: boolean) => {
      const { service, catalog, store, budget, knex } = await setup({ cache });
      await budget('checkout-api', 0.5);
      await budget('payments-gateway', -0.1);
      const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
      const byRef = jest.spyOn(catalog, 'getEntityByRef');
      await service.evaluateEntities(refs);
      const statuses = (await store.listStatuses()).map(s => ({
        entityRef: s.entityRef,
        policyRef: s.policyRef,
        state: s.state,
        source: s.source,
      }));
      // Entity reads only: the notifications' display names ask for a few fields.
      const calls =
        byRefs.mock.calls.filter(([request]) => !request.fields).length +
        byRef.mock.calls.length;
      await knex.destroy();
      return { statuses, calls, byRef: byRef.mock.calls.length };
    };
    const fresh = await run(false);
    const cached = await run(true);
    expect(cached.statuses).toEqual(fresh.statuses);
    expect(cached.statuses.map(s => s.entityRef).sort()).toEqual(
      refs.filter(r => r !== 'component:default/gone').sort(),
    );
    // Before: each entity, System, Domain and policy asked one by one.
    expect(fresh.byRef).toBeGreaterThanOrEqual(10);
    // With the cache: the five entities in one call, then their Systems, Domains, policies.
    expect(cached.byRef).toBe(0);
    expect(cached.calls).toBeLessThanOrEqual(4);
  });

  it('answers the gate for an entity never evaluated, and 404s an unknown one', async () => {
    const { service, knex } = await setup();
    expect(await service.gate('component:default/orphan')).toMatchObject({
      allowed: true,
      frozen: false,
      policyRef: APP_CONFIG_POLICY_REF,
      state: null,
    });
    await expect(service.gate('component:default/nope')).rejects.toThrow(
      NotFoundError,
    );
    await knex.destroy();
  });
});
