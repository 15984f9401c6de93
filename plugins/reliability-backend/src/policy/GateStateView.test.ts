import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { GateReading, PolicyStore } from '../store/PolicyStore';
import {
  exceptionRecord,
  freezeRecord,
  policyStatusRecord,
} from '../__testUtils__/policyRecords';
import { GateStateView } from './GateStateView';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const CHECKOUT = 'component:default/checkout-api';
const LEDGER = 'component:default/ledger';

/** What the gate uses of a reading: the view keeps only these of the stored state. */
function asGateSees(reading: GateReading): GateReading {
  const stored = reading.status;
  return {
    ...reading,
    status: stored && {
      policyRef: stored.policyRef,
      state: stored.state,
      remaining: stored.remaining,
    },
  };
}

/** Polls until `check` holds; the test's timeout bounds it. */
async function eventually(check: () => Promise<boolean> | boolean) {
  while (!(await check())) await new Promise(r => setTimeout(r, 20));
}

describe.each(ids)('GateStateView on %s', databaseId => {
  const open: Array<{ destroy(): Promise<void> } | GateStateView> = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) {
      await ('stop' in o ? o.stop() : o.destroy());
    }
  });

  async function setup() {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    // Another replica: its own pool, its own writes.
    const other = knexFactory(knex.client.config);
    open.push(knex, other);
    const reads = new PolicyStore(knex);
    const view = new GateStateView({
      knex,
      store: reads,
      logger: mockServices.logger.mock(),
    });
    open.push(view);
    const mine = new PolicyStore(knex, view);
    const theirs = new PolicyStore(other);
    const fromDatabase = jest.spyOn(reads, 'readGate');
    return { knex, view, mine, theirs, reads, fromDatabase };
  }

  it('is told of every write to the gate’s tables on PostgreSQL, of none on SQLite (one process: its gate reads the database)', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    open.push(knex);
    const tracker = { writing: jest.fn((_refs: string[]) => '-') };
    const store = new PolicyStore(knex, tracker);
    await store.upsertStatus(
      policyStatusRecord(CHECKOUT, { state: 'healthy' }),
    );
    const enacted = await store.enactFreeze(freezeRecord(LEDGER));
    await store.grantException(exceptionRecord(enacted, 'change-1'));
    await store.liftFreeze(LEDGER, {
      liftedAt: 1_764_000_500_000,
      liftedBy: 'user:default/erin',
      liftReason: 'budget back',
    });
    await store.deleteStatuses([CHECKOUT]);
    expect(tracker.writing.mock.calls.map(([refs]) => refs)).toEqual(
      databaseId === 'SQLITE_3'
        ? []
        : [[CHECKOUT], [LEDGER], [LEDGER], [LEDGER], [CHECKOUT]],
    );
  });

  if (databaseId === 'SQLITE_3') return;

  it('keeps no write whose notification failed: every write to the gate’s tables commits with its notification', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    open.push(knex);
    const store = new PolicyStore(knex);
    await store.upsertStatus(policyStatusRecord(CHECKOUT));
    // Fails after the write's statements and before its notification is sent.
    const failing = new PolicyStore(knex, {
      writing: () => {
        throw new Error('notification failed');
      },
    });
    await expect(failing.deleteStatuses([CHECKOUT])).rejects.toThrow(
      'notification failed',
    );
    await expect(
      failing.upsertStatus(policyStatusRecord(LEDGER)),
    ).rejects.toThrow('notification failed');
    expect((await store.listStatuses()).map(s => s.entityRef)).toEqual([
      CHECKOUT,
    ]);

    // The same for freezes, their lifts and exceptions written without a caller's transaction.
    await expect(failing.enactFreeze(freezeRecord(LEDGER))).rejects.toThrow(
      'notification failed',
    );
    expect(await store.activeFreeze(LEDGER)).toBeUndefined();
    const enacted = await store.enactFreeze(freezeRecord(LEDGER));
    await expect(
      failing.grantException(exceptionRecord(enacted, 'change-1')),
    ).rejects.toThrow('notification failed');
    expect(
      await store.exceptionForChange(enacted.id, 'change-1'),
    ).toBeUndefined();
    await expect(
      failing.liftFreeze(LEDGER, {
        liftedAt: 1_764_000_500_000,
        liftedBy: 'user:default/erin',
        liftReason: 'budget back',
      }),
    ).rejects.toThrow('notification failed');
    expect((await store.activeFreeze(LEDGER))?.id).toBe(enacted.id);
  });

  it('answers from memory what another replica wrote, once its notification is in', async () => {
    const { view, theirs, reads, fromDatabase } = await setup();
    await theirs.upsertStatus(
      policyStatusRecord(CHECKOUT, { state: 'healthy' }),
    );
    view.start();
    await eventually(() => view.answering);

    expect(await view.readGate(CHECKOUT)).toEqual(
      asGateSees(await reads.readGate(CHECKOUT)),
    );
    const enacted = await theirs.enactFreeze(freezeRecord(LEDGER));
    await theirs.grantException(exceptionRecord(enacted, 'change-1'));
    await eventually(
      async () =>
        (await view.readGate(LEDGER, 'change-1')).exception !== undefined,
    );
    fromDatabase.mockClear();
    const fromMemory = await view.readGate(LEDGER, 'change-1');
    expect(fromDatabase).not.toHaveBeenCalled();
    expect(fromMemory).toEqual(
      asGateSees(await reads.readGate(LEDGER, 'change-1')),
    );
    expect(fromMemory.freeze?.id).toBe(enacted.id);
    expect((await view.readGate(LEDGER, 'change-2')).exception).toBeUndefined();

    await theirs.liftFreeze(LEDGER, {
      liftedAt: 1_764_000_500_000,
      liftedBy: 'user:default/erin',
      liftReason: 'budget back',
    });
    await theirs.deleteStatuses([CHECKOUT]);
    await eventually(
      async () =>
        (await view.readGate(LEDGER)).freeze === undefined &&
        (await view.readGate(CHECKOUT)).status === undefined,
    );
  });

  it("reads this replica's own writes from the database until their notification is back", async () => {
    const { view, mine, reads, fromDatabase } = await setup();
    view.start();
    await eventually(() => view.answering);
    // The view's read after the notification is held back: its memory stays stale.
    let release = () => {};
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    const read = reads.gateState.bind(reads);
    const gateState = jest
      .spyOn(reads, 'gateState')
      .mockImplementation(async refs => {
        await held;
        return read(refs);
      });
    await mine.enactFreeze(freezeRecord(CHECKOUT));
    await eventually(() => gateState.mock.calls.length > 0);
    fromDatabase.mockClear();
    try {
      // The freeze answered to its caller is in this replica's next check, from the database.
      expect((await view.readGate(CHECKOUT)).freeze).toBeDefined();
      expect(fromDatabase).toHaveBeenCalled();
    } finally {
      release();
    }
    await eventually(async () => {
      fromDatabase.mockClear();
      await view.readGate(CHECKOUT);
      return fromDatabase.mock.calls.length === 0;
    });
    expect(await view.readGate(CHECKOUT)).toEqual(
      asGateSees(await reads.readGate(CHECKOUT)),
    );
  });

  it('forgets a write rolled back, and never shows it', async () => {
    const { knex, view, mine, reads, fromDatabase } = await setup();
    view.start();
    await eventually(() => view.answering);
    await expect(
      knex.transaction(async tx => {
        await mine.enactFreeze(freezeRecord(CHECKOUT), tx);
        throw new Error('the audit event failed');
      }),
    ).rejects.toThrow('the audit event failed');
    // No notification will come: the entity is read from the database meanwhile…
    fromDatabase.mockClear();
    expect((await view.readGate(CHECKOUT)).freeze).toBeUndefined();
    expect(fromDatabase).toHaveBeenCalledTimes(1);
    expect((await reads.readGate(CHECKOUT)).freeze).toBeUndefined();

    // …until the write is a minute old: then from memory again.
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 60_000);
    try {
      fromDatabase.mockClear();
      expect((await view.readGate(CHECKOUT)).freeze).toBeUndefined();
      expect(fromDatabase).not.toHaveBeenCalled();
    } finally {
      clock.mockRestore();
    }
  });

  it('reads the database while its connection is lost, and listens again', async () => {
    const { knex, view, theirs, fromDatabase } = await setup();
    view.start();
    await eventually(() => view.answering);
    const listening = async (): Promise<number[]> =>
      (
        await knex.raw(
          `SELECT pid FROM pg_stat_activity
             WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
        )
      ).rows.map((r: { pid: number }) => r.pid);
    const [pid] = await listening();
    expect(pid).toBeDefined();
    await knex.raw('SELECT pg_terminate_backend(?)', [pid]);
    await eventually(() => !view.answering);

    // A write while nobody listens: read from the database meanwhile, and after.
    await theirs.enactFreeze(freezeRecord(CHECKOUT));
    fromDatabase.mockClear();
    expect((await view.readGate(CHECKOUT)).freeze).toBeDefined();
    expect(fromDatabase).toHaveBeenCalled();

    await eventually(() => view.answering);
    fromDatabase.mockClear();
    expect((await view.readGate(CHECKOUT)).freeze).toBeDefined();
    expect(fromDatabase).not.toHaveBeenCalled();
  });

  it('stops listening when stopped', async () => {
    const { knex, view } = await setup();
    view.start();
    await eventually(() => view.answering);
    await view.stop();
    expect(view.answering).toBe(false);
    // The server ends the session a moment after the client's goodbye.
    await eventually(async () => {
      const { rows } = await (knex as Knex).raw(
        `SELECT count(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
      );
      return Number(rows[0].n) === 0;
    });
  });
});
