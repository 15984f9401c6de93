import type { DeployGate } from '../../policy/DeployGate';
import type { RouteAuthorization } from '../authorization';
import { refWithDefaults } from '../request/entityRef';
import type { ApiRouter } from './types';

/** The deploy gate: may this change ship to this entity now? */
export function gateRoutes(
  router: ApiRouter,
  deps: { deployGate: DeployGate; authorize: RouteAuthorization },
) {
  const { deployGate, authorize } = deps;

  router.get('/v1/gate', async (req, res) => {
    const { entity, change, class: exceptionClass } = req.query;
    const entityRef = refWithDefaults(entity, 'entity', 'component');
    await authorize.entityRead(req, 'CheckGate', entityRef);
    res.json(await deployGate.decide(entityRef, change, exceptionClass));
  });
}
