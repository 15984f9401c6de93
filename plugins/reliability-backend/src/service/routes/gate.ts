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
    await authorize.credentials(req);
    const { entity, change, class: exceptionClass } = req.query;
    res.json(
      await deployGate.decide(
        refWithDefaults(entity, 'entity', 'component'),
        change,
        exceptionClass,
      ),
    );
  });
}
