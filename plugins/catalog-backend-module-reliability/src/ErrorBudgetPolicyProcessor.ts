import {
  CompoundEntityRef,
  Entity,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  getCompoundEntityRef,
  makeValidator,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ERROR_BUDGET_POLICY,
  ERROR_BUDGET_POLICY_API_VERSION,
  ERROR_BUDGET_POLICY_KIND,
  validateErrorBudgetPolicy,
  refKey,
} from '@reliability-suite/plugin-reliability-common';
import { clip, invalidEntityMessage } from './problemsMessage';

/** Component, System or Domain → the ErrorBudgetPolicy its annotation selects. @public */
export const RELATION_USES_POLICY = 'usesPolicy';
/** ErrorBudgetPolicy → a Component, System or Domain that selects it. @public */
export const RELATION_POLICY_OF = 'policyOf';

/** The kinds that may select a policy with the annotation (lower case). */
const POLICY_SELECTING_KINDS = ['component', 'system', 'domain'];

const entityValidator = makeValidator();

function isErrorBudgetPolicy(entity: Entity): boolean {
  return (
    entity.apiVersion === ERROR_BUDGET_POLICY_API_VERSION &&
    entity.kind === ERROR_BUDGET_POLICY_KIND
  );
}

/**
 * Reads the policy annotation's value: a reference whose kind defaults to ErrorBudgetPolicy
 * and namespace to the entity's. Throws an InputError naming the annotation when the value
 * is not a reference to an ErrorBudgetPolicy.
 */
function policySelectedBy(
  entity: Entity,
  value: string,
  self: CompoundEntityRef,
): CompoundEntityRef {
  const field = `metadata.annotations["${ANNOTATION_ERROR_BUDGET_POLICY}"]`;
  if (!POLICY_SELECTING_KINDS.includes(refKey(entity.kind))) {
    throw new InputError(
      `${field}: only Components, Systems and Domains select an error-budget policy; found on a ${entity.kind}`,
    );
  }
  let ref: CompoundEntityRef | undefined;
  try {
    ref = parseEntityRef(value, {
      defaultKind: ERROR_BUDGET_POLICY_KIND,
      defaultNamespace: self.namespace,
    });
  } catch {
    ref = undefined;
  }
  if (
    !ref ||
    !entityValidator.isValidNamespace(ref.namespace) ||
    !entityValidator.isValidEntityName(ref.name)
  ) {
    throw new InputError(
      `${field}: must be a reference to an ErrorBudgetPolicy, [namespace/]name (namespace defaults to the entity's), e.g. standard or default/strict-payments; got '${clip(
        value,
      )}'`,
    );
  }
  if (refKey(ref.kind) !== refKey(ERROR_BUDGET_POLICY_KIND)) {
    throw new InputError(
      `${field}: must refer to an ErrorBudgetPolicy; got a reference to a ${ref.kind}, '${value}'`,
    );
  }
  return ref;
}

/**
 * Ingests ErrorBudgetPolicy entities (`apiVersion: reliability-suite.dev/v1alpha1`):
 * validates them, rejecting an invalid one with every problem named by field path, and
 * relates each policy to its owner (`ownedBy` / `ownerOf`). Components, Systems and Domains
 * that select a policy with the `reliability-suite.dev/error-budget-policy` annotation are
 * related to it (`usesPolicy` / `policyOf`); a bad value of that annotation is reported
 * here, as a processing error, and nowhere else.
 *
 * @public
 */
export class ErrorBudgetPolicyProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'ErrorBudgetPolicyProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isErrorBudgetPolicy(entity)) return false;
    const problems = validateErrorBudgetPolicy(entity);
    if (problems.length > 0) {
      throw new InputError(
        invalidEntityMessage(
          'ErrorBudgetPolicy',
          entity.metadata?.name,
          problems,
        ),
      );
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (isErrorBudgetPolicy(entity)) {
      const policy = getCompoundEntityRef(entity);
      // spec.owner was validated as a Group reference.
      const owner = parseEntityRef(String(entity.spec?.owner), {
        defaultKind: 'group',
        defaultNamespace: policy.namespace,
      });
      emit(
        processingResult.relation({
          source: policy,
          type: RELATION_OWNED_BY,
          target: owner,
        }),
      );
      emit(
        processingResult.relation({
          source: owner,
          type: RELATION_OWNER_OF,
          target: policy,
        }),
      );
      return entity;
    }

    const value = entity.metadata.annotations?.[ANNOTATION_ERROR_BUDGET_POLICY];
    if (value === undefined) return entity;
    const self = getCompoundEntityRef(entity);
    let policy: CompoundEntityRef;
    try {
      policy = policySelectedBy(entity, value, self);
    } catch (e) {
      emit(processingResult.inputError(location, (e as Error).message));
      return entity;
    }
    emit(
      processingResult.relation({
        source: self,
        type: RELATION_USES_POLICY,
        target: policy,
      }),
    );
    emit(
      processingResult.relation({
        source: policy,
        type: RELATION_POLICY_OF,
        target: self,
      }),
    );
    return entity;
  }
}
