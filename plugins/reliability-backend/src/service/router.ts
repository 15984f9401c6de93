import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  canonicalEntityRef,
  parseFullEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { AuditStore } from '../store/AuditStore';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  auditStore: AuditStore;
}

/**
 * The plugin's HTTP API. Requests are validated against `src/schema/openapi.yaml` before a
 * handler runs, so handlers see only well-formed input; errors thrown here reach the caller
 * in Backstage's error format through the default error handler of the http router.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, catalog, auditStore } = options;
  const router = await createOpenApiRouter();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/summary',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const ref = { ...req.params };
      const entityRef = canonicalEntityRef(ref);
      const entity = await catalog.getEntityByRef(ref, { credentials });
      if (!entity) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }
      res.json({ entityRef, slos: [] });
    },
  );

  router.get('/v1/audit-events', async (req, res) => {
    const { entityRef, limit, cursor } = req.query;
    const page = await auditStore.list({
      entityRef:
        entityRef !== undefined
          ? canonicalEntityRef(parseFullEntityRef(entityRef, 'entityRef'))
          : undefined,
      limit: limit ?? 50,
      cursor,
    });
    res.json({
      items: page.items.map(e => ({
        ...e,
        occurredAt: e.occurredAt.toISOString(),
        reason: e.reason ?? null,
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  });

  return router;
}
