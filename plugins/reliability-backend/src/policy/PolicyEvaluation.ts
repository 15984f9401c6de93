import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  PolicyStateSpec,
  windowsOutOfBudget,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { yieldBetweenSteps } from '../lib/yieldToEventLoop';
import { ReliabilityNotifications } from '../notifications/events';
import { AuditStore } from '../store/AuditStore';
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

  /** Re-evaluates the policy state of these entities (after their SLOs were evaluated). */
  async evaluateEntities(entityRefs: Iterable<string>): Promise<void> {
    const refs = [...new Set(entityRefs)];
    const lookup = this.deps.contexts.lookup();
    const pause = yieldBetweenSteps(this.deps.db);
    for (let i = 0; i < refs.length; i += PREFETCH) {
      const chunk = refs.slice(i, i + PREFETCH);
      // A failure shows (and is logged) when that entity is evaluated below.
      await this.deps.contexts.prefetch(chunk);
      for (const ref of chunk) {
        // On SQLite, requests waiting for the thread go between entities: a batch's
        // services evaluated in one go held it for tens of ms.
        await pause();
        try {
          await this.evaluateEntity(ref, lookup);
        } catch (e) {
          this.deps.logger.warn(`Policy evaluation of ${ref} failed: ${e}`);
        }
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

  private async evaluateEntity(
    entityRef: string,
    lookup: CatalogLookup,
  ): Promise<void> {
    const { states } = this.deps;
    const at = this.now();
    const ctx = await this.deps.contexts.findViewContext(entityRef, lookup);
    if (!ctx) {
      // Gone from the catalog: nothing to recommend any more.
      await this.deps.store.deleteStatus(entityRef);
      return;
    }
    const { resolved } = ctx;
    const computed = await states.compute(entityRef, resolved.spec, at);
    const prev = await this.deps.store.getStatus(entityRef);
    const policyRef = resolved.policy.ref;
    const same = sameState(prev, computed, policyRef);
    const next = states.nextStatus(ctx, computed, prev, at);
    // The first evaluation of a healthy entity is not news; entering any other state is.
    const best = resolved.spec.states[0].name;
    const newsworthy = isNews(prev, computed.state, same, best);
    const stored = await this.deps.db.transaction(async tx => {
      // An evaluation that started later (and read a newer SLO status) stored first: this
      // one's state is older, and neither its news nor its freeze is true any more.
      if (!(await this.deps.store.upsertStatus(next, tx))) return false;
      if (newsworthy) {
        await this.deps.audit.append(
          {
            actorRef: SYSTEM_ACTOR,
            action: 'policy.state-changed',
            entityRef,
            subjectRef: policyRef,
            reason: budgetText(computed.remaining),
            details: {
              policyRef,
              from: prev?.state ?? null,
              to: computed.state,
              budgetRemaining: computed.remaining,
              decidedBy: computed.decidedBy,
            },
          },
          tx,
        );
      }
      return true;
    });
    if (!stored) return;
    const state = stateSpec(resolved.spec, computed.state);
    if (newsworthy && state) {
      const from = stateSpec(resolved.spec, prev?.state ?? null);
      const rank = (s?: PolicyStateSpec) =>
        s ? resolved.spec.states.indexOf(s) : 0;
      await this.deps.notifier.notify({
        kind: 'policy-state-changed',
        entityRef,
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
      const active = await this.deps.store.activeFreeze(entityRef);
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
