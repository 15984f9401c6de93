import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type {
  ExceptionRecord,
  FreezeRecord,
  GateReading,
  GateState,
  GateWriteTracker,
  PolicyStore,
} from '../store/PolicyStore';
import { GATE_CHANNEL, parseGateChange } from '../store/gateChanges';

/** How long a write of this replica is waited for before its entity's reads go back to memory (a write rolled back is never notified). */
const LOCAL_WRITE_MS = 60_000;
/** Everything is read again this often, in case a notification was lost without the connection. */
const RELOAD_MS = 60_000;
const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;

type Entry = {
  status?: GateReading['status'];
  freeze?: FreezeRecord;
  /** The freeze's exceptions by change. */
  exceptions?: Map<string, ExceptionRecord>;
};

/** The raw node-postgres connection the view listens on (outside knex's pool). */
type Listener = {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', fn: (m: { payload?: string }) => void): void;
  on(event: 'error' | 'end', fn: (e?: Error) => void): void;
  end(): Promise<void>;
};

/**
 * The deploy gate's reads (policy state, freeze in force, its exceptions) held in memory on
 * PostgreSQL, so that a gate check does not wait on the database: under load its one
 * statement waited behind every other request's (docs/load.md, session 14).
 *
 * Kept current by the writes themselves: each write to those tables notifies, in its
 * transaction, the entities it changed (`PolicyStore`), and the view reads them again when
 * the notification arrives, that is once the write has committed. Another replica's write
 * reaches this gate in the time a notification and one read take (milliseconds). This
 * replica's own writes are read from the database until their notification has come back,
 * so a freeze answered 200 is in the next gate check of this replica. Until the view has
 * listened and read everything, and whenever its connection is lost, the gate reads the
 * database as before. Everything is read again every minute.
 */
export class GateStateView implements GateWriteTracker {
  private readonly origin = randomUUID();
  private entries = new Map<string, Entry>();
  private ready = false;
  private stopped = false;
  private listener?: Listener;
  private reconnectMs = RECONNECT_MIN_MS;
  private timer?: NodeJS.Timeout;
  private reconnecting?: NodeJS.Timeout;

  /** Entities named by notifications, not read since. */
  private dirty = new Set<string>();
  /** This replica's writes whose notification has come back, not yet read. */
  private acked: string[] = [];
  private reloadWanted = false;
  private pumping?: Promise<void>;

  /** This replica's writes not yet seen back: tag → entities, in the order written. */
  private readonly local = new Map<string, { refs: string[]; at: number }>();
  /** How many of those name each entity. */
  private readonly localByRef = new Map<string, number>();
  private localSeq = 0;

  constructor(
    private readonly deps: {
      knex: Knex;
      store: Pick<PolicyStore, 'readGate' | 'gateState'>;
      logger: LoggerService;
    },
  ) {}

