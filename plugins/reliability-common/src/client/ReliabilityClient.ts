import { ResponseError } from '@backstage/errors';
import { queryString } from './queryString';
import type {
  EntityRefParts,
  ReliabilityApi,
  ReliabilityClientOptions,
} from './ReliabilityApi';
import { entityPath, jsonBody } from './request';
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

  async getHealth(): Promise<Health> {
    return this.request<Health>('/health');
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
