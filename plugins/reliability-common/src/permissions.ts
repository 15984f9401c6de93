import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource the entity-scoped permissions are about: a catalog entity seen with the
 * parties the suite knows for it (its owner, its SRE team, its policy's owner and
 * escalation group). The resource reference is the entity reference.
 *
 * @public
 */
export const RELIABILITY_ENTITY_RESOURCE_TYPE = 'reliability-entity';

/** The parties of an entity a permission policy can grant a permission to. @public */
export const RELIABILITY_PARTIES = [
  'owner',
  'sre-team',
  'policy-owner',
  'escalation',
] as const;

/** @public */
export type ReliabilityParty = (typeof RELIABILITY_PARTIES)[number];

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
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/** Attest readiness items, comment, submit or reopen an onboarding review. @public */
export const reliabilityReviewAttestPermission = createPermission({
  name: 'reliability.review.attest',
  attributes: { action: 'update' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/** Approve, request changes on or hand back an onboarding review. @public */
export const reliabilityReviewSignoffPermission = createPermission({
  name: 'reliability.review.signoff',
  attributes: { action: 'update' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/** Create, edit and import postmortems. @public */
export const reliabilityPostmortemWritePermission = createPermission({
  name: 'reliability.postmortem.write',
  attributes: { action: 'create' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Import an SLO's definitions from before the catalog delivered it (its git history); the
 * resource is the SLO's service. @public
 */
export const reliabilitySloHistoryWritePermission = createPermission({
  name: 'reliability.slo.history.write',
  attributes: { action: 'create' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/** Every permission of the suite, for permission-integration listings. @public */
export const reliabilityPermissions = [
  reliabilitySliWritePermission,
  reliabilityPolicyEnactPermission,
  reliabilityReviewAttestPermission,
  reliabilityReviewSignoffPermission,
  reliabilityPostmortemWritePermission,
  reliabilitySloHistoryWritePermission,
];
