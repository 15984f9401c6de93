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
