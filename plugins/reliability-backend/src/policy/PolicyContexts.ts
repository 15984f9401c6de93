import { AuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogLookup } from './CatalogLookup';
import { EntityContextCache } from './EntityContextCache';
import { EntityContext, PolicyResolver } from './PolicyResolver';

/**
 * An entity's policy context (the entity, its policy and parties), read either fresh from the
 * catalog (writes and their checks: a party removed loses its rights at once) or from the
 * shared cache (views, the gate, evaluation: at most the cache's TTL old).
 */
export class PolicyContexts {
  constructor(
    private readonly deps: {
      resolver: PolicyResolver;
      catalog: CatalogService;
      auth: AuthService;
      /**
       * Entities and contexts shared across requests (at most its TTL old): the views, the
       * gate and evaluation read it; writes and their checks read the catalog. Without it,
       * every unit of work reads the catalog.
       */
      cache?: EntityContextCache;
    },
  ) {}

  /** A reader of the catalog for one unit of work (it batches and remembers its reads). */
  lookup(): CatalogLookup {
    return new CatalogLookup(this.deps.catalog, this.deps.auth);
  }

  /** The entity with its policy and parties; NotFoundError when the catalog does not know it. */
  async context(
    entityRef: string,
    lookup = this.lookup(),
  ): Promise<EntityContext> {
    const ctx = await this.deps.resolver.context(entityRef, lookup);
    if (!ctx) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return ctx;
  }

  /**
   * The context for a view (policy page, gate, postmortems, decisions): from the shared cache,
   * at most its TTL old; NotFoundError when the catalog does not know the entity. Without a
   * cache, read through `lookup` (or a fresh one).
   */
  async viewContext(
    entityRef: string,
    lookup?: CatalogLookup,
  ): Promise<EntityContext> {
    const ctx = await this.findViewContext(entityRef, lookup);
    if (!ctx) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return ctx;
  }

  /** As `viewContext`, undefined when the catalog does not know the entity. */
  findViewContext(
    entityRef: string,
    lookup?: CatalogLookup,
  ): Promise<EntityContext | undefined> {
    return this.deps.cache
      ? this.deps.cache.context(entityRef)
      : this.deps.resolver.context(entityRef, lookup ?? this.lookup());
  }

  /**
   * The parties of these entities for permission decisions (undefined for an entity the
   * catalog does not know). Read from the catalog now, not from the shared cache: a party
   * removed from an entity loses its rights at once.
   */
  permissionResources(
    entityRefs: string[],
  ): Promise<Array<Pick<EntityContext, 'entityRef' | 'parties'> | undefined>> {
    const lookup = this.lookup();
    return Promise.all(
      entityRefs.map(async ref => {
        const ctx = await this.deps.resolver.context(ref, lookup);
        return ctx
          ? { entityRef: ctx.entityRef, parties: ctx.parties }
          : undefined;
      }),
    );
  }

  /**
   * Reads the contexts of these entities together into the shared cache: a few batched
   * catalog reads (entities, then their Systems, Domains and policies) instead of several per
   * entity, one by one. A failure is not reported here: it shows when that entity's context
   * is read. Without a cache, there is nothing to read ahead into.
   */
  async prefetch(entityRefs: string[]): Promise<void> {
    const { cache } = this.deps;
    if (!cache) return;
    await Promise.allSettled(entityRefs.map(ref => cache.context(ref)));
  }
}
