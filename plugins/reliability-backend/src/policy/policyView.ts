import { parseEntityRef } from '@backstage/catalog-model';
import type {
  DefaultPolicySpec,
  Policy,
} from '@reliability-suite/plugin-reliability-common';
import { refKey } from '@reliability-suite/plugin-reliability-common';

/** A reference as the suite stores it, with a default kind and namespace. */
export function canonicalRef(
  value: string,
  defaultKind: string,
  defaultNamespace: string,
): string {
  const ref = parseEntityRef(value, { defaultKind, defaultNamespace });
  return refKey(`${ref.kind}:${ref.namespace}/${ref.name}`);
}

/** The policy as the API shows it. */
export function policyView(options: {
  ref: string;
  title: string;
  description?: string;
  spec: DefaultPolicySpec;
}): Policy {
  const { ref, title, description, spec } = options;
  const namespace = parseEntityRef(ref).namespace;
  return {
    ref,
    title,
    description: description ?? null,
    ownerRef: spec.owner ? canonicalRef(spec.owner, 'group', namespace) : null,
    states: spec.states,
    combine: spec.combine ?? 'worst',
    sloTags: spec.slos?.tags ?? [],
    autoEnact: spec.autoEnact ?? false,
    exceptionClasses: spec.freeze?.exceptionClasses ?? [],
    postmortemBudgetShareAbove: spec.postmortem?.budgetShareAbove ?? null,
    escalation: spec.escalation
      ? {
          afterWindows: spec.escalation.afterWindows,
          to: canonicalRef(spec.escalation.to, 'group', namespace),
        }
      : null,
  };
}
