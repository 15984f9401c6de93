import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  canonicalEntityRef,
  parseFullEntityRef,
} from '@reliability-suite/plugin-reliability-common';

/** The canonical reference of the entity a path names (`/entities/:kind/:namespace/:name`). */
export function entityRefOfPath(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return canonicalEntityRef({
    kind: params.kind,
    namespace: params.namespace,
    name: params.name,
  });
}

/**
 * The canonical reference of an entity of a kind the path implies
 * (`/slos/:namespace/:name` is an SLO, `/teams/:namespace/:name` a group).
 */
export function refOfPath(
  kind: string,
  params: { namespace: string; name: string },
): string {
  return canonicalEntityRef({
    kind,
    namespace: params.namespace,
    name: params.name,
  });
}

/**
 * An optional query value that must be a full reference (`kind:namespace/name`), canonical;
 * a bad one is an InputError naming the field.
 */
export function optionalFullRef(
  value: string | undefined,
  field: string,
): string | undefined {
  return value === undefined
    ? undefined
    : canonicalEntityRef(parseFullEntityRef(value, field));
}

/**
 * A query value naming an entity, where the kind and the namespace may be left out (the
 * deploy gate's and the rules' `component:default/` shorthand), canonical; a bad one is an
 * InputError naming the field.
 */
export function refWithDefaults(
  value: string,
  field: string,
  defaultKind: string,
): string {
  try {
    return canonicalEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch (e) {
    throw new InputError(`${field}: ${(e as Error).message}`);
  }
}
