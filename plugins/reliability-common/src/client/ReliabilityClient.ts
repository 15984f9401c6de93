import { ResponseError } from '@backstage/errors';
import type { components, paths } from './openapi.generated';
import { queryString } from './queryString';

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

function entityPath(ref: EntityRefParts, ...rest: string[]): string {
  return `/${['v1', 'entities', ref.kind, ref.namespace, ref.name]
    .map(encodeURIComponent)
    .concat(rest)
    .join('/')}`;
}

function jsonBody(method: string, body: unknown): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/**
 * Typed client of the reliability backend. Request and response types are generated from
 * the backend's `src/schema/openapi.yaml` (`yarn generate:openapi`), so a change of the
 * schema that the client does not follow fails the type-check.
 *
 * @public
 */
export class ReliabilityClient implements ReliabilityApi {
  private readonly discoveryApi: ReliabilityClientOptions['discoveryApi'];
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: ReliabilityClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  async getEntitySummary(entityRef: EntityRefParts): Promise<EntitySummary> {
    return this.request<EntitySummary>(entityPath(entityRef, 'summary'));
  }

  async getEntityPolicy(entityRef: EntityRefParts): Promise<EntityPolicy> {
    return this.request<EntityPolicy>(entityPath(entityRef, 'policy'));
  }

  async enactFreeze(
    entityRef: EntityRefParts,
    body: FreezeRequest,
  ): Promise<Freeze> {
    return this.request<Freeze>(
      entityPath(entityRef, 'policy', 'freeze'),
      jsonBody('POST', body),
    );
  }

  async liftFreeze(
    entityRef: EntityRefParts,
    body: FreezeRequest,
  ): Promise<Freeze> {
    return this.request<Freeze>(
      entityPath(entityRef, 'policy', 'lift'),
      jsonBody('POST', body),
    );
  }

  async grantException(
    entityRef: EntityRefParts,
    body: ExceptionRequest,
  ): Promise<PolicyException> {
    return this.request<PolicyException>(
      entityPath(entityRef, 'policy', 'exceptions'),
      jsonBody('POST', body),
    );
  }

  async recordDecision(
    entityRef: EntityRefParts,
    body: DecisionRequest,
  ): Promise<LeadershipDecision> {
    return this.request<LeadershipDecision>(
      entityPath(entityRef, 'policy', 'decisions'),
      jsonBody('POST', body),
    );
  }

  async getDecisions(query: DecisionsQuery = {}): Promise<Decisions> {
    return this.request<Decisions>(`/v1/decisions${queryString(query)}`);
  }

  async checkGate(query: GateQuery): Promise<GateDecision> {
    return this.request<GateDecision>(`/v1/gate${queryString(query)}`);
  }

  async listPolicies(): Promise<PolicyList> {
    return this.request<PolicyList>('/v1/policies');
  }

  async getPolicy(ref: {
    namespace: string;
    name: string;
  }): Promise<PolicyDetail> {
    return this.request<PolicyDetail>(
      `/v1/policies/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
        ref.name,
      )}`,
    );
  }

  async listAuditEvents(
    query: ListAuditEventsQuery = {},
  ): Promise<AuditEventPage> {
    return this.request<AuditEventPage>(
      `/v1/audit-events${queryString(query)}`,
    );
  }

  async getSlo(
    ref: { namespace: string; name: string },
    query: SloQuery = {},
  ): Promise<SloDetail> {
    return this.request<SloDetail>(
      `/v1/slos/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
        ref.name,
      )}${queryString(query)}`,
    );
  }

  async getSloRevisions(
    ref: { namespace: string; name: string },
    query: SloRevisionsQuery = {},
  ): Promise<SloRevisionList> {
    return this.request<SloRevisionList>(
      `/v1/slos/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
        ref.name,
      )}/revisions${queryString(query)}`,
    );
  }

  async getSloAlertState(ref: {
    namespace: string;
    name: string;
  }): Promise<SloAlertState> {
    return this.request<SloAlertState>(
      `/v1/slos/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
        ref.name,
      )}/alert-state`,
    );
  }

  async getPrometheusRules(query: PrometheusRulesQuery = {}): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/v1/prometheus-rules${queryString(query)}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  async importSloRevisions(
    ref: { namespace: string; name: string },
    body: SloHistoryImport,
  ): Promise<SloHistoryImportResult> {
    return this.request<SloHistoryImportResult>(
      `/v1/slos/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
        ref.name,
      )}/revisions/import`,
      jsonBody('POST', body),
    );
  }

  async listSloRefinements(
    query: ListSloRefinementsQuery = {},
  ): Promise<SloRefinementPage> {
    return this.request<SloRefinementPage>(
      `/v1/slo-refinements${queryString(query)}`,
    );
  }

