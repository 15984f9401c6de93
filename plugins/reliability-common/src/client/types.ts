// The named types of the reliability API, each an alias of a schema or a query of the
// generated OpenAPI types, so that callers never index into them.
import type { components, paths } from './openapi.generated';

/** @public */
export type Health = components['schemas']['Health'];
/** @public */
export type EntitySummary = components['schemas']['EntitySummary'];
/** @public */
export type SloSummary = components['schemas']['SloSummary'];
/** @public */
export type AuditEvent = components['schemas']['AuditEvent'];
/** @public */
export type AuditEventPage = components['schemas']['AuditEventPage'];
/** @public */
export type ObjectiveStatus = components['schemas']['ObjectiveStatus'];
/** @public */
export type SloState = components['schemas']['SloState'];
/** @public */
export type SloDetail = components['schemas']['SloDetail'];
/** @public */
export type SloAlertState = components['schemas']['SloAlertState'];
/** @public */
export type PrometheusRulesQuery = NonNullable<
  paths['/v1/prometheus-rules']['get']['parameters']['query']
>;
/** @public */
export type SloListPage = components['schemas']['SloListPage'];
/** @public */
export type SloListItem = components['schemas']['SloListItem'];
/** @public */
export type SliEventBatch = components['schemas']['SliEventBatch'];
/** @public */
export type SliEvent = components['schemas']['SliEvent'];
/** @public */
export type SliPushResult = components['schemas']['SliPushResult'];
/** @public */
export type EntityPolicy = components['schemas']['EntityPolicy'];
/** @public */
export type Policy = components['schemas']['Policy'];
/** @public */
export type PolicyStatus = components['schemas']['PolicyStatus'];
/** @public */
export type Freeze = components['schemas']['Freeze'];
/** @public */
export type PolicyException = components['schemas']['PolicyException'];
/** @public */
export type LeadershipDecision = components['schemas']['LeadershipDecision'];
/** @public */
export type Decisions = components['schemas']['Decisions'];
/** @public */
export type PendingDecision = components['schemas']['PendingDecision'];
/** @public */
export type TakenDecision = components['schemas']['TakenDecision'];
/** @public */
export type DecisionFollowUp = components['schemas']['DecisionFollowUp'];
/** @public */
export type DecisionsQuery = NonNullable<
  paths['/v1/decisions']['get']['parameters']['query']
>;
/** @public */
export type FreezeRequest = components['schemas']['FreezeRequest'];
/** @public */
export type ExceptionRequest = components['schemas']['ExceptionRequest'];
/** @public */
export type DecisionRequest = components['schemas']['DecisionRequest'];
/** @public */
export type GateDecision = components['schemas']['GateDecision'];
/** @public */
export type PolicyList = components['schemas']['PolicyList'];
/** @public */
export type PolicyListItem = components['schemas']['PolicyListItem'];
/** @public */
export type PolicyDetail = components['schemas']['PolicyDetail'];
/** @public */
export type PolicyEntity = components['schemas']['PolicyEntity'];
/** @public */
export type EntityResponsibility =
  components['schemas']['EntityResponsibility'];
/** @public */
export type TeamReliability = components['schemas']['TeamReliability'];
/** @public */
export type TeamService = components['schemas']['TeamService'];
/** @public */
export type SreTeamLoad = components['schemas']['SreTeamLoad'];
/** @public */
export type AuditFinding = components['schemas']['AuditFinding'];
/** @public */
export type AuditFindingPage = components['schemas']['AuditFindingPage'];
/** @public */
export type AuditSummary = components['schemas']['AuditSummary'];
/** @public */
export type AuditQuery = NonNullable<
  paths['/v1/audit']['get']['parameters']['query']
>;
/** @public */
export type AuditExportQuery = NonNullable<
  paths['/v1/audit/export.csv']['get']['parameters']['query']
