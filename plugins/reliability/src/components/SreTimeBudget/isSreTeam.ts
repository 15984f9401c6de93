import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CAPACITY,
  RELATION_SUPPORTS,
} from '@reliability-suite/plugin-reliability-common';

/**
 * Whether a group is an SRE team as the backend counts them: it supports something (the
 * catalog module relates it to each component, system and domain that names it with
 * `reliability-suite.dev/sre-team`, itself or through its system or domain) or it declares
 * a capacity. Read from the entity so that other groups' pages ask the API for nothing.
 */
export function isSreTeam(entity: Entity): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'group') return false;
  if (entity.metadata.annotations?.[ANNOTATION_CAPACITY] !== undefined) {
    return true;
  }
  return (entity.relations ?? []).some(r => r.type === RELATION_SUPPORTS);
}
