import {
  findingsCsv,
  ResponsibilityService,
} from '../../responsibility/ResponsibilityService';
import type { AuditStore } from '../../store/AuditStore';
import type { RouteAuthorization } from '../authorization';
import { optionalFullRef } from '../request/entityRef';
import { parsePage } from '../request/pagination';
import { parseAuditFilter } from '../request/parseAuditFilter';
import type { ApiRouter } from './types';

/** The reliability audit of the org (findings, their CSV, the summary) and the audit trail. */
export function auditRoutes(
  router: ApiRouter,
  deps: {
    responsibility: ResponsibilityService;
    auditStore: AuditStore;
    authorize: RouteAuthorization;
  },
) {
  const { responsibility, auditStore, authorize } = deps;

  router.get('/v1/audit', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'ListAuditFindings');
    const { limit, offset, ...filters } = req.query;
    const page = parsePage({ limit, offset }, 100);
    const { items, ...rest } = await responsibility.findings(
      parseAuditFilter(filters),
      visible,
    );
    res.json({
      ...rest,
      totalCount: items.length,
      items: items.slice(page.offset, page.offset + page.limit),
    });
  });

  router.get('/v1/audit/export.csv', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'ExportAuditFindings');
    const { items } = await responsibility.findings(
      parseAuditFilter(req.query),
      visible,
    );
    res
      .type('text/csv; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        'attachment; filename="reliability-audit.csv"',
      )
      .send(findingsCsv(items));
  });

  router.get('/v1/audit/summary', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'GetAuditSummary');
    res.json(await responsibility.summary(visible));
  });

  router.get('/v1/audit-events', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'ListAuditEvents');
    const { entityRef, subjectRef, category, limit, cursor } = req.query;
    const page = await auditStore.list({
      visible,
      entityRef: optionalFullRef(entityRef, 'entityRef'),
      subjectRef: optionalFullRef(subjectRef, 'subjectRef'),
      category,
      limit: limit ?? 50,
      cursor,
    });
    res.json({
      items: page.items.map(e => ({
        ...e,
        occurredAt: e.occurredAt.toISOString(),
        subjectRef: e.subjectRef ?? null,
        reason: e.reason ?? null,
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  });
}