>;
/** @public */
export type Readiness = components['schemas']['Readiness'];
/** @public */
export type ReadinessItemStatus = components['schemas']['ReadinessItemStatus'];
/** @public */
export type Review = components['schemas']['Review'];
/** @public */
export type ReviewComment = components['schemas']['ReviewComment'];
/** @public */
export type Attestation = components['schemas']['Attestation'];
/** @public */
export type AttestationRequest = components['schemas']['AttestationRequest'];
/** @public */
export type CommentRequest = components['schemas']['CommentRequest'];
/** @public */
export type ReviewActionRequest = components['schemas']['ReviewActionRequest'];
/** @public */
export type ReviewPage = components['schemas']['ReviewPage'];
/** @public */
export type ReviewQueueItem = components['schemas']['ReviewQueueItem'];
/** @public */
export type ListReviewsQuery = NonNullable<
  paths['/v1/reviews']['get']['parameters']['query']
>;
/** @public */
export type Postmortem = components['schemas']['Postmortem'];
/** @public */
export type PostmortemInput = components['schemas']['PostmortemInput'];
/** @public */
export type ActionItem = components['schemas']['ActionItem'];
/** @public */
export type ActionItemInput = components['schemas']['ActionItemInput'];
/** @public */
export type PostmortemPage = components['schemas']['PostmortemPage'];
/** @public */
export type EntityPostmortems = components['schemas']['EntityPostmortems'];
/** @public */
export type BurnEpisode = components['schemas']['BurnEpisode'];
/** @public */
export type BudgetSpend = components['schemas']['BudgetSpend'];
/** @public */
export type MonthlyIncidentFigures =
  components['schemas']['MonthlyIncidentFigures'];
/** @public */
export type PostmortemFigures = components['schemas']['PostmortemFigures'];
/** @public */
export type PostmortemImportResult =
  components['schemas']['PostmortemImportResult'];
/** @public */
export type PostmortemImportRejection =
  components['schemas']['PostmortemImportRejection'];
/** @public */
export type ListPostmortemsQuery = NonNullable<
  paths['/v1/postmortems']['get']['parameters']['query']
>;
/** @public */
export type PostmortemFiguresQuery = NonNullable<
  paths['/v1/postmortems/figures']['get']['parameters']['query']
>;
/** @public */
export type SloRevisionList = components['schemas']['SloRevisionList'];
/** @public */
export type SloRevision = components['schemas']['SloRevision'];
/** @public */
export type RevisionBudget = components['schemas']['RevisionBudget'];
/** @public */
export type SloRefinement = components['schemas']['SloRefinement'];
/** @public */
export type SloRefinementPage = components['schemas']['SloRefinementPage'];
/** @public */
export type SloHistoryImport = components['schemas']['SloHistoryImport'];
/** @public */
export type SloHistoryImportResult =
  components['schemas']['SloHistoryImportResult'];
/** @public */
export type ListSloRefinementsQuery = NonNullable<
  paths['/v1/slo-refinements']['get']['parameters']['query']
>;
/** @public */
export type SloQuery = NonNullable<
  paths['/v1/slos/{namespace}/{name}']['get']['parameters']['query']
>;
/** @public */
export type SloRange = NonNullable<SloQuery['range']>;
/** @public */
export type SloRevisionsQuery = NonNullable<
  paths['/v1/slos/{namespace}/{name}/revisions']['get']['parameters']['query']
>;
/** @public */
export type SreTimeBudget = components['schemas']['SreTimeBudget'];
/** @public */
export type SreTimeBudgetSummary =
  components['schemas']['SreTimeBudgetSummary'];
/** @public */
export type SreTimeBudgetPage = components['schemas']['SreTimeBudgetPage'];
/** @public */
export type SreTimeMonth = components['schemas']['SreTimeMonth'];
/** @public */
export type SreTimeBudgetQuery = NonNullable<
  paths['/v1/sre-teams/{namespace}/{name}/time-budget']['get']['parameters']['query']
>;
/** @public */
export type ListSreTimeBudgetsQuery = NonNullable<
  paths['/v1/sre-time-budget']['get']['parameters']['query']
>;
/** @public */
export type GateQuery = paths['/v1/gate']['get']['parameters']['query'];
/** @public */
export type ListSlosQuery = NonNullable<
  paths['/v1/slos']['get']['parameters']['query']
>;
/** @public */
export type ListAuditEventsQuery = NonNullable<
  paths['/v1/audit-events']['get']['parameters']['query']
>;
