import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** How long an entity read from the catalog is reused, by default. */
export const DEFAULT_CACHE_TTL_MS = 60_000;

/** Options of {@link CachedEntityReader}. */
export type CachedEntityReaderOptions = {
  catalog: CatalogService;
  /** Credentials for the reads: the catalog's own. */
  auth: AuthService;
  logger?: LoggerService;
  /** How long a read is reused (ms); default 60 s. */
  cacheTtlMs?: number;
  /** Whether an entity that is not there is remembered too (else read again next time). */
  keepMisses?: boolean;
  /** Why the entity is read, for the warning when a read fails. */
  purpose: string;
  /** The clock, for tests. */
  now?: () => number;
};

/**
 * Reads other entities for a processor (which only sees the entity it processes), cached
 * for a short while since many entities read the same few. A failed read counts as "not
 * there" and is not kept: the catalog may still be starting when processing begins.
 */
export class CachedEntityReader {
  private readonly cache = new Map<
    string,
    { at: number; entity: Promise<Entity | undefined> }
  >();

  constructor(private readonly options: CachedEntityReaderOptions) {}

  read(ref: string): Promise<Entity | undefined> {
    const now = this.options.now?.() ?? Date.now();
    const ttl = this.options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    const cached = this.cache.get(ref);
    if (cached && now - cached.at < ttl) return cached.entity;
    for (const [key, value] of this.cache) {
      if (now - value.at >= ttl) this.cache.delete(key);
    }
    const entry: { at: number; entity: Promise<Entity | undefined> } = {
      at: now,
      entity: Promise.resolve(undefined),
    };
    const forget = () => {
      if (this.cache.get(ref) === entry) this.cache.delete(ref);
    };
    entry.entity = this.fetch(ref).then(
      entity => {
        if (!entity && this.options.keepMisses === false) forget();
        return entity;
      },
      e => {
        forget();
        this.options.logger?.warn(
          `Could not read ${ref} ${this.options.purpose}; the relations follow on a later processing: ${e}`,
        );
        return undefined;
      },
    );
    this.cache.set(ref, entry);
    return entry.entity;
  }

  private async fetch(ref: string): Promise<Entity | undefined> {
    const { catalog, auth } = this.options;
    return catalog.getEntityByRef(ref, {
      credentials: await auth.getOwnServiceCredentials(),
    });
  }
}
