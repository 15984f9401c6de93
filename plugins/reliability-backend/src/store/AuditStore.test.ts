import { InputError } from '@backstage/errors';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { AuditStore } from './AuditStore';
import { PostmortemStore } from './PostmortemStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('AuditStore on %s', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    return { knex, store: new AuditStore(knex) };
  }

  it('lists events newest first, filtered by entity, page by page', async () => {
    const { knex, store } = await createStore();
    const before = Date.now();
    for (let i = 0; i < 5; i++) {
      await store.append({
        actorRef: 'user:default/erin',
        action: 'policy.freeze.enact',
        entityRef:
          i % 2 ? 'component:default/ledger' : 'component:default/checkout-api',
        reason: i === 0 ? undefined : `step ${i}`,
        details: { step: i, nested: { ok: true } },
      });
    }

    const first = await store.list({
      entityRef: 'component:default/checkout-api',
      limit: 2,
    });
    expect(first.items.map(e => e.details.step)).toEqual([4, 2]);
    expect(first.nextCursor).toBeDefined();
    const second = await store.list({
      entityRef: 'component:default/checkout-api',
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map(e => e.details.step)).toEqual([0]);
    expect(second.nextCursor).toBeUndefined();

    const oldest = second.items[0];
    expect(oldest.reason).toBeUndefined();
    expect(oldest.actorRef).toBe('user:default/erin');
    expect(oldest.details).toEqual({ step: 0, nested: { ok: true } });
    expect(oldest.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(oldest.occurredAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    expect((await store.list({ limit: 10 })).items).toHaveLength(5);
    await knex.destroy();
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    const { knex, store } = await createStore();
    await expect(
      knex.transaction(async tx => {
        await store.append(
          {
            actorRef: 'user:default/erin',
            action: 'review.approve',
            entityRef: 'component:default/ledger',
            details: {},
          },
          tx,
        );
        throw new Error('the change itself failed');
      }),
    ).rejects.toThrow('the change itself failed');
    expect((await store.list({ limit: 10 })).items).toEqual([]);
    await knex.destroy();
  });

  it('rejects a cursor it did not hand out, naming the field', async () => {
    const { knex, store } = await createStore();
    await expect(store.list({ limit: 10, cursor: 'abc' })).rejects.toThrow(
      new InputError("cursor: 'abc' is not a cursor this API returned"),
    );
    await knex.destroy();
  });

  it('lists only the events a caller may see: of visible entities, of postmortems whose every entity is visible', async () => {
    const { knex, store } = await createStore();
    const postmortems = new PostmortemStore(knex);
    const CHECKOUT = 'component:default/checkout-api';
    const PAYMENTS = 'component:default/payments-api';
    const create = (entityRefs: string[]) =>
      postmortems.create(
        {
          title: `Outage of ${entityRefs.join(', ')}`,
          documentUrl: null,
          severity: 'sev2',
          status: 'draft',
          blamelessReviewHeld: false,
          summary: null,
          startedAt: 0,
          detectedAt: null,
          mitigatedAt: null,
          resolvedAt: null,
          entityRefs,
          actionItems: [],
          createdBy: 'user:default/erin',
          externalId: null,
        },
        0,
      );
    const alone = await create([CHECKOUT]);
    const both = await create([CHECKOUT, PAYMENTS]);
    for (const [entityRef, postmortemId] of [
      [CHECKOUT, alone],
      [CHECKOUT, both],
      [PAYMENTS, both],
    ]) {
      await store.append({
        actorRef: 'user:default/erin',
        action: 'postmortem.created',
        entityRef,
        details: { postmortemId, title: 'x' },
      });
    }
    await store.append({
      actorRef: 'user:default/erin',
      action: 'policy.freeze-enacted',
      entityRef: PAYMENTS,
      details: {},
    });
    const listed = async (visible?: ReadonlySet<string>) =>
      (await store.list({ visible, limit: 10 })).items.map(e => [
        e.entityRef,
        e.details.postmortemId ?? null,
      ]);
    expect(await listed()).toHaveLength(4);
    expect(await listed(new Set([CHECKOUT]))).toEqual([[CHECKOUT, alone]]);
    expect(await listed(new Set([CHECKOUT, PAYMENTS]))).toHaveLength(4);
    await knex.destroy();
  });

  it('lists an event about a visible entity only when every other entity it names is visible', async () => {
    const { knex, store } = await createStore();
    const CHECKOUT = 'component:default/checkout-api';
    const PAYMENTS = 'component:default/payments-api';
    const event = (
      step: string,
      over: { subjectRef?: string; details?: Record<string, unknown> },
    ) =>
      store.append({
        actorRef: 'user:default/erin',
        action: 'test.event',
        entityRef: CHECKOUT,
        ...over,
        details: { step, ...over.details },
      });
    await event('no subject', {});
    await event('app-config policy', {
      subjectRef: 'errorbudgetpolicy:app-config/default',
    });
    await event('visible policy', {
      subjectRef: 'errorbudgetpolicy:default/standard',
    });
    await event('hidden SLO', { subjectRef: 'slo:default/payments-latency' });
    await event('import of visible entities', {
      details: { entityRefs: [CHECKOUT] },
    });
    await event('import naming a hidden entity', {
      details: { entityRefs: [CHECKOUT, PAYMENTS] },
    });
    const steps = async (visible?: ReadonlySet<string>) =>
      (await store.list({ visible, limit: 10 })).items
        .map(e => e.details.step)
        .reverse();
    expect(await steps()).toHaveLength(6);
    expect(
      await steps(new Set([CHECKOUT, 'errorbudgetpolicy:default/standard'])),
    ).toEqual([
      'no subject',
      'app-config policy',
      'visible policy',
      'import of visible entities',
    ]);
    // Filtering by a hidden subject finds nothing, as for an unknown one.
    expect(
      (
        await store.list({
          visible: new Set([CHECKOUT]),
          subjectRef: 'slo:default/payments-latency',
          limit: 10,
        })
      ).items,
    ).toEqual([]);
    await knex.destroy();
  });
});
