import { ConflictError } from '@backstage/errors';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { AuditStore } from './AuditStore';
import { FreezeRecord, PolicyStore } from './PolicyStore';
import {
  freezeRecord as freeze,
  policyStatusRecord as status,
} from '../__testUtils__/policyRecords';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const CHECKOUT = 'component:default/checkout-api';
const LEDGER = 'component:default/ledger';
const SEARCH = 'component:default/search';
const STANDARD = 'errorbudgetpolicy:default/standard';
const STRICT = 'errorbudgetpolicy:default/strict-payments';

describe.each(ids)('PolicyStore on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    return { knex, store: new PolicyStore(knex), audit: new AuditStore(knex) };
  }

  describe('statusAndFreeze (the gate read)', () => {
    it('reads the state and the active freeze together, either missing', async () => {
      const { knex, store } = await setup();
      expect(await store.statusAndFreeze(CHECKOUT)).toEqual({
        status: undefined,
        freeze: undefined,
      });

      const record = status(CHECKOUT, { outOfBudgetSince: 1_763_000_000_000 });
      await store.upsertStatus(record);
      expect(await store.statusAndFreeze(CHECKOUT)).toEqual({
        status: record,
        freeze: undefined,
      });

      // A freeze without a stored state (enacted before the first evaluation).
      const enacted = await store.enactFreeze(freeze(LEDGER));
      expect(await store.statusAndFreeze(LEDGER)).toEqual({
        status: undefined,
        freeze: await store.activeFreeze(LEDGER),
      });
      expect((await store.statusAndFreeze(LEDGER)).freeze).toEqual(enacted);

      const both = await store.enactFreeze(
        freeze(CHECKOUT, { automatic: true }),
      );
      const read = await store.statusAndFreeze(CHECKOUT);
      expect(read).toEqual({ status: record, freeze: both });
      expect(typeof read.status!.remaining).toBe('number');
      expect(read.freeze!.automatic).toBe(true);
      expect(typeof read.freeze!.budgetRemaining).toBe('number');

      // A lifted freeze is not in force.
      await store.liftFreeze(LEDGER, {
        liftedAt: 1_764_000_500_000,
        liftedBy: 'user:default/erin',
        liftReason: 'fixed',
      });
      expect(await store.statusAndFreeze(LEDGER)).toEqual({
        status: undefined,
        freeze: undefined,
      });
      await knex.destroy();
    });
  });

  describe('statuses', () => {
    it('round-trips a status with numbers as numbers and decidedBy as JSON', async () => {
      const { knex, store } = await setup();
      const record = status(CHECKOUT, {
        outOfBudgetSince: 1_763_000_000_000,
      });
      await store.upsertStatus(record);
      const read = await store.getStatus(CHECKOUT);
      expect(read).toEqual(record);
      expect(typeof read!.remaining).toBe('number');
      expect(typeof read!.stateSince).toBe('number');
      expect(typeof read!.outOfBudgetSince).toBe('number');
      expect(typeof read!.windowMs).toBe('number');
      expect(typeof read!.counted).toBe('number');
      expect(typeof read!.noData).toBe('number');
      expect(typeof read!.evaluatedAt).toBe('number');
      expect(await store.getStatus(LEDGER)).toBeUndefined();
      await knex.destroy();
    });

    it('keeps nulls as nulls', async () => {
      const { knex, store } = await setup();
      const record = status(LEDGER, {
        source: 'default',
        sourceRef: null,
        state: null,
        remaining: null,
        stateSince: null,
        outOfBudgetSince: null,
        windowMs: null,
        counted: 2,
        noData: 2,
        decidedBy: null,
      });
      await store.upsertStatus(record);
      expect(await store.getStatus(LEDGER)).toEqual(record);
      await knex.destroy();
    });

    it('replaces the status on a second upsert', async () => {
      const { knex, store } = await setup();
      await store.upsertStatus(status(CHECKOUT));
      const updated = status(CHECKOUT, {
        policyRef: STRICT,
        source: 'entity',
        sourceRef: null,
        state: 'exhausted',
        remaining: -0.5,
        outOfBudgetSince: 1_764_000_200_000,
        decidedBy: { sloRef: 'slo:default/checkout-errors', objective: 'ok' },
        evaluatedAt: 1_764_000_300_000,
      });
      expect(await store.upsertStatus(updated)).toBe(true);
      expect(await store.getStatus(CHECKOUT)).toEqual(updated);
      expect(await store.listStatuses()).toHaveLength(1);
      // An evaluation older than the stored one (finishing last) changes nothing.
      expect(
        await store.upsertStatus(
          status(CHECKOUT, { evaluatedAt: 1_764_000_200_000 }),
        ),
      ).toBe(false);
      expect(await store.getStatus(CHECKOUT)).toEqual(updated);
      await knex.destroy();
    });

    it('stores many in one call, each unless a later evaluation stored it, and says which', async () => {
      const { knex, store } = await setup();
      const later = status(LEDGER, { state: 'exhausted', evaluatedAt: 2e12 });
      await store.upsertStatus(later);
      await store.upsertStatus(status(SEARCH, { evaluatedAt: 1e12 }));
      const batch = [
        status(CHECKOUT),
        status(LEDGER, { state: 'healthy' }),
        status(SEARCH, { state: 'healthy', evaluatedAt: 1.5e12 }),
      ];
      const stored = await store.upsertStatuses(batch);
      expect([...stored].sort()).toEqual([CHECKOUT, SEARCH]);
      expect(await store.getStatus(CHECKOUT)).toEqual(batch[0]);
      // The later evaluation stays; the older one, finishing last, changed nothing.
      expect(await store.getStatus(LEDGER)).toEqual(later);
      expect(await store.getStatus(SEARCH)).toEqual(batch[2]);
      expect(await store.upsertStatuses([])).toEqual(new Set());

      // More than one statement's worth (200): every record stored.
      const many = Array.from({ length: 450 }, (_, i) =>
        status(`component:default/svc-${i}`),
      );
      expect((await store.upsertStatuses(many)).size).toBe(450);
      expect(await store.listStatuses()).toHaveLength(453);
      await store.deleteStatuses(many.map(m => m.entityRef));
      expect((await store.listStatuses()).map(s => s.entityRef)).toEqual([
        CHECKOUT,
        LEDGER,
        SEARCH,
      ]);
      await knex.destroy();
    });

    it('gets several, lists by policy and deletes', async () => {
      const { knex, store } = await setup();
      await store.upsertStatus(status(SEARCH));
      await store.upsertStatus(status(CHECKOUT, { policyRef: STRICT }));
      await store.upsertStatus(status(LEDGER));

      const some = await store.getStatuses([LEDGER, CHECKOUT, 'component:x']);
      expect(some.map(s => s.entityRef).sort()).toEqual([CHECKOUT, LEDGER]);
      expect(await store.getStatuses([])).toEqual([]);

      expect((await store.listStatuses()).map(s => s.entityRef)).toEqual([
        CHECKOUT,
        LEDGER,
        SEARCH,
      ]);
      expect(
        (await store.listStatuses({ policyRef: STANDARD })).map(
          s => s.entityRef,
        ),
      ).toEqual([LEDGER, SEARCH]);
      expect(
        (await store.listStatuses({ policyRef: STRICT })).map(s => s.entityRef),
      ).toEqual([CHECKOUT]);

      await store.deleteStatus(LEDGER);
      expect(await store.getStatus(LEDGER)).toBeUndefined();
      expect((await store.listStatuses()).map(s => s.entityRef)).toEqual([
        CHECKOUT,
        SEARCH,
      ]);
      await store.deleteStatus(LEDGER); // deleting what is gone is fine
      await knex.destroy();
    });
  });

  describe('freezes', () => {
    it('enacts a freeze and refuses a second one for the same entity', async () => {
      const { knex, store } = await setup();
      const enacted = await store.enactFreeze(freeze(CHECKOUT));
      expect(enacted).toEqual({
        ...freeze(CHECKOUT),
        id: expect.any(String),
        liftedAt: null,
        liftedBy: null,
        liftReason: null,
      });
      expect(await store.activeFreeze(CHECKOUT)).toEqual(enacted);

      const second = store.enactFreeze(
        freeze(CHECKOUT, { startedBy: 'user:default/sam', automatic: true }),
      );
      await expect(second).rejects.toBeInstanceOf(ConflictError);
      await expect(second).rejects.toThrow(/already frozen/);

      const rows = await knex('reliability_freezes').where(
        'entity_ref',
        CHECKOUT,
      );
      expect(rows).toHaveLength(1);
      expect(await store.activeFreezes()).toEqual([enacted]);

      // Another entity may be frozen at the same time.
      const other = await store.enactFreeze(
        freeze(LEDGER, { automatic: true, link: null, budgetRemaining: null }),
      );
      expect(other.automatic).toBe(true);
      expect(await store.activeFreeze(LEDGER)).toEqual(other);
      await knex.destroy();
    });

    it('lets exactly one of two concurrent enactments win', async () => {
      const { knex, store } = await setup();
      const results = await Promise.allSettled([
        store.enactFreeze(freeze(CHECKOUT, { startedBy: 'user:default/a' })),
        store.enactFreeze(freeze(CHECKOUT, { startedBy: 'user:default/b' })),
      ]);
      const fulfilled = results.filter(r => r.status === 'fulfilled');
      const rejected = results.filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(ConflictError);

      const winner = (fulfilled[0] as PromiseFulfilledResult<FreezeRecord>)
        .value;
      expect(await store.activeFreezes()).toEqual([winner]);
      expect(
        await knex('reliability_freezes').where('entity_ref', CHECKOUT),
      ).toHaveLength(1);
      await knex.destroy();
    });

    it('lets the outer transaction continue and commit after a refused enactment', async () => {
      const { knex, store, audit } = await setup();
      const first = await store.enactFreeze(freeze(CHECKOUT));

      await knex.transaction(async tx => {
        await store.upsertStatus(status(LEDGER), tx);
        await expect(
          store.enactFreeze(freeze(CHECKOUT), tx),
        ).rejects.toBeInstanceOf(ConflictError);
        // On PostgreSQL, without the savepoint these would fail: the transaction is aborted.
        await store.enactFreeze(freeze(LEDGER), tx);
        await audit.append(
          {
            actorRef: 'user:default/erin',
            action: 'policy.freeze.enact',
            entityRef: LEDGER,
            subjectRef: STANDARD,
            details: {},
          },
          tx,
        );
      });

      expect(await store.getStatus(LEDGER)).toEqual(status(LEDGER));
      expect(await store.activeFreeze(CHECKOUT)).toEqual(first);
      expect((await store.activeFreeze(LEDGER))?.entityRef).toBe(LEDGER);
      expect(
        (await audit.list({ entityRef: LEDGER, limit: 10 })).items,
      ).toHaveLength(1);
      await knex.destroy();
    });

    it('rolls back a freeze enacted in a transaction that fails', async () => {
      const { knex, store } = await setup();
      await expect(
        knex.transaction(async tx => {
          await store.enactFreeze(freeze(CHECKOUT), tx);
          throw new Error('audit failed');
        }),
      ).rejects.toThrow('audit failed');
      expect(await store.activeFreeze(CHECKOUT)).toBeUndefined();
      await knex.destroy();
    });

    it('lifts the freeze in force, once', async () => {
      const { knex, store } = await setup();
      const enacted = await store.enactFreeze(freeze(CHECKOUT));
      const lift = {
        liftedAt: 1_764_100_000_000,
        liftedBy: 'user:default/sam',
        liftReason: 'budget recovered',
      };
      const lifted = await store.liftFreeze(CHECKOUT, lift);
      expect(lifted).toEqual({ ...enacted, ...lift });
      expect(await store.activeFreeze(CHECKOUT)).toBeUndefined();
      expect(await store.activeFreezes()).toEqual([]);

      const [row] = await knex('reliability_freezes').where('id', enacted.id);
      expect(Number(row.lifted_at)).toBe(lift.liftedAt);
      expect(row.lifted_by).toBe(lift.liftedBy);
      expect(row.lift_reason).toBe(lift.liftReason);

      const again = store.liftFreeze(CHECKOUT, lift);
      await expect(again).rejects.toBeInstanceOf(ConflictError);
      await expect(again).rejects.toThrow(/no freeze in force/);
      await expect(store.liftFreeze(LEDGER, lift)).rejects.toBeInstanceOf(
        ConflictError,
      );
      await knex.destroy();
    });

    it('enacts again after a lift and keeps both in the history', async () => {
      const { knex, store } = await setup();
      const first = await store.enactFreeze(freeze(CHECKOUT));
      await store.liftFreeze(CHECKOUT, {
        liftedAt: 1_764_100_000_000,
        liftedBy: 'user:default/sam',
        liftReason: 'recovered',
      });
      const second = await store.enactFreeze(
        freeze(CHECKOUT, { startedAt: 1_764_200_000_000, automatic: true }),
      );
      expect(second.id).not.toBe(first.id);
      expect(await store.activeFreeze(CHECKOUT)).toEqual(second);

      const history = await knex('reliability_freezes')
        .where('entity_ref', CHECKOUT)
        .orderBy('id');
      expect(history).toHaveLength(2);
      expect(String(history[0].id)).toBe(first.id);
      expect(Number(history[0].lifted_at)).toBe(1_764_100_000_000);
      expect(String(history[1].id)).toBe(second.id);
      expect(history[1].lifted_at).toBeNull();
      await knex.destroy();
    });

    it('lists only the freezes in force', async () => {
      const { knex, store } = await setup();
      const checkout = await store.enactFreeze(freeze(CHECKOUT));
      await store.enactFreeze(freeze(LEDGER));
      const search = await store.enactFreeze(
        freeze(SEARCH, { policyRef: STRICT }),
      );
      await store.liftFreeze(LEDGER, {
        liftedAt: 1_764_100_000_000,
        liftedBy: 'user:default/sam',
        liftReason: 'recovered',
      });
      const active = await store.activeFreezes();
      expect(
        [...active].sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
      ).toEqual([checkout, search]);
      await knex.destroy();
    });
  });

  describe('exceptions', () => {
    it('grants exceptions per change and freeze', async () => {
      const { knex, store } = await setup();
      const frozen = await store.enactFreeze(freeze(CHECKOUT));
      const base = {
        freezeId: frozen.id,
        entityRef: CHECKOUT,
        exceptionClass: 'security',
        reason: 'CVE fix',
        link: 'https://example.com/cve',
        grantedBy: 'user:default/sam',
        grantedAt: 1_764_000_500_000,
        budgetRemaining: -0.25,
      };
      const a = await store.grantException({ ...base, changeId: 'sha-a' });
      const b = await store.grantException({
        ...base,
        changeId: 'sha-b',
        exceptionClass: 'p0-fix',
        link: null,
        budgetRemaining: null,
      });
      expect(a).toEqual({ ...base, changeId: 'sha-a', id: expect.any(String) });

      expect(await store.exceptionForChange(frozen.id, 'sha-a')).toEqual(a);
      expect(await store.exceptionForChange(frozen.id, 'sha-b')).toEqual(b);
      expect(
        await store.exceptionForChange(frozen.id, 'sha-c'),
      ).toBeUndefined();
      expect(await store.exceptionsForFreeze(frozen.id)).toEqual([a, b]);

      const duplicate = store.grantException({
        ...base,
        changeId: 'sha-a',
        grantedBy: 'user:default/other',
      });
      await expect(duplicate).rejects.toBeInstanceOf(ConflictError);
      await expect(duplicate).rejects.toThrow(/sha-a/);
      expect(await store.exceptionsForFreeze(frozen.id)).toHaveLength(2);

      // The same change under a new freeze is a new exception.
      await store.liftFreeze(CHECKOUT, {
        liftedAt: 1_764_100_000_000,
        liftedBy: 'user:default/sam',
        liftReason: 'recovered',
      });
      const refrozen = await store.enactFreeze(freeze(CHECKOUT));
      const again = await store.grantException({
        ...base,
        freezeId: refrozen.id,
        changeId: 'sha-a',
      });
      expect(again.freezeId).toBe(refrozen.id);
      expect(await store.exceptionForChange(refrozen.id, 'sha-a')).toEqual(
        again,
      );
      expect(await store.exceptionsForFreeze(refrozen.id)).toEqual([again]);
      expect(await store.exceptionForChange(frozen.id, 'sha-a')).toEqual(a);
      await knex.destroy();
    });

    it('lets the outer transaction continue after a duplicate exception', async () => {
      const { knex, store } = await setup();
      const frozen = await store.enactFreeze(freeze(CHECKOUT));
      const base = {
        freezeId: frozen.id,
        entityRef: CHECKOUT,
        changeId: 'sha-a',
        exceptionClass: 'security',
        reason: 'CVE fix',
        link: null,
        grantedBy: 'user:default/sam',
        grantedAt: 1_764_000_500_000,
        budgetRemaining: null,
      };
      await store.grantException(base);
      await knex.transaction(async tx => {
        await expect(store.grantException(base, tx)).rejects.toBeInstanceOf(
          ConflictError,
        );
        await store.grantException({ ...base, changeId: 'sha-b' }, tx);
      });
      expect(
        (await store.exceptionsForFreeze(frozen.id)).map(e => e.changeId),
      ).toEqual(['sha-a', 'sha-b']);
      await knex.destroy();
    });
  });

  describe('decisions', () => {
    it('records decisions and reads back the newest', async () => {
      const { knex, store } = await setup();
      expect(await store.latestDecision(CHECKOUT)).toBeUndefined();
      const first = await store.recordDecision({
        entityRef: CHECKOUT,
        policyRef: STANDARD,
        decision: 'accept-risk',
        reason: 'launch week',
        link: null,
        acceptUntil: 1_765_000_000_000,
        decidedBy: 'user:default/vp',
        decidedAt: 1_764_000_000_000,
        budgetRemaining: -0.5,
      });
      expect(first.id).toEqual(expect.any(String));
      expect(await store.latestDecision(CHECKOUT)).toEqual(first);

      const second = await store.recordDecision({
        entityRef: CHECKOUT,
        policyRef: STANDARD,
        decision: 'fund-reliability',
        reason: 'two windows out',
        link: 'https://example.com/plan',
        acceptUntil: null,
        decidedBy: 'user:default/vp',
        decidedAt: 1_764_500_000_000,
        budgetRemaining: null,
      });
      await store.recordDecision({
        entityRef: LEDGER,
        policyRef: STRICT,
        decision: 'loosen-slo',
        reason: 'target too strict',
        link: null,
        acceptUntil: null,
        decidedBy: 'user:default/vp',
        decidedAt: 1_764_600_000_000,
        budgetRemaining: 0.1,
      });
      expect(await store.latestDecision(CHECKOUT)).toEqual(second);
      expect((await store.latestDecision(LEDGER))?.decision).toBe('loosen-slo');
      await knex.destroy();
    });
  });

  describe('audit trail of policies', () => {
    it('filters events by subject and by category', async () => {
      const { knex, audit } = await setup();
      const events: Array<[string, string, string | undefined]> = [
        ['policy.freeze.enact', CHECKOUT, STANDARD],
        ['policy.exception.grant', CHECKOUT, STANDARD],
        ['review.approve', CHECKOUT, STANDARD],
        ['policy.freeze.enact', LEDGER, STRICT],
        ['postmortem.link', LEDGER, undefined],
        ['policy.decision.record', SEARCH, STANDARD],
        ['policyx.other', SEARCH, STANDARD],
      ];
      for (const [action, entityRef, subjectRef] of events) {
        await audit.append({
          actorRef: 'user:default/erin',
          action,
          entityRef,
          subjectRef,
          details: { action },
        });
      }
      const actions = async (options: Parameters<AuditStore['list']>[0]) =>
        (await audit.list(options)).items.map(e => [
          e.action,
          e.entityRef,
          e.subjectRef,
        ]);

      expect(
        await actions({ subjectRef: STANDARD, category: 'policy', limit: 10 }),
      ).toEqual([
        ['policy.decision.record', SEARCH, STANDARD],
        ['policy.exception.grant', CHECKOUT, STANDARD],
        ['policy.freeze.enact', CHECKOUT, STANDARD],
      ]);
      expect(await actions({ subjectRef: STRICT, limit: 10 })).toEqual([
        ['policy.freeze.enact', LEDGER, STRICT],
      ]);
      expect(await actions({ category: 'policy', limit: 10 })).toEqual([
        ['policy.decision.record', SEARCH, STANDARD],
        ['policy.freeze.enact', LEDGER, STRICT],
        ['policy.exception.grant', CHECKOUT, STANDARD],
        ['policy.freeze.enact', CHECKOUT, STANDARD],
      ]);
      expect(await actions({ category: 'postmortem', limit: 10 })).toEqual([
        ['postmortem.link', LEDGER, undefined],
      ]);
      expect(
        await actions({
          entityRef: CHECKOUT,
          subjectRef: STANDARD,
          category: 'review',
          limit: 10,
        }),
      ).toEqual([['review.approve', CHECKOUT, STANDARD]]);

      // Paging keeps the filters.
      const page1 = await audit.list({
        subjectRef: STANDARD,
        category: 'policy',
        limit: 2,
      });
      expect(page1.items).toHaveLength(2);
      const page2 = await audit.list({
        subjectRef: STANDARD,
        category: 'policy',
        limit: 2,
        cursor: page1.nextCursor,
      });
      expect(page2.items.map(e => e.action)).toEqual(['policy.freeze.enact']);
      expect(page2.nextCursor).toBeUndefined();
      await knex.destroy();
    });
  });
});
