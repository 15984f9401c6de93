export { useReliabilityApi, useReliabilityQuery } from './useReliabilityApi';
export {
  useEntityPolicy,
  useEntityPolicyOf,
  useEntityPostmortems,
  useEntityReadiness,
  useEntityResponsibility,
  useEntitySreTimeBudget,
  useEntitySummary,
  useEntityTeam,
  useReadinessOf,
} from './entity';
export { useSlo, useSloList, useSloRefinements, useSloRevisions } from './slo';
export {
  useAuditEvents,
  useAuditFindings,
  useAuditSummary,
  useDecisions,
  usePolicies,
  usePolicy,
  usePostmortem,
  usePostmortemFigures,
  usePostmortems,
  useReviews,
  useSreTeams,
  useSreTimeBudgets,
} from './org';
