import type { AlertStateService } from '../../alertState/AlertStateService';
import type { SloHistoryService } from '../../evaluation/SloHistoryService';
import type { SloService } from '../../slo/SloService';
import type { RouteAuthorization } from '../authorization';
import { entityRefOfPath, refOfPath } from '../request/entityRef';
import { parsePage } from '../request/pagination';
import { parseSloListQuery } from '../request/parseSloListQuery';
import { optionalInstant } from '../request/timeRange';
import type { ApiRouter } from './types';

/** The SLOs: an entity's, the org-wide list, one SLO, its alerts and its history. */
export function sloRoutes(
  router: ApiRouter,
  deps: {
    slos: SloService;
    history: SloHistoryService;
    alertStates: AlertStateService;
    authorize: RouteAuthorization;
  },
) {
  const { slos, history, alertStates, authorize } = deps;

  router.get(
    '/v1/entities/:kind/:namespace/:name/summary',
    async (req, res) => {
      const entityRef = entityRefOfPath(req.params);
      await authorize.entityRead(req, 'GetEntitySummary', entityRef);
      res.json(
        await slos.entitySummary(entityRef, () =>
          authorize.visibleEntities(req, 'GetEntitySummary'),
        ),
      );
    },
  );

  router.get('/v1/slos', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'ListSlos');
    res.json(await slos.list(parseSloListQuery(req.query), visible));
  });

  router.get('/v1/slos/:namespace/:name', async (req, res) => {
    const sloRef = refOfPath('slo', req.params);
    await authorize.sloRead(req, 'GetSlo', sloRef);
    res.json(await slos.detail(sloRef, req.query.range ?? 'window'));
  });

  router.get('/v1/slos/:namespace/:name/alert-state', async (req, res) => {
    const sloRef = refOfPath('slo', req.params);
    await authorize.sloRead(req, 'GetSloAlertState', sloRef);
    res.json(await alertStates.sloAlertState(sloRef));
  });

  router.get('/v1/slos/:namespace/:name/revisions', async (req, res) => {
    const sloRef = refOfPath('slo', req.params);
    await authorize.sloRead(req, 'GetSloRevisions', sloRef);
    res.json(await history.revisions(sloRef, parsePage(req.query, 20)));
  });

  router.post(
    '/v1/slos/:namespace/:name/revisions/import',
    async (req, res) => {
      const sloRef = refOfPath('slo', req.params);
      const actor = await authorize.historyImport(req, sloRef);
      res.json(await history.importHistory(sloRef, req.body.items, actor));
    },
  );

  router.get('/v1/slo-refinements', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'ListSloRefinements');
    res.json(
      await history.refinements({
        since: optionalInstant(req.query.since),
        visible,
        ...parsePage(req.query, 50),
      }),
    );
  });
}
