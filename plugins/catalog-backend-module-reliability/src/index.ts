/**
 * Catalog module of the Reliability Suite: validates the suite's annotations, ingests
 * OpenSLO and ErrorBudgetPolicy entities with their relations, and relates entities to the
 * SRE teams that support them.
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
export {
  SreTeamRelationsProcessor,
  RELATION_SUPPORTED_BY,
  RELATION_SUPPORTS,
} from './SreTeamRelationsProcessor';
export type { OpenSloEntitiesProcessorOptions } from './OpenSloEntitiesProcessor';
export type { SreTeamRelationsProcessorOptions } from './SreTeamRelationsProcessor';
