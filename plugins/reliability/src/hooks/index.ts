export { useReliabilityApi, useReliabilityQuery } from './useReliabilityApi';
export {
  useEntityPolicy,
  useEntityResponsibility,
  useEntitySummary,
} from './entity';
