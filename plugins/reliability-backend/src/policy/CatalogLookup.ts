import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { refKey } from '@reliability-suite/plugin-reliability-common';

/** Reads one entity by ref; undefined when the catalog does not have it. */
export type EntityReader = (ref: string) => Promise<Entity | undefined>;

/**
 * Reads entities from the catalog once per unit of work: resolving policies for a hundred
 * components of one System asks for that System once, not a hundred times.
 */
export class CatalogLookup {
  private readonly cache = new Map<string, Promise<Entity | undefined>>();
  private readonly read: EntityReader;

  /** Straight from the catalog, with the plugin's own credentials. */
  constructor(catalog: CatalogService, auth: AuthService);
  /** Through another reader (the shared EntityContextCache). */
  constructor(read: EntityReader);
  constructor(source: CatalogService | EntityReader, auth?: AuthService) {
    if (typeof source === 'function') {
      this.read = source;
    } else {
      this.read = ref =>
        auth!
          .getOwnServiceCredentials()
          .then(credentials => source.getEntityByRef(ref, { credentials }));
    }
  }

  get(ref: string): Promise<Entity | undefined> {
    const key = refKey(ref);
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.read(ref);
      // A failed read is not remembered: the next unit of work tries again.
      hit.catch(() => this.cache.delete(key));
      this.cache.set(key, hit);
    }
    return hit;
  }
}
