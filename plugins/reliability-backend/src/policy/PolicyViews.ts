import { windowsOutOfBudget } from '@reliability-suite/plugin-reliability-common';
import { PolicyStore } from '../store/PolicyStore';
import { escalationAnswered } from './escalation';
import { PolicyContexts } from './PolicyContexts';
import {
  decisionView,
  exceptionView,
  freezeView,
  iso,
  stateSpec,
} from './policyRecords';
import { PolicyStates } from './PolicyStates';

/**
 * The read model of an entity's policy for the routes: its policy, the state it recommends,
 * the freeze in force with its exceptions, and the escalation with leadership's decision.
 */
export class PolicyViews {
  constructor(
    private readonly deps: {
      contexts: Pick<PolicyContexts, 'viewContext'>;
      states: Pick<PolicyStates, 'viewStatus'>;
      store: PolicyStore;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  /** An entity's policy as its page shows it; NotFoundError when the catalog does not know it. */
  async entityPolicy(entityRef: string) {
    const ctx = await this.deps.contexts.viewContext(entityRef);
    const { resolved } = ctx;
    const [status, freeze, decision] = await Promise.all([
      this.deps.states.viewStatus(ctx),
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
}
