import type { TimeBudgetService } from '../../sreTime/TimeBudgetService';
import type { RouteAuthorization } from '../authorization';
import { refOfPath } from '../request/entityRef';
import { parsePage } from '../request/pagination';
import type { ApiRouter } from './types';

/** The SRE teams' time: engagements against the budget of their hours. */
export function sreTimeRoutes(
  router: ApiRouter,
  deps: { timeBudget: TimeBudgetService; authorize: RouteAuthorization },
) {
  const { timeBudget, authorize } = deps;

  router.get('/v1/sre-teams/:namespace/:name/time-budget', async (req, res) => {
    const groupRef = refOfPath('group', req.params);
    await authorize.entityRead(req, 'GetSreTimeBudget', groupRef);
    // The team's budget counts the services (and their alerts and incidents) the caller
    // may see only.
    const visible = await authorize.visibleEntities(req, 'GetSreTimeBudget');
    res.json(await timeBudget.team(groupRef, req.query.months ?? 6, visible));
  });

  router.get('/v1/sre-time-budget', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'ListSreTimeBudgets');
    res.json(await timeBudget.list(parsePage(req.query, 50), visible));
  });
}
