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
      displayName?: string;
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
}
