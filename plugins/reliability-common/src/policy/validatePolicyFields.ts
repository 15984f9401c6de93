// The field-level blocks of the policy validator: closed field sets with "did you mean",
// bounded lists, slugs, unique names, Group references and numbers in a range.
import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import {
  JsonObject,
  Problems,
  REQUIRED,
  arrayField,
  at,
  get,
  join,
  mustBe,
} from '../openslo/validationContext';

// Names of states and exception classes: they appear in URLs, the gate's answers and the
// CLI, so they are slugs.
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_MAX = 63;
const SLUG_EXPECTED =
  "a slug (at most 63 lowercase letters or digits, in words joined by single '-', e.g. at-risk)";

// Bounds against hostile or runaway input; far above anything a real policy needs.
const MAX_UNKNOWN_FIELDS_REPORTED = 10;

// The longest free text a policy field may hold (consequences, actions, descriptions).
export const TEXT_MAX = 2000;

const entityValidator = makeValidator();

/**
 * Problems, plus the fields an unknown key was taken to be a typo of: a field missing for
 * that reason is not reported as missing as well (the typo is the one problem).
 */
export class PolicyProblems extends Problems {
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
export function checkFields(
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
export function boundedArrayField(
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
export function stringListField(
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

export function slugField(
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
export function checkUnique(
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
export function groupRefField(
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
export function rangeField(
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
