// The field checks of a postmortem record: nullable values, URLs, incident times and
// entity references (an owner is a group or user of the catalog).
import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import {
  JsonObject,
  NO_NUL,
  Problems,
  get,
  join,
  mustBe,
  stringField,
} from '../openslo/validationContext';
import { POSTMORTEM_LIMITS } from './types';

// Incidents from before the web or from next century are typos (a year of 0202, a
// timestamp in seconds read as ms), not archives.
const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST_AHEAD_MS = 24 * 60 * 60_000;

/** Null (or absent) allowed; otherwise what `check` accepts. */
export function nullable<T>(
  obj: JsonObject,
  key: string,
  check: () => T | undefined,
): T | null | undefined {
  return get(obj, key) === null || get(obj, key) === undefined ? null : check();
}

export function urlField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
): string | null | undefined {
  return nullable(obj, key, () => {
    const value = stringField(problems, obj, path, key, {
      required: false,
      maxLength: POSTMORTEM_LIMITS.url,
    });
    if (value === undefined) return undefined;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      problems.add(join(path, key), mustBe('an http(s) URL', value));
      return undefined;
    }
    return value;
  });
}

export function timeField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
  required: boolean,
  now: number,
): number | null | undefined {
  const value = get(obj, key);
  if (value === undefined || value === null) {
    if (required) problems.add(join(path, key), 'required');
    return null;
  }
  const ms =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)
      ? Date.parse(value)
      : NaN;
  if (Number.isNaN(ms)) {
    problems.add(
      join(path, key),
      mustBe('an ISO 8601 date-time such as 2026-03-01T14:05:00Z', value),
    );
    return undefined;
  }
  if (ms < EARLIEST || ms > now + LATEST_AHEAD_MS) {
    problems.add(
      join(path, key),
      `must be between 1990 and now; got ${String(value)}`,
    );
    return undefined;
  }
  return ms;
}

export function refField(
  problems: Problems,
  value: unknown,
  path: string,
  defaultKind: string,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(path, mustBe('an entity reference', value));
    return undefined;
  }
  if (value.includes('\u0000')) {
    problems.add(path, NO_NUL);
    return undefined;
  }
  if (value.length > POSTMORTEM_LIMITS.ref) {
    problems.add(
      path,
      `must be at most ${POSTMORTEM_LIMITS.ref} characters; got ${value.length}`,
    );
    return undefined;
  }
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
    return `${ref.kind}:${ref.namespace}/${ref.name}`.toLocaleLowerCase(
      'en-US',
    );
  } catch (e) {
    problems.add(path, `not an entity reference: ${(e as Error).message}`);
    return undefined;
  }
}

const catalogNames = makeValidator();
const OWNER_KINDS = ['group', 'user'];

/**
 * An action item's owner: a group or user of the catalog by its reference (a bare name is a
 * group). A display name such as "Checkout team" is refused: nobody could find the owner
 * from it, and the catalog could never link it.
 */
export function ownerField(
  problems: Problems,
  value: unknown,
  path: string,
): string | undefined {
  const ref = refField(problems, value, path, 'group');
  if (ref === undefined) return undefined;
  const { kind, namespace, name } = parseEntityRef(ref);
  if (
    !OWNER_KINDS.includes(kind) ||
    !catalogNames.isValidNamespace(namespace) ||
    !catalogNames.isValidEntityName(name)
  ) {
    problems.add(
      path,
      mustBe(
        'the entity reference of a group or user, e.g. group:default/team-checkout or user:default/jane',
        value,
      ),
    );
    return undefined;
  }
  return ref;
}
