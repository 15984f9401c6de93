import type { DecisionsService } from '../../decisions/DecisionsService';
import { parseDecisionsQuery } from '../../decisions/decisionsQuery';
import type { PolicyCatalog } from '../../policy/PolicyCatalog';
import type { PolicyActions } from '../../policy/PolicyActions';
import type { PolicyViews } from '../../policy/PolicyViews';
import type { RouteAuthorization } from '../authorization';
import { APP_CONFIG_POLICY_REF } from '@reliability-suite/plugin-reliability-common';
import { entityRefOfPath, refOfPath } from '../request/entityRef';
import type { ApiRouter } from './types';

/**
 * Error-budget policies: an entity's policy and its enactment (freeze, lift, exception,
 * decision), the policies of the catalog, and leadership's pending decisions.
 */
export function policyRoutes(
  router: ApiRouter,
  deps: {
    policyViews: PolicyViews;
    policyActions: PolicyActions;
    policyCatalog: PolicyCatalog;
    decisions: DecisionsService;
    authorize: RouteAuthorization;
  },
) {
  const { policyViews, policyActions, policyCatalog, decisions, authorize } =
    deps;

  router.get('/v1/entities/:kind/:namespace/:name/policy', async (req, res) => {
    const entityRef = entityRefOfPath(req.params);
    await authorize.entityRead(req, 'GetEntityPolicy', entityRef);
    res.json(await policyViews.entityPolicy(entityRef));
  });

  router.post(
    '/v1/entities/:kind/:namespace/:name/policy/freeze',
    async (req, res) => {
      const entityRef = entityRefOfPath(req.params);
      const actor = await authorize.enact(req, entityRef);
      res
        .status(201)
        .json(await policyActions.enactFreeze(entityRef, actor, req.body));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/policy/lift',
    async (req, res) => {
      const entityRef = entityRefOfPath(req.params);
      const actor = await authorize.enact(req, entityRef);
      res.json(await policyActions.liftFreeze(entityRef, actor, req.body));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/policy/exceptions',
    async (req, res) => {
      const entityRef = entityRefOfPath(req.params);
      const actor = await authorize.enact(req, entityRef);
      res
        .status(201)
        .json(await policyActions.grantException(entityRef, actor, req.body));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/policy/decisions',
    async (req, res) => {
      const entityRef = entityRefOfPath(req.params);
      const actor = await authorize.enact(req, entityRef);
      res
        .status(201)
        .json(await policyActions.recordDecision(entityRef, actor, req.body));
    },
  );

  router.get('/v1/decisions', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'GetDecisions');
    res.json(
      await decisions.decisions({
        ...parseDecisionsQuery(req.query),
        visible,
      }),
    );
  });

  router.get('/v1/policies', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'ListPolicies');
    res.json(await policyCatalog.list(visible));
  });

  router.get('/v1/policies/:namespace/:name', async (req, res) => {
    const policyRef = refOfPath('errorbudgetpolicy', req.params);
    // The policy of app-config is no catalog entity: every caller may read it.
    if (policyRef !== APP_CONFIG_POLICY_REF) {
      await authorize.entityRead(req, 'GetPolicy', policyRef);
    }
    // The entities under it: those the caller may see.
    const visible = await authorize.visibleEntities(req, 'GetPolicy');
    res.json(
      await policyCatalog.get(req.params.namespace, req.params.name, visible),
    );
  });
}
