import { ConflictError } from '@backstage/errors';
import type {
  LeadershipDecisionKind,
  PolicySource,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { insertReturningId } from '../database/insertReturningId';
import { VisibleRefs, whereVisible } from './visibleRefs';
import { LIMIT_IN_TEXT } from '../database/limitInText';
import { isPostgres } from '../database/isPostgres';
import { GATE_CHANNEL, gateChangePayloads } from './gateChanges';

const STATUS = 'reliability_policy_status';
const FREEZES = 'reliability_freezes';
const EXCEPTIONS = 'reliability_policy_exceptions';
const DECISIONS = 'reliability_policy_decisions';

/** The state an entity's policy recommends, as last evaluated. */
export type PolicyStatusRecord = {
  entityRef: string;
  policyRef: string;
  source: PolicySource;
  sourceRef: string | null;
  state: string | null;
  remaining: number | null;
  /** When the entity entered `state`. */
  stateSince: number | null;
  /** When the combined budget last ran out (remaining ≤ 0), while it still is. */
  outOfBudgetSince: number | null;
  windowMs: number | null;
  counted: number;
  noData: number;
  /** Counted objectives with data for only part of their window so far. */
  partial: number;
  decidedBy: { sloRef: string; objective: string } | null;
  evaluatedAt: number;
};

export type FreezeRecord = {
  id: string;
  entityRef: string;
  policyRef: string;
  startedAt: number;
  startedBy: string;
  reason: string;
  link: string | null;
  automatic: boolean;
  budgetRemaining: number | null;
  liftedAt: number | null;
  liftedBy: string | null;
  liftReason: string | null;
};

export type ExceptionRecord = {
  id: string;
  freezeId: string;
  entityRef: string;
  changeId: string;
  exceptionClass: string;
  reason: string;
  link: string | null;
  grantedBy: string;
  grantedAt: number;
  budgetRemaining: number | null;
};

/** What the deploy gate reads of an entity: its stored state, its freeze in force, and that freeze's exception for the change. */
export type GateReading = {
  status:
    | Pick<PolicyStatusRecord, 'policyRef' | 'state' | 'remaining'>
    | undefined;
  freeze: FreezeRecord | undefined;
  exception: ExceptionRecord | undefined;
};

/** Everything the deploy gate reads, for many entities (or all): see `gateState`. */
export type GateState = {
  statuses: Array<
    Pick<PolicyStatusRecord, 'entityRef' | 'policyRef' | 'state' | 'remaining'>
  >;
  freezes: FreezeRecord[];
  exceptions: ExceptionRecord[];
};

/**
 * Told of each write to the gate's tables before it is made: returns the tag its change
 * notification carries (GateStateView, so that this replica's gate reads the database for
 * those entities until it has seen the notification come back).
 */
export type GateWriteTracker = { writing(entityRefs: string[]): string };

export type DecisionRecord = {
  id: string;
  entityRef: string;
  policyRef: string;
  decision: LeadershipDecisionKind;
  reason: string;
  link: string | null;
  acceptUntil: number | null;
  decidedBy: string;
  decidedAt: number;
  budgetRemaining: number | null;
};

type Row = Record<string, any>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toStatus(r: Row): PolicyStatusRecord {
  return {
    entityRef: r.entity_ref,
    policyRef: r.policy_ref,
    source: r.source,
    sourceRef: r.source_ref,
    state: r.state,
    remaining: num(r.remaining),
    stateSince: num(r.state_since),
    outOfBudgetSince: num(r.out_of_budget_since),
    windowMs: num(r.window_ms),
    counted: Number(r.counted),
    noData: Number(r.no_data),
    partial: Number(r.partial ?? 0),
    decidedBy: r.decided_by ? JSON.parse(r.decided_by) : null,
    evaluatedAt: Number(r.evaluated_at),
  };
}

function toStatusRow(record: PolicyStatusRecord): Row {
  return {
    entity_ref: record.entityRef,
    policy_ref: record.policyRef,
    source: record.source,
    source_ref: record.sourceRef,
    state: record.state,
    remaining: record.remaining,
    state_since: record.stateSince,
    out_of_budget_since: record.outOfBudgetSince,
    window_ms: record.windowMs,
    counted: record.counted,
    no_data: record.noData,
    partial: record.partial,
    decided_by: record.decidedBy ? JSON.stringify(record.decidedBy) : null,
    evaluated_at: record.evaluatedAt,
  };
}

/** The columns of a freeze, as `toFreeze` reads them. */
const FREEZE_COLUMNS = [
  'id',
  'entity_ref',
  'policy_ref',
  'started_at',
  'started_by',
  'reason',
  'link',
  'automatic',
  'budget_remaining',
  'lifted_at',
  'lifted_by',
  'lift_reason',
] as const;

function toFreeze(r: Row): FreezeRecord {
  return {
    id: String(r.id),
    entityRef: r.entity_ref,
    policyRef: r.policy_ref,
    startedAt: Number(r.started_at),
    startedBy: r.started_by,
    reason: r.reason,
    link: r.link,
    automatic: Boolean(r.automatic),
    budgetRemaining: num(r.budget_remaining),
    liftedAt: num(r.lifted_at),
    liftedBy: r.lifted_by,
    liftReason: r.lift_reason,
  };
}

function toException(r: Row): ExceptionRecord {
  return {
    id: String(r.id),
    freezeId: String(r.freeze_id),
    entityRef: r.entity_ref,
    changeId: r.change_id,
    exceptionClass: r.exception_class,
    reason: r.reason,
    link: r.link,
    grantedBy: r.granted_by,
    grantedAt: Number(r.granted_at),
    budgetRemaining: num(r.budget_remaining),
  };
}

function toDecision(r: Row): DecisionRecord {
  return {
    id: String(r.id),
    entityRef: r.entity_ref,
    policyRef: r.policy_ref,
    decision: r.decision,
    reason: r.reason,
    link: r.link,
    acceptUntil: num(r.accept_until),
    decidedBy: r.decided_by,
    decidedAt: Number(r.decided_at),
    budgetRemaining: num(r.budget_remaining),
  };
}

/** PostgreSQL and SQLite name a unique violation differently. */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err.code === '23505' ||
    err.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(err.message ?? '')
  );
}

