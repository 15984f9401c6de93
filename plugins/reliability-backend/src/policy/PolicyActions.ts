import { ConflictError, InputError } from '@backstage/errors';
import { LeadershipDecisionKind } from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { ReliabilityNotifications } from '../notifications/events';
import { AuditStore, NewAuditEvent } from '../store/AuditStore';
import { FreezeRecord, PolicyStore } from '../store/PolicyStore';
import {
  decisionView,
  exceptionView,
  freezeView,
  iso,
  stateSpec,
  teamsOf,
} from './policyRecords';
import { PolicyContexts } from './PolicyContexts';
import { EntityContext } from './PolicyResolver';
import { PolicyStates } from './PolicyStates';

/**
 * What people (and autoEnact) do with an entity's policy: enact and lift freezes, grant
 * exceptions, record leadership decisions. Each write and its audit event commit together,
 * then the teams are told. Writes and their checks read the catalog, not the shared cache.
 */
export class PolicyActions {
  constructor(
    private readonly deps: {
      db: Knex;
      contexts: PolicyContexts;
      states: PolicyStates;
      store: PolicyStore;
      audit: AuditStore;
      notifier: ReliabilityNotifications;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
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

  /**
   * Enacts a freeze and tells the teams: for a person (`enactFreeze`) or for the policy
   * itself, when an evaluation finds a freezing state under autoEnact. ConflictError when a
   * freeze is already in force.
   */
  async startFreeze(
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
      teams: teamsOf(ctx),
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
    const ctx = await this.deps.contexts.context(entityRef);
    const status = await this.deps.states.currentStatus(ctx);
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
    const ctx = await this.deps.contexts.context(entityRef);
    const status = await this.deps.states.currentStatus(ctx);
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
      teams: teamsOf(ctx),
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
    const ctx = await this.deps.contexts.context(entityRef);
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
    const status = await this.deps.states.currentStatus(ctx);
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
      teams: teamsOf(ctx),
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
    const ctx = await this.deps.contexts.context(entityRef);
    const status = await this.deps.states.currentStatus(ctx);
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
      teams: teamsOf(ctx),
      actorRef,
      decision: body.decision,
      reason: body.reason,
      acceptUntil,
    });
    return decisionView(recorded);
  }
}
