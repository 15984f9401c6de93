import { makeValidator, parseEntityRef } from '@backstage/catalog-model';

import { OPENSLO_BUDGETING_METHODS } from './types';
import {
  JsonObject,
  Problems,
  arrayField,
  at,
  checkDescription,
  checkUnknownFields,
  get,
  has,
  isObject,
  join,
  mustBe,
  nameField,
  oneOfField,
  stringField,
} from './validationContext';
import { SliMetricKind, validateInlineIndicator } from './validateSli';
import {
  validateAlertPolicySpec,
  validateRefOrInline,
} from './validateAlerting';
import { validateTimeWindow } from './validateSloTimeWindow';
import { validateObjectives } from './validateSloObjectives';

const SLO_SPEC_FIELDS = [
  'description',
  'service',
  'indicator',
  'indicatorRef',
  'timeWindow',
  'budgetingMethod',
  'objectives',
  'alertPolicies',
];

const entityValidator = makeValidator();

function validateService(problems: Problems, spec: JsonObject, path: string) {
  const service = stringField(problems, spec, path, 'service', {
    required: true,
  });
  if (service === undefined) {
    return;
  }
  let valid = false;
  try {
    // parseEntityRef accepts names the catalog would reject ("a:b:c" gives the name
    // "b:c"), so the parts are checked with the catalog's own rules as well.
    const ref = parseEntityRef(service, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    valid =
      entityValidator.isValidKind(ref.kind) &&
      entityValidator.isValidNamespace(ref.namespace) &&
      entityValidator.isValidEntityName(ref.name);
  } catch {
    valid = false;
  }
  if (!valid) {
    problems.add(
      join(path, 'service'),
      mustBe(
        'a Backstage entity reference, [kind:][namespace/]name (kind defaults to Component), e.g. checkout or system:default/payments',
        service,
      ),
    );
  }
}

function isComposite(spec: JsonObject): boolean {
  const objectives = get(spec, 'objectives');
  return (
    Array.isArray(objectives) &&
    objectives.some(
      o => isObject(o) && (has(o, 'indicator') || has(o, 'indicatorRef')),
    )
  );
}

/**
 * The SLO's indicator: exactly one of indicator or indicatorRef on the SLO, or (composite
 * SLOs) on every objective instead. Returns the inline indicator's kind, if any.
 */
function validateSloIndicator(
  problems: Problems,
  spec: JsonObject,
  path: string,
  composite: boolean,
): SliMetricKind | undefined {
  const hasIndicator = has(spec, 'indicator');
  const hasRef = has(spec, 'indicatorRef');
  if (composite) {
    if (hasIndicator || hasRef) {
      problems.add(
        path,
        'indicator or indicatorRef must be given either on the SLO or on every objective (a composite SLO), not both',
      );
    }
  } else if (hasIndicator === hasRef) {
    problems.add(
      path,
      `exactly one of indicator or indicatorRef is required${
        hasIndicator ? '; got both' : ''
      }`,
    );
  }
  nameField(problems, spec, path, 'indicatorRef', false);
  if (!hasIndicator) {
    return undefined;
  }
  return validateInlineIndicator(
    problems,
    get(spec, 'indicator'),
    join(path, 'indicator'),
  );
}

/** Checks an SLO's spec at `path`. */
export function validateSloSpec(
  problems: Problems,
  spec: JsonObject,
  path: string,
): void {
  checkUnknownFields(problems, spec, path, SLO_SPEC_FIELDS);
  checkDescription(problems, spec, path);
  validateService(problems, spec, path);
  const composite = isComposite(spec);
  const sloIndicator = validateSloIndicator(problems, spec, path, composite);
  const method = oneOfField(
    problems,
    spec,
    path,
    'budgetingMethod',
    OPENSLO_BUDGETING_METHODS,
    true,
  );
  const window = validateTimeWindow(problems, spec, path);
  validateObjectives(problems, spec, path, {
    method,
    window,
    sloIndicator,
    composite,
  });

  // An empty key (`alertPolicies:` with nothing under it, as in the spec's examples) is
  // null: no alert policies.
  const policies =
    get(spec, 'alertPolicies') === null
      ? undefined
      : arrayField(problems, spec, path, 'alertPolicies', false);
  policies?.forEach((policy, index) =>
    validateRefOrInline(
      problems,
      policy,
      at(join(path, 'alertPolicies'), index),
      {
        refKey: 'alertPolicyRef',
        kind: 'AlertPolicy',
        validateSpec: validateAlertPolicySpec,
      },
    ),
  );
}
