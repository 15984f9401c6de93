import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * Backstage's in-memory catalog mock with its by-ref reads answered from an index built
 * once, as a real catalog answers them from its database's index.
 *
 * Why: the mock rebuilds a map of all its entities on every `getEntityByRef` and
 * `getEntitiesByRefs` call (~1 ms at 2,000 entities, on the backend's thread), a cost a
 * deployed catalog does not put on the plugin's process; it made the load run measure the
 * mock. The entities of the benchmark never change, so the index never goes stale.
 *
 * By-ref reads that ask for some fields only (the notifications' display names) are
 * projected from the index too.
 *
 * Likewise `getEntities` filtered by kinds alone (the org snapshot's read of the audit, team
 * pages and the responsibility matrix) is answered from the entities grouped by kind: the
 * mock builds every entity's search rows on every such call (~100 MB of garbage per call at
 * 5,000 entities, more than the plugin's own work), where a catalog reads them from its
 * search table. The answer is still projected to the fields asked for on every call, as a
 * catalog builds each response. Other reads with a filter, a query, an order or paging fall
 * through to the mock, as does everything else.
 */
export function indexedCatalogFactory(entities: Entity[]) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => indexedCatalog(entities),
  });
}

/** The catalog of `indexedCatalogFactory`, for a test to compare with the mock. */
export function indexedCatalog(entities: Entity[]): CatalogService {
  const mock = catalogServiceMock({ entities });
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const byKind = new Map<string, Entity[]>();
  for (const e of entities) {
    const kind = e.kind.toLocaleLowerCase('en-US');
    const same = byKind.get(kind);
    if (same) same.push(e);
    else byKind.set(kind, [e]);
  }
  const overrides: Partial<CatalogService> = {
    async getEntities(
      request: Parameters<CatalogService['getEntities']>[0],
      options: Parameters<CatalogService['getEntities']>[1],
    ) {
      const kinds = kindsOnly(request);
      if (!kinds) return mock.getEntities(request, options);
      // In the mock's order (the entities' order), as it answers.
      const wanted = new Set(kinds.flatMap(k => byKind.get(k) ?? []));
      const items = entities.filter(e => wanted.has(e));
      const fields = request?.fields;
      return {
        items: fields?.length ? items.map(e => project(e, fields)) : items,
      };
    },
    async getEntityByRef(ref: Parameters<CatalogService['getEntityByRef']>[0]) {
      return byRef.get(stringifyEntityRef(parseEntityRef(ref)));
    },
    async getEntitiesByRefs(
      request: Parameters<CatalogService['getEntitiesByRefs']>[0],
      options: Parameters<CatalogService['getEntitiesByRefs']>[1],
    ) {
      if (request.filter || 'query' in request) {
        return mock.getEntitiesByRefs(request, options);
      }
      const items = request.entityRefs.map(ref => byRef.get(ref));
      const fields = request.fields;
      return {
        items: fields?.length ? items.map(e => e && project(e, fields)) : items,
      };
    },
  };
  // A proxy, not a prototype: the mock's methods use private fields of the mock itself.
  return new Proxy(mock, {
    get(target, prop, receiver) {
      if (prop in overrides) return overrides[prop as keyof CatalogService];
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The kinds of a request filtered by kind alone (`[{ kind }, ...]`), lower-cased; undefined
 * for any other request (a filter on anything else, a query, an order, paging).
 */
function kindsOnly(
  request: Parameters<CatalogService['getEntities']>[0],
): string[] | undefined {
  if (!request?.filter) return undefined;
  const { filter, fields, ...rest } = request;
  if (Object.values(rest).some(v => v !== undefined)) return undefined;
  const filters = [filter].flat();
  const kinds: string[] = [];
  for (const f of filters) {
    const keys = Object.keys(f);
    if (keys.length !== 1 || keys[0] !== 'kind' || typeof f.kind !== 'string') {
      return undefined;
    }
    kinds.push(f.kind.toLocaleLowerCase('en-US'));
  }
  return fields === undefined || Array.isArray(fields) ? kinds : undefined;
}

/**
 * An entity with only the given fields, as the mock projects it (a dotted field whose part
 * is not a key is read as a key with a dot, e.g. an annotation's name); values are shared.
 */
function project(entity: Entity, fields: string[]): Entity {
  const output: Record<string, unknown> = {};
  for (const field of fields) {
    const parts = field.split('.');
    const path: string[] = [];
    let value: unknown = entity;
    let pending = '';
    for (let i = 0; i < parts.length; i++) {
      const part = pending ? `${pending}.${parts[i]}` : parts[i];
      if (value !== null && typeof value === 'object' && part in value) {
        path.push(part);
        value = (value as Record<string, unknown>)[part];
        pending = '';
      } else if (i + 1 < parts.length) {
        pending = part;
      } else {
        value = undefined;
      }
    }
    if (value === undefined) continue;
    let target = output;
    for (const key of path.slice(0, -1)) {
      target = (target[key] ??= {}) as Record<string, unknown>;
    }
    target[path[path.length - 1]] = value;
  }
  return output as unknown as Entity;
}