/**
 * Policy state, freezes, exceptions and decisions. Mutations take the caller's transaction so
 * the audit event is written in the same commit; the database's unique indexes decide races
 * between replicas (one freeze in force per entity, one exception per change and freeze).
 */
export class PolicyStore {
  constructor(
    readonly db: Knex,
    private readonly gateWrites?: GateWriteTracker,
  ) {}

  /**
   * On PostgreSQL, tells every replica's gate which entities this write changes, in the
   * writer's transaction: a notification is delivered only when (and if) it commits.
   */
  private async gateChanged(tx: Knex, entityRefs: string[]): Promise<void> {
    if (!isPostgres(this.db) || entityRefs.length === 0) return;
    const tag = this.gateWrites?.writing(entityRefs) ?? '-';
    for (const payload of gateChangePayloads(tag, entityRefs)) {
      await tx.raw('SELECT pg_notify(?, ?)', [GATE_CHANNEL, payload]);
    }
  }

  /**
   * Runs a write to the gate's tables (every one goes through here) in the caller's
   * transaction, or in one of its own on PostgreSQL: the write and its notification commit
   * together, so that no replica's gate misses a change that was stored (a crash between two
   * autocommitted statements would leave the other replicas' memory stale until their next
   * full read).
   */
  private withGateChange<T>(
    tx: Knex | undefined,
    write: (tx: Knex) => Promise<T>,
  ): Promise<T> {
    if (tx) return write(tx);
    return isPostgres(this.db) ? this.db.transaction(write) : write(this.db);
  }

