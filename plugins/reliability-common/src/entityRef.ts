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

/** The canonical (lower-cased) string form the suite stores and compares. @public */
export function canonicalEntityRef(ref: CompoundEntityRef): string {
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}
