import { createTestDatabases } from '../__testUtils__/testDatabases';
import { T0, setupPolicies } from './__testUtils__/policySetup';
import { SYSTEM_ACTOR } from './PolicyEvaluation';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('PolicyEvaluation on %s', databaseId => {
  const setup = (options: { cache?: boolean } = {}) =>
    setupPolicies(databases, databaseId, options);

  it('recommends a state from the budget, records and announces changes once', async () => {
    const {
      evaluation,
      deployGate,
      views,
      budget,
      events,
      send,
      advance,
      knex,
    } = await setup();
    await budget('checkout-api', 0.6);
    await evaluation.evaluateEntities(['component:default/checkout-api']);
    // A first evaluation that finds the best state is not news.
    expect(await events()).toEqual([]);
    expect(send).not.toHaveBeenCalled();

    advance(60_000);
    await budget('checkout-api', 0.1);
    await evaluation.evaluateEntities(['component:default/checkout-api']);
    await evaluation.evaluateEntities(['component:default/checkout-api']);
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

    const view = await views.entityPolicy('component:default/checkout-api');
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
    expect(
      (await deployGate.decide('component:default/checkout-api')).allowed,
    ).toBe(true);
    await knex.destroy();
  });

  it('says how many of the objectives it judged have data for part of their window only', async () => {
    const { evaluation, views, budget, advance, knex } = await setup();
    const checkout = 'component:default/checkout-api';
    await budget('checkout-api', 1, 'partial');
    await evaluation.evaluateEntities([checkout]);
    expect((await views.entityPolicy(checkout)).status).toMatchObject({
      state: 'healthy',
      counted: 1,
      partial: 1,
    });
    advance(60_000);
    await budget('checkout-api', 0.9);
    await evaluation.evaluateEntities([checkout]);
    expect((await views.entityPolicy(checkout)).status).toMatchObject({
      state: 'healthy',
      partial: 0,
    });
    await knex.destroy();
  });

  it('enacts a freeze by itself when the policy says autoEnact, once across evaluations', async () => {
    const { evaluation, deployGate, budget, events, store, knex } =
      await setup();
    await budget('payments-gateway', 0.05);
    await evaluation.evaluateEntities(['component:default/payments-gateway']);
    await evaluation.evaluateEntities(['component:default/payments-gateway']);
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
    const gate = await deployGate.decide('component:default/payments-gateway');
    expect(gate).toMatchObject({
      allowed: false,
      frozen: true,
      state: 'exhausted',
    });
    // A pre-approved class passes without an exception; an unknown class is an input error.
    expect(
      await deployGate.decide(
        'component:default/payments-gateway',
        'c1',
        'security',
      ),
    ).toMatchObject({ allowed: true, preApprovedClass: 'security' });
    expect(
      (
        await deployGate.decide(
          'component:default/payments-gateway',
          'c1',
          'regulatory-fix',
        )
      ).allowed,
    ).toBe(false);
    await expect(
      deployGate.decide('component:default/payments-gateway', 'c1', 'yolo'),
    ).rejects.toThrow(/class: 'yolo' is not an exception class/);
    await knex.destroy();
  });

  it('keeps a later evaluation over one that read the SLO status before it and finished last', async () => {
    const { evaluation, views, budget, events, statuses, send, advance, knex } =
      await setup();
    const ledger = 'component:default/payments-gateway';
    // Mid back-fill: the window so far holds only good data.
    await budget('payments-gateway', 1);
    await evaluation.evaluateEntities([ledger]);

    // The scheduled pass reads that status, then is held.
    const read = statuses.listByServices.bind(statuses);
    let release!: () => void;
    const hold = new Promise<void>(r => {
      release = r;
    });
    let readDone!: () => void;
    const held = new Promise<void>(r => {
      readDone = r;
    });
    jest
      .spyOn(statuses, 'listByServices')
      .mockImplementationOnce(async refs => {
        const rows = await read(refs);
        readDone();
        await hold;
        return rows;
      });
    const scheduled = evaluation.evaluateEntities([ledger]);
    await held;

    // The back-fill's outage lands: the SLO's evaluation stores an exhausted budget and
    // evaluates the policy, which freezes releases by itself.
    advance(5_000);
    await budget('payments-gateway', -0.5);
    await evaluation.evaluateEntities([ledger]);
    expect((await views.entityPolicy(ledger)).status.state).toBe('exhausted');

    // The held pass finishes last with the budget it read before: it changes nothing.
    release();
    await scheduled;
    const view = await views.entityPolicy(ledger);
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

  it('with the shared cache, evaluates many entities from a few batched catalog reads, to the same result', async () => {
    const refs = [
      'component:default/checkout-api',
      'component:default/payments-gateway',
      'component:default/search-api',
      'component:default/orphan',
      'component:default/gone',
    ];
    const run = async (cache: boolean) => {
      const { evaluation, catalog, store, budget, knex } = await setup({
        cache,
      });
      await budget('checkout-api', 0.5);
      await budget('payments-gateway', -0.1);
      const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
      const byRef = jest.spyOn(catalog, 'getEntityByRef');
      await evaluation.evaluateEntities(refs);
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

  it('evaluates an entity named twice in one chunk (two spellings of its ref) once', async () => {
    const { evaluation, budget, store, knex } = await setup({ cache: true });
    await budget('checkout-api', 0.1);
    await evaluation.evaluateEntities([
      'component:default/checkout-api',
      'Component:default/Checkout-API',
      'component:default/payments-gateway',
    ]);
    expect(
      (await store.listStatuses()).map(s => [s.entityRef, s.state]),
    ).toEqual([
      ['component:default/checkout-api', 'at-risk'],
      ['component:default/payments-gateway', null],
    ]);
    await knex.destroy();
  });

  it('announces the changes of a chunk together, not one notification after the other', async () => {
    const { evaluation, budget, send, events, knex } = await setup({
      cache: true,
    });
    await budget('checkout-api', 0.1);
    await budget('payments-gateway', 0.3);
    await budget('search-api', 0.1);
    let inFlight = 0;
    let most = 0;
    send.mockImplementation(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      // A notifications backend that takes its time (often this same busy process).
      await new Promise(resolve => setTimeout(resolve, 50));
      inFlight--;
    });
    await evaluation.evaluateEntities([
      'component:default/checkout-api',
      'component:default/payments-gateway',
      'component:default/search-api',
    ]);
    expect(send).toHaveBeenCalledTimes(3);
    expect(most).toBe(3);
    expect((await events()).map(e => e.entityRef).sort()).toEqual([
      'component:default/checkout-api',
      'component:default/payments-gateway',
      'component:default/search-api',
    ]);
    await knex.destroy();
  });

  it('lets work that waits for the thread (a request) run between the steps of a chunk', async () => {
    const { evaluation, budget, store, knex } = await setup();
    const checkout = 'component:default/checkout-api';
    const payments = 'component:default/payments-gateway';
    await budget('checkout-api', 0.6);
    await budget('payments-gateway', 0.6);
    const order: string[] = [];
    const getStatuses = store.getStatuses.bind(store);
    jest.spyOn(store, 'getStatuses').mockImplementation(async refs => {
      order.push('read');
      // A request arriving while the chunk's stored states are read.
      setImmediate(() => order.push('request'));
      return getStatuses(refs);
    });
    const upsert = store.upsertStatuses.bind(store);
    jest.spyOn(store, 'upsertStatuses').mockImplementation(async (r, tx) => {
      order.push('write');
      return upsert(r, tx);
    });
    await evaluation.evaluateEntities([checkout, payments]);
    // On SQLite every statement is synchronous: without a yield between the steps the
    // whole chunk ran before the request.
    expect(order).toEqual(['read', 'request', 'write']);
    await knex.destroy();
  });

  it('reads and writes a chunk of entities in as many statements as one entity', async () => {
    const statementsFor = async (refs: string[]) => {
      const { evaluation, budget, store, knex } = await setup({ cache: true });
      for (const name of ['checkout-api', 'payments-gateway', 'search-api']) {
        await budget(name, 0.9);
      }
      let statements = 0;
      const count = () => statements++;
      knex.on('query', count);
      await evaluation.evaluateEntities(refs);
      knex.off('query', count);
      const stored = (await store.listStatuses()).map(s => [
        s.entityRef,
        s.state,
      ]);
      await knex.destroy();
      return { statements, stored };
    };
    const one = await statementsFor(['component:default/checkout-api']);
    const four = await statementsFor([
      'component:default/checkout-api',
      'component:default/payments-gateway',
      'component:default/search-api',
      'component:default/orphan',
    ]);
    expect(one.stored).toEqual([['component:default/checkout-api', 'healthy']]);
    expect(four.stored).toEqual([
      ['component:default/checkout-api', 'healthy'],
      ['component:default/orphan', null],
      ['component:default/payments-gateway', 'healthy'],
      ['component:default/search-api', 'healthy'],
    ]);
    // Three reads and a transaction of one write (on PostgreSQL with the notification of the
    // entities it changed, for the replicas' deploy gates); before, about six an entity.
    expect(four.statements).toBe(one.statements);
    expect(one.statements).toBeLessThanOrEqual(
      databaseId === 'SQLITE_3' ? 6 : 7,
    );
  });
});
