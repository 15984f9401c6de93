/**
 * Catalog module of the Reliability Suite: validates the suite's annotations and, as the
 * suite grows, ingests OpenSLO and ErrorBudgetPolicy entities with their relations.
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
