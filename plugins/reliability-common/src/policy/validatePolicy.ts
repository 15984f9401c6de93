import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import type { OpenSloValidationError } from '../openslo/types';
import {
  JsonObject,
  Problems,
  REQUIRED,
  arrayField,
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

/**
 * The validator of the ErrorBudgetPolicy entity and of its spec, built from the same small
 * blocks as the OpenSLO validator: every problem is named by its field path, at most one
 * per field, and nothing here throws, whatever the input.
 */

// Names of states and exception classes: they appear in URLs, the gate's answers and the
// CLI, so they are slugs.
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_MAX = 63;
const SLUG_EXPECTED =
  "a slug (at most 63 lowercase letters or digits, in words joined by single '-', e.g. at-risk)";

// Bounds against hostile or runaway input; far above anything a real policy needs.
const MAX_STATES = 10;
const MAX_TAGS = 100;
const MAX_REQUIRED_ACTIONS = 50;
const MAX_EXCEPTION_CLASSES = 50;
const MAX_UNKNOWN_FIELDS_REPORTED = 10;
const TITLE_MAX = 200;
const TEXT_MAX = 2000;
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
const STATE_FIELDS = [
  'name',
  'title',
  'remainingAbove',
  'consequences',
  'requiredActions',
  'freeze',
] as const;
const FREEZE_FIELDS = ['exceptionClasses'] as const;
const EXCEPTION_CLASS_FIELDS = ['name', 'description', 'preApproved'] as const;
const POSTMORTEM_FIELDS = ['budgetShareAbove'] as const;
const ESCALATION_FIELDS = ['afterWindows', 'to'] as const;
const COMBINE_METHODS = ['worst', 'mean'] as const;

const entityValidator = makeValidator();

/**
 * Problems, plus the fields an unknown key was taken to be a typo of: a field missing for
 * that reason is not reported as missing as well (the typo is the one problem).
 */
class PolicyProblems extends Problems {
  readonly misspelt = new Set<string>();
}

/** Edit distance, for "did you mean"; only ever run on short keys. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** The allowed field an unknown key was most likely meant to be, if one is close. */
function closestField(
  key: string,
  allowed: readonly string[],
): string | undefined {
  if (key.length > 64) {
    return undefined;
  }
  const lower = key.toLocaleLowerCase('en-US');
  let best: { field: string; distance: number } | undefined;
  for (const field of allowed) {
    const fieldLower = field.toLocaleLowerCase('en-US');
    // A shortened name (budgetShare for budgetShareAbove) is a likely slip too.
    if (lower.length >= 4 && fieldLower.startsWith(lower)) {
      return field;
    }
    const distance = editDistance(lower, fieldLower);
    // Two edits, or fewer on short names (else 'to' would suggest for any two letters).
    const tolerance = Math.min(2, Math.floor(field.length / 3));
    if (distance <= tolerance && (!best || distance < best.distance)) {
      best = { field, distance };
    }
  }
  return best?.field;
}

/**
 * Fields of the policy's objects are closed: an unknown key is almost always a typo that
 * would otherwise be silently ignored. Reports a few, then how many more there are.
 */
function checkFields(
  problems: PolicyProblems,
  obj: JsonObject,
  path: string,
  allowed: readonly string[],
): void {
  const unknown = Object.keys(obj).filter(key => !allowed.includes(key));
  for (const key of unknown.slice(0, MAX_UNKNOWN_FIELDS_REPORTED)) {
    const suggestion = closestField(key, allowed);
    if (suggestion && get(obj, suggestion) === undefined) {
      problems.misspelt.add(join(path, suggestion));
    }
    problems.add(
      join(path, key),
      suggestion
        ? `unknown field; did you mean ${suggestion}?`
        : `unknown field (expected one of: ${allowed.join(', ')})`,
    );
  }
  if (unknown.length > MAX_UNKNOWN_FIELDS_REPORTED) {
    problems.add(
      path,
      `${
        unknown.length - MAX_UNKNOWN_FIELDS_REPORTED
      } more unknown fields not listed`,
    );
  }
}

/** An array field of at most `max` items (and at least one when `nonEmpty`). */
function boundedArrayField(
  problems: PolicyProblems,
  obj: JsonObject,
  path: string,
  key: string,
  options: { required: boolean; max: number; nonEmpty?: boolean },
): unknown[] | undefined {
  const items = arrayField(problems, obj, path, key, options.required);
  if (items === undefined) {
    return undefined;
  }
  if (options.nonEmpty && items.length === 0) {
    problems.add(join(path, key), 'must have at least one item; got none');
    return undefined;
  }
  if (items.length > options.max) {
    problems.add(
      join(path, key),
      `must have at most ${options.max} items; got ${items.length}`,
    );
    return undefined;
  }
  return items;
}

/** An optional list of non-empty strings, each bounded in length. */
function stringListField(
  problems: PolicyProblems,
  obj: JsonObject,
  path: string,
  key: string,
  options: { max: number; maxLength: number },
): void {
  const items = boundedArrayField(problems, obj, path, key, {
    required: false,
    max: options.max,
  });
  const listPath = join(path, key);
  items?.forEach((item, index) => {
    if (typeof item !== 'string' || item.trim() === '') {
      problems.add(at(listPath, index), mustBe('a non-empty string', item));
    } else if (item.length > options.maxLength) {
      problems.add(
        at(listPath, index),
        `must be at most ${options.maxLength} characters; got ${item.length}`,
      );
    }
  });
}

function slugField(
  problems: PolicyProblems,
  obj: JsonObject,
  path: string,
  key: string,
): string | undefined {
  const value = get(obj, key);
  if (value === undefined) {
    problems.add(join(path, key), REQUIRED);
    return undefined;
  }
  if (
    typeof value !== 'string' ||
    value.length > SLUG_MAX ||
    !SLUG.test(value)
  ) {
    problems.add(join(path, key), mustBe(SLUG_EXPECTED, value));
    return undefined;
  }
  return value;
}

/** Records a name and reports it when an earlier item of the list has it already. */
function checkUnique(
  problems: PolicyProblems,
  seen: Map<string, number>,
  name: string | undefined,
  listPath: string,
  index: number,
): void {
  if (name === undefined) {
    return;
  }
  const first = seen.get(name);
  if (first !== undefined) {
    problems.add(
      join(at(listPath, index), 'name'),
      `must be unique; ${at(listPath, first)} is named '${name}' already`,
    );
  } else {
    seen.set(name, index);
  }
}

/** A reference to a Group: a bare name, `namespace/name` or `group:namespace/name`. */
function groupRefField(
  problems: PolicyProblems,
  obj: JsonObject,
  path: string,
  key: string,
  required: boolean,
): void {
  const value = get(obj, key);
  const fieldPath = join(path, key);
  if (value === undefined) {
    if (required) {
      problems.add(fieldPath, REQUIRED);
    }
    return;
  }
  let kind: string | undefined;
  if (typeof value === 'string') {
    try {
      // parseEntityRef accepts parts the catalog would reject ("a:b:c" gives the name
      // "b:c"), so they are checked with the catalog's own rules as well.
      const ref = parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (
        entityValidator.isValidKind(ref.kind) &&
        entityValidator.isValidNamespace(ref.namespace) &&
        entityValidator.isValidEntityName(ref.name)
      ) {
        kind = ref.kind;
      }
    } catch {
      kind = undefined;
    }
  }
  if (kind === undefined) {
    problems.add(
      fieldPath,
      mustBe(
        'a Group entity reference, [group:][namespace/]name, e.g. sre-core or group:default/sre-core',
        value,
      ),
    );
  } else if (kind.toLocaleLowerCase('en-US') !== 'group') {
    problems.add(
      fieldPath,
      `must refer to a Group; got a reference to a ${kind}, '${value}'`,
    );
  }
}

/** A number in a range; one message for a wrong type and for a value out of range. */
function rangeField(
  problems: PolicyProblems,
  obj: JsonObject,
  path: string,
  key: string,
  options: {
    required: boolean;
    accepts: (n: number) => boolean;
    expected: string;
  },
): number | undefined {
  const value = get(obj, key);
  if (value === undefined) {
    if (options.required) {
      problems.add(join(path, key), REQUIRED);
    }
    return undefined;
  }
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    !options.accepts(value)
  ) {
    problems.add(join(path, key), mustBe(options.expected, value));
    return undefined;
  }
  return value;
}