  /** Inserts a freeze or an exception of `entityRef` and tells the gates; returns its id. */
  private insertGateRow(
    tx: Knex | undefined,
    table: string,
    entityRef: string,
    row: Record<string, unknown>,
  ): Promise<string> {
    return this.withGateChange(tx, async t => {
      // A savepoint, so that on PostgreSQL the caller's transaction survives a unique
      // violation (the caller turns it into a ConflictError).
      const id = await t.transaction(inner =>
        insertReturningId(inner, table, row),
      );
      await this.gateChanged(t, [entityRef]);
      return id;
    });
  }

  /** The deploy gate's reads from the database: two statements, the second only for a change under a freeze. */
  async readGate(entityRef: string, changeId?: string): Promise<GateReading> {
    const { status, freeze } = await this.statusAndFreeze(entityRef);
    const exception =
      freeze && changeId
        ? await this.exceptionForChange(freeze.id, changeId)
        : undefined;
    return { status, freeze, exception };
  }

  /**
   * What the gate reads for these entities (all without `entityRefs`): their states, their
   * freezes in force and those freezes' exceptions. PostgreSQL only (GateStateView).
   */
  async gateState(entityRefs?: string[]): Promise<GateState> {
    const only = <Q extends Knex.QueryBuilder>(q: Q, column: string): Q =>
      entityRefs
        ? (q.whereRaw('?? = any(?::text[])', [column, entityRefs]) as Q)
        : q;
    const statuses = await only(
      this.db(STATUS).select('entity_ref', 'policy_ref', 'state', 'remaining'),
      'entity_ref',
    );
    const freezes = (
      await only(this.db(FREEZES).whereNull('lifted_at'), 'entity_ref')
    ).map(toFreeze);
    const exceptions =
      freezes.length === 0
        ? []
        : (
            await this.db(EXCEPTIONS).whereRaw('?? = any(?::bigint[])', [
              'freeze_id',
              freezes.map(f => f.id),
            ])
          ).map(toException);
    return {
      statuses: statuses.map(r => ({
        entityRef: r.entity_ref,
        policyRef: r.policy_ref,
        state: r.state,
        remaining: num(r.remaining),
      })),
      freezes,
      exceptions,
    };
  }

  async getStatus(entityRef: string): Promise<PolicyStatusRecord | undefined> {
    const row = await this.db(STATUS)
      .where('entity_ref', entityRef)
      .first()
      .limit(1, LIMIT_IN_TEXT);
    return row ? toStatus(row) : undefined;
  }

  async getStatuses(entityRefs: string[]): Promise<PolicyStatusRecord[]> {
    const out: PolicyStatusRecord[] = [];
    for (let i = 0; i < entityRefs.length; i += 200) {
      const rows = await this.db(STATUS).whereIn(
        'entity_ref',
        entityRefs.slice(i, i + 200),
      );
      out.push(...rows.map(toStatus));
    }
    return out;
  }

  async listStatuses(
    filter: {
      policyRef?: string;
      /** Only entities the caller may see (all without a set). */
      visible?: VisibleRefs;
    } = {},
  ): Promise<PolicyStatusRecord[]> {
    const query = this.db(STATUS).orderBy('entity_ref');
    if (filter.policyRef) query.where('policy_ref', filter.policyRef);
    whereVisible(this.db, query, 'entity_ref', filter.visible);
    return (await query).map(toStatus);
  }

  /**
   * Stores the state unless a later evaluation stored one already (evaluations of one entity
   * overlap: the scheduled pass and the one after an SLO's evaluation). False when skipped.
   */
  async upsertStatus(record: PolicyStatusRecord, tx?: Knex): Promise<boolean> {
    return (await this.upsertStatuses([record], tx)).has(record.entityRef);
  }

