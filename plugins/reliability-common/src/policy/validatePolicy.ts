import { makeValidator } from '@backstage/catalog-model';
import type { OpenSloValidationError } from '../openslo/types';
import {
  JsonObject,
  REQUIRED,
  at,
  booleanField,
  get,
  isObject,
  join,
  mustBe,
  objectField,
  oneOfField,
  stringField,
} from '../openslo/validationContext';
import {
  ERROR_BUDGET_POLICY_API_VERSION,
  ERROR_BUDGET_POLICY_KIND,
} from './types';
import {
  PolicyProblems,
  TEXT_MAX,
  boundedArrayField,
  checkFields,
  checkUnique,
  groupRefField,
  rangeField,
  slugField,
  stringListField,
} from './validatePolicyFields';
import { checkStates } from './validatePolicyStates';

/**
 * The validator of the ErrorBudgetPolicy entity and of its spec, built from the same small
 * blocks as the OpenSLO validator: every problem is named by its field path, at most one
 * per field, and nothing here throws, whatever the input. The field-level blocks are in
 * validatePolicyFields.ts, the states in validatePolicyStates.ts.
 */

// Bounds against hostile or runaway input; far above anything a real policy needs.
const MAX_TAGS = 100;
const MAX_EXCEPTION_CLASSES = 50;
const TAG_MAX = 100;

const SPEC_FIELDS = [
  'owner',
  'slos',
  'combine',
  'states',
  'autoEnact',
  'freeze',
  'postmortem',
  'escalation',
] as const;
const SLOS_FIELDS = ['tags'] as const;
const FREEZE_FIELDS = ['exceptionClasses'] as const;
const EXCEPTION_CLASS_FIELDS = ['name', 'description', 'preApproved'] as const;
const POSTMORTEM_FIELDS = ['budgetShareAbove'] as const;
const ESCALATION_FIELDS = ['afterWindows', 'to'] as const;
const COMBINE_METHODS = ['worst', 'mean'] as const;

const entityValidator = makeValidator();

function checkSlos(
  problems: PolicyProblems,
  spec: JsonObject,
  path: string,
): void {
  const slos = objectField(problems, spec, path, 'slos', false);
  if (!slos) {
    return;
  }
  const slosPath = join(path, 'slos');
  checkFields(problems, slos, slosPath, SLOS_FIELDS);
  stringListField(problems, slos, slosPath, 'tags', {
    max: MAX_TAGS,
    maxLength: TAG_MAX,
  });
}

function checkFreeze(
  problems: PolicyProblems,
  spec: JsonObject,
  path: string,
): void {
  const freeze = objectField(problems, spec, path, 'freeze', false);
  if (!freeze) {
    return;
  }
  const freezePath = join(path, 'freeze');
  checkFields(problems, freeze, freezePath, FREEZE_FIELDS);
  const classes = boundedArrayField(
    problems,
    freeze,
    freezePath,
    'exceptionClasses',
    { required: false, max: MAX_EXCEPTION_CLASSES },
  );
  const classesPath = join(freezePath, 'exceptionClasses');
  const names = new Map<string, number>();
  classes?.forEach((exceptionClass, index) => {
    const classPath = at(classesPath, index);
    if (!isObject(exceptionClass)) {
      problems.add(
        classPath,
        mustBe('an object (an exception class)', exceptionClass),
      );
      return;
    }
    checkFields(problems, exceptionClass, classPath, EXCEPTION_CLASS_FIELDS);
    checkUnique(
      problems,
      names,
      slugField(problems, exceptionClass, classPath, 'name'),
      classesPath,
      index,
    );
    stringField(problems, exceptionClass, classPath, 'description', {
      required: false,
      maxLength: TEXT_MAX,
    });
    booleanField(problems, exceptionClass, classPath, 'preApproved', false);
  });
}

function checkPostmortem(
  problems: PolicyProblems,
  spec: JsonObject,
  path: string,
): void {
  const postmortem = objectField(problems, spec, path, 'postmortem', false);
  if (!postmortem) {
    return;
  }
  const postmortemPath = join(path, 'postmortem');
  checkFields(problems, postmortem, postmortemPath, POSTMORTEM_FIELDS);
  rangeField(problems, postmortem, postmortemPath, 'budgetShareAbove', {
    required: true,
    accepts: n => n > 0 && n <= 1,
    expected: 'a fraction of the budget above 0 and at most 1, e.g. 0.2',
  });
}

function checkEscalation(
  problems: PolicyProblems,
  spec: JsonObject,
  path: string,
): void {
  const escalation = objectField(problems, spec, path, 'escalation', false);
  if (!escalation) {
    return;
  }
  const escalationPath = join(path, 'escalation');
  checkFields(problems, escalation, escalationPath, ESCALATION_FIELDS);
  rangeField(problems, escalation, escalationPath, 'afterWindows', {
    required: true,
    accepts: n => Number.isInteger(n) && n >= 1 && n <= 24,
    expected: 'a whole number of windows from 1 to 24',
  });
  groupRefField(problems, escalation, escalationPath, 'to', true);
}