  async listSlos(query: ListSlosQuery = {}): Promise<SloListPage> {
    return this.request<SloListPage>(`/v1/slos${queryString(query)}`);
  }

  async pushSliEvents(batch: SliEventBatch): Promise<SliPushResult> {
    return this.request<SliPushResult>(
      '/v1/sli/events',
      jsonBody('POST', batch),
    );
  }

  async getEntityResponsibility(
    entityRef: EntityRefParts,
  ): Promise<EntityResponsibility> {
    return this.request<EntityResponsibility>(
      entityPath(entityRef, 'responsibility'),
    );
  }

  async getTeam(ref: {
    namespace: string;
    name: string;
  }): Promise<TeamReliability> {
    return this.request<TeamReliability>(
      `/v1/teams/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
        ref.name,
      )}`,
    );
  }

  async listSreTeams(): Promise<{ items: SreTeamLoad[] }> {
    return this.request<{ items: SreTeamLoad[] }>('/v1/sre-teams');
  }

  async getSreTimeBudget(
    ref: { namespace: string; name: string },
    query: SreTimeBudgetQuery = {},
  ): Promise<SreTimeBudget> {
    return this.request<SreTimeBudget>(
      `/v1/sre-teams/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
        ref.name,
      )}/time-budget${queryString(query)}`,
    );
  }

  async listSreTimeBudgets(
    query: ListSreTimeBudgetsQuery = {},
  ): Promise<SreTimeBudgetPage> {
    return this.request<SreTimeBudgetPage>(
      `/v1/sre-time-budget${queryString(query)}`,
    );
  }

  async listAuditFindings(query: AuditQuery = {}): Promise<AuditFindingPage> {
    return this.request<AuditFindingPage>(`/v1/audit${queryString(query)}`);
  }

  async getAuditSummary(): Promise<AuditSummary> {
    return this.request<AuditSummary>('/v1/audit/summary');
  }

  async exportAuditFindings(query: AuditExportQuery = {}): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/v1/audit/export.csv${queryString(query)}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  async getReadiness(entityRef: EntityRefParts): Promise<Readiness> {
    return this.request<Readiness>(entityPath(entityRef, 'readiness'));
  }

  async attestItem(
    entityRef: EntityRefParts,
    body: AttestationRequest,
  ): Promise<Attestation> {
    return this.request<Attestation>(
      entityPath(entityRef, 'readiness', 'attestations'),
      jsonBody('POST', body),
    );
  }

  async commentReview(
    entityRef: EntityRefParts,
    body: CommentRequest,
  ): Promise<ReviewComment> {
    return this.request<ReviewComment>(
      entityPath(entityRef, 'readiness', 'comments'),
      jsonBody('POST', body),
    );
  }

  async transitionReview(
    entityRef: EntityRefParts,
    body: ReviewActionRequest,
  ): Promise<Review> {
    return this.request<Review>(
      entityPath(entityRef, 'readiness', 'review'),
      jsonBody('POST', body),
    );
  }

  async listReviews(query: ListReviewsQuery = {}): Promise<ReviewPage> {
    return this.request<ReviewPage>(`/v1/reviews${queryString(query)}`);
  }

  async getEntityPostmortems(
    entityRef: EntityRefParts,
  ): Promise<EntityPostmortems> {
    return this.request<EntityPostmortems>(
      entityPath(entityRef, 'postmortems'),
    );
  }

  async listPostmortems(
    query: ListPostmortemsQuery = {},
  ): Promise<PostmortemPage> {
    return this.request<PostmortemPage>(`/v1/postmortems${queryString(query)}`);
  }

  async getPostmortem(id: string): Promise<Postmortem> {
    return this.request<Postmortem>(
      `/v1/postmortems/${encodeURIComponent(id)}`,
    );
  }

  async createPostmortem(body: PostmortemInput): Promise<Postmortem> {
    return this.request<Postmortem>('/v1/postmortems', jsonBody('POST', body));
  }

  async updatePostmortem(
    id: string,
    body: PostmortemInput,
  ): Promise<Postmortem> {
    return this.request<Postmortem>(
      `/v1/postmortems/${encodeURIComponent(id)}`,
      jsonBody('PUT', body),
    );
  }

  async importPostmortems(items: unknown[]): Promise<PostmortemImportResult> {
    return this.request<PostmortemImportResult>(
      '/v1/postmortems/import',
      jsonBody('POST', { items }),
    );
  }

  async getPostmortemFigures(
    query: PostmortemFiguresQuery = {},
  ): Promise<PostmortemFigures> {
    return this.request<PostmortemFigures>(
      `/v1/postmortems/figures${queryString(query)}`,
    );
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
