import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ComputedPolicyState,
  PolicyStateSpec,
  windowsOutOfBudget,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { yieldBetweenSteps, YieldBetweenSteps } from '../lib/yieldToEventLoop';
import { mapConcurrently } from '../lib/mapConcurrently';
import { ReliabilityNotifications } from '../notifications/events';
import { AuditStore, NewAuditEvent } from '../store/AuditStore';
import { PolicyStatusRecord, PolicyStore } from '../store/PolicyStore';
import { SloStore } from '../store/SloStore';
import { CatalogLookup } from './CatalogLookup';
import {
  escalationAdvanced,
  escalationAnswered,
  escalationStage,
} from './escalation';
import type { PolicyActions } from './PolicyActions';
import { PolicyContexts } from './PolicyContexts';
import { budgetText, stateSpec, teamsOf } from './policyRecords';
import { EntityContext } from './PolicyResolver';
import { PolicyStates, sameState } from './PolicyStates';

/**
 * Entities whose contexts an evaluation reads together: small enough that the chunk is
 * evaluated well within the cache's TTL and fits the cache, large enough to batch.
 */
const PREFETCH = 200;

/** Entities' follow-ups (notifications, escalations, automatic freezes) under way at once. */
const FOLLOW_UPS_AT_ONCE = 8;

/** The actor recorded for what the suite does by itself (autoEnact). */
export const SYSTEM_ACTOR = 'plugin:reliability';

/**
 * Evaluates entities' policies after their SLOs were evaluated: stores the state each
 * policy recommends, records and announces a change once, announces an escalation when it
 * becomes due or overdue, and enacts a freeze by itself when the policy says autoEnact.
 */
