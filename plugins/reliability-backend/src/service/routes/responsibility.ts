import type { ResponsibilityService } from '../../responsibility/ResponsibilityService';
import type { RouteAuthorization } from '../authorization';
import { entityRefOfPath, refOfPath } from '../request/entityRef';
import type { ApiRouter } from './types';

/** Who is responsible for what: an entity's parties, a team's services, the SRE teams. */
export function responsibilityRoutes(
  router: ApiRouter,
  deps: {
    responsibility: ResponsibilityService;
    authorize: RouteAuthorization;
  },
) {
  const { responsibility, authorize } = deps;

  router.get(
    '/v1/entities/:kind/:namespace/:name/responsibility',
    async (req, res) => {
      const entityRef = entityRefOfPath(req.params);
      await authorize.entityRead(req, 'GetEntityResponsibility', entityRef);
      res.json(await responsibility.entityResponsibility(entityRef));
    },
  );

  router.get('/v1/teams/:namespace/:name', async (req, res) => {
    const groupRef = refOfPath('group', req.params);
    await authorize.entityRead(req, 'GetTeam', groupRef);
    const visible = await authorize.visibleEntities(req, 'GetTeam');
    res.json(await responsibility.team(groupRef, visible));
  });

  router.get('/v1/sre-teams', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'ListSreTeams');
    res.json(await responsibility.sreTeams(visible));
  });
}
