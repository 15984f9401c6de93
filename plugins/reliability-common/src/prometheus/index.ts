/**
 * Prometheus rules generated from OpenSLO SLOs: Sloth-compatible SLI recording rules,
 * event-weighted period rules and the engine's multi-window multi-burn-rate alerts.
 */
export {
  PROMETHEUS_PAGE_ALERT,
  PROMETHEUS_TICKET_ALERT,
  PROMETHEUS_NO_DATA_ALERT,
  PROMETHEUS_BURN_ALERTS,
  SLOTH_LABELS,
  slothId,
  slothIdsOf,
  slothSloName,
} from './contract';
export type {
  PrometheusRule,
  PrometheusRuleGroup,
  PrometheusRulesSlo,
  GeneratePrometheusRulesOptions,
  PrometheusRulesProblem,
  PrometheusRulesResult,
} from './types';
export { generatePrometheusRules } from './generate';
export { renderPrometheusRules } from './render';
export type { RenderPrometheusRulesOptions } from './render';
export { prometheusRulesInput } from './documents';
export { prometheusPeriod, formatPromDuration } from './period';
export type { PrometheusPeriod } from './period';