export class PolicyEvaluation {
  constructor(
    private readonly deps: {
      db: Knex;
      contexts: PolicyContexts;
      states: PolicyStates;
      /** Enacts the freezes of policies under autoEnact. */
      actions: Pick<PolicyActions, 'startFreeze'>;
      store: PolicyStore;
      audit: AuditStore;
      slos: SloStore;
      notifier: ReliabilityNotifications;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  /**
   * Re-evaluates the policy state of these entities (after their SLOs were evaluated), a
   * chunk at a time: the chunk's SLOs, objective statuses and stored states are read in three
   * statements and the states written in one transaction, however many entities it holds.
   * One statement per entity was ~6 round trips a service, each waiting for the pool behind
   * the requests under load: an evaluation batch took seconds and statuses fell behind
   * (docs/load.md, session 7).
   */
  async evaluateEntities(entityRefs: Iterable<string>): Promise<void> {
    const refs = [...new Set(entityRefs)];
    const lookup = this.deps.contexts.lookup();
    const pause = yieldBetweenSteps(this.deps.db);
    for (let i = 0; i < refs.length; i += PREFETCH) {
      const chunk = refs.slice(i, i + PREFETCH);
      // A failure shows (and is logged) when that entity's context is read below.
      await this.deps.contexts.prefetch(chunk);
      try {
        await this.evaluateChunk(chunk, lookup, pause);
      } catch (e) {
        this.deps.logger.warn(
          `Policy evaluation of ${chunk.length} entities (${chunk[0]}, …) failed: ${e}`,
        );
      }
    }
  }

  /** Every entity with SLOs or a stored policy state (the scheduled pass). */
  async evaluateAll(): Promise<number> {
    const refs = new Set((await this.deps.slos.list()).map(s => s.serviceRef));
    for (const s of await this.deps.store.listStatuses()) refs.add(s.entityRef);
    await this.evaluateEntities(refs);
    return refs.size;
  }

  private async evaluateChunk(
    refs: string[],
    lookup: CatalogLookup,
    pause: YieldBetweenSteps,
  ): Promise<void> {
    const { store, states } = this.deps;
    const at = this.now();
    const found = await this.contextsOf(refs, lookup);
    // Gone from the catalog: nothing to recommend any more.
    await store.deleteStatuses(found.gone);
    if (found.contexts.length === 0) return;
    // On SQLite every statement holds the thread: requests waiting for it go between steps.
    await pause();
    const computed = await states.computeMany(
      found.contexts.map(c => ({
        entityRef: c.ref,
        spec: c.ctx.resolved.spec,
      })),
      at,
    );
    await pause();
    const prevs = new Map(
      (await store.getStatuses(found.contexts.map(c => c.ref))).map(s => [
        s.entityRef,
        s,
      ]),
    );
    const changes = found.contexts.map(({ ref, ctx }) =>
      this.change(ref, ctx, computed.get(ref)!, prevs.get(ref), at),
    );
    await pause();
    const stored = await this.deps.db.transaction(async tx => {
      // An evaluation that started later (and read a newer SLO status) stored first: this
      // one's state is older, and neither its news nor its freeze is true any more.
      const written = await store.upsertStatuses(
        changes.map(c => c.next),
        tx,
      );
      for (const c of changes) {
        if (c.newsworthy && written.has(c.next.entityRef)) {
          await this.deps.audit.append(stateChangedEvent(c), tx);
        }
      }
      return written;
    });
    const followUps = changes.filter(
      c => stored.has(c.next.entityRef) && hasFollowUp(c),
    );
    // A notification is a request to the notifications backend, often this same busy
    // process: one after the other, 30 of them held a batch for ~2 s under load.
    await mapConcurrently(followUps, FOLLOW_UPS_AT_ONCE, async c => {
      await pause();
      try {
        await this.followUp(c);
      } catch (e) {
        this.deps.logger.warn(`Policy evaluation of ${c.ref} failed: ${e}`);
      }
    });
  }

  /** The entities' contexts (from the shared cache), and those the catalog no longer has. */
  private async contextsOf(
    refs: string[],
    lookup: CatalogLookup,
  ): Promise<{
    contexts: Array<{ ref: string; ctx: EntityContext }>;
    gone: string[];
  }> {
    const contexts: Array<{ ref: string; ctx: EntityContext }> = [];
    const gone: string[] = [];
    // Two spellings of one entity would be two rows for one key in the chunk's upsert.
    const seen = new Set<string>();
    for (const ref of refs) {
      try {
        const ctx = await this.deps.contexts.findViewContext(ref, lookup);
        if (!ctx) gone.push(ref);
        else if (!seen.has(ctx.entityRef)) {
          seen.add(ctx.entityRef);
          contexts.push({ ref, ctx });
        }
      } catch (e) {
        // The catalog unreachable for this one: its stored state stays as it was.
        this.deps.logger.warn(`Policy evaluation of ${ref} failed: ${e}`);
      }
    }
    return { contexts, gone };
  }

  /** What an evaluation at `at` stores for one entity, and whether it is news. */
  private change(
    ref: string,
    ctx: EntityContext,
    computed: ComputedPolicyState,
    prev: PolicyStatusRecord | undefined,
    at: number,
  ): StateChange {
    const { resolved } = ctx;
    const same = sameState(prev, computed, resolved.policy.ref);
    // The first evaluation of a healthy entity is not news; entering any other state is.
    const best = resolved.spec.states[0].name;
    return {
      ref,
      ctx,
      computed,
      prev,
      next: this.deps.states.nextStatus(ctx, computed, prev, at),
      newsworthy: isNews(prev, computed.state, same, best),
      state: stateSpec(resolved.spec, computed.state),
    };
  }

  /** After a stored change: its notification, the escalation's, and an automatic freeze. */
  private async followUp(change: StateChange): Promise<void> {
    const { ctx, computed, prev, next, newsworthy, state } = change;
    const { resolved } = ctx;
    if (newsworthy && state) {
      const from = stateSpec(resolved.spec, prev?.state ?? null);
      const rank = (s?: PolicyStateSpec) =>
        s ? resolved.spec.states.indexOf(s) : 0;
      await this.deps.notifier.notify({
        kind: 'policy-state-changed',
        entityRef: change.ref,
        teams: teamsOf(ctx),
        fromTitle: from ? from.title ?? from.name : null,
        toTitle: state.title ?? state.name,
        worse: rank(state) > rank(from),
        best: rank(state) === 0,
        freezeRecommended: !!state.freeze,
        consequences: state.consequences,
        requiredActions: state.requiredActions ?? [],
        remaining: computed.remaining,
        policyTitle: resolved.policy.title,
      });
    }
    await this.announceEscalation(ctx, prev, next);
    if (state?.freeze && resolved.spec.autoEnact) {
      const active = await this.deps.store.activeFreeze(change.ref);
      if (!active) {
        try {
          await this.deps.actions.startFreeze(ctx, SYSTEM_ACTOR, {
            reason: `Automatic: ${state.title ?? state.name} (${budgetText(
              computed.remaining,
            )}); policy ${resolved.policy.title} enacts freezes by itself`,
            automatic: true,
            remaining: computed.remaining,
            state: computed.state,
          });
        } catch (e) {
          // Another replica enacted it first: the freeze is in force either way.
          if (!(e instanceof ConflictError)) throw e;
        }
      }
    }
  }

  /**
   * Tells leadership (and the teams) once when an evaluation finds the escalation became
   * due, and once when it became overdue; an answered escalation is not news. Compared with
   * the stage at the previous evaluation, so repeated evaluations stay quiet.
   */
  private async announceEscalation(
    ctx: EntityContext,
    prev: PolicyStatusRecord | undefined,
    next: PolicyStatusRecord,
  ): Promise<void> {
    const spec = ctx.resolved.policy.escalation;
    if (!spec || next.outOfBudgetSince === null) return;
    const stage = (s: PolicyStatusRecord | undefined) =>
      s
        ? escalationStage(
            s.outOfBudgetSince,
            s.evaluatedAt,
            s.windowMs,
            spec.afterWindows,
          )
        : null;
    const after = stage(next);
    if (!escalationAdvanced(stage(prev), after)) return;
    const decision = await this.deps.store.latestDecision(ctx.entityRef);
    if (escalationAnswered(decision, next.outOfBudgetSince, next.evaluatedAt)) {
      return;
    }
    await this.deps.notifier.notify({
      kind: 'escalation',
      entityRef: ctx.entityRef,
      teams: teamsOf(ctx),
      stage: after,
      windowsOutOfBudget: windowsOutOfBudget(
        next.outOfBudgetSince,
        next.evaluatedAt,
        next.windowMs,
      ),
      afterWindows: spec.afterWindows,
      outOfBudgetSince: next.outOfBudgetSince,
      policyTitle: ctx.resolved.policy.title,
    });
  }
}

/** One entity's evaluation: what it stores and what it announces once stored. */
type StateChange = {
  /** The entity as the caller named it (its SLOs' service ref). */
  ref: string;
  ctx: EntityContext;
  computed: ComputedPolicyState;
  prev: PolicyStatusRecord | undefined;
  next: PolicyStatusRecord;
  newsworthy: boolean;
  /** The policy's spec of the state recommended (none without data). */
  state: PolicyStateSpec | undefined;
};

/**
 * Whether a stored change has anything to do after its write: news to announce, an
 * escalation that may have advanced, a freeze to enact. Most evaluations keep a healthy state
 * and have none.
 */
function hasFollowUp(c: StateChange): boolean {
  return (
    (c.newsworthy && !!c.state) ||
    (!!c.ctx.resolved.policy.escalation && c.next.outOfBudgetSince !== null) ||
    (!!c.state?.freeze && !!c.ctx.resolved.spec.autoEnact)
  );
}

/** The audit event of a newsworthy change. */
function stateChangedEvent(c: StateChange): NewAuditEvent {
  const policyRef = c.ctx.resolved.policy.ref;
  return {
    actorRef: SYSTEM_ACTOR,
    action: 'policy.state-changed',
    entityRef: c.ref,
    subjectRef: policyRef,
    reason: budgetText(c.computed.remaining),
    details: {
      policyRef,
      from: c.prev?.state ?? null,
      to: c.computed.state,
      budgetRemaining: c.computed.remaining,
      decidedBy: c.computed.decidedBy,
    },
  };
}

/**
 * Whether a state change is worth an audit event and a notification: any change from a known
 * state is; a first evaluation (or the first with data) only when it is not the best state.
 */
function isNews(
  prev: PolicyStatusRecord | undefined,
  state: string | null,
  same: boolean,
  best: string,
): boolean {
  if (same) return false;
  if (prev && prev.state !== null) return true;
  return state !== null && state !== best;
}
