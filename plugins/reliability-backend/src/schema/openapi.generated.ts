// ******************************************************************
// * THIS IS A GENERATED FILE. DO NOT EDIT IT DIRECTLY.              *
// * Edit plugins/reliability-backend/src/schema/openapi.yaml and    *
// * run `yarn generate:openapi`.                                    *
// ******************************************************************

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'reliability',
    version: '1',
    description:
      'The Reliability Suite API: SLOs and error budgets, ownership, onboarding readiness and\npostmortems for Backstage catalog entities. Every route except `/health` needs Backstage\ncredentials (a user token or an external-access token).\n',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description: 'Liveness of the plugin; answers without credentials.',
        security: [],
        responses: {
          '200': {
            description: 'The plugin is up.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Health',
                },
              },
            },
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/summary': {
      get: {
        operationId: 'GetEntitySummary',
        description: 'The reliability summary of one catalog entity.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The entity's summary.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntitySummary',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/audit-events': {
      get: {
        operationId: 'ListAuditEvents',
        description:
          'The audit trail: every state change the suite recorded (enactments, sign-offs,\nattestations, postmortem edits), newest first.\n',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            required: false,
            description:
              'Only events about this entity (a full entity reference, kind:namespace/name).',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
              default: 50,
            },
          },
          {
            name: 'cursor',
            in: 'query',
            required: false,
            description: 'The `nextCursor` of the previous page.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 64,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page of events.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AuditEventPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
  components: {
    parameters: {
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 63,
        },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 63,
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 253,
        },
      },
    },
    responses: {
      ErrorResponse: {
        description: "An error, in Backstage's error format.",
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Health: {
        type: 'object',
        required: ['status'],
        properties: {
          status: {
            type: 'string',
            enum: ['ok'],
          },
        },
      },
      EntitySummary: {
        type: 'object',
        required: ['entityRef', 'slos'],
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
            description:
              "The entity's full reference, kind:namespace/name, lower-cased.",
          },
          slos: {
            type: 'array',
            description: 'The SLOs whose service is this entity.',
            items: {
              $ref: '#/components/schemas/SloSummary',
            },
          },
        },
      },
      SloSummary: {
        type: 'object',
        required: ['sloRef', 'name'],
        properties: {
          sloRef: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          displayName: {
            type: 'string',
          },
        },
      },
      AuditEvent: {
        type: 'object',
        required: [
          'id',
          'occurredAt',
          'actorRef',
          'action',
          'entityRef',
          'details',
        ],
        properties: {
          id: {
            type: 'string',
          },
          occurredAt: {
            type: 'string',
            format: 'date-time',
          },
          actorRef: {
            type: 'string',
            description: 'The user or service that made the change.',
          },
          action: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          reason: {
            type: 'string',
            nullable: true,
          },
          details: {
            type: 'object',
            additionalProperties: true,
          },
        },
      },
      AuditEventPage: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AuditEvent',
            },
          },
          nextCursor: {
            type: 'string',
            description: 'Present when there are more events.',
          },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
    },
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
  },
  security: [
    {
      JWT: [],
    },
  ],
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
