import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The permissions that guard every mutation of the Reliability Suite. Reads need only a
 * signed-in caller; each kind of write has its own permission so an organisation can grant
 * pushers, policy owners, SRE reviewers and postmortem authors separately.
 */

/** Push SLI data (good/total counts) for an SLO. @public */
export const reliabilitySliWritePermission = createPermission({
  name: 'reliability.sli.write',
  attributes: { action: 'create' },
});

/** Enact or lift a release freeze, grant exceptions, record leadership decisions. @public */
export const reliabilityPolicyEnactPermission = createPermission({
  name: 'reliability.policy.enact',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** Approve, request changes on or hand back an onboarding review. @public */
export const reliabilityReviewSignoffPermission = createPermission({
  name: 'reliability.review.signoff',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** Create, edit and import postmortems. @public */
export const reliabilityPostmortemWritePermission = createPermission({
  name: 'reliability.postmortem.write',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/** Every permission of the suite, for permission-integration listings. @public */
export const reliabilityPermissions = [
  reliabilitySliWritePermission,
  reliabilityPolicyEnactPermission,
  reliabilityReviewSignoffPermission,
  reliabilityPostmortemWritePermission,
];
