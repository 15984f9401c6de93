import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  OpenSloSlo,
  toSloDefinition,
  validateOpenSloDocument,
  refKey,
} from '@reliability-suite/plugin-reliability-common';
import { createHash } from 'node:crypto';
import type { SloRecord } from '../store/SloStore';

/**
 * The service an SLO entity names, as written (the default kind is Component), for asking
 * the catalog; lower-case it for the canonical form.
 */
export function serviceRefAsWritten(entity: Entity): string {
  return stringifyEntityRef(
    parseEntityRef(String(entity.spec?.service), {
      defaultKind: 'Component',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/** The service an SLO entity names, as a canonical entity reference. */
export function serviceRefOf(entity: Entity): string {
  return refKey(serviceRefAsWritten(entity));
}

/**
 * Converts an SLO entity from the catalog into what the backend evaluates, or explains why
 * it cannot (the catalog module rejects such entities, so this is a second line of defence).
 */
export function sloRecordFromEntity(
  entity: Entity,
  service?: Entity,
): SloRecord | { errors: string[] } {
  const problems = validateOpenSloDocument(entity);
  if (problems.length > 0) {
    return { errors: problems.map(p => `${p.path}: ${p.message}`) };
  }
  const definition = toSloDefinition(entity as unknown as OpenSloSlo);
  const sloRef = refKey(stringifyEntityRef(entity));
  const serviceRef = serviceRefOf(entity);
  const namespace = service?.metadata.namespace ?? 'default';
  const relRef = (value: unknown, kind: string) =>
    typeof value === 'string'
      ? refKey(
          stringifyEntityRef(
            parseEntityRef(value, {
              defaultKind: kind,
              defaultNamespace: namespace,
            }),
          ),
        )
      : undefined;
  const annotations = entity.metadata.annotations ?? {};
  const title =
    entity.metadata.title ??
    (entity.metadata as { displayName?: string }).displayName ??
    entity.metadata.name;
  return {
    sloRef,
    serviceRef,
    title,
    definition,
    ownerRef: relRef(service?.spec?.owner, 'group'),
    systemRef: relRef(service?.spec?.system, 'system'),
    definitionHash: createHash('sha256')
      .update(
        JSON.stringify([
          entity.spec,
          serviceRef,
          title,
          service?.spec,
          entity.metadata.tags ?? [],
        ]),
      )
      .digest('hex'),
    spec: entity.spec as Record<string, unknown>,
    tags: (entity.metadata.tags ?? []).filter(
      (t): t is string => typeof t === 'string',
    ),
    source: {
      location:
        annotations['backstage.io/managed-by-location'] ??
        annotations['backstage.io/source-location'],
      url:
        annotations['backstage.io/view-url'] ??
        annotations['backstage.io/edit-url'],
    },
  };
}