function checkSpec(
  problems: PolicyProblems,
  spec: unknown,
  path: string,
  options: { ownerRequired: boolean },
): void {
  if (spec === undefined) {
    problems.add(path, REQUIRED);
    return;
  }
  if (!isObject(spec)) {
    problems.add(path, mustBe('an object (an error-budget policy)', spec));
    return;
  }
  checkFields(problems, spec, path, SPEC_FIELDS);
  groupRefField(problems, spec, path, 'owner', options.ownerRequired);
  checkSlos(problems, spec, path);
  oneOfField(problems, spec, path, 'combine', COMBINE_METHODS, false);
  const states = checkStates(problems, spec, path);
  const autoEnact = booleanField(problems, spec, path, 'autoEnact', false);
  if (
    autoEnact === true &&
    states !== undefined &&
    // A state that is not an object, or whose freeze is not a boolean, has been reported
    // already and might be meant to freeze: no second message for the same mistake.
    states.every(state => {
      const freeze = isObject(state) ? get(state, 'freeze') : true;
      return freeze === undefined || freeze === false;
    })
  ) {
    problems.add(
      join(path, 'autoEnact'),
      'true needs a state with freeze: true; no state freezes, so there is nothing to enact',
    );
  }
  checkFreeze(problems, spec, path);
  checkPostmortem(problems, spec, path);
  checkEscalation(problems, spec, path);
}

function checkEntity(problems: PolicyProblems, entity: unknown): void {
  if (!isObject(entity)) {
    problems.add('', mustBe('an object (an ErrorBudgetPolicy entity)', entity));
    return;
  }
  const apiVersion = get(entity, 'apiVersion');
  if (apiVersion === undefined) {
    problems.add('apiVersion', REQUIRED);
  } else if (apiVersion !== ERROR_BUDGET_POLICY_API_VERSION) {
    // Another version may have other fields: checking them against this one would only
    // bury the one real problem under noise.
    problems.add(
      'apiVersion',
      mustBe(
        `${ERROR_BUDGET_POLICY_API_VERSION} (the only version supported)`,
        apiVersion,
      ),
    );
    return;
  }
  const kind = get(entity, 'kind');
  if (kind === undefined) {
    problems.add('kind', REQUIRED);
    return;
  }
  if (kind !== ERROR_BUDGET_POLICY_KIND) {
    problems.add('kind', mustBe(ERROR_BUDGET_POLICY_KIND, kind));
    return;
  }
  // The envelope is open: the catalog adds relations and status, and checks the rest of
  // metadata (namespace, labels, annotations, ...) with its own rules. OpenSLO's
  // validateMetadata does not fit here: it wants DNS-label names and prefix-less label
  // keys, which Backstage entities need not have.
  const metadata = objectField(problems, entity, '', 'metadata', true);
  if (metadata) {
    const name = get(metadata, 'name');
    if (name === undefined) {
      problems.add('metadata.name', REQUIRED);
    } else if (!entityValidator.isValidEntityName(name)) {
      problems.add(
        'metadata.name',
        mustBe(
          "a Backstage entity name (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)",
          name,
        ),
      );
    }
  }
  checkSpec(problems, get(entity, 'spec'), 'spec', { ownerRequired: true });
}

/** Runs a check, turning an exception (proxies, throwing getters) into a problem. */
function collect(
  check: (problems: PolicyProblems) => void,
  path: string,
): OpenSloValidationError[] {
  const problems = new PolicyProblems();
  try {
    check(problems);
  } catch (e) {
    problems.add(
      path,
      `could not be validated: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return problems.list.filter(
    problem =>
      !(
        problems.misspelt.has(problem.path) &&
        problem.message.startsWith(REQUIRED)
      ),
  );
}

/**
 * Checks a whole ErrorBudgetPolicy entity (`apiVersion: reliability-suite.dev/v1alpha1`,
 * `kind: ErrorBudgetPolicy`, `metadata.name`, and its spec with an owner). Returns one
 * error per problem, each with its field path, and an empty array for a valid entity.
 * Never throws, whatever the input.
 *
 * @public
 */
export function validateErrorBudgetPolicy(
  entity: unknown,
): OpenSloValidationError[] {
  return collect(problems => checkEntity(problems, entity), '');
}

/**
 * Checks an error-budget policy spec found at `path` (`spec` in an entity, or e.g.
 * `reliability.policy.default` in app-config, where the owner may be left out). Never
 * throws, whatever the input.
 *
 * @public
 */
export function validatePolicySpec(
  spec: unknown,
  path: string,
  options: { ownerRequired: boolean },
): OpenSloValidationError[] {
  return collect(problems => checkSpec(problems, spec, path, options), path);
}
