import {
  reliabilityReviewAttestPermission,
  reliabilityReviewSignoffPermission,
} from '@reliability-suite/plugin-reliability-common';
import { ReadinessService } from '../../readiness/ReadinessService';
import { partyFor } from '../../readiness/reviewTransitions';
import type { RouteAuthorization } from '../authorization';
import { entityRefOfPath, optionalFullRef } from '../request/entityRef';
import { parsePage } from '../request/pagination';
import type { ApiRouter } from './types';

/** Production-readiness reviews: an entity's checklist and review, and the SRE queue. */
export function reviewRoutes(
  router: ApiRouter,
  deps: { readiness: ReadinessService; authorize: RouteAuthorization },
) {
  const { readiness, authorize } = deps;

  router.get(
    '/v1/entities/:kind/:namespace/:name/readiness',
    async (req, res) => {
      const entityRef = entityRefOfPath(req.params);
      await authorize.entityRead(req, 'GetReadiness', entityRef);
      res.json(await readiness.readiness(entityRef));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/readiness/attestations',
    async (req, res) => {
      const entityRef = entityRefOfPath(req.params);
      const actor = await authorize.review(
        req,
        entityRef,
        [reliabilityReviewAttestPermission],
        'Attesting a readiness item',
      );
      res.status(201).json(await readiness.attest(entityRef, actor, req.body));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/readiness/comments',
    async (req, res) => {
      const entityRef = entityRefOfPath(req.params);
      const actor = await authorize.review(
        req,
        entityRef,
        [reliabilityReviewAttestPermission, reliabilityReviewSignoffPermission],
        'Commenting on a review',
      );
      res.status(201).json(await readiness.comment(entityRef, actor, req.body));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/readiness/review',
    async (req, res) => {
      const entityRef = entityRefOfPath(req.params);
      // The SRE team's transitions need the sign-off; the owner's the attestation.
      const sre = partyFor(req.body.action) === 'sre';
      const actor = await authorize.review(
        req,
        entityRef,
        [
          sre
            ? reliabilityReviewSignoffPermission
            : reliabilityReviewAttestPermission,
        ],
        `The review action ${req.body.action}`,
      );
      res.json(await readiness.transition(entityRef, actor, req.body));
    },
  );

  router.get('/v1/reviews', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'ListReviews');
    const { state, open, sreTeam } = req.query;
    res.json(
      await readiness.queue({
        state,
        open,
        visible,
        sreTeam: optionalFullRef(sreTeam, 'sreTeam'),
        ...parsePage(req.query, 50),
      }),
    );
  });
}