const REMAINING_ABOVE_EXPECTED =
  'a fraction of the budget from 0 (inclusive) to 1 (exclusive), e.g. 0.25';

/** Checks the states; returns them when the list itself is usable. */
function checkStates(
  problems: PolicyProblems,
  spec: JsonObject,
  path: string,
): unknown[] | undefined {
  const states = boundedArrayField(problems, spec, path, 'states', {
    required: true,
    max: MAX_STATES,
    nonEmpty: true,
  });
  if (!states) {
    return undefined;
  }
  const statesPath = join(path, 'states');
  const names = new Map<string, number>();
  // The threshold of the state before, when it had a valid one.
  let previous: { value: number; index: number } | undefined;
  states.forEach((state, index) => {
    const statePath = at(statesPath, index);
    if (!isObject(state)) {
      problems.add(statePath, mustBe('an object (a state)', state));
      previous = undefined;
      return;
    }
    checkFields(problems, state, statePath, STATE_FIELDS);
    checkUnique(
      problems,
      names,
      slugField(problems, state, statePath, 'name'),
      statesPath,
      index,
    );
    stringField(problems, state, statePath, 'title', {
      required: false,
      maxLength: TITLE_MAX,
    });
    stringField(problems, state, statePath, 'consequences', {
      required: true,
      maxLength: TEXT_MAX,
    });
    stringListField(problems, state, statePath, 'requiredActions', {
      max: MAX_REQUIRED_ACTIONS,
      maxLength: TEXT_MAX,
    });
    booleanField(problems, state, statePath, 'freeze', false);

    const thresholdPath = join(statePath, 'remainingAbove');
    if (index === states.length - 1) {
      if (get(state, 'remainingAbove') !== undefined) {
        problems.add(
          thresholdPath,
          'must not be set on the last state, which catches every budget at or below the threshold of the state before',
        );
      }
      return;
    }
    if (get(state, 'remainingAbove') === undefined) {
      problems.add(
        thresholdPath,
        'required on every state but the last (the state holds while the budget remaining is above it)',
      );
      previous = undefined;
      return;
    }
    const threshold = rangeField(problems, state, statePath, 'remainingAbove', {
      required: true,
      accepts: n => n >= 0 && n < 1,
      expected: REMAINING_ABOVE_EXPECTED,
    });
    if (threshold === undefined) {
      previous = undefined;
      return;
    }
    if (previous !== undefined && threshold >= previous.value) {
      problems.add(
        thresholdPath,
        `must be below ${join(
          at(statesPath, previous.index),
          'remainingAbove',
        )} (${previous.value}): states go from best to worst; got ${threshold}`,
      );
    }
    previous = { value: threshold, index };
  });

  return states;
}

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
