/**
 * The Reliability Suite frontend plugin: SLOs, error budgets, ownership, onboarding readiness
 * and postmortems on every catalog entity.
 *
 * @packageDocumentation
 */
export {
  reliabilityPlugin,
  ReliabilityPage,
  EntityReliabilityContent,
  EntityReliabilityCard,
  EntityTeamReliabilityCard,
  EntitySreTimeBudgetCard,
  EntitySloContent,
} from './plugin';
export { reliabilityApiRef } from './api';
export {
  rootRouteRef,
  policyRouteRef,
  sloRouteRef,
  postmortemRouteRef,
} from './routes';
