import {
  computePolicyState,
  ComputedPolicyState,
  DefaultPolicySpec,
  PolicyObjectiveInput,
  resolveWindow,
} from '@reliability-suite/plugin-reliability-common';
import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import { PolicyStatusRecord, PolicyStore } from '../store/PolicyStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { StatusRecord, StatusStore } from '../store/StatusStore';
import { EntityContext, ResolvedPolicy } from './PolicyResolver';

/**
 * The state an entity's policy recommends, computed from the stored SLO status: what an
 * evaluation records, and what the views and actions take as current. Stores nothing.
 */
export class PolicyStates {
  constructor(
    private readonly deps: {
      store: PolicyStore;
      slos: SloStore;
      statuses: StatusStore;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  /** The policy's view of an entity's objectives, from the stored SLO status. */
  async compute(
    entityRef: string,
    spec: DefaultPolicySpec,
    at: number,
  ): Promise<ComputedPolicyState> {
    return (await this.computeMany([{ entityRef, spec }], at)).get(entityRef)!;
  }

  /**
   * As `compute` for many entities, from two reads for all of them (a batch's policy
   * evaluation): each entity's state by its ref.
   */
  async computeMany(
    entities: Array<{ entityRef: string; spec: DefaultPolicySpec }>,
    at: number,
  ): Promise<Map<string, ComputedPolicyState>> {
    const refs = entities.map(e => e.entityRef);
    const [slos, statuses] = await Promise.all([
      this.deps.slos.listByServices(refs),
      this.deps.statuses.listByServices<ObjectiveStatus>(refs),
    ]);
    return new Map(
      entities.map(e => [
        e.entityRef,
        policyStateOf(
          e.spec,
          slos.get(e.entityRef) ?? [],
          statuses.get(e.entityRef) ?? [],
          at,
        ),
      ]),
    );
  }

  /**
   * What an evaluation at `at` records of `computed`, after `prev` (the stored state). Reads
   * only the entity and where its policy came from.
   */
  nextStatus(
    ctx: Pick<EntityContext, 'entityRef'> & {
      resolved: Pick<ResolvedPolicy, 'source' | 'sourceRef'> & {
        policy: Pick<ResolvedPolicy['policy'], 'ref'>;
      };
    },
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
  async viewStatus(ctx: EntityContext): Promise<PolicyStatusRecord> {
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
  async currentStatus(ctx: EntityContext): Promise<PolicyStatusRecord> {
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
}

/** The state `spec` recommends for a service with these SLOs and objective statuses at `at`. */
function policyStateOf(
  spec: DefaultPolicySpec,
  slos: SloRecord[],
  statuses: StatusRecord<ObjectiveStatus>[],
  at: number,
): ComputedPolicyState {
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

/** Whether `computed` keeps the stored state (same policy, same state): its `since` stays. */
export function sameState(
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
