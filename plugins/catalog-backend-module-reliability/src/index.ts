/**
 * Catalog module of the Reliability Suite: validates the suite's annotations and ingests
 * OpenSLO and ErrorBudgetPolicy entities with their relations.
 *
 * @packageDocumentation
 */
export { catalogModuleReliability as default } from './module';
export { ReliabilityAnnotationsProcessor } from './ReliabilityAnnotationsProcessor';
export {
  OpenSloEntitiesProcessor,
  OPENSLO_KINDS,
  RELATION_HAS_SLO,
  RELATION_SLO_OF,
} from './OpenSloEntitiesProcessor';
export {
  ErrorBudgetPolicyProcessor,
  RELATION_POLICY_OF,
  RELATION_USES_POLICY,
} from './ErrorBudgetPolicyProcessor';