  /**
   * As `upsertStatus` for many entities (one record each), in one statement per 200: returns
   * the entities whose record was stored; the others had a later evaluation stored already.
   */
  async upsertStatuses(
    records: PolicyStatusRecord[],
    tx?: Knex,
  ): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    return this.withGateChange(tx, async t => {
      const stored = new Set<string>();
      for (let i = 0; i < records.length; i += 200) {
        const written: Array<{ entity_ref: string }> = await t(STATUS)
          .insert(records.slice(i, i + 200).map(toStatusRow))
          .onConflict('entity_ref')
          .merge()
          .whereRaw('?? <= excluded.evaluated_at', [`${STATUS}.evaluated_at`])
          .returning('entity_ref');
        for (const row of written) stored.add(row.entity_ref);
      }
      await this.gateChanged(t, [...stored]);
      return stored;
    });
  }

  async deleteStatus(entityRef: string): Promise<void> {
    await this.deleteStatuses([entityRef]);
  }

  async deleteStatuses(entityRefs: string[]): Promise<void> {
    if (entityRefs.length === 0) return;
    await this.withGateChange(undefined, async t => {
      for (let i = 0; i < entityRefs.length; i += 500) {
        await t(STATUS)
          .whereIn('entity_ref', entityRefs.slice(i, i + 500))
          .delete();
      }
      await this.gateChanged(t, entityRefs);
    });
  }

  async activeFreeze(
    entityRef: string,
    tx: Knex = this.db,
  ): Promise<FreezeRecord | undefined> {
    const row = await tx(FREEZES)
      .where('entity_ref', entityRef)
      .whereNull('lifted_at')
      .first()
      .limit(1, LIMIT_IN_TEXT);
    return row ? toFreeze(row) : undefined;
  }

  /**
   * The stored state and the active freeze of one entity in one statement (the deploy
   * gate's read): a one-row driver left-joined to both, so that either may be missing.
   * As fresh as two reads, one trip to the database instead of two.
   */
  async statusAndFreeze(entityRef: string): Promise<{
    status: PolicyStatusRecord | undefined;
    freeze: FreezeRecord | undefined;
  }> {
    const row = await this.db
      .select('s.*', ...FREEZE_COLUMNS.map(c => `f.${c} as f__${c}`))
      .from(this.db.raw('(select cast(? as text) as ref) k', [entityRef]))
      .leftJoin(`${STATUS} as s`, 's.entity_ref', 'k.ref')
      .leftJoin(`${FREEZES} as f`, function onActiveFreeze() {
        this.on('f.entity_ref', '=', 'k.ref').andOnNull('f.lifted_at');
      })
      .first()
      .limit(1, LIMIT_IN_TEXT);
    const freeze: Row = {};
    for (const c of FREEZE_COLUMNS) freeze[c] = row?.[`f__${c}`];
    return {
      // A missing side of a left join reads as null (undefined without a row at all).
      status:
        row && row.entity_ref !== null && row.entity_ref !== undefined
          ? toStatus(row)
          : undefined,
      freeze:
        freeze.id !== null && freeze.id !== undefined
          ? toFreeze(freeze)
          : undefined,
    };
  }

  async activeFreezes(): Promise<FreezeRecord[]> {
    return (await this.db(FREEZES).whereNull('lifted_at')).map(toFreeze);
  }

  /** Starts a freeze; a freeze already in force (from any replica) is a ConflictError. */
  async enactFreeze(
    freeze: Omit<FreezeRecord, 'id' | 'liftedAt' | 'liftedBy' | 'liftReason'>,
    tx?: Knex,
  ): Promise<FreezeRecord> {
    try {
      const id = await this.insertGateRow(tx, FREEZES, freeze.entityRef, {
        entity_ref: freeze.entityRef,
        policy_ref: freeze.policyRef,
        started_at: freeze.startedAt,
        started_by: freeze.startedBy,
        reason: freeze.reason,
        link: freeze.link,
        automatic: freeze.automatic,
        budget_remaining: freeze.budgetRemaining,
      });
      return {
        ...freeze,
        id,
        liftedAt: null,
        liftedBy: null,
        liftReason: null,
      };
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new ConflictError(
          `${freeze.entityRef} is already frozen; lift the freeze in force first`,
        );
      }
      throw e;
    }
  }

  /** Lifts the freeze in force; none in force (or lifted meanwhile) is a ConflictError. */
  async liftFreeze(
    entityRef: string,
    lift: { liftedAt: number; liftedBy: string; liftReason: string },
    tx?: Knex,
  ): Promise<FreezeRecord> {
    return this.withGateChange(tx, async t => {
      const active = await this.activeFreeze(entityRef, t);
      const updated = active
        ? await t(FREEZES)
            .where('id', active.id)
            .whereNull('lifted_at')
            .update({
              lifted_at: lift.liftedAt,
              lifted_by: lift.liftedBy,
              lift_reason: lift.liftReason,
            })
        : 0;
      if (!active || updated === 0) {
        throw new ConflictError(`${entityRef} has no freeze in force to lift`);
      }
      await this.gateChanged(t, [entityRef]);
      return { ...active, ...lift };
    });
  }

  async grantException(
    exception: Omit<ExceptionRecord, 'id'>,
    tx?: Knex,
  ): Promise<ExceptionRecord> {
    try {
      const id = await this.insertGateRow(tx, EXCEPTIONS, exception.entityRef, {
        freeze_id: exception.freezeId,
        entity_ref: exception.entityRef,
        change_id: exception.changeId,
        exception_class: exception.exceptionClass,
        reason: exception.reason,
        link: exception.link,
        granted_by: exception.grantedBy,
        granted_at: exception.grantedAt,
        budget_remaining: exception.budgetRemaining,
      });
      return { ...exception, id };
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new ConflictError(
          `change ${exception.changeId} already has an exception under this freeze`,
        );
      }
      throw e;
    }
  }

  async exceptionsForFreeze(freezeId: string): Promise<ExceptionRecord[]> {
    return (
      await this.db(EXCEPTIONS).where('freeze_id', freezeId).orderBy('id')
    ).map(toException);
  }

  async exceptionForChange(
    freezeId: string,
    changeId: string,
  ): Promise<ExceptionRecord | undefined> {
    const row = await this.db(EXCEPTIONS)
      .where({ freeze_id: freezeId, change_id: changeId })
      .first()
      .limit(1, LIMIT_IN_TEXT);
    return row ? toException(row) : undefined;
  }

  async recordDecision(
    decision: Omit<DecisionRecord, 'id'>,
    tx: Knex = this.db,
  ): Promise<DecisionRecord> {
    const id = await insertReturningId(tx, DECISIONS, {
      entity_ref: decision.entityRef,
      policy_ref: decision.policyRef,
      decision: decision.decision,
      reason: decision.reason,
      link: decision.link,
      accept_until: decision.acceptUntil,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
      budget_remaining: decision.budgetRemaining,
    });
    return { ...decision, id };
  }

  /** Every decision taken at or after `since`, newest first. */
  async listDecisions(
    since: number,
    /** Only decisions about entities the caller may see (all without a set). */
    visible?: VisibleRefs,
  ): Promise<DecisionRecord[]> {
    return (
      await whereVisible(
        this.db,
        this.db(DECISIONS)
          .where('decided_at', '>=', since)
          .orderBy([
            { column: 'decided_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ]),
        'entity_ref',
        visible,
      )
    ).map(toDecision);
  }

  /** The latest decision of each entity (one query for the Decisions view). */
  async latestDecisions(
    entityRefs: string[],
  ): Promise<Map<string, DecisionRecord>> {
    const out = new Map<string, DecisionRecord>();
    for (let i = 0; i < entityRefs.length; i += 200) {
      const rows = await this.db(DECISIONS)
        .whereIn('entity_ref', entityRefs.slice(i, i + 200))
        .orderBy('id', 'asc');
      // Ascending: the last row of an entity wins.
      for (const r of rows) out.set(r.entity_ref, toDecision(r));
    }
    return out;
  }

  async latestDecision(entityRef: string): Promise<DecisionRecord | undefined> {
    const row = await this.db(DECISIONS)
      .where('entity_ref', entityRef)
      .orderBy('id', 'desc')
      .first()
      .limit(1, LIMIT_IN_TEXT);
    return row ? toDecision(row) : undefined;
  }
}
