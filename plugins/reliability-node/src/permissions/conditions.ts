import { createConditionExports } from '@backstage/plugin-permission-node';
import { RELIABILITY_ENTITY_RESOURCE_TYPE } from '@reliability-suite/plugin-reliability-common';
import { reliabilityEntityRules } from './rules';

const exported = createConditionExports({
  pluginId: 'reliability',
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
  rules: reliabilityEntityRules,
});

/**
 * Conditions for permission policies, e.g.
 * `createReliabilityConditionalDecision(permission, reliabilityConditions.isReliabilityParty({ claims, parties: ['sre-team'] }))`.
 *
 * @public
 */
export const reliabilityConditions = exported.conditions;

/** @public */
export const createReliabilityConditionalDecision =
  exported.createConditionalDecision;
