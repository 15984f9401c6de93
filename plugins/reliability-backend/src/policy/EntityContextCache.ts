import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogLookup } from './CatalogLookup';
import { EntityContext, PolicyResolver } from './PolicyResolver';
import { refKey } from '@reliability-suite/plugin-reliability-common';

/** Refs per `getEntitiesByRefs` call: one request of reasonable size to the catalog. */
const BATCH_LIMIT = 200;

/** A cached read: `at` is when the oldest catalog read it rests on was issued. */
type Slot<T> = { at: number; settled: boolean; value: Promise<T> };

type Waiter = {
  ref: string;
  resolve: (entity: Entity | undefined) => void;
  reject: (error: unknown) => void;
};

/**
 * The entities the request path needs and their contexts (the entity, its System and Domain,
 * the policy that applies and the SRE team), shared by every request of this process for
 * `ttlMs`. Each answer reflects the catalog as it was at most `ttlMs` ago (the staleness
 * bound): an entry is served while the oldest catalog read it rests on is younger than that,
 * then read again. Without it every entity page asked the catalog for the entity, its System,
 * its Domain and its policy on each request.
 *
 * Misses of the same event-loop turn go to the catalog together (`getEntitiesByRefs`, at most
 * BATCH_LIMIT refs a call); concurrent misses of one ref share one read; failed reads are
 * not remembered. Both maps hold at most `maxEntries` entries, the least recently used
 * leaving first. A TTL of 0 caches nothing beyond a read in flight: every request reads the
 * catalog, as before this cache.
 *
 * The catalog is read with the plugin's own credentials, as it was before: what a caller may
 * see is decided by the routes and permissions, never by what is cached.
 */
export class EntityContextCache {
  private readonly entities = new Map<string, Slot<Entity | undefined>>();
  private readonly contexts = new Map<
    string,
    Slot<EntityContext | undefined>
  >();
  private batch: Waiter[] = [];
  private readonly maxEntries: number;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      resolver: PolicyResolver;
      /** How long a catalog read is served: the staleness bound of every answer. */
      ttlMs: number;
      /** Entries per map (entities, contexts); 10,000 by default. */
      maxEntries?: number;
      now?: () => number;
    },
  ) {
    this.maxEntries = Math.max(1, deps.maxEntries ?? 10_000);
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  /** The entity, as the catalog had it at most `ttlMs` ago; undefined if it had none. */
  entity(ref: string): Promise<Entity | undefined> {
    return this.entitySlot(ref).value;
  }

  /**
   * The entity with its policy and parties, resolved from cached entities; undefined when
   * the catalog does not have the entity.
   */
  context(ref: string): Promise<EntityContext | undefined> {
    const key = refKey(ref);
    const hit = this.fresh(this.contexts, key);
    if (hit) return hit.value;
    let oldest = this.now();
    const lookup = new CatalogLookup(r => {
      const slot = this.entitySlot(r);
      oldest = Math.min(oldest, slot.at);
      return slot.value;
    });
    const slot: Slot<EntityContext | undefined> = {
      at: oldest,
      settled: false,
      value: this.deps.resolver.context(ref, lookup),
    };
    this.store(this.contexts, key, slot);
    slot.value.then(
      () => {
        // As old as the oldest entity it was resolved from: the bound holds for the whole.
        slot.at = oldest;
        slot.settled = true;
      },
      () => this.forget(this.contexts, key, slot),
    );
    return slot.value;
  }

  /** A unit of work's lookup that reads through this cache. */
  lookup(): CatalogLookup {
    return new CatalogLookup(ref => this.entity(ref));
  }

  /** Forgets everything: the next reads go to the catalog. */
  clear(): void {
    this.entities.clear();
    this.contexts.clear();
  }

  /** A slot still in flight, or settled and younger than the TTL; touched as recently used. */
  private fresh<T>(
    map: Map<string, Slot<T>>,
    key: string,
  ): Slot<T> | undefined {
    const slot = map.get(key);
    if (!slot) return undefined;
    if (slot.settled && this.now() - slot.at >= this.deps.ttlMs) {
      map.delete(key);
      return undefined;
    }
    map.delete(key);
    map.set(key, slot);
    return slot;
  }

  private store<T>(map: Map<string, Slot<T>>, key: string, slot: Slot<T>) {
    map.set(key, slot);
    while (map.size > this.maxEntries) {
      // Maps iterate in insertion order and hits are re-inserted: the first is the LRU.
      map.delete(map.keys().next().value!);
    }
  }

  private forget<T>(map: Map<string, Slot<T>>, key: string, slot: Slot<T>) {
    if (map.get(key) === slot) map.delete(key);
  }

  private entitySlot(ref: string): Slot<Entity | undefined> {
    const key = refKey(ref);
    const hit = this.fresh(this.entities, key);
    if (hit) return hit;
    const slot: Slot<Entity | undefined> = {
      at: this.now(),
      settled: false,
      value: this.read(ref),
    };
    this.store(this.entities, key, slot);
    slot.value.then(
      () => {
        slot.settled = true;
      },
      // A failed read is not remembered: the next request tries again.
      () => this.forget(this.entities, key, slot),
    );
    return slot;
  }

  /** Joins the batch of this event-loop turn; a ref that does not parse is read alone. */
  private read(ref: string): Promise<Entity | undefined> {
    let normalised: string;
    try {
      normalised = stringifyEntityRef(parseEntityRef(ref));
    } catch {
      // The catalog answers such a ref as it always did (its own error).
      return this.deps.auth
        .getOwnServiceCredentials()
        .then(credentials =>
          this.deps.catalog.getEntityByRef(ref, { credentials }),
        );
    }
    return new Promise((resolve, reject) => {
      if (this.batch.length === 0) setImmediate(() => this.flush());
      this.batch.push({ ref: normalised, resolve, reject });
    });
  }

  private flush(): void {
    const waiters = this.batch;
    this.batch = [];
    for (let i = 0; i < waiters.length; i += BATCH_LIMIT) {
      const chunk = waiters.slice(i, i + BATCH_LIMIT);
      this.deps.auth
        .getOwnServiceCredentials()
        .then(credentials =>
          this.deps.catalog.getEntitiesByRefs(
            { entityRefs: chunk.map(w => w.ref) },
            { credentials },
          ),
        )
        .then(
          ({ items }) =>
            chunk.forEach((w, j) => w.resolve(items[j] ?? undefined)),
          error => chunk.forEach(w => w.reject(error)),
        );
    }
  }
}
