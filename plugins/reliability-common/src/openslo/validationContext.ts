import { OpenSloValidationError } from './types';
import { tryParseOpenSloDuration, OpenSloDuration } from './duration';

/**
 * Small building blocks of the hand-rolled validator (no schema library: this code also
 * runs in the browser and the rules are few). Every check takes `unknown` input and records
 * problems instead of throwing, and reports at most one problem per field, so a wrong
 * value yields one message rather than a cascade.
 */

/** A plain JSON-like object (not null, not an array). */
export type JsonObject = Record<string, unknown>;

/**
 * Collects the problems of one document: errors (the document is rejected) and warnings
 * (it is valid, but something in it has no effect or may not mean what it says).
 */
export class Problems {
  readonly list: OpenSloValidationError[] = [];
  readonly warnings: OpenSloValidationError[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an own property only. Inherited members (`constructor`, `toString`, or a polluted
 * prototype) must not count as fields the author wrote.
 */
export function get(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function has(obj: JsonObject, key: string): boolean {
  return get(obj, key) !== undefined;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `spec` + `service` → `spec.service`; odd keys become `spec["odd key"]`. */
export function join(path: string, key: string): string {
  if (IDENTIFIER.test(key)) {
    return path ? `${path}.${key}` : key;
  }
  return quoted(path, key);
}

/** Map keys (labels, annotations) are always quoted: `metadata.labels["team"]`. */
export function quoted(path: string, key: string): string {
  return `${path}[${JSON.stringify(clip(key, 100))}]`;
}

export function at(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** How a value is shown after "got" in messages; long strings are clipped. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'string') {
    return `'${clip(value, 80)}'`;
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  ) {
    return String(value);
  }
  return `a ${typeof value}`;
}

export function mustBe(expected: string, value: unknown): string {
  return `must be ${expected}; got ${describeValue(value)}`;
}

export const REQUIRED = 'required';

/** PostgreSQL stores no NUL in text or JSON: such a value could be checked but not kept. */
export const NO_NUL = 'must not contain a NUL character (\\u0000)';

/**
 * Fields of fixed-shape objects are closed: an unknown key is almost always a typo
 * (`budgetMethod`, `timeSliceWindows`) that would otherwise be silently ignored.
 */
export function checkUnknownFields(
  problems: Problems,
  obj: JsonObject,
  path: string,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      problems.add(
        join(path, key),
        `unknown field (expected one of: ${allowed.join(', ')})`,
      );
    }
  }
}

/** An object field; reports and returns undefined when missing (if required) or not an object. */
export function objectField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
  required: boolean,
): JsonObject | undefined {
  const value = get(obj, key);
  const fieldPath = join(path, key);
  if (value === undefined) {
    if (required) {
      problems.add(fieldPath, REQUIRED);
    }
    return undefined;
  }
  if (!isObject(value)) {
    problems.add(fieldPath, mustBe('an object', value));
    return undefined;
  }
  return value;
}

/** An array field; reports and returns undefined when missing (if required) or not an array. */
export function arrayField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
  required: boolean,
): unknown[] | undefined {
  const value = get(obj, key);
  const fieldPath = join(path, key);
  if (value === undefined) {
    if (required) {
      problems.add(fieldPath, REQUIRED);
    }
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.add(fieldPath, mustBe('an array', value));
    return undefined;
  }
  return value;
}

/**
 * A field the spec leaves free ("everything that is valid YAML can be put here"): only its
 * presence is checked. An empty YAML key (`spec:` followed by comments only) is null, and
 * given.
 */
export function freeField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
): void {
  if (!Object.prototype.hasOwnProperty.call(obj, key)) {
    problems.add(join(path, key), REQUIRED);
  }
}

/** A non-empty string field, optionally bounded in length. */
export function stringField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
  options: { required: boolean; maxLength?: number },
): string | undefined {
  const value = get(obj, key);
  const fieldPath = join(path, key);
  if (value === undefined) {
    if (options.required) {
      problems.add(fieldPath, REQUIRED);
    }
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(fieldPath, mustBe('a non-empty string', value));
    return undefined;
  }
  if (value.includes('\u0000')) {
    problems.add(fieldPath, NO_NUL);
    return undefined;
  }
  if (options.maxLength !== undefined && value.length > options.maxLength) {
    problems.add(
      fieldPath,
      `must be at most ${options.maxLength} characters; got ${value.length}`,
    );
    return undefined;
  }
  return value;
}

/** The spec limits every `description` to 1050 characters. */
export function checkDescription(
  problems: Problems,
  spec: JsonObject,
  path: string,
): void {
  stringField(problems, spec, path, 'description', {
    required: false,
    maxLength: 1050,
  });
}

export function booleanField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
  required: boolean,
): boolean | undefined {
  const value = get(obj, key);
  if (value === undefined) {
    if (required) {
      problems.add(join(path, key), REQUIRED);
    }
    return undefined;
  }
  if (typeof value !== 'boolean') {
    problems.add(join(path, key), mustBe('true or false', value));
    return undefined;
  }
  return value;
}

/** A finite number field (strings such as '0.99' are rejected: YAML gives numbers). */
export function numberField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
  required: boolean,
): number | undefined {
  const value = get(obj, key);
  if (value === undefined) {
    if (required) {
      problems.add(join(path, key), REQUIRED);
    }
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.add(join(path, key), mustBe('a number', value));
    return undefined;
  }
  return value;
}

export function oneOfField<T extends string>(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
  allowed: readonly T[],
  required: boolean,
): T | undefined {
  const value = get(obj, key);
  if (value === undefined) {
    if (required) {
      problems.add(join(path, key), REQUIRED);
    }
    return undefined;
  }
  if (!(allowed as readonly unknown[]).includes(value)) {
    problems.add(
      join(path, key),
      mustBe(`one of: ${allowed.join(', ')}`, value),
    );
    return undefined;
  }
  return value as T;
}

// RFC 1123 label, as the spec requires implementations to support for names.
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const DNS_LABEL_EXPECTED =
  "a DNS label (at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit)";

/** A name or a reference to a name (`indicatorRef`, `conditionRef`, ...). */
export function nameField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
  required: boolean,
): string | undefined {
  const value = get(obj, key);
  if (value === undefined) {
    if (required) {
      problems.add(join(path, key), REQUIRED);
    }
    return undefined;
  }
  if (typeof value !== 'string' || !DNS_LABEL.test(value)) {
    problems.add(join(path, key), mustBe(DNS_LABEL_EXPECTED, value));
    return undefined;
  }
  return value;
}

/**
 * A duration shorthand field whose unit must be one of `units` (which units make sense
 * depends on where the duration is used).
 */
export function durationField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
  units: readonly string[],
  required: boolean,
): OpenSloDuration | undefined {
  const value = get(obj, key);
  const fieldPath = join(path, key);
  if (value === undefined) {
    if (required) {
      problems.add(fieldPath, REQUIRED);
    }
    return undefined;
  }
  const duration = tryParseOpenSloDuration(value);
  if (!duration || !units.includes(duration.unit)) {
    problems.add(
      fieldPath,
      mustBe(
        `a duration: a positive integer followed by ${unitList(units)}`,
        value,
      ),
    );
    return undefined;
  }
  return duration;
}

export function unitList(units: readonly string[]): string {
  return units.length === 1
    ? units[0]
    : `${units.slice(0, -1).join(', ')} or ${units[units.length - 1]}`;
}
