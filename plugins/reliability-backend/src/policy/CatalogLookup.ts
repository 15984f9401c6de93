import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Reads entities from the catalog once per unit of work: resolving policies for a hundred
 * components of one System asks for that System once, not a hundred times.
 */
export class CatalogLookup {
  private readonly cache = new Map<string, Promise<Entity | undefined>>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  get(ref: string): Promise<Entity | undefined> {
    const key = ref.toLocaleLowerCase('en-US');
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.auth
        .getOwnServiceCredentials()
        .then(credentials => this.catalog.getEntityByRef(ref, { credentials }));
      // A failed read is not remembered: the next unit of work tries again.
      hit.catch(() => this.cache.delete(key));
      this.cache.set(key, hit);
    }
    return hit;
  }
}
