import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { canonicalEntityRef } from '@reliability-suite/plugin-reliability-common';
import { TtlCache } from '../lib/TtlCache';
import type { VisibleRefs } from '../store/visibleRefs';

/**
 * The entities a caller may see in the catalog: all of them (`undefined`: the caller's
 * `catalog.entity.read` is an unconditional ALLOW, the common case), or the set of their
 * canonical references, as the catalog answers the caller.
 */
export type VisibleEntities = VisibleRefs;

/** How many references one catalog page brings. */
const PAGE_SIZE = 1000;

/**
 * Principals whose decisions are kept at most. A decision is a boolean: a thousand cost
 * nothing, and cover the callers of a busy portal within one TTL.
 */
const MAX_DECISIONS = 1000;
/**
 * Principals whose visible sets are kept at most: a set holds a reference per visible entity
 * (a large catalog's worth per restricted caller), so fewer are kept than decisions.
 */
const MAX_VISIBLE_SETS = 100;

/** How long a principal's decision and visible set are reused, unless configured. */
export const DEFAULT_VISIBILITY_CACHE_TTL_MS = 10_000;

/**
 * The cache key of a caller: the user (one user's requests share one decision, whatever the
 * token), or the service with the restrictions its token carries; none for anything else
 * (a `none` principal is decided anew each time).
 */
export function principalKey(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
    accessRestrictions?: unknown;
  };
  if (principal?.type === 'user' && principal.userEntityRef) {
    return `user\u0000${principal.userEntityRef}`;
  }
  if (principal?.type === 'service' && principal.subject) {
    return `service\u0000${principal.subject}\u0000${JSON.stringify(
      principal.accessRestrictions ?? null,
    )}`;
  }
  return undefined;
}

/**
 * What the caller may see of the catalog, asked of the catalog with the caller's own
 * credentials, so that the installation's catalog permission policy (conditional decisions
 * included) decides, as it does for the catalog's own pages.
 *
 * Each principal's decision and visible set are reused for `ttlMs`: a user's decision is a
 * request to the permission backend (which asks auth for the user's claims), and a
 * restricted caller's visible set pages the whole catalog; neither should be paid again on
 * every entity page or org list. A permission or catalog change therefore reaches the
 * reliability reads within `ttlMs`. Failures are not kept, and concurrent requests of one
 * principal share the question in flight.
 */
export class CatalogVisibility {
  private readonly decisions: TtlCache<boolean>;
  private readonly visibleSets: TtlCache<VisibleEntities>;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
      /** How long a principal's answers are reused; 0 asks on every request. */
      ttlMs?: number;
      now?: () => number;
    },
  ) {
    const ttlMs = deps.ttlMs ?? DEFAULT_VISIBILITY_CACHE_TTL_MS;
    this.decisions = new TtlCache({
      ttlMs,
      maxEntries: MAX_DECISIONS,
      now: deps.now,
    });
    this.visibleSets = new TtlCache({
      ttlMs,
      maxEntries: MAX_VISIBLE_SETS,
      now: deps.now,
    });
  }

  /** `compute`, through `cache` for a principal it may be kept for. */
  private cached<V>(
    cache: TtlCache<V>,
    credentials: BackstageCredentials,
    compute: () => Promise<V>,
  ): Promise<V> {
    const key = principalKey(credentials);
    return key === undefined ? compute() : cache.get(key, compute);
  }

  /**
   * Whether the caller may read every entity of the catalog: `catalog.entity.read` decided
   * without conditions. Anything else (a DENY, a conditional decision, a permission service
   * that does not answer the conditional request) means asking the catalog.
   */
  async seesEverything(credentials: BackstageCredentials): Promise<boolean> {
    return this.cached(this.decisions, credentials, async () => {
      const decisions = await this.deps.permissions.authorizeConditional(
        [{ permission: catalogEntityReadPermission }],
        { credentials },
      );
      return decisions?.[0]?.result === AuthorizeResult.ALLOW;
    });
  }

  /** Whether the caller may see this entity (by its canonical reference). */
  async canSee(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (await this.seesEverything(credentials)) return true;
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    return entity !== undefined;
  }

  /** Whether the caller may see every one of these entities. */
  async canSeeAll(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (entityRefs.length === 0) return true;
    if (await this.seesEverything(credentials)) return true;
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs, fields: ['kind', 'metadata.namespace', 'metadata.name'] },
      { credentials },
    );
    return items.every(entity => entity !== undefined && entity !== null);
  }

  /**
   * The entities the caller may see: `undefined` for all of them (no catalog read), else
   * their references, read page by page with only the fields that make a reference.
   */
  async visible(credentials: BackstageCredentials): Promise<VisibleEntities> {
    if (await this.seesEverything(credentials)) return undefined;
    return this.cached(this.visibleSets, credentials, () =>
      this.readVisible(credentials),
    );
  }

  private async readVisible(
    credentials: BackstageCredentials,
  ): Promise<ReadonlySet<string>> {
    const fields = ['kind', 'metadata.namespace', 'metadata.name'];
    const refs = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.deps.catalog.queryEntities(
        cursor
          ? { cursor, fields, limit: PAGE_SIZE }
          : { fields, limit: PAGE_SIZE },
        { credentials },
      );
      for (const entity of page.items) {
        refs.add(
          canonicalEntityRef({
            kind: entity.kind,
            namespace: entity.metadata.namespace ?? 'default',
            name: entity.metadata.name,
          }),
        );
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return refs;
  }
}
