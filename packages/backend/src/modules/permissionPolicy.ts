import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  RELIABILITY_ENTITY_RESOURCE_TYPE,
  reliabilityPolicyEnactPermission,
  reliabilityPostmortemWritePermission,
  reliabilityReviewAttestPermission,
  reliabilityReviewSignoffPermission,
  reliabilitySloHistoryWritePermission,
  ReliabilityParty,
} from '@reliability-suite/plugin-reliability-common';
import {
  createReliabilityConditionalDecision,
  reliabilityConditions,
} from '@reliability-suite/plugin-reliability-node';

/**
 * Who may do what to an entity in the demo: the parties of the entity the Reliability Suite
 * resolves (owner, SRE team, the policy's owning group, the policy's escalation group).
 */
const PARTIES = new Map<string, ReliabilityParty[]>([
  [
    reliabilityPolicyEnactPermission.name,
    ['policy-owner', 'sre-team', 'escalation'],
  ],
  [reliabilityReviewAttestPermission.name, ['owner']],
  [reliabilityReviewSignoffPermission.name, ['sre-team']],
  [reliabilityPostmortemWritePermission.name, ['owner', 'sre-team']],
  [reliabilitySloHistoryWritePermission.name, ['owner', 'sre-team']],
]);

/**
 * The demo's permission policy: everything is allowed except the Reliability Suite's
 * entity-scoped mutations, which are allowed to the entity's responsible parties only.
 * Callers without a user (external-access tokens of CI/CD) hold no party, so they can read,
 * push SLI data and ask the gate, but not enact.
 */
export class ReliabilityDemoPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const parties = PARTIES.get(request.permission.name);
    if (
      !parties ||
      !isResourcePermission(
        request.permission,
        RELIABILITY_ENTITY_RESOURCE_TYPE,
      )
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) return { result: AuthorizeResult.DENY };
    return createReliabilityConditionalDecision(
      request.permission,
      reliabilityConditions.isReliabilityParty({
        claims: user.info.ownershipEntityRefs,
        parties,
      }),
    );
  }
}

/** Installs {@link ReliabilityDemoPermissionPolicy} as the permission backend's policy. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'reliability-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new ReliabilityDemoPermissionPolicy());
      },
    });
  },
});
