// ******************************************************************
// * THIS IS A GENERATED FILE. DO NOT EDIT IT DIRECTLY.              *
// * Edit plugins/reliability-backend/src/schema/openapi.yaml and    *
// * run `yarn generate:openapi`.                                    *
// ******************************************************************
/* eslint-disable */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Liveness of the plugin; answers without credentials. */
    get: operations['GetHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The reliability summary of one catalog entity. */
    get: operations['GetEntitySummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * @description The audit trail: every state change the suite recorded (enactments, sign-offs,
     *     attestations, postmortem edits), newest first.
     */
    get: operations['ListAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/slos': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * @description The organisation-wide list of SLO objectives with their evaluated status, worst
     *     budget first, filtered by the service's owner, system or the state.
     */
    get: operations['ListSlos'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/slos/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * @description One SLO with the status of each objective and, for charts, its SLI and burn-down
     *     series over the SLO window, downsampled to at most 500 points.
     */
    get: operations['GetSlo'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sli/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * @description Pushes SLI data: good and total (or bad) event counts for an SLO objective at a
     *     time. Each item lands in the bucket (1 minute by default) that contains its
     *     timestamp. The batch is atomic: if any item is rejected, nothing is written and the
     *     answer lists every rejected item with the field and the reason.
     *
     *     Modes: `replace` (default) — each bucket named in the batch gets the sum of the
     *     batch's items for it, replacing what it held, so a retried batch changes nothing.
     *     `add` — the batch's counts are added to the buckets; it needs a `batchId`, and a
     *     batch id seen before is acknowledged without being applied again.
     *     Needs the `reliability.sli.write` permission.
     */
    post: operations['PushSliEvents'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Health: {
      /** @enum {string} */
      status: 'ok';
    };
    EntitySummary: {
      /** @description The entity's full reference, kind:namespace/name, lower-cased. */
      entityRef: string;
      /** @description The SLOs whose service is this entity. */
      slos: components['schemas']['SloSummary'][];
    };
    SloSummary: {
      sloRef: string;
      name: string;
      title: string;
      /** @enum {string} */
      budgetingMethod?: 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
      /** @description The SLO window in words, e.g. "rolling 28d" or "calendar month (Europe/Berlin)". */
      window?: string;
      objectives: components['schemas']['ObjectiveStatus'][];
    };
    /**
     * @description exhausted: no budget left; critical: a page-tier burn-rate alert fires; warning: a
     *     ticket-tier alert fires; healthy: none of those; no-data: no SLI data in the window.
     * @enum {string}
     */
    SloState: 'exhausted' | 'critical' | 'warning' | 'healthy' | 'no-data';
    ObjectiveStatus: {
      name: string;
      target: number;
      state: components['schemas']['SloState'];
      sli: number | null;
      goodEvents: number;
      totalEvents: number;
      errorBudget: {
        consumed: number;
        remaining: number;
        total: number;
        spent: number;
        /** @enum {string} */
        unit: 'events' | 'ms';
      };
      burnRates: {
        [key: string]: number | null;
      };
      alerts: {
        /** @enum {string} */
        severity: 'page' | 'ticket';
        longWindow: string;
        shortWindow: string;
        factor: number;
        firing: boolean;
      }[];
      /** Format: date-time */
      forecastExhaustionAt?: string | null;
      /** @enum {string} */
      dataQuality: 'ok' | 'partial' | 'no-data';
      source?: components['schemas']['SourceStatus'];
      /** Format: date-time */
      windowStart: string;
      /** Format: date-time */
      windowEnd: string;
      /** Format: date-time */
      evaluatedAt: string;
    };
    /**
     * @description For SLIs pulled from a source (Prometheus, ...): how current the data is. stale — the
     *     source could not be reached, data stops at dataUntil; error — the source answered but
     *     the SLI cannot be read (errorKind: query-error, empty-result, ambiguous-result,
     *     configuration). Missing ranges count neither good nor bad.
     */
    SourceStatus: {
      type: string;
      /** @enum {string} */
      state: 'ok' | 'stale' | 'error';
      errorKind?: string | null;
      reason?: string | null;
      /** Format: date-time */
      dataUntil?: string | null;
      /** Format: date-time */
      lastSuccessAt?: string | null;
    };
    SloDetail: components['schemas']['SloSummary'] & {
      serviceRef: string;
      /** @description Per objective, the chart series over the window. */
      series: {
        objective: string;
        points: {
          /** Format: date-time */
          t: string;
          good: number;
          total: number;
          /** @description Budget remaining at t, as a fraction. */
          remaining: number | null;
        }[];
      }[];
    };
    SloListItem: {
      sloRef: string;
      title: string;
      serviceRef: string;
      ownerRef?: string | null;
      systemRef?: string | null;
      objective: components['schemas']['ObjectiveStatus'];
    };
    SloListPage: {
      items: components['schemas']['SloListItem'][];
      totalCount: number;
    };
    SliEvent: {
      /** @description The SLO entity, e.g. slo:default/checkout-availability (kind SLO is the default). */
      slo: string;
      /** @description The objective's name; may be left out when the SLO has one objective. */
      objective?: string;
      /** @description ISO 8601 date-time, or epoch milliseconds. */
      timestamp: string | number;
      good?: number;
      bad?: number;
      total?: number;
    };
    SliEventBatch: {
      /**
       * @default replace
       * @enum {string}
       */
      mode: 'replace' | 'add';
      batchId?: string;
      items: components['schemas']['SliEvent'][];
    };
    SliPushResult: {
      /** @description Items accepted. */
      accepted: number;
      /** @description Buckets written. */
      buckets: number;
      /** @description True when an add-mode batch id had been applied before. */
      duplicate: boolean;
    };
    /** @description Backstage's error format, plus every rejected item. */
    SliPushRejection: {
      error: {
        name: string;
        message: string;
      };
      request?: {
        method?: string;
        url?: string;
      };
      response?: {
        statusCode?: number;
      };
      items: {
        index: number;
        field: string;
        message: string;
      }[];
    };
    AuditEvent: {
      id: string;
      /** Format: date-time */
      occurredAt: string;
      /** @description The user or service that made the change. */
      actorRef: string;
      action: string;
      entityRef: string;
      reason?: string | null;
      details: {
        [key: string]: unknown;
      };
    };
    AuditEventPage: {
      items: components['schemas']['AuditEvent'][];
      /** @description Present when there are more events. */
      nextCursor?: string;
    };
    Error: {
      error: {
        name: string;
        message: string;
      };
      request?: {
        method?: string;
        url?: string;
      };
      response?: {
        statusCode?: number;
      };
    };
  };
  responses: {
    /** @description An error, in Backstage's error format. */
    ErrorResponse: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    kind: string;
    namespace: string;
    name: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  GetHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The plugin is up. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  GetEntitySummary: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The entity's summary. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntitySummary'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  ListAuditEvents: {
    parameters: {
      query?: {
        /** @description Only events about this entity (a full entity reference, kind:namespace/name). */
        entityRef?: string;
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of events. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventPage'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  ListSlos: {
    parameters: {
      query?: {
        /** @description The owning group of the service, a full entity reference. */
        owner?: string;
        /** @description The service's system, a full entity reference. */
        system?: string;
        state?: components['schemas']['SloState'];
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of objectives. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SloListPage'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  GetSlo: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The SLO. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SloDetail'];
        };
      };
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  PushSliEvents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SliEventBatch'];
      };
    };
    responses: {
      /** @description The batch was written (or, in add mode, had already been). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SliPushResult'];
        };
      };
      /** @description The batch was rejected; nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SliPushRejection'];
        };
      };
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      413: components['responses']['ErrorResponse'];
    };
  };
}
