import { ResponseError } from '@backstage/errors';
import type { components, paths } from './openapi.generated';

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
export type ListSlosQuery = NonNullable<
  paths['/v1/slos']['get']['parameters']['query']
>;
/** @public */
export type ListAuditEventsQuery = NonNullable<
  paths['/v1/audit-events']['get']['parameters']['query']
>;

function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

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

/** @public */
export interface ReliabilityApi {
  getEntitySummary(entityRef: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<EntitySummary>;
  listAuditEvents(query?: ListAuditEventsQuery): Promise<AuditEventPage>;
  getSlo(ref: { namespace: string; name: string }): Promise<SloDetail>;
  listSlos(query?: ListSlosQuery): Promise<SloListPage>;
  pushSliEvents(batch: SliEventBatch): Promise<SliPushResult>;
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

  async getEntitySummary(entityRef: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<EntitySummary> {
    const path = ['v1', 'entities', entityRef.kind, entityRef.namespace]
      .concat(entityRef.name, 'summary')
      .map(encodeURIComponent)
      .join('/');
    return this.request<EntitySummary>(`/${path}`);
  }

  async listAuditEvents(
    query: ListAuditEventsQuery = {},
  ): Promise<AuditEventPage> {
    return this.request<AuditEventPage>(
      `/v1/audit-events${queryString(query)}`,
    );
  }

  async getSlo(ref: { namespace: string; name: string }): Promise<SloDetail> {
    return this.request<SloDetail>(
      `/v1/slos/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
        ref.name,
      )}`,
    );
  }

  async listSlos(query: ListSlosQuery = {}): Promise<SloListPage> {
    return this.request<SloListPage>(`/v1/slos${queryString(query)}`);
  }

  async pushSliEvents(batch: SliEventBatch): Promise<SliPushResult> {
    return this.request<SliPushResult>('/v1/sli/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(batch),
    });
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
