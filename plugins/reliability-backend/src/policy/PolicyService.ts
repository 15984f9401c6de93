import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  computePolicyState,
  ComputedPolicyState,
  DefaultPolicySpec,
  describeBudgetLeft,
  LeadershipDecisionKind,
  PolicyObjectiveInput,
  PolicyStateSpec,
  resolveWindow,
  windowsOutOfBudget,
} from '@reliability-suite/plugin-reliability-common';
import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { AuditStore, NewAuditEvent } from '../store/AuditStore';
import {
  DecisionRecord,
  ExceptionRecord,
  FreezeRecord,
  PolicyStatusRecord,
  PolicyStore,
} from '../store/PolicyStore';
import { SloStore } from '../store/SloStore';
import { StatusStore } from '../store/StatusStore';
import { CatalogLookup } from './CatalogLookup';
import { EntityContextCache } from './EntityContextCache';
import {
  ReliabilityNotifications,
  ResponsibleTeams,
} from '../notifications/events';
import {
  escalationAdvanced,
  escalationAnswered,
  escalationStage,
} from './escalation';
import {
  EntityContext,
  PolicyResolver,
  ResolvedPolicy,
} from './PolicyResolver';

/**
 * Entities whose contexts an evaluation reads together: small enough that the chunk is
 * evaluated well within the cache's TTL and fits the cache, large enough to batch.
 */
const PREFETCH = 200;

/** The actor recorded for what the suite does by itself (autoEnact). */
export const SYSTEM_ACTOR = 'plugin:reliability';

const pct = (r: number | null) =>
  r === null ? 'no data' : describeBudgetLeft(r);

function stateSpec(
  spec: DefaultPolicySpec,
  name: string | null,
): PolicyStateSpec | undefined {
  return name === null ? undefined : spec.states.find(s => s.name === name);
}

/**
 * Error-budget policies at work: computes the state each entity's policy recommends, keeps
 * freezes, exceptions and leadership decisions (each with its audit event, in one commit),
 * answers the deploy gate and tells the teams what changed.
 */
