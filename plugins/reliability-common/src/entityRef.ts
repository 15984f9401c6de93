import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * Parses a full entity reference given by a caller (query string, CLI flag), naming the
 * field in the error so the caller knows which input to fix.
 *
 * @public
 */
export function parseFullEntityRef(
  value: string,
  field: string,
): CompoundEntityRef {
  try {
    // No default kind: a bare name is ambiguous, so the caller must say what it means.
    return parseEntityRef(value);
  } catch (e) {
    throw new InputError(
      `${field}: ${
        (e as Error).message
      }; expected kind:namespace/name, e.g. component:default/checkout`,
    );
  }
}

/**
 * A kind, namespace, name or entity reference as the catalog compares it: without regard to
 * case, in a locale-independent way (the key of maps and sets of refs).
 *
 * @public
 */
export function refKey(value: string): string {
  // The same as `toLocaleLowerCase('en-US')` for every string (the test checks every code
  // point): only Turkish, Azeri and Lithuanian lower-case differently. Without the locale it
  // is 25 times faster, and refs are lower-cased on every request.
  return value.toLowerCase();
}

/** The canonical (lower-cased) string form the suite stores and compares. @public */
export function canonicalEntityRef(ref: CompoundEntityRef): string {
  return refKey(stringifyEntityRef(ref));
}

/**
 * An entity reference as a person reads it where its kind goes without saying (an owner, an
 * SRE team): "group:default/team-checkout" → "team-checkout", the namespace kept when it is
 * not the default one. A value that is not a reference is returned as it is.
 *
 * @public
 */
export function shortRef(ref: string): string {
  try {
    const parsed = parseEntityRef(ref);
    return parsed.namespace === 'default'
      ? parsed.name
      : `${parsed.namespace}/${parsed.name}`;
  } catch {
    return ref;
  }
}
