import { InputError } from '@backstage/errors';
import type { GateReading } from '../store/PolicyStore';
import { PolicyContexts } from './PolicyContexts';
import { budgetText, exceptionView, freezeView } from './policyRecords';
import { ResolvedPolicy } from './PolicyResolver';

/**
 * The deploy gate: may a change ship to an entity now? A freeze in force stops it, unless
 * the change has an exception or its class is pre-approved by the entity's policy.
 */
export class DeployGate {
  constructor(
    private readonly deps: {
      contexts: Pick<PolicyContexts, 'viewContext'>;
      /** The stored state, freeze and exception: the database, or GateStateView in front of it. */
      reads: {
        readGate(entityRef: string, changeId?: string): Promise<GateReading>;
      };
    },
  ) {}

  /**
   * May a change ship now? Answers from the stored state, freeze and exception (one read);
   * the catalog is asked only for an entity never evaluated or a change that names a class.
   */
  async decide(entityRef: string, changeId?: string, exceptionClass?: string) {
    const { status, freeze, exception } = await this.deps.reads.readGate(
      entityRef,
      changeId,
    );
    let policyRef = status?.policyRef ?? freeze?.policyRef;
    let resolved: ResolvedPolicy | undefined;
    const resolve = async () => {
      resolved ??= (await this.deps.contexts.viewContext(entityRef)).resolved;
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
        }, ${budgetText(status?.remaining ?? null)})`,
      };
    }
    if (changeId) {
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
