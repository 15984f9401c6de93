/**
 * Prometheus SLI source of the Reliability Suite: pulls good/total events and threshold
 * timeslices for OpenSLO SLIs from Prometheus' HTTP API.
 *
 * @packageDocumentation
 */
export { reliabilityModulePrometheus as default } from './module';
export {
  ALERT_STATE_TIMEOUT_MS,
  PrometheusSliSource,
} from './PrometheusSliSource';
export { RAW_SCALE } from './bucketCounts';
export { RULES_LOADED_METRIC } from './alertState';
export type { PrometheusSliSourceOptions } from './options';
export { PrometheusClient } from './PrometheusClient';
export type {
  InstantQuery,
  PrometheusClientOptions,
  PrometheusSample,
  PrometheusSeries,
  RangeQuery,
} from './PrometheusClient';
export {
  formatPrometheusDuration,
  renderQuery,
  QUERY_PLACEHOLDERS,
} from './queryTemplate';
export { meetsThreshold, thresholdSlices } from './thresholdSlices';
export type { BucketValue } from './thresholdSlices';
