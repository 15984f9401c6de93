import type { SliIngestService } from '../../ingest/SliIngestService';
import type { RouteAuthorization } from '../authorization';
import type { ApiRouter } from './types';

/** Pushed SLI data. */
export function sliRoutes(
  router: ApiRouter,
  deps: { ingest: SliIngestService; authorize: RouteAuthorization },
) {
  const { ingest, authorize } = deps;

  // A bad item rejects the batch with an ItemsRejectedError: the error middleware answers
  // it with every bad item.
  router.post('/v1/sli/events', async (req, res) => {
    await authorize.sliWrite(req);
    res.json(await ingest.push(req.body));
  });
}
