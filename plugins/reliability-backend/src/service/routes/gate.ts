import type { PolicyService } from '../../policy/PolicyService';
import type { RouteAuthorization } from '../authorization';
import { refWithDefaults } from '../request/entityRef';
import type { ApiRouter } from './types';

/** The deploy gate: may this change ship to this entity now? */
export function gateRoutes(
  router: ApiRouter,
  deps: { policies: PolicyService; authorize: RouteAuthorization },
) {
  const { policies, authorize } = deps;

  router.get('/v1/gate', async (req, res) => {
    await authorize.credentials(req);
    const { entity, change, class: exceptionClass } = req.query;
    res.json(
      await policies.gate(
        refWithDefaults(entity, 'entity', 'component'),
        change,
        exceptionClass,
      ),
    );
  });
}
