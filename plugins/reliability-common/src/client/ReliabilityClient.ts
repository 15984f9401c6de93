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

/** @public */
export interface ReliabilityApi {
  getEntitySummary(entityRef: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<EntitySummary>;
  listAuditEvents(query?: ListAuditEventsQuery): Promise<AuditEventPage>;
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
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, String(value));
    }
    const qs = params.toString();
    return this.request<AuditEventPage>(
      `/v1/audit-events${qs ? `?${qs}` : ''}`,
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