export class PolicyService {
  constructor(
    private readonly deps: {
      db: Knex;
      resolver: PolicyResolver;
      catalog: CatalogService;
      auth: AuthService;
      store: PolicyStore;
      audit: AuditStore;
      slos: SloStore;
      statuses: StatusStore;
      notifier: ReliabilityNotifications;
      logger: LoggerService;
      /**
       * Entities and contexts shared across requests (at most its TTL old): the views, the
       * gate and evaluation read it; writes and their checks read the catalog. Without it,
       * every unit of work reads the catalog.
       */
      contexts?: EntityContextCache;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  lookup(): CatalogLookup {
    return new CatalogLookup(this.deps.catalog, this.deps.auth);
  }

  /** The entity with its policy and parties; NotFoundError when the catalog does not know it. */
  async context(
    entityRef: string,
    lookup = this.lookup(),
  ): Promise<EntityContext> {
    const ctx = await this.deps.resolver.context(entityRef, lookup);
    if (!ctx) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return ctx;
  }

  /** As `context`, from the shared cache when there is one (reads: views, gate, evaluation). */
  private contextOf(
    entityRef: string,
    lookup?: CatalogLookup,
  ): Promise<EntityContext | undefined> {
    return this.deps.contexts
      ? this.deps.contexts.context(entityRef)
      : this.deps.resolver.context(entityRef, lookup ?? this.lookup());
  }

  /**
   * The context for a view (policy page, gate, postmortems, decisions): from the shared cache,
   * at most its TTL old; NotFoundError when the catalog does not know the entity. Without a
   * cache, read through `lookup` (or a fresh one).
   */
  async viewContext(
    entityRef: string,
    lookup?: CatalogLookup,
  ): Promise<EntityContext> {
    const ctx = await this.contextOf(entityRef, lookup);
    if (!ctx) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return ctx;
  }

  /** The policy's view of an entity's objectives, from the stored SLO status. */
  async compute(
    entityRef: string,
    spec: DefaultPolicySpec,
    at: number,
  ): Promise<ComputedPolicyState> {
    const [slos, statuses] = await Promise.all([
      this.deps.slos.listByService(entityRef),
      this.deps.statuses.listByService<ObjectiveStatus>(entityRef),
    ]);
    const bySlo = new Map(slos.map(s => [s.sloRef, s]));
    const inputs: PolicyObjectiveInput[] = statuses.flatMap(s => {
      const slo = bySlo.get(s.sloRef);
      if (!slo) return [];
      const window = resolveWindow(slo.definition.window, at);
      return [
        {
          sloRef: s.sloRef,
          objective: s.objective,
          tags: slo.tags ?? [],
          remaining: s.remaining,
          partial: s.status?.dataQuality === 'partial',
          windowMs: window.end - window.start,
        },
      ];
    });
    return computePolicyState(spec, inputs);
  }

  // ---------------------------------------------------------------- evaluation

  /** Re-evaluates the policy state of these entities (after their SLOs were evaluated). */
  async evaluateEntities(entityRefs: Iterable<string>): Promise<void> {
    const refs = [...new Set(entityRefs)];
    const lookup = this.lookup();
    for (let i = 0; i < refs.length; i += PREFETCH) {
      const chunk = refs.slice(i, i + PREFETCH);
      const { contexts } = this.deps;
      if (contexts) {
        // The contexts of the chunk together: a few batched catalog reads (entities, then
        // their Systems, Domains and policies) instead of several per entity, one by one.
        // A failure shows (and is logged) when that entity is evaluated below.
        await Promise.allSettled(chunk.map(ref => contexts.context(ref)));
      }
      for (const ref of chunk) {
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
    const at = this.now();
    const ctx = await this.contextOf(entityRef, lookup);
    if (!ctx) {
      // Gone from the catalog: nothing to recommend any more.
      await this.deps.store.deleteStatus(entityRef);
      return;
    }
    const { resolved } = ctx;
    const computed = await this.compute(entityRef, resolved.spec, at);
    const prev = await this.deps.store.getStatus(entityRef);
    const policyRef = resolved.policy.ref;
    const same = sameState(prev, computed, policyRef);
    const next = this.nextStatus(ctx, computed, prev, at);
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
            reason: pct(computed.remaining),
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
        teams: this.teamsOf(ctx),
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
          await this.startFreeze(ctx, SYSTEM_ACTOR, {
            reason: `Automatic: ${state.title ?? state.name} (${pct(
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
   * Writes a policy change and its audit event in one transaction: both or neither. The
   * event's subject is the policy named in its details.
   */
  private audited<T>(
    write: (tx: Knex) => Promise<T>,
    event: (result: T) => Omit<NewAuditEvent, 'subjectRef' | 'details'> & {
      details: { policyRef: string } & Record<string, unknown>;
    },
  ): Promise<T> {
    return this.deps.db.transaction(async tx => {
      const result = await write(tx);
      const e = event(result);
      await this.deps.audit.append(
        { ...e, subjectRef: e.details.policyRef },
        tx,
      );
      return result;
    });
  }

  private teamsOf(ctx: EntityContext): ResponsibleTeams {
    return {
      owner: ctx.parties.owner?.[0] ?? null,
      sreTeam: ctx.parties['sre-team']?.[0] ?? null,
      escalation: ctx.parties.escalation?.[0] ?? null,
    };
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
      teams: this.teamsOf(ctx),
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

  /** What an evaluation at `at` records of `computed`, after `prev` (the stored state). */
  private nextStatus(
    ctx: EntityContext,
    computed: ComputedPolicyState,
    prev: PolicyStatusRecord | undefined,
    at: number,
  ): PolicyStatusRecord {
    const { resolved } = ctx;
    const same = sameState(prev, computed, resolved.policy.ref);
    const outOfBudget = computed.remaining !== null && computed.remaining <= 0;
    return {
      entityRef: ctx.entityRef,
      policyRef: resolved.policy.ref,
      source: resolved.source,
      sourceRef: resolved.sourceRef,
      state: computed.state,
      remaining: computed.remaining,
      stateSince: same ? prev.stateSince : at,
      outOfBudgetSince: outOfBudget ? prev?.outOfBudgetSince ?? at : null,
      windowMs: computed.windowMs,
      counted: computed.counted,
      noData: computed.noData,
      partial: computed.partial,
      decidedBy: computed.decidedBy,
      evaluatedAt: at,
    };
  }

  /**
   * The state the views show: the stored one, unless one of the entity's objectives was
   * evaluated after it. The policy's own evaluation follows the objective's a moment later;
   * until it is stored, the stored state would contradict the objective on the same page
   * ("Budget exhausted" under a healthy policy), so it is shown as that evaluation will find
   * it (not stored: storing, news and freezes are the evaluation's).
   */
  private async viewStatus(ctx: EntityContext): Promise<PolicyStatusRecord> {
    const [status, objectives] = await Promise.all([
      this.currentStatus(ctx),
      this.deps.statuses.listByService(ctx.entityRef),
    ]);
    if (objectives.every(o => o.evaluatedAt <= status.evaluatedAt)) {
      return status;
    }
    const at = this.now();
    const computed = await this.compute(ctx.entityRef, ctx.resolved.spec, at);
    return this.nextStatus(ctx, computed, status, at);
  }

  /** The stored state, or (never evaluated yet) one computed now and not stored. */
  private async currentStatus(ctx: EntityContext): Promise<PolicyStatusRecord> {
    const stored = await this.deps.store.getStatus(ctx.entityRef);
    if (stored && stored.policyRef === ctx.resolved.policy.ref) return stored;
    const at = this.now();
    const computed = await this.compute(ctx.entityRef, ctx.resolved.spec, at);
    // Since when is not known before the first evaluation.
    return {
      ...this.nextStatus(ctx, computed, undefined, at),
      stateSince: null,
      outOfBudgetSince: null,
    };
  }

  // ---------------------------------------------------------------- views

  async entityPolicy(entityRef: string) {
    const ctx = await this.viewContext(entityRef);
    const { resolved } = ctx;
    const [status, freeze, decision] = await Promise.all([
      this.viewStatus(ctx),
      this.deps.store.activeFreeze(ctx.entityRef),
      this.deps.store.latestDecision(ctx.entityRef),
    ]);
    const exceptions = freeze
      ? await this.deps.store.exceptionsForFreeze(freeze.id)
      : [];
    const state = stateSpec(resolved.spec, status.state);
    const escalationSpec = resolved.policy.escalation;
    const windows = windowsOutOfBudget(
      status.outOfBudgetSince,
      this.now(),
      status.windowMs,
    );
    // A decision taken during this out-of-budget period answers the escalation.
    const answered = escalationAnswered(
      decision,
      status.outOfBudgetSince,
      this.now(),
    );
    return {
      entityRef: ctx.entityRef,
      policy: resolved.policy,
      source: resolved.source,
      sourceRef: resolved.sourceRef,
      problem: resolved.problem,
      status: {
        state: status.state,
        title: state ? state.title ?? state.name : null,
        consequences: state?.consequences ?? null,
        requiredActions: state?.requiredActions ?? [],
        freezeRecommended: state?.freeze ?? false,
        remaining: status.remaining,
        since: iso(status.stateSince),
        counted: status.counted,
        noData: status.noData,
        partial: status.partial,
        decidedBy: status.decidedBy,
        evaluatedAt: iso(status.evaluatedAt),
      },
      freeze: freeze ? freezeView(freeze) : null,
      exceptions: exceptions.map(exceptionView),
      ...(escalationSpec
        ? {
            escalation: {
              windowsOutOfBudget: windows,
              afterWindows: escalationSpec.afterWindows,
              to: escalationSpec.to,
              outOfBudgetSince: iso(status.outOfBudgetSince),
              due: windows >= escalationSpec.afterWindows && !answered,
              ...(decision ? { decision: decisionView(decision) } : {}),
            },
          }
        : {}),
    };
  }

  // ---------------------------------------------------------------- actions

  private async startFreeze(
    ctx: EntityContext,
    actorRef: string,
    options: {
      reason: string;
      link?: string;
      automatic: boolean;
      remaining: number | null;
      state: string | null;
    },
  ): Promise<FreezeRecord> {
    const freeze = await this.audited(
      tx =>
        this.deps.store.enactFreeze(
          {
            entityRef: ctx.entityRef,
            policyRef: ctx.resolved.policy.ref,
            startedAt: this.now(),
            startedBy: actorRef,
            reason: options.reason,
            link: options.link ?? null,
            automatic: options.automatic,
            budgetRemaining: options.remaining,
          },
          tx,
        ),
      created => ({
        actorRef,
        action: 'policy.freeze-enacted',
        entityRef: ctx.entityRef,
        reason: options.reason,
        details: {
          policyRef: ctx.resolved.policy.ref,
          freezeId: created.id,
          link: options.link ?? null,
          automatic: options.automatic,
          budgetRemaining: options.remaining,
          state: options.state,
        },
      }),
    );
    const state = stateSpec(ctx.resolved.spec, options.state);
    await this.deps.notifier.notify({
      kind: 'freeze-enacted',
      freezeId: freeze.id,
      entityRef: ctx.entityRef,
      teams: this.teamsOf(ctx),
      actorRef,
      automatic: options.automatic,
      reason: options.reason,
      stateTitle: state ? state.title ?? state.name : null,
      remaining: options.remaining,
      policyTitle: ctx.resolved.policy.title,
      exceptionClasses: ctx.resolved.policy.exceptionClasses.map(c => c.name),
    });
    return freeze;
  }

  async enactFreeze(
    entityRef: string,
    actorRef: string,
    body: { reason: string; link?: string },
  ) {
    const ctx = await this.context(entityRef);
    const status = await this.currentStatus(ctx);
    const freeze = await this.startFreeze(ctx, actorRef, {
      reason: body.reason,
      link: body.link,
      automatic: false,
      remaining: status.remaining,
      state: status.state,
    });
    return freezeView(freeze);
  }

  async liftFreeze(
    entityRef: string,
    actorRef: string,
    body: { reason: string; link?: string },
  ) {
    const ctx = await this.context(entityRef);
    const status = await this.currentStatus(ctx);
    const lifted = await this.audited(
      tx =>
        this.deps.store.liftFreeze(
          ctx.entityRef,
          { liftedAt: this.now(), liftedBy: actorRef, liftReason: body.reason },
          tx,
        ),
      freeze => ({
        actorRef,
        action: 'policy.freeze-lifted',
        entityRef: ctx.entityRef,
        reason: body.reason,
        details: {
          policyRef: freeze.policyRef,
          freezeId: freeze.id,
          link: body.link ?? null,
          budgetRemaining: status.remaining,
          state: status.state,
          frozenSince: new Date(freeze.startedAt).toISOString(),
        },
      }),
    );
    await this.deps.notifier.notify({
      kind: 'freeze-lifted',
      freezeId: lifted.id,
      entityRef: ctx.entityRef,
      teams: this.teamsOf(ctx),
      actorRef,
      reason: body.reason,
      remaining: status.remaining,
    });
    return freezeView(lifted);
  }

  async grantException(
    entityRef: string,
    actorRef: string,
    body: {
      changeId: string;
      exceptionClass: string;
      reason: string;
      link?: string;
    },
  ) {
    const ctx = await this.context(entityRef);
    const classes = ctx.resolved.policy.exceptionClasses.map(c => c.name);
    if (!classes.includes(body.exceptionClass)) {
      throw new InputError(
        `exceptionClass: '${
          body.exceptionClass
        }' is not an exception class of ${ctx.resolved.policy.ref}; it allows ${
          classes.length ? classes.join(', ') : 'none'
        }`,
      );
    }
    const status = await this.currentStatus(ctx);
    const granted = await this.audited(
      async tx => {
        const freeze = await this.deps.store.activeFreeze(ctx.entityRef, tx);
        if (!freeze) {
          throw new ConflictError(
            `${ctx.entityRef} has no freeze in force; changes ship without an exception`,
          );
        }
        return {
          freeze,
          exception: await this.deps.store.grantException(
            {
              freezeId: freeze.id,
              entityRef: ctx.entityRef,
              changeId: body.changeId,
              exceptionClass: body.exceptionClass,
              reason: body.reason,
              link: body.link ?? null,
              grantedBy: actorRef,
              grantedAt: this.now(),
              budgetRemaining: status.remaining,
            },
            tx,
          ),
        };
      },
      ({ freeze }) => ({
        actorRef,
        action: 'policy.exception-granted',
        entityRef: ctx.entityRef,
        reason: body.reason,
        details: {
          policyRef: freeze.policyRef,
          freezeId: freeze.id,
          changeId: body.changeId,
          exceptionClass: body.exceptionClass,
          link: body.link ?? null,
          budgetRemaining: status.remaining,
          state: status.state,
        },
      }),
    );
    await this.deps.notifier.notify({
      kind: 'exception-granted',
      entityRef: ctx.entityRef,
      teams: this.teamsOf(ctx),
      actorRef,
      changeId: body.changeId,
      exceptionClass: body.exceptionClass,
      reason: body.reason,
    });
    return exceptionView(granted.exception);
  }

  async recordDecision(
    entityRef: string,
    actorRef: string,
    body: {
      decision: LeadershipDecisionKind;
      reason: string;
      link?: string;
      acceptUntil?: string;
    },
  ) {
    let acceptUntil: number | null = null;
    if (body.decision === 'accept-risk') {
      if (!body.acceptUntil) {
        throw new InputError(
          'acceptUntil: required when the decision is accept-risk (until when is the risk accepted?)',
        );
      }
      acceptUntil = Date.parse(body.acceptUntil);
      if (!Number.isFinite(acceptUntil) || acceptUntil <= this.now()) {
        throw new InputError(
          `acceptUntil: '${body.acceptUntil}' must be a date-time in the future`,
        );
      }
    } else if (body.acceptUntil !== undefined) {
      throw new InputError(
        `acceptUntil: only for accept-risk, not for ${body.decision}`,
      );
    }
    const ctx = await this.context(entityRef);
    const status = await this.currentStatus(ctx);
    const recorded = await this.audited(
      tx =>
        this.deps.store.recordDecision(
          {
            entityRef: ctx.entityRef,
            policyRef: ctx.resolved.policy.ref,
            decision: body.decision,
            reason: body.reason,
            link: body.link ?? null,
            acceptUntil,
            decidedBy: actorRef,
            decidedAt: this.now(),
            budgetRemaining: status.remaining,
          },
          tx,
        ),
      () => ({
        actorRef,
        action: 'policy.decision-recorded',
        entityRef: ctx.entityRef,
        reason: body.reason,
        details: {
          policyRef: ctx.resolved.policy.ref,
          decision: body.decision,
          acceptUntil: iso(acceptUntil),
          link: body.link ?? null,
          budgetRemaining: status.remaining,
          state: status.state,
        },
      }),
    );
    await this.deps.notifier.notify({
      kind: 'decision-recorded',
      entityRef: ctx.entityRef,
      teams: this.teamsOf(ctx),
      actorRef,
      decision: body.decision,
      reason: body.reason,
      acceptUntil,
    });
    return decisionView(recorded);
  }

  // ---------------------------------------------------------------- gate

  /**
   * May a change ship now? Answers from the stored state and freeze (two indexed reads); the
   * catalog is asked only for an entity never evaluated or a change that names a class.
   */
  async gate(entityRef: string, changeId?: string, exceptionClass?: string) {
    const { status, freeze } = await this.deps.store.statusAndFreeze(entityRef);
    let policyRef = status?.policyRef ?? freeze?.policyRef;
    let resolved: ResolvedPolicy | undefined;
    const resolve = async () => {
      resolved ??= (await this.viewContext(entityRef)).resolved;
      return resolved;
    };
    if (!policyRef) policyRef = (await resolve()).policy.ref;
    const base = {
      entityRef,
      policyRef,
      state: status?.state ?? null,
      remaining: status?.remaining ?? null,
      frozen: !!freeze,
      freeze: freeze ? freezeView(freeze) : null,
      exception: null,
      preApprovedClass: null,
    };
    if (!freeze) {
      return {
        ...base,
        allowed: true,
        reason: `No release freeze in force (policy state ${
          status?.state ?? 'unknown'
        }, ${pct(status?.remaining ?? null)})`,
      };
    }
    if (changeId) {
      const exception = await this.deps.store.exceptionForChange(
        freeze.id,
        changeId,
      );
      if (exception) {
        return {
          ...base,
          allowed: true,
          exception: exceptionView(exception),
          reason: `Release freeze in force, but change ${changeId} has an exception (${exception.exceptionClass}) granted by ${exception.grantedBy}: ${exception.reason}`,
        };
      }
    }
    if (exceptionClass) {
      const { policy } = await resolve();
      const cls = policy.exceptionClasses.find(c => c.name === exceptionClass);
      if (!cls) {
        throw new InputError(
          `class: '${exceptionClass}' is not an exception class of ${
            policy.ref
          }; it allows ${
            policy.exceptionClasses.map(c => c.name).join(', ') || 'none'
          }`,
        );
      }
      if (cls.preApproved) {
        return {
          ...base,
          allowed: true,
          preApprovedClass: cls.name,
          reason: `Release freeze in force, but ${cls.name} changes are pre-approved by ${policy.ref}`,
        };
      }
    }
    return {
      ...base,
      allowed: false,
      reason: `Release freeze in force since ${new Date(
        freeze.startedAt,
      ).toISOString()} (enacted by ${freeze.startedBy}: ${freeze.reason}); ${
        changeId
          ? `change ${changeId} has no exception`
          : 'no change id given to look up an exception'
      }`,
    };
  }
}

/** Whether `computed` keeps the stored state (same policy, same state): its `since` stays. */
function sameState(
  prev: PolicyStatusRecord | undefined,
  computed: ComputedPolicyState,
  policyRef: string,
): prev is PolicyStatusRecord {
  return (
    prev !== undefined &&
    prev.state === computed.state &&
    prev.policyRef === policyRef
  );
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

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function freezeView(f: FreezeRecord) {
  return {
    id: f.id,
    entityRef: f.entityRef,
    policyRef: f.policyRef,
    startedAt: new Date(f.startedAt).toISOString(),
    startedBy: f.startedBy,
    reason: f.reason,
    link: f.link,
    automatic: f.automatic,
    budgetRemaining: f.budgetRemaining,
    liftedAt: iso(f.liftedAt),
    liftedBy: f.liftedBy,
    liftReason: f.liftReason,
  };
}

function exceptionView(e: ExceptionRecord) {
  return {
    id: e.id,
    entityRef: e.entityRef,
    freezeId: e.freezeId,
    changeId: e.changeId,
    exceptionClass: e.exceptionClass,
    reason: e.reason,
    link: e.link,
    grantedBy: e.grantedBy,
    grantedAt: new Date(e.grantedAt).toISOString(),
    budgetRemaining: e.budgetRemaining,
  };
}

function decisionView(d: DecisionRecord) {
  return {
    id: d.id,
    entityRef: d.entityRef,
    policyRef: d.policyRef,
    decision: d.decision,
    reason: d.reason,
    link: d.link,
    acceptUntil: iso(d.acceptUntil),
    decidedBy: d.decidedBy,
    decidedAt: new Date(d.decidedAt).toISOString(),
    budgetRemaining: d.budgetRemaining,
  };
}
