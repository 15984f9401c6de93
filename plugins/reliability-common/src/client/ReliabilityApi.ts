// The reliability API as callers see it, and what its client is built from.
import type {
  Attestation,
  AttestationRequest,
  AuditEventPage,
  AuditExportQuery,
  AuditFindingPage,
  AuditQuery,
  AuditSummary,
  CommentRequest,
  DecisionRequest,
  Decisions,
  DecisionsQuery,
  EntityPolicy,
  EntityPostmortems,
  EntityResponsibility,
  EntitySummary,
  ExceptionRequest,
  Freeze,
  FreezeRequest,
  GateDecision,
  GateQuery,
  Health,
  LeadershipDecision,
  ListAuditEventsQuery,
  ListPostmortemsQuery,
  ListReviewsQuery,
  ListSloRefinementsQuery,
  ListSlosQuery,
  ListSreTimeBudgetsQuery,
  PolicyDetail,
  PolicyException,
  PolicyList,
  Postmortem,
  PostmortemFigures,
  PostmortemFiguresQuery,
  PostmortemImportResult,
  PostmortemInput,
  PostmortemPage,
  PrometheusRulesQuery,
  Readiness,
  Review,
  ReviewActionRequest,
  ReviewComment,
  ReviewPage,
  SliEventBatch,
  SliPushResult,
  SloAlertState,
  SloDetail,
  SloHistoryImport,
  SloHistoryImportResult,
  SloListPage,
  SloQuery,
  SloRefinementPage,
  SloRevisionList,
  SloRevisionsQuery,
  SreTeamLoad,
  SreTimeBudget,
  SreTimeBudgetPage,
  SreTimeBudgetQuery,
  TeamReliability,
} from './types';

/**
 * The minimal shapes of Backstage's DiscoveryApi and FetchApi, so the client serves the
 * frontend (which passes the real APIs) and the CLI (which passes a base URL and a token)
 * without depending on either side's packages.
 *
 * @public
 */
export interface ReliabilityClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
}

/** An entity addressed by its parts. @public */
export type EntityRefParts = { kind: string; namespace: string; name: string };

/** @public */
export interface ReliabilityApi {
  /** Liveness of the plugin (`GET /health`): answers without credentials once it runs. */
  getHealth(): Promise<Health>;
  getEntitySummary(entityRef: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<EntitySummary>;
  listAuditEvents(query?: ListAuditEventsQuery): Promise<AuditEventPage>;
  getSlo(
    ref: { namespace: string; name: string },
    query?: SloQuery,
  ): Promise<SloDetail>;
  getSloRevisions(
    ref: { namespace: string; name: string },
    query?: SloRevisionsQuery,
  ): Promise<SloRevisionList>;
  /** Whether the SLO's generated Prometheus alerts are pending or firing in its source. */
  getSloAlertState(ref: {
    namespace: string;
    name: string;
  }): Promise<SloAlertState>;
  /** The Prometheus rule file of the catalog's Prometheus SLOs, as YAML text. */
  getPrometheusRules(query?: PrometheusRulesQuery): Promise<string>;
  listSloRefinements(
    query?: ListSloRefinementsQuery,
  ): Promise<SloRefinementPage>;
  importSloRevisions(
    ref: { namespace: string; name: string },
    body: SloHistoryImport,
  ): Promise<SloHistoryImportResult>;
  listSlos(query?: ListSlosQuery): Promise<SloListPage>;
  pushSliEvents(batch: SliEventBatch): Promise<SliPushResult>;
  getEntityPolicy(entityRef: EntityRefParts): Promise<EntityPolicy>;
  enactFreeze(entityRef: EntityRefParts, body: FreezeRequest): Promise<Freeze>;
  liftFreeze(entityRef: EntityRefParts, body: FreezeRequest): Promise<Freeze>;
  grantException(
    entityRef: EntityRefParts,
    body: ExceptionRequest,
  ): Promise<PolicyException>;
  recordDecision(
    entityRef: EntityRefParts,
    body: DecisionRequest,
  ): Promise<LeadershipDecision>;
  getDecisions(query?: DecisionsQuery): Promise<Decisions>;
  checkGate(query: GateQuery): Promise<GateDecision>;
  listPolicies(): Promise<PolicyList>;
  getPolicy(ref: { namespace: string; name: string }): Promise<PolicyDetail>;
  getEntityResponsibility(
    entityRef: EntityRefParts,
  ): Promise<EntityResponsibility>;
  getTeam(ref: { namespace: string; name: string }): Promise<TeamReliability>;
  listSreTeams(): Promise<{ items: SreTeamLoad[] }>;
  getSreTimeBudget(
    ref: { namespace: string; name: string },
    query?: SreTimeBudgetQuery,
  ): Promise<SreTimeBudget>;
  listSreTimeBudgets(
    query?: ListSreTimeBudgetsQuery,
  ): Promise<SreTimeBudgetPage>;
  listAuditFindings(query?: AuditQuery): Promise<AuditFindingPage>;
  getAuditSummary(): Promise<AuditSummary>;
  /** The CSV export with the filters, as text (the caller offers it as a download). */
  exportAuditFindings(query?: AuditExportQuery): Promise<string>;
  getReadiness(entityRef: EntityRefParts): Promise<Readiness>;
  attestItem(
    entityRef: EntityRefParts,
    body: AttestationRequest,
  ): Promise<Attestation>;
  commentReview(
    entityRef: EntityRefParts,
    body: CommentRequest,
  ): Promise<ReviewComment>;
  transitionReview(
    entityRef: EntityRefParts,
    body: ReviewActionRequest,
  ): Promise<Review>;
  listReviews(query?: ListReviewsQuery): Promise<ReviewPage>;
  getEntityPostmortems(entityRef: EntityRefParts): Promise<EntityPostmortems>;
  listPostmortems(query?: ListPostmortemsQuery): Promise<PostmortemPage>;
  getPostmortem(id: string): Promise<Postmortem>;
  createPostmortem(body: PostmortemInput): Promise<Postmortem>;
  updatePostmortem(id: string, body: PostmortemInput): Promise<Postmortem>;
  importPostmortems(items: unknown[]): Promise<PostmortemImportResult>;
  getPostmortemFigures(
    query?: PostmortemFiguresQuery,
  ): Promise<PostmortemFigures>;
}