  /** Starts listening (in the background: the gate reads the database until it is done). */
  start(): void {
    void this.connect();
    this.timer = setInterval(() => this.reload(), RELOAD_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ready = false;
    clearInterval(this.timer);
    clearTimeout(this.reconnecting);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pumping;
  }

  /** True once the view answers from memory. */
  get answering(): boolean {
    return this.ready;
  }

  writing(entityRefs: string[]): string {
    const now = Date.now();
    this.forgetOldWrites(now);
    const tag = `${this.origin} ${++this.localSeq}`;
    this.local.set(tag, { refs: entityRefs, at: now });
    for (const ref of entityRefs) {
      this.localByRef.set(ref, (this.localByRef.get(ref) ?? 0) + 1);
    }
    return tag;
  }

  async readGate(entityRef: string, changeId?: string): Promise<GateReading> {
    if (!this.ready || this.writtenHere(entityRef)) {
      return this.deps.store.readGate(entityRef, changeId);
    }
    const entry = this.entries.get(entityRef);
    return {
      status: entry?.status,
      freeze: entry?.freeze,
      exception:
        entry?.freeze && changeId ? entry.exceptions?.get(changeId) : undefined,
    };
  }

  private writtenHere(entityRef: string): boolean {
    if (!this.localByRef.has(entityRef)) return false;
    this.forgetOldWrites(Date.now());
    return this.localByRef.has(entityRef);
  }

  private forgetOldWrites(now: number) {
    for (const [tag, write] of this.local) {
      if (now - write.at < LOCAL_WRITE_MS) break;
      this.settle(tag);
    }
  }

  private settle(tag: string) {
    const write = this.local.get(tag);
    if (!write) return;
    this.local.delete(tag);
    for (const ref of write.refs) {
      const n = (this.localByRef.get(ref) ?? 1) - 1;
      if (n > 0) this.localByRef.set(ref, n);
      else this.localByRef.delete(ref);
    }
  }

  private async connect(): Promise<void> {
    this.reconnecting = undefined;
    if (this.stopped) return;
    try {
      const listener: Listener =
        await this.deps.knex.client.acquireRawConnection();
      if (this.stopped) {
        await listener.end();
        return;
      }
      this.listener = listener;
      listener.on('notification', m => this.notified(m.payload ?? ''));
      listener.on('error', e => this.lost(listener, e));
      listener.on('end', () => this.lost(listener));
      await listener.query(`LISTEN ${GATE_CHANNEL}`);
      this.reload();
      await this.pumping;
    } catch (e) {
      this.lost(this.listener, e as Error);
    }
  }

  /** The connection failed (or a read did): answer from the database, and listen again later. */
  private lost(listener: Listener | undefined, e?: Error) {
    if (listener && listener !== this.listener) return;
    this.ready = false;
    this.listener = undefined;
    void listener?.end().catch(() => undefined);
    if (this.stopped || this.reconnecting) return;
    this.deps.logger.warn(
      `The deploy gate reads the database until its change notifications are back (listening again in ${
        this.reconnectMs / 1000
      } s): ${e?.message ?? 'connection ended'}`,
    );
    this.reconnecting = setTimeout(() => void this.connect(), this.reconnectMs);
    this.reconnecting.unref();
    this.reconnectMs = Math.min(this.reconnectMs * 2, RECONNECT_MAX_MS);
  }

  private notified(payload: string) {
    const { tag, entityRefs } = parseGateChange(payload);
    for (const ref of entityRefs) this.dirty.add(ref);
    if (this.local.has(tag)) this.acked.push(tag);
    this.pump();
  }

  private reload() {
    if (!this.listener) return;
    this.reloadWanted = true;
    this.pump();
  }

  /** One read at a time, so a later read's answer is never overwritten by an earlier one's. */
  private pump() {
    if (this.pumping || this.stopped) return;
    this.pumping = (async () => {
      try {
        while (!this.stopped && (this.reloadWanted || this.dirty.size > 0)) {
          const acked = this.acked;
          this.acked = [];
          if (this.reloadWanted) {
            this.reloadWanted = false;
            this.dirty.clear();
            const listener = this.listener;
            this.entries = entriesOf(await this.deps.store.gateState());
            // Ready only if still listening since before the read began.
            if (listener && listener === this.listener) {
              this.ready = true;
              this.reconnectMs = RECONNECT_MIN_MS;
            }
          } else {
            const refs = [...this.dirty];
            this.dirty.clear();
            this.replace(refs, await this.deps.store.gateState(refs));
          }
          for (const tag of acked) this.settle(tag);
        }
      } catch (e) {
        this.lost(this.listener, e as Error);
      } finally {
        this.pumping = undefined;
      }
    })();
  }

  private replace(refs: string[], state: GateState) {
    const read = entriesOf(state);
    for (const ref of refs) {
      const entry = read.get(ref);
      if (entry) this.entries.set(ref, entry);
      else this.entries.delete(ref);
    }
  }
}

function entriesOf(state: GateState): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const entry = (ref: string) => {
    let e = entries.get(ref);
    if (!e) entries.set(ref, (e = {}));
    return e;
  };
  for (const s of state.statuses) {
    entry(s.entityRef).status = {
      policyRef: s.policyRef,
      state: s.state,
      remaining: s.remaining,
    };
  }
  const byFreeze = new Map<string, Entry>();
  for (const f of state.freezes) {
    const e = entry(f.entityRef);
    e.freeze = f;
    e.exceptions = new Map();
    byFreeze.set(f.id, e);
  }
  for (const x of state.exceptions) {
    byFreeze.get(x.freezeId)?.exceptions?.set(x.changeId, x);
  }
  return entries;
}
