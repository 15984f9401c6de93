import { OPENSLO_API_VERSION, OPENSLO_KINDS, OpenSloKind } from './types';
import type { OpenSloValidationError } from './types';
import {
  JsonObject,
  Problems,
  REQUIRED,
  get,
  isObject,
  mustBe,
  oneOfField,
} from './validationContext';
import { validateMetadata } from './validateMetadata';
import { validateSloSpec } from './validateSlo';
import { validateSliSpec } from './validateSli';
import {
  validateAlertConditionSpec,
  validateAlertNotificationTargetSpec,
  validateAlertPolicySpec,
} from './validateAlerting';
import {
  validateDataSourceSpec,
  validateServiceSpec,
} from './validateSimpleKinds';

type SpecValidator = (
  problems: Problems,
  spec: JsonObject,
  path: string,
) => void;

const SPEC_VALIDATORS: Record<OpenSloKind, SpecValidator> = {
  SLO: validateSloSpec,
  SLI: (problems, spec, path) => {
    validateSliSpec(problems, spec, path);
  },
  DataSource: validateDataSourceSpec,
  AlertPolicy: validateAlertPolicySpec,
  AlertCondition: validateAlertConditionSpec,
  AlertNotificationTarget: validateAlertNotificationTargetSpec,
  Service: validateServiceSpec,
};

function validateDocument(problems: Problems, doc: unknown): void {
  if (!isObject(doc)) {
    problems.add('', mustBe('an object (an OpenSLO document)', doc));
    return;
  }
  const apiVersion = get(doc, 'apiVersion');
  if (apiVersion === undefined) {
    // Most likely forgotten: go on and check the rest as v1.
    problems.add('apiVersion', REQUIRED);
  } else if (apiVersion !== OPENSLO_API_VERSION) {
    // Another version (v1alpha, v2alpha) has other fields: checking them against v1 would
    // only bury this one real problem under noise.
    problems.add(
      'apiVersion',
      mustBe(`${OPENSLO_API_VERSION} (the only version supported)`, apiVersion),
    );
    return;
  }
  // The envelope is open: catalog entities add relations and status next to spec.
  const kind = oneOfField(problems, doc, '', 'kind', OPENSLO_KINDS, true);
  validateMetadata(problems, doc, '');
  if (kind === undefined) {
    // Without a known kind there is no telling which fields the spec should have.
    return;
  }
  const spec = get(doc, 'spec');
  if (spec === undefined) {
    // A Service may be a bare name; every other kind is defined by its spec.
    if (kind !== 'Service') {
      problems.add('spec', REQUIRED);
    }
    return;
  }
  if (!isObject(spec)) {
    problems.add('spec', mustBe('an object', spec));
    return;
  }
  SPEC_VALIDATORS[kind](problems, spec, 'spec');
}

/**
 * What {@link checkOpenSloDocument} found: `errors` reject the document; `warnings` do not
 * (fields that have no effect where they stand, or whose meaning depends on a referenced
 * SLI), and are worth showing to its author.
 *
 * @public
 */
export interface OpenSloCheckResult {
  errors: OpenSloValidationError[];
  warnings: OpenSloValidationError[];
}

/**
 * Checks a parsed OpenSLO v1 document (any kind) against the specification and the
 * suite's rules, returning one error per problem and one warning per field that has no
 * effect, each in document order. Never throws, whatever the input.
 *
 * Beyond the spec, the suite requires: `spec.service` to be a Backstage entity reference;
 * an SLO `timeWindow`; calendar windows in w, M, Q or Y; targets strictly between 0 and 1;
 * unique objective names; no unknown fields in specs (typos such as budgetMethod); no time-slice
 * fields under a budgeting method that ignores them. Fields the spec leaves free
 * (`connectionDetails`, a metric source's `spec`) take any YAML.
 *
 * @public
 */
export function checkOpenSloDocument(doc: unknown): OpenSloCheckResult {
  const problems = new Problems();
  try {
    validateDocument(problems, doc);
  } catch (e) {
    // Plain parsed YAML or JSON cannot get here; exotic objects (proxies, getters that
    // throw) can, and a validator that throws would break the caller's error handling.
    problems.add(
      '',
      `could not be validated: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return { errors: problems.list, warnings: problems.warnings };
}

/**
 * The errors of {@link checkOpenSloDocument}: an empty array for a valid document.
 *
 * @public
 */
export function validateOpenSloDocument(
  doc: unknown,
): OpenSloValidationError[] {
  return checkOpenSloDocument(doc).errors;
}
