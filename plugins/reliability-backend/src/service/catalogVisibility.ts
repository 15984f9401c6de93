import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { canonicalEntityRef } from '@reliability-suite/plugin-reliability-common';
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
 * What the caller may see of the catalog, asked of the catalog with the caller's own
 * credentials, so that the installation's catalog permission policy (conditional decisions
 * included) decides, as it does for the catalog's own pages.
 */
export class CatalogVisibility {
  private readonly decided = new WeakMap<
    BackstageCredentials,
    Promise<boolean>
  >();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
    },
  ) {}

  /**
   * Whether the caller may read every entity of the catalog: `catalog.entity.read` decided
   * without conditions. Anything else (a DENY, a conditional decision, a permission service
   * that does not answer the conditional request) means asking the catalog.
   */
  async seesEverything(credentials: BackstageCredentials): Promise<boolean> {
    // One decision per request: a route that checks an entity and lists others asks once
    // (Backstage's httpAuth hands out one credentials object per request).
    let decided = this.decided.get(credentials);
    if (!decided) {
      decided = (async () => {
        const decisions = await this.deps.permissions.authorizeConditional(
          [{ permission: catalogEntityReadPermission }],
          { credentials },
        );
        return decisions?.[0]?.result === AuthorizeResult.ALLOW;
      })();
      this.decided.set(credentials, decided);
      decided.catch(() => this.decided.delete(credentials));
    }
    return decided;
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
