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
      'The Reliability Suite API: SLOs and error budgets, ownership, onboarding readiness and\npostmortems for Backstage catalog entities. Every route except `/health` needs Backstage\ncredentials (a user token or an external-access token).\n\nQuery values are percent-encoded (a space as `%20`, never `+`). Entity references and\ntimes may also be written plainly (`?entity=component:default/checkout-api`): their `:`\nand `/` cannot be misread. Free text (a search, a change id) must be encoded, and a 400\nsays how.\n',
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
            allowReserved: true,
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
            name: 'subjectRef',
            in: 'query',
            allowReserved: true,
            required: false,
            description:
              'Only events about this subject, e.g. a policy (errorbudgetpolicy:namespace/name).',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'category',
            in: 'query',
            required: false,
            description:
              "Only events of this kind of change (the action's prefix), e.g. policy.",
            schema: {
              type: 'string',
              enum: ['policy', 'review', 'postmortem'],
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
    '/v1/slos': {
      get: {
        operationId: 'ListSlos',
        description:
          "The organisation-wide list of SLO objectives with their evaluated status, most\nurgent first: paging (a page-tier burn-rate alert firing), budget exhausted,\nticket (a ticket-tier alert firing), at risk (less than 25% of the budget left),\nhealthy, no data; within each, least budget left first. Searchable by words and\nfiltered by the service's owner, system, tier, policy, freeze or the state.\n",
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: false,
            description:
              "Words (at most 16, separated by white space) that must each appear, ignoring\ncase, in the SLO's reference or title, an objective's name, the service's\nreference or the owner's. `%` and `_` match themselves.\n",
            schema: {
              type: 'string',
              maxLength: 200,
            },
          },
          {
            name: 'owner',
            in: 'query',
            allowReserved: true,
            required: false,
            description:
              'The owning group of the service, a full entity reference.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'system',
            in: 'query',
            allowReserved: true,
            required: false,
            description: "The service's system, a full entity reference.",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'tier',
            in: 'query',
            required: false,
            description:
              "Only services of this tier (1 most critical), from the\n`reliability-suite.dev/tier` annotation of the service, else its System's,\nelse its Domain's.\n",
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 4,
            },
          },
          {
            name: 'state',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/SloState',
            },
          },
          {
            name: 'policy',
            in: 'query',
            allowReserved: true,
            required: false,
            description:
              'Only services under this error-budget policy (errorbudgetpolicy:namespace/name).',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'frozen',
            in: 'query',
            required: false,
            description:
              'Only services with (true) or without (false) a release freeze in force.',
            schema: {
              type: 'boolean',
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
            name: 'offset',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 1000000,
              default: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page of objectives.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SloListPage',
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
    '/v1/slos/{namespace}/{name}': {
      get: {
        operationId: 'GetSlo',
        description:
          'One SLO with the status of each objective and, for charts, its SLI and burn-down\nseries over the SLO window (or its last 7 days or day, see `range`), downsampled to\nat most 500 points.\n',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'range',
            in: 'query',
            required: false,
            description:
              "The span of the chart series: the whole window, or its last 7 days or last day\n(at a finer grid). Every point still measures the window's budget; the status\nis that of the whole window whatever the range.\n",
            schema: {
              type: 'string',
              enum: ['window', '7d', '1d'],
              default: 'window',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The SLO.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SloDetail',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/slos/{namespace}/{name}/alert-state': {
      get: {
        operationId: 'GetSloAlertState',
        description:
          'Whether the Prometheus alerts generated from the SLO (`GET /v1/prometheus-rules`,\n`reliability generate prometheus-rules`) are pending or firing in its source now, per\nobjective, asked of the source (`ALERTS{sloth_id=~...}`) and cached per SLO for\n`reliability.alertState.ttl` (30 s). For an SLO whose data are pushed, or whose\nsource cannot tell, `state` is `unsupported`; a source that fails gives\n`state: error` with the fault (never a 5xx), so the card shows it.\n',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description:
              "The state of the SLO's generated alerts in its source.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SloAlertState',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/prometheus-rules': {
      get: {
        operationId: 'GetPrometheusRules',
        description:
          "The Prometheus rules (SLI recording rules, period rules and the multi-window\nmulti-burn-rate alerts) of every catalog SLO whose SLI reads from Prometheus, as one\nrule file, for a GitOps job or a sidecar to write where Prometheus loads its rules.\nSLOs that cannot be expressed are left out and named, with the reason, in comment\nlines at the top of the file (`# problem: ...`) and counted in the\n`Reliability-Rule-Problems` header: one SLO never stops the others' rules.\n",
        parameters: [
          {
            name: 'service',
            in: 'query',
            allowReserved: true,
            required: false,
            description:
              'Only the SLOs of this service: an entity reference (`component:default/checkout-api`;\nkind and namespace default to component and default).\n',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'dataSource',
            in: 'query',
            required: false,
            allowReserved: true,
            description:
              "Only the SLOs whose metric sources name this data source (`metricSourceRef`): a\n`reliability.dataSources` name, else a DataSource entity reference (`prom-main`,\n`team-a/prom-main`; kind and namespace default to DataSource and default), as an\nSLO's `metricSourceRef` names one in the SLO's own namespace.\n",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'format',
            in: 'query',
            required: false,
            description:
              'rules: a Prometheus rule file (`groups:`), for `rule_files`; prometheus-rule: a\nprometheus-operator `PrometheusRule` resource.\n',
            schema: {
              type: 'string',
              enum: ['rules', 'prometheus-rule'],
              default: 'rules',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The rules, as YAML.',
            headers: {
              'Reliability-Rule-Problems': {
                description:
                  'How many SLOs were left out because they cannot be expressed.',
                schema: {
                  type: 'integer',
                },
              },
            },
            content: {
              'text/yaml': {
                schema: {
                  type: 'string',
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
    '/v1/slos/{namespace}/{name}/revisions': {
      get: {
        operationId: 'GetSloRevisions',
        description:
          "The refinement history of an SLO: each definition it has had, oldest first, from when the catalog delivered it, with where it came from, what changed from the one before, and each objective's error budget just before the change, at it (under the new definition) and when the definition was next changed (or now).\n",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 100,
              default: 20,
            },
          },
          {
            name: 'offset',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 1000000,
              default: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page of revisions.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SloRevisionList',
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
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/slos/{namespace}/{name}/revisions/import': {
      post: {
        operationId: 'ImportSloRevisions',
        description:
          "Imports an SLO's definitions from before the catalog delivered it — typically each version of its file in git, with the commit's time and URL — so that its history, and the evaluation of windows reaching back before the first delivery, use the definitions then in force. Replaces what an earlier import brought; never touches what the catalog delivered. Every item must precede the first delivery; the last may equal the first delivered definition, saying since when it has been in force. All or nothing: a rejected import writes nothing.\nNeeds the `reliability.slo.history.write` permission on the SLO's service.\n",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/SloHistoryImport',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The history was imported.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SloHistoryImportResult',
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
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/slo-refinements': {
      get: {
        operationId: 'ListSloRefinements',
        description:
          'Changes of SLO definitions across the org, newest first: targets tightened or loosened, windows and budgeting methods changed, objectives added or removed. First definitions are not listed.\n',
        parameters: [
          {
            name: 'since',
            in: 'query',
            allowReserved: true,
            required: false,
            description: 'Only changes delivered at or after this time.',
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 200,
              default: 50,
            },
          },
          {
            name: 'offset',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 1000000,
              default: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page of refinements.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SloRefinementPage',
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
    '/v1/sli/events': {
      post: {
        operationId: 'PushSliEvents',
        description:
          "Pushes SLI data: good and total (or bad) event counts for an SLO objective at a\ntime. Each item lands in the bucket (1 minute by default) that contains its\ntimestamp. The batch is atomic: if any item is rejected, nothing is written and the\nanswer lists every rejected item with the field and the reason.\n\nModes: `replace` (default) — each bucket named in the batch gets the sum of the\nbatch's items for it, replacing what it held, so a retried batch changes nothing.\n`add` — the batch's counts are added to the buckets; it needs a `batchId`, and a\nbatch id seen before is acknowledged without being applied again.\nNeeds the `reliability.sli.write` permission.\n",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/SliEventBatch',
              },
            },
          },
        },
        responses: {
          '200': {
            description:
              'The batch was written (or, in add mode, had already been).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SliPushResult',
                },
              },
            },
          },
          '400': {
            description: 'The batch was rejected; nothing was written.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SliPushRejection',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '413': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/policy': {
      get: {
        operationId: 'GetEntityPolicy',
        description:
          'The error-budget policy that applies to the entity, where it was selected (the entity,\nits System, its Domain or the app-config default), the state the policy recommends\nfrom the budget, the freeze in force, its open exceptions and the escalation.\n',
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
            description: "The entity's policy and its state.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityPolicy',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/policy/freeze': {
      post: {
        operationId: 'EnactFreeze',
        description:
          'Enacts a release freeze for the entity. Needs `reliability.policy.enact` on the\nentity; answers 409 when a freeze is already in force.\n',
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
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/FreezeRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The freeze is in force.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Freeze',
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
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '409': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/policy/lift': {
      post: {
        operationId: 'LiftFreeze',
        description:
          'Lifts the freeze in force. Needs `reliability.policy.enact` on the entity; answers\n409 when there is no freeze to lift.\n',
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
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/FreezeRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The lifted freeze.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Freeze',
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
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '409': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/policy/exceptions': {
      post: {
        operationId: 'GrantException',
        description:
          'Lets one change ship during the freeze in force. The exception class must be one the\npolicy names. Needs `reliability.policy.enact` on the entity; answers 409 when no\nfreeze is in force or the change already has an exception.\n',
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
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/ExceptionRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The exception.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PolicyException',
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
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '409': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/policy/decisions': {
      post: {
        operationId: 'RecordDecision',
        description:
          "Records leadership's decision on an escalated entity: fund reliability work, loosen\nthe SLO, or accept the risk until a date. Needs `reliability.policy.enact` on the entity.\n",
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
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/DecisionRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The decision.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/LeadershipDecision',
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
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/decisions': {
      get: {
        operationId: 'GetDecisions',
        description:
          "Leadership's view of error-budget policies: the entities waiting for a decision (budget spent with no decision for this out-of-budget period; the escalation due or overdue where the policy escalates), the decisions taken in the last `months` months with their follow-up (a loosened SLO target, action items labelled `funded`, an acceptance's date), counts by Domain (entity → System → Domain; `domainRef` null for none) and decisions per UTC month and kind.\n",
        parameters: [
          {
            name: 'months',
            in: 'query',
            required: false,
            description: 'How many months back, the current one included.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 36,
              default: 12,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The decisions.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Decisions',
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
    '/v1/gate': {
      get: {
        operationId: 'CheckGate',
        description:
          'The deploy gate: may a change of this entity ship now? Blocked only while a freeze is\nin force, unless the change has an exception or declares a pre-approved class. Meant\nfor CI/CD with an external-access token.\n',
        parameters: [
          {
            name: 'entity',
            in: 'query',
            allowReserved: true,
            required: true,
            description:
              'The entity (kind:namespace/name; Component and default are the defaults).',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'change',
            in: 'query',
            required: false,
            description:
              "The change's id (commit, pull request, release), to find its exception.",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 256,
            },
          },
          {
            name: 'class',
            in: 'query',
            required: false,
            description: "The change's exception class, e.g. security.",
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 63,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The answer, allowed or not.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/GateDecision',
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
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/policies': {
      get: {
        operationId: 'ListPolicies',
        description:
          'Every error-budget policy in use or in the catalog, with the entities under each by state.',
        responses: {
          '200': {
            description: 'The policies.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PolicyList',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/policies/{namespace}/{name}': {
      get: {
        operationId: 'GetPolicy',
        description:
          'One policy: its states and rules, and the entities under it with their state. The\napp-config default is `app-config/default`.\n',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The policy.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PolicyDetail',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/responsibility': {
      get: {
        operationId: 'GetEntityResponsibility',
        description:
          'Who does what for the entity: owner, SRE team, engagement model, tier, on-call and\nrunbook / dashboard / playbook links (inherited from its System and Domain where it sets\nnone), and the responsibility matrix of its engagement model.\n',
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
            description: "The entity's responsibility model.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityResponsibility',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/teams/{namespace}/{name}': {
      get: {
        operationId: 'GetTeam',
        description:
          "A group's services: those it owns and those it supports as an SRE team, with their\ntier, engagement and budget state, and its SRE load against its capacity.\n",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The team.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/TeamReliability',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/sre-teams': {
      get: {
        operationId: 'ListSreTeams',
        description:
          'Every SRE team (a group some entity names as its SRE team, or that declares a capacity) with its load and capacity, most loaded first.',
        responses: {
          '200': {
            description: 'The SRE teams.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/SreTeamLoad',
                      },
                    },
                  },
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/sre-teams/{namespace}/{name}/time-budget': {
      get: {
        operationId: 'GetSreTimeBudget',
        description:
          "An SRE team's time budget by calendar month (UTC), oldest first, the current month last\n(partial: counted up to now, its team hours prorated): pages and tickets (burn-rate alert\nepisodes of the services it supports under a counted engagement model; a ticket during a\npage of the same objective is not counted), incidents and their hours (postmortems of\nthose services), action items it owns (open at the month's end, closed in the month,\ntoil-reduction among them), operational hours against the team's hours, and the share\nagainst the cap. `overCap` is decided on the latest complete month.\n",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'months',
            in: 'query',
            required: false,
            description: 'How many months back, the current one included.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 24,
              default: 6,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The time budget.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SreTimeBudget',
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
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/sre-time-budget': {
      get: {
        operationId: 'ListSreTimeBudgets',
        description:
          "Every SRE team's time budget status over the last 6 months: the current month, the\nlatest complete month (which decides `overCap`) and the trend; teams over the cap\nfirst, then by share.\n",
        parameters: [
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 200,
              default: 50,
            },
          },
          {
            name: 'offset',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 1000000,
              default: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page of SRE teams.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SreTimeBudgetPage',
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
    '/v1/audit': {
      get: {
        operationId: 'ListAuditFindings',
        description:
          'The ownership audit: findings per entity with severity and a one-line fix, filtered\nand paginated, errors first. Computed from the catalog and the SLO status (at most a\nminute old).\n',
        parameters: [
          {
            $ref: '#/components/parameters/auditOwner',
          },
          {
            $ref: '#/components/parameters/auditSystem',
          },
          {
            $ref: '#/components/parameters/auditTier',
          },
          {
            $ref: '#/components/parameters/auditEngagement',
          },
          {
            $ref: '#/components/parameters/auditSeverity',
          },
          {
            $ref: '#/components/parameters/auditKind',
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
              default: 100,
            },
          },
          {
            name: 'offset',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 1000000,
              default: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page of findings.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AuditFindingPage',
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
    '/v1/audit/export.csv': {
      get: {
        operationId: 'ExportAuditFindings',
        description:
          'Every finding matching the filters, as CSV (RFC 4180, a header row).',
        parameters: [
          {
            $ref: '#/components/parameters/auditOwner',
          },
          {
            $ref: '#/components/parameters/auditSystem',
          },
          {
            $ref: '#/components/parameters/auditTier',
          },
          {
            $ref: '#/components/parameters/auditEngagement',
          },
          {
            $ref: '#/components/parameters/auditSeverity',
          },
          {
            $ref: '#/components/parameters/auditKind',
          },
        ],
        responses: {
          '200': {
            description: 'The findings.',
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
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
    '/v1/audit/summary': {
      get: {
        operationId: 'GetAuditSummary',
        description: 'The findings counted by owning team, most errors first.',
        responses: {
          '200': {
            description: 'The summary.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AuditSummary',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/readiness': {
      get: {
        operationId: 'GetReadiness',
        description:
          "The entity's production-readiness checklist (the template that applies, or the one its\nreview is pinned to), each item's state with its reason or evidence, progress, and the\nreview with its state.\n",
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
            description: 'The checklist and review.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Readiness',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/readiness/attestations': {
      post: {
        operationId: 'AttestItem',
        description:
          'Attests an item with a statement and an evidence URL; needs `reliability.review.attest` on the entity (the owning team in the demo). Starts a draft review when there is none.\n',
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
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/AttestationRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Done.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Attestation',
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
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '409': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/readiness/comments': {
      post: {
        operationId: 'CommentReview',
        description:
          'Comments on the review or one of its items; needs `reliability.review.attest` or `reliability.review.signoff` on the entity.\n',
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
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CommentRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Done.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReviewComment',
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
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '409': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/readiness/review': {
      post: {
        operationId: 'TransitionReview',
        description:
          'Moves the review: submit and reopen need `reliability.review.attest`, approve / request-changes / hand-back need `reliability.review.signoff` (the SRE team in the demo). Submitting needs every required item passing. With `expectedState`, a review that moved meanwhile answers 409.\n',
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
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/ReviewActionRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Done.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Review',
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
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '409': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/reviews': {
      get: {
        operationId: 'ListReviews',
        description:
          'The review queue, oldest first, e.g. the submitted reviews an SRE team has to look at.',
        parameters: [
          {
            name: 'state',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/ReviewState',
            },
          },
          {
            name: 'open',
            in: 'query',
            required: false,
            description:
              'Only reviews still under way (draft, submitted or changes-requested), not approved or handed-back ones; with state, both must hold.',
            schema: {
              type: 'boolean',
            },
          },
          {
            name: 'sreTeam',
            in: 'query',
            allowReserved: true,
            required: false,
            description:
              'Only reviews of entities this SRE team supports (a full entity reference).',
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
            name: 'offset',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 1000000,
              default: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page of reviews.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReviewPage',
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
    '/v1/entities/{kind}/{namespace}/{name}/postmortems': {
      get: {
        operationId: 'GetEntityPostmortems',
        description:
          "The postmortems of incidents that affected the entity (newest first) with their figures and the error budget each consumed, MTTD/MTTR by month, and the page-tier burn episodes of its SLOs' current windows that need a postmortem under its error-budget policy.\n",
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
            description: "The entity's postmortems.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityPostmortems',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/postmortems': {
      get: {
        operationId: 'ListPostmortems',
        description:
          'Every postmortem in the organisation, newest incident first, so every team can learn from every postmortem.',
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: false,
            description:
              'Text to find in the title, summary or action items (case-insensitive).',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
            },
          },
          {
            name: 'team',
            in: 'query',
            allowReserved: true,
            required: false,
            description:
              'Only incidents that affected an entity this group owns (a full entity reference).',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'entity',
            in: 'query',
            allowReserved: true,
            required: false,
            description:
              'Only incidents that affected this entity (a full entity reference).',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'severity',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/PostmortemSeverity',
            },
          },
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/PostmortemStatus',
            },
          },
          {
            name: 'from',
            in: 'query',
            allowReserved: true,
            required: false,
            description: 'Only incidents that started at or after this time.',
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
          {
            name: 'to',
            in: 'query',
            allowReserved: true,
            required: false,
            description: 'Only incidents that started before this time.',
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 200,
              default: 25,
            },
          },
          {
            name: 'offset',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 1000000,
              default: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page of postmortems.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PostmortemPage',
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
      post: {
        operationId: 'CreatePostmortem',
        description:
          'Records a postmortem; needs `reliability.postmortem.write` on every affected entity (members of its owning or SRE team in the demo).\n',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PostmortemInput',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Created.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Postmortem',
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
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/postmortems/import': {
      post: {
        operationId: 'ImportPostmortems',
        description:
          "Bulk import from a team's archive: every record is checked first and nothing is written unless all are valid (400 naming each rejected record and field). A record with an `externalId` already imported replaces that postmortem, so re-running an import changes nothing twice. Needs `reliability.postmortem.write` on every affected entity.\n",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PostmortemImport',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Imported.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PostmortemImportResult',
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
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/postmortems/figures': {
      get: {
        operationId: 'GetPostmortemFigures',
        description:
          'MTTD and MTTR by month (UTC month of the incident start) for one entity, one team (the entities it owns) or the whole organisation, and open and overdue action items by owning team.\n',
        parameters: [
          {
            name: 'entity',
            in: 'query',
            allowReserved: true,
            required: false,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'team',
            in: 'query',
            allowReserved: true,
            required: false,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          {
            name: 'months',
            in: 'query',
            required: false,
            description: 'How many months back, the current one included.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 36,
              default: 12,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The figures.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PostmortemFigures',
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
    '/v1/postmortems/{id}': {
      get: {
        operationId: 'GetPostmortem',
        description:
          'One postmortem with its figures and the budget it consumed.',
        parameters: [
          {
            $ref: '#/components/parameters/postmortemId',
          },
        ],
        responses: {
          '200': {
            description: 'The postmortem.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Postmortem',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      put: {
        operationId: 'UpdatePostmortem',
        description:
          'Replaces a postmortem (its action items included); needs `reliability.postmortem.write` on every entity it affected before and after. With `expectedUpdatedAt`, a postmortem changed meanwhile answers 409.\n',
        parameters: [
          {
            $ref: '#/components/parameters/postmortemId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PostmortemInput',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Updated.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Postmortem',
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
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '409': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
  components: {
    parameters: {
      postmortemId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          pattern: '^[0-9]{1,18}$',
        },
      },
      auditOwner: {
        name: 'owner',
        in: 'query',
        allowReserved: true,
        required: false,
        description: 'The owning group, a full entity reference.',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 512,
        },
      },
      auditSystem: {
        name: 'system',
        in: 'query',
        allowReserved: true,
        required: false,
        description: 'The system, a full entity reference.',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 512,
        },
      },
      auditTier: {
        name: 'tier',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 4,
        },
      },
      auditEngagement: {
        name: 'engagement',
        in: 'query',
        required: false,
        schema: {
          type: 'string',
          enum: ['none', 'consulting', 'onboarding', 'supported'],
        },
      },
      auditSeverity: {
        name: 'severity',
        in: 'query',
        required: false,
        schema: {
          type: 'string',
          enum: ['error', 'warning'],
        },
      },
      auditKind: {
        name: 'kind',
        in: 'query',
        required: false,
        description: 'The kind of finding.',
        schema: {
          $ref: '#/components/schemas/AuditFindingKind',
        },
      },
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
      SloAlertState: {
        type: 'object',
        additionalProperties: false,
        required: [
          'sloRef',
          'sourceType',
          'state',
          'reason',
          'error',
          'checkedAt',
          'objectives',
        ],
        properties: {
          sloRef: {
            type: 'string',
          },
          sourceType: {
            type: 'string',
            nullable: true,
            description:
              "The source the SLO's data are read from (e.g. Prometheus); null when they are pushed.",
          },
          state: {
            type: 'string',
            enum: ['ok', 'unsupported', 'error'],
            description:
              'ok: the source answered, see objectives; unsupported: the source cannot tell,\nsee reason; error: asking it failed, see error.\n',
          },
          reason: {
            type: 'string',
            nullable: true,
          },
          error: {
            type: 'object',
            nullable: true,
            additionalProperties: false,
            required: ['kind', 'message'],
            properties: {
              kind: {
                type: 'string',
                description: 'unreachable, query-error, configuration, ...',
              },
              message: {
                type: 'string',
              },
            },
          },
          checkedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
            description:
              'When the source was asked (the answer is cached for a while).',
          },
          objectives: {
            type: 'array',
            description:
              'Per objective; `rulesLoaded` and `alerts` say something only when state is ok.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'slothId', 'rulesLoaded', 'alerts'],
              properties: {
                name: {
                  type: 'string',
                },
                slothId: {
                  type: 'string',
                  description:
                    "The `sloth_id` label of the objective's generated series and alerts.",
                },
                rulesLoaded: {
                  type: 'boolean',
                  description:
                    "Whether the source holds the generated rules' series of the objective at all.",
                },
                alerts: {
                  type: 'array',
                  description:
                    "The objective's generated alerts pending or firing now, firing first.",
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['alertName', 'state'],
                    properties: {
                      alertName: {
                        type: 'string',
                      },
                      severity: {
                        type: 'string',
                        description:
                          'The `sloth_severity` label (page, ticket), when the alert has one.',
                      },
                      state: {
                        type: 'string',
                        enum: ['pending', 'firing'],
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
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
          components: {
            type: 'array',
            description:
              "Systems and Domains only: the components it holds (a Domain's through its Systems), each with its SLO and policy state, worst SLO state first.",
            items: {
              $ref: '#/components/schemas/TeamService',
            },
          },
        },
      },
      SloSummary: {
        type: 'object',
        required: ['sloRef', 'name', 'title', 'objectives'],
        properties: {
          sloRef: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          budgetingMethod: {
            type: 'string',
            enum: ['Occurrences', 'Timeslices', 'RatioTimeslices'],
          },
          window: {
            type: 'string',
            description:
              'The SLO window in words, e.g. "rolling 28d" or "calendar month (Europe/Berlin)".',
          },
          objectives: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ObjectiveStatus',
            },
          },
        },
      },
      SloState: {
        type: 'string',
        enum: ['exhausted', 'critical', 'warning', 'healthy', 'no-data'],
        description:
          'exhausted: no budget left; critical: a page-tier burn-rate alert fires; warning: a\nticket-tier alert fires; healthy: none of those; no-data: no SLI data in the window.\n',
      },
      ObjectiveStatus: {
        type: 'object',
        required: [
          'name',
          'target',
          'state',
          'sli',
          'goodEvents',
          'totalEvents',
          'errorBudget',
          'burnRates',
          'alerts',
          'dataQuality',
          'windowStart',
          'windowEnd',
          'evaluatedAt',
        ],
        properties: {
          name: {
            type: 'string',
          },
          target: {
            type: 'number',
          },
          state: {
            $ref: '#/components/schemas/SloState',
          },
          sli: {
            type: 'number',
            nullable: true,
          },
          goodEvents: {
            type: 'number',
          },
          totalEvents: {
            type: 'number',
          },
          errorBudget: {
            type: 'object',
            required: ['consumed', 'remaining', 'total', 'spent', 'unit'],
            properties: {
              consumed: {
                type: 'number',
              },
              remaining: {
                type: 'number',
              },
              total: {
                type: 'number',
              },
              spent: {
                type: 'number',
              },
              unit: {
                type: 'string',
                enum: ['events', 'ms'],
              },
            },
          },
          burnRates: {
            type: 'object',
            additionalProperties: {
              type: 'number',
              nullable: true,
            },
          },
          alerts: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'severity',
                'longWindow',
                'shortWindow',
                'factor',
                'firing',
              ],
              properties: {
                severity: {
                  type: 'string',
                  enum: ['page', 'ticket'],
                },
                longWindow: {
                  type: 'string',
                },
                shortWindow: {
                  type: 'string',
                },
                factor: {
                  type: 'number',
                },
                firing: {
                  type: 'boolean',
                },
              },
            },
          },
          forecastExhaustionAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
            description:
              'When the budget runs out at the current burn (the rate over forecastBurnWindow); null when nothing is being spent.',
          },
          forecastBurnWindow: {
            type: 'string',
            enum: ['5m', '30m', '1h', '2h', '6h', '1d', '3d'],
            description:
              'The burn window whose rate the forecast extrapolates, the long window of the fastest firing alert tier, else the lower of 3d and 6h. Absent from statuses stored before it was introduced.',
          },
          dataQuality: {
            type: 'string',
            enum: ['ok', 'partial', 'no-data'],
            description:
              'ok: the buckets received (idle ones, of total 0, included) cover at least 90 % of\nthe elapsed window; partial: they cover less (a window still being back-filled, or\ngaps), and the figures are those of the data there is so far; no-data: no event in\nthe window.\n',
          },
          dataCoverage: {
            type: 'number',
            minimum: 0,
            maximum: 1,
            description:
              'The share of the elapsed window covered by the buckets received, idle ones included. Absent from a snapshot stored before the field existed.',
          },
          source: {
            $ref: '#/components/schemas/SourceStatus',
          },
          windowStart: {
            type: 'string',
            format: 'date-time',
          },
          windowEnd: {
            type: 'string',
            format: 'date-time',
          },
          evaluatedAt: {
            type: 'string',
            format: 'date-time',
          },
          definitionPeriods: {
            type: 'array',
            description:
              "Present when the objective's target changed inside the window. Each period is judged by the definition in force then; the error budget is their sum.",
            items: {
              type: 'object',
              required: ['from', 'to', 'target', 'spent', 'budget'],
              properties: {
                from: {
                  type: 'string',
                  format: 'date-time',
                },
                to: {
                  type: 'string',
                  format: 'date-time',
                  description:
                    'The next change, or the end of the window for the last.',
                },
                target: {
                  type: 'number',
                },
                timeSliceTarget: {
                  type: 'number',
                },
                spent: {
                  type: 'number',
                  description: 'In the unit of the error budget.',
                },
                budget: {
                  type: 'number',
                  description: 'What the period contributes to the budget.',
                },
              },
            },
          },
        },
      },
      SourceStatus: {
        type: 'object',
        description:
          'For SLIs pulled from a source (Prometheus, ...): how current the data is. stale — the\nsource could not be reached, data stops at dataUntil; error — the source answered but\nthe SLI cannot be read (errorKind: query-error, empty-result, ambiguous-result,\nconfiguration). Missing ranges count neither good nor bad.\n',
        required: ['type', 'state'],
        properties: {
          type: {
            type: 'string',
          },
          state: {
            type: 'string',
            enum: ['ok', 'stale', 'error'],
          },
          errorKind: {
            type: 'string',
            nullable: true,
          },
          reason: {
            type: 'string',
            nullable: true,
          },
          dataUntil: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          lastSuccessAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
        },
      },
      SloDetail: {
        allOf: [
          {
            $ref: '#/components/schemas/SloSummary',
          },
          {
            type: 'object',
            required: ['serviceRef', 'series'],
            properties: {
              serviceRef: {
                type: 'string',
              },
              ownerRef: {
                type: 'string',
                nullable: true,
                description:
                  "The SLO entity's owner as the catalog gave it, if any.",
              },
              range: {
                type: 'string',
                enum: ['window', '7d', '1d'],
                description: 'The span of the series, as requested.',
              },
              series: {
                type: 'array',
                description: 'Per objective, the chart series over the range.',
                items: {
                  type: 'object',
                  required: ['objective', 'points'],
                  properties: {
                    objective: {
                      type: 'string',
                    },
                    windowStart: {
                      type: 'string',
                      format: 'date-time',
                      description: 'The start of the SLO window evaluated.',
                    },
                    periodEnd: {
                      type: 'string',
                      format: 'date-time',
                      description:
                        "The end of the window's period, where an ideal burn (the budget spent evenly) reaches 0 — the evaluation time for a rolling window, the end of the calendar period for a calendar one.",
                    },
                    lastDataAt: {
                      type: 'string',
                      format: 'date-time',
                      nullable: true,
                      description:
                        'The end of the newest bucket received in the window; null when none was.',
                    },
                    points: {
                      type: 'array',
                      maxItems: 500,
                      items: {
                        type: 'object',
                        required: ['t', 'good', 'total', 'remaining'],
                        properties: {
                          t: {
                            type: 'string',
                            format: 'date-time',
                          },
                          good: {
                            type: 'number',
                          },
                          total: {
                            type: 'number',
                          },
                          remaining: {
                            type: 'number',
                            nullable: true,
                            description:
                              'Budget remaining at t, as a fraction.',
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        ],
      },
      SloListItem: {
        type: 'object',
        required: ['sloRef', 'title', 'serviceRef', 'objective'],
        properties: {
          sloRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          serviceRef: {
            type: 'string',
          },
          ownerRef: {
            type: 'string',
            nullable: true,
          },
          systemRef: {
            type: 'string',
            nullable: true,
          },
          objective: {
            $ref: '#/components/schemas/ObjectiveStatus',
          },
          policy: {
            type: 'object',
            nullable: true,
            description:
              'The error-budget policy of the service and the state it recommends.',
            required: ['ref', 'state', 'frozen'],
            properties: {
              ref: {
                type: 'string',
              },
              state: {
                type: 'string',
                nullable: true,
              },
              partial: {
                type: 'integer',
                description:
                  "The service's counted SLOs with data for only part of their window so far.",
              },
              frozen: {
                type: 'boolean',
              },
            },
          },
        },
      },
      SloListPage: {
        type: 'object',
        required: ['items', 'totalCount'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloListItem',
            },
          },
          totalCount: {
            type: 'integer',
          },
        },
      },
      SliEvent: {
        type: 'object',
        required: ['slo', 'timestamp'],
        properties: {
          slo: {
            type: 'string',
            minLength: 1,
            maxLength: 512,
            description:
              'The SLO entity, e.g. slo:default/checkout-availability (kind SLO is the default).',
          },
          objective: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
            description:
              "The objective's name; may be left out when the SLO has one objective.",
          },
          timestamp: {
            description: 'ISO 8601 date-time, or epoch milliseconds.',
            oneOf: [
              {
                type: 'string',
                minLength: 1,
                maxLength: 64,
              },
              {
                type: 'number',
              },
            ],
          },
          good: {
            type: 'number',
          },
          bad: {
            type: 'number',
          },
          total: {
            type: 'number',
          },
        },
      },
      SliEventBatch: {
        type: 'object',
        required: ['items'],
        additionalProperties: false,
        properties: {
          mode: {
            type: 'string',
            enum: ['replace', 'add'],
            default: 'replace',
          },
          batchId: {
            type: 'string',
            minLength: 1,
            maxLength: 128,
          },
          items: {
            type: 'array',
            minItems: 1,
            maxItems: 5000,
            items: {
              $ref: '#/components/schemas/SliEvent',
            },
          },
        },
      },
      SliPushResult: {
        type: 'object',
        required: ['accepted', 'buckets', 'duplicate'],
        properties: {
          accepted: {
            type: 'integer',
            description: 'Items accepted.',
          },
          buckets: {
            type: 'integer',
            description: 'Buckets written.',
          },
          duplicate: {
            type: 'boolean',
            description:
              'True when an add-mode batch id had been applied before.',
          },
        },
      },
      SliPushRejection: {
        type: 'object',
        required: ['error', 'items'],
        description: "Backstage's error format, plus every rejected item.",
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
          items: {
            type: 'array',
            items: {
              type: 'object',
              required: ['index', 'field', 'message'],
              properties: {
                index: {
                  type: 'integer',
                },
                field: {
                  type: 'string',
                },
                message: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
      FreezeRequest: {
        type: 'object',
        required: ['reason'],
        additionalProperties: false,
        properties: {
          reason: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
          link: {
            type: 'string',
            format: 'uri',
            maxLength: 2000,
          },
        },
      },
      ExceptionRequest: {
        type: 'object',
        required: ['changeId', 'exceptionClass', 'reason'],
        additionalProperties: false,
        properties: {
          changeId: {
            type: 'string',
            minLength: 1,
            maxLength: 256,
            description:
              'The change this exception lets through (commit, pull request, release).',
          },
          exceptionClass: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
          reason: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
          link: {
            type: 'string',
            format: 'uri',
            maxLength: 2000,
          },
        },
      },
      DecisionRequest: {
        type: 'object',
        required: ['decision', 'reason'],
        additionalProperties: false,
        properties: {
          decision: {
            type: 'string',
            enum: ['fund-reliability', 'loosen-slo', 'accept-risk'],
          },
          reason: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
          link: {
            type: 'string',
            format: 'uri',
            maxLength: 2000,
          },
          acceptUntil: {
            type: 'string',
            format: 'date-time',
            description:
              'Required for accept-risk; the date the risk is accepted until.',
          },
        },
      },
      Freeze: {
        type: 'object',
        required: [
          'id',
          'entityRef',
          'policyRef',
          'startedAt',
          'startedBy',
          'reason',
          'automatic',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          policyRef: {
            type: 'string',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          startedBy: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          link: {
            type: 'string',
            nullable: true,
          },
          automatic: {
            type: 'boolean',
            description: "Started by the policy's autoEnact.",
          },
          budgetRemaining: {
            type: 'number',
            nullable: true,
          },
          liftedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          liftedBy: {
            type: 'string',
            nullable: true,
          },
          liftReason: {
            type: 'string',
            nullable: true,
          },
        },
      },
      PolicyException: {
        type: 'object',
        required: [
          'id',
          'entityRef',
          'freezeId',
          'changeId',
          'exceptionClass',
          'reason',
          'grantedBy',
          'grantedAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          freezeId: {
            type: 'string',
          },
          changeId: {
            type: 'string',
          },
          exceptionClass: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          link: {
            type: 'string',
            nullable: true,
          },
          grantedBy: {
            type: 'string',
          },
          grantedAt: {
            type: 'string',
            format: 'date-time',
          },
          budgetRemaining: {
            type: 'number',
            nullable: true,
          },
        },
      },
      LeadershipDecision: {
        type: 'object',
        required: [
          'id',
          'entityRef',
          'policyRef',
          'decision',
          'reason',
          'decidedBy',
          'decidedAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          policyRef: {
            type: 'string',
          },
          decision: {
            type: 'string',
            enum: ['fund-reliability', 'loosen-slo', 'accept-risk'],
          },
          reason: {
            type: 'string',
          },
          link: {
            type: 'string',
            nullable: true,
          },
          acceptUntil: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          decidedBy: {
            type: 'string',
          },
          decidedAt: {
            type: 'string',
            format: 'date-time',
          },
          budgetRemaining: {
            type: 'number',
            nullable: true,
          },
        },
      },
      PendingDecision: {
        type: 'object',
        required: [
          'entityRef',
          'title',
          'domainRef',
          'policyRef',
          'reason',
          'state',
          'remaining',
          'outOfBudgetSince',
          'windowsOutOfBudget',
          'escalation',
          'previousDecision',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          domainRef: {
            type: 'string',
            nullable: true,
          },
          policyRef: {
            type: 'string',
          },
          reason: {
            type: 'string',
            enum: ['escalation-overdue', 'escalation-due', 'budget-exhausted'],
            description:
              "escalation-due: the policy's `afterWindows`-th window out of budget has begun; escalation-overdue: a further window began without a decision; budget-exhausted: spent, not escalated (yet, or the policy does not escalate).\n",
          },
          state: {
            type: 'string',
            nullable: true,
          },
          remaining: {
            type: 'number',
            nullable: true,
          },
          outOfBudgetSince: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          windowsOutOfBudget: {
            type: 'integer',
          },
          escalation: {
            type: 'object',
            nullable: true,
            required: ['afterWindows', 'to', 'dueAt'],
            properties: {
              afterWindows: {
                type: 'integer',
              },
              to: {
                type: 'string',
              },
              dueAt: {
                type: 'string',
                format: 'date-time',
                nullable: true,
                description: 'When the escalation falls (or fell) due.',
              },
            },
          },
          previousDecision: {
            type: 'object',
            nullable: true,
            required: ['decision', 'decidedAt'],
            properties: {
              decision: {
                type: 'string',
                enum: ['fund-reliability', 'loosen-slo', 'accept-risk'],
              },
              decidedAt: {
                type: 'string',
                format: 'date-time',
              },
            },
          },
        },
      },
      DecisionFollowUp: {
        type: 'object',
        required: ['kind', 'status'],
        properties: {
          kind: {
            type: 'string',
            enum: ['refinement', 'action-items', 'acceptance'],
          },
          status: {
            type: 'string',
            enum: ['done', 'missing', 'in-progress', 'active', 'expired'],
          },
          refinement: {
            type: 'object',
            required: ['sloRef', 'title', 'effectiveFrom', 'targets'],
            properties: {
              sloRef: {
                type: 'string',
              },
              title: {
                type: 'string',
              },
              effectiveFrom: {
                type: 'string',
                format: 'date-time',
              },
              targets: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['objective', 'before', 'after'],
                  properties: {
                    objective: {
                      type: 'string',
                    },
                    before: {
                      type: 'number',
                    },
                    after: {
                      type: 'number',
                    },
                  },
                },
              },
            },
          },
          actionItems: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'postmortemId',
                'postmortemTitle',
                'title',
                'status',
                'ownerRef',
                'dueAt',
              ],
              properties: {
                postmortemId: {
                  type: 'string',
                },
                postmortemTitle: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
                status: {
                  $ref: '#/components/schemas/ActionItemStatus',
                },
                ownerRef: {
                  type: 'string',
                  nullable: true,
                },
                dueAt: {
                  type: 'string',
                  format: 'date-time',
                  nullable: true,
                },
              },
            },
          },
          until: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
        },
      },
      TakenDecision: {
        allOf: [
          {
            $ref: '#/components/schemas/LeadershipDecision',
          },
          {
            type: 'object',
            required: ['title', 'domainRef', 'followUp'],
            properties: {
              title: {
                type: 'string',
              },
              domainRef: {
                type: 'string',
                nullable: true,
              },
              followUp: {
                $ref: '#/components/schemas/DecisionFollowUp',
              },
            },
          },
        ],
      },
      DecisionMonth: {
        type: 'object',
        required: ['month', 'fund-reliability', 'loosen-slo', 'accept-risk'],
        properties: {
          month: {
            type: 'string',
            description: 'UTC month, YYYY-MM.',
          },
          'fund-reliability': {
            type: 'integer',
          },
          'loosen-slo': {
            type: 'integer',
          },
          'accept-risk': {
            type: 'integer',
          },
        },
      },
      Decisions: {
        type: 'object',
        required: [
          'generatedAt',
          'months',
          'pending',
          'takenTotal',
          'taken',
          'byDomain',
          'trend',
        ],
        properties: {
          generatedAt: {
            type: 'string',
            format: 'date-time',
          },
          months: {
            type: 'integer',
          },
          pending: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PendingDecision',
            },
          },
          takenTotal: {
            type: 'integer',
            description:
              'Decisions taken in the period; `taken` lists the newest 100.',
          },
          taken: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/TakenDecision',
            },
          },
          byDomain: {
            type: 'array',
            items: {
              type: 'object',
              required: ['domainRef', 'title', 'pending', 'taken'],
              properties: {
                domainRef: {
                  type: 'string',
                  nullable: true,
                },
                title: {
                  type: 'string',
                  nullable: true,
                },
                pending: {
                  type: 'integer',
                },
                taken: {
                  type: 'integer',
                },
              },
            },
          },
          trend: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DecisionMonth',
            },
          },
        },
      },
      PolicyStateSpec: {
        type: 'object',
        required: ['name', 'consequences'],
        properties: {
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          remainingAbove: {
            type: 'number',
          },
          consequences: {
            type: 'string',
          },
          requiredActions: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          freeze: {
            type: 'boolean',
          },
        },
      },
      Policy: {
        type: 'object',
        required: [
          'ref',
          'title',
          'ownerRef',
          'states',
          'combine',
          'autoEnact',
          'exceptionClasses',
        ],
        description:
          'A policy as it applies; the app-config default is errorbudgetpolicy:app-config/default.',
        properties: {
          ref: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
            nullable: true,
          },
          ownerRef: {
            type: 'string',
            nullable: true,
          },
          states: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PolicyStateSpec',
            },
          },
          combine: {
            type: 'string',
            enum: ['worst', 'mean'],
          },
          sloTags: {
            type: 'array',
            description:
              'Only SLOs with one of these tags count; empty or absent means all.',
            items: {
              type: 'string',
            },
          },
          autoEnact: {
            type: 'boolean',
          },
          exceptionClasses: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name'],
              properties: {
                name: {
                  type: 'string',
                },
                description: {
                  type: 'string',
                },
                preApproved: {
                  type: 'boolean',
                },
              },
            },
          },
          postmortemBudgetShareAbove: {
            type: 'number',
            nullable: true,
          },
          escalation: {
            type: 'object',
            nullable: true,
            required: ['afterWindows', 'to'],
            properties: {
              afterWindows: {
                type: 'integer',
              },
              to: {
                type: 'string',
              },
            },
          },
        },
      },
      PolicyStatus: {
        type: 'object',
        required: ['state', 'remaining', 'counted', 'noData', 'evaluatedAt'],
        description: 'The state the policy recommends from the budget.',
        properties: {
          state: {
            type: 'string',
            nullable: true,
            description:
              "The policy state's name; null when no counted SLO has data.",
          },
          title: {
            type: 'string',
            nullable: true,
          },
          consequences: {
            type: 'string',
            nullable: true,
          },
          requiredActions: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          freezeRecommended: {
            type: 'boolean',
          },
          remaining: {
            type: 'number',
            nullable: true,
          },
          since: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          counted: {
            type: 'integer',
          },
          noData: {
            type: 'integer',
          },
          partial: {
            type: 'integer',
            description:
              'Counted SLOs with data for only part of their window so far (a back-fill under way); the state is judged from the data there is and may not hold once the rest arrives.',
          },
          decidedBy: {
            type: 'object',
            nullable: true,
            required: ['sloRef', 'objective'],
            properties: {
              sloRef: {
                type: 'string',
              },
              objective: {
                type: 'string',
              },
            },
          },
          evaluatedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
        },
      },
      Escalation: {
        type: 'object',
        required: ['windowsOutOfBudget', 'afterWindows', 'to', 'due'],
        properties: {
          windowsOutOfBudget: {
            type: 'integer',
          },
          afterWindows: {
            type: 'integer',
          },
          to: {
            type: 'string',
          },
          outOfBudgetSince: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          due: {
            type: 'boolean',
            description: 'Escalated and waiting for a leadership decision.',
          },
          decision: {
            $ref: '#/components/schemas/LeadershipDecision',
          },
        },
      },
      EntityPolicy: {
        type: 'object',
        required: [
          'entityRef',
          'policy',
          'source',
          'status',
          'freeze',
          'exceptions',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          policy: {
            $ref: '#/components/schemas/Policy',
          },
          source: {
            type: 'string',
            enum: ['entity', 'system', 'domain', 'default'],
            description: 'Where the policy was selected.',
          },
          sourceRef: {
            type: 'string',
            nullable: true,
            description:
              'The entity whose annotation selected the policy (null for the default).',
          },
          status: {
            $ref: '#/components/schemas/PolicyStatus',
          },
          freeze: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/Freeze',
              },
            ],
          },
          exceptions: {
            type: 'array',
            description: 'Exceptions granted under the freeze in force.',
            items: {
              $ref: '#/components/schemas/PolicyException',
            },
          },
          escalation: {
            $ref: '#/components/schemas/Escalation',
          },
          problem: {
            type: 'string',
            nullable: true,
            description:
              'Why the selected policy could not be used (the default applies instead).',
          },
        },
      },
      GateDecision: {
        type: 'object',
        required: [
          'entityRef',
          'allowed',
          'reason',
          'policyRef',
          'state',
          'frozen',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          allowed: {
            type: 'boolean',
          },
          reason: {
            type: 'string',
          },
          policyRef: {
            type: 'string',
          },
          state: {
            type: 'string',
            nullable: true,
          },
          remaining: {
            type: 'number',
            nullable: true,
          },
          frozen: {
            type: 'boolean',
          },
          freeze: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/Freeze',
              },
            ],
          },
          exception: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/PolicyException',
              },
            ],
          },
          preApprovedClass: {
            type: 'string',
            nullable: true,
          },
        },
      },
      PolicyEntity: {
        type: 'object',
        required: ['entityRef', 'state', 'remaining', 'frozen'],
        properties: {
          entityRef: {
            type: 'string',
          },
          state: {
            type: 'string',
            nullable: true,
          },
          remaining: {
            type: 'number',
            nullable: true,
          },
          since: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          frozen: {
            type: 'boolean',
          },
          source: {
            type: 'string',
            enum: ['entity', 'system', 'domain', 'default'],
          },
        },
      },
      PolicyListItem: {
        type: 'object',
        required: ['policy', 'entityCount', 'byState', 'frozenCount'],
        properties: {
          policy: {
            $ref: '#/components/schemas/Policy',
          },
          entityCount: {
            type: 'integer',
          },
          frozenCount: {
            type: 'integer',
          },
          byState: {
            type: 'object',
            additionalProperties: {
              type: 'integer',
            },
          },
        },
      },
      PolicyList: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PolicyListItem',
            },
          },
        },
      },
      PolicyDetail: {
        type: 'object',
        required: ['policy', 'entities'],
        properties: {
          policy: {
            $ref: '#/components/schemas/Policy',
          },
          entities: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PolicyEntity',
            },
          },
        },
      },
      Sourced: {
        type: 'object',
        required: ['value', 'from', 'fromRef'],
        properties: {
          value: {},
          from: {
            type: 'string',
            enum: ['entity', 'system', 'domain'],
          },
          fromRef: {
            type: 'string',
          },
        },
      },
      LinkList: {
        type: 'array',
        items: {
          type: 'object',
          required: ['url'],
          properties: {
            url: {
              type: 'string',
            },
            title: {
              type: 'string',
            },
          },
        },
      },
      EntityResponsibility: {
        type: 'object',
        required: [
          'entityRef',
          'ownerRef',
          'ownerInCatalog',
          'sreTeam',
          'sreTeamInCatalog',
          'engagement',
          'tier',
          'oncall',
          'links',
          'matrix',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          ownerRef: {
            type: 'string',
            nullable: true,
          },
          ownerInCatalog: {
            type: 'boolean',
            description:
              "Whether the catalog holds the owner (false without one; the audit's owner-not-found finding).",
          },
          sreTeam: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/Sourced',
              },
            ],
          },
          sreTeamInCatalog: {
            type: 'boolean',
            description:
              "Whether the SRE team is a Group the catalog holds (false without one; the audit's sre-team-not-found finding).",
          },
          engagement: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/Sourced',
              },
            ],
          },
          tier: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/Sourced',
              },
            ],
          },
          oncall: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/Sourced',
              },
            ],
          },
          links: {
            type: 'object',
            required: ['runbook', 'dashboard', 'playbook'],
            properties: {
              runbook: {
                $ref: '#/components/schemas/LinkList',
              },
              dashboard: {
                $ref: '#/components/schemas/LinkList',
              },
              playbook: {
                $ref: '#/components/schemas/LinkList',
              },
            },
          },
          matrix: {
            type: 'array',
            description:
              "The engagement model's RACI letters per concern (engagement none when unset).",
            items: {
              type: 'object',
              required: ['concern', 'title', 'owner', 'sre'],
              properties: {
                concern: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
                owner: {
                  type: 'string',
                  description: 'RACI letters of the owning team, e.g. RA',
                },
                sre: {
                  type: 'string',
                  description: 'RACI letters of the SRE team',
                },
              },
            },
          },
        },
      },
      TeamService: {
        type: 'object',
        required: [
          'entityRef',
          'title',
          'tier',
          'engagement',
          'weight',
          'sloState',
          'remaining',
          'policyState',
          'frozen',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          tier: {
            type: 'integer',
            nullable: true,
          },
          engagement: {
            type: 'string',
            nullable: true,
          },
          weight: {
            type: 'number',
            description:
              "Its weight in the SRE team's load (0 when not counted).",
          },
          sloState: {
            type: 'string',
            nullable: true,
            description:
              'The worst state of its SLO objectives; null without SLOs.',
          },
          remaining: {
            type: 'number',
            nullable: true,
          },
          policyState: {
            type: 'string',
            nullable: true,
          },
          frozen: {
            type: 'boolean',
          },
          systemRef: {
            type: 'string',
            nullable: true,
            description: 'The System it belongs to.',
          },
        },
      },
      SreTeamLoad: {
        type: 'object',
        required: [
          'groupRef',
          'title',
          'capacity',
          'load',
          'overCapacity',
          'services',
          'engaged',
          'overTimeCap',
          'timeCap',
        ],
        properties: {
          groupRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          capacity: {
            type: 'number',
            nullable: true,
          },
          load: {
            type: 'number',
          },
          overCapacity: {
            type: 'boolean',
            description:
              'Over its declared capacity, or over its operational time cap (overTimeCap).',
          },
          services: {
            type: 'integer',
            description:
              'Its supported services: components naming it as SRE team under an engagement model that counts towards the load (responsibility.countedEngagements, by default supported). The SRE load, the team page and the time budget count these.',
          },
          engaged: {
            type: 'integer',
            description:
              'Components naming it as SRE team under an engagement that does not count (consulting, onboarding): they weigh 0 and are not in its time budget.',
          },
          overTimeCap: {
            type: 'boolean',
            description:
              'Operational work took more of its time than the cap in its latest complete month.',
          },
          timeCap: {
            type: 'object',
            nullable: true,
            description:
              "Its latest complete month's operational share; null without one (no members, or no SRE time budget yet).",
            required: ['month', 'share', 'cap', 'overCap'],
            properties: {
              month: {
                type: 'string',
                description: 'YYYY-MM (UTC).',
              },
              share: {
                type: 'number',
              },
              cap: {
                type: 'number',
              },
              overCap: {
                type: 'boolean',
              },
            },
          },
        },
      },
      TeamReliability: {
        type: 'object',
        required: ['groupRef', 'title', 'owned', 'supported', 'engaged', 'sre'],
        properties: {
          groupRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          owned: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/TeamService',
            },
          },
          supported: {
            type: 'array',
            description: 'Its supported services (see SreTeamLoad.services).',
            items: {
              $ref: '#/components/schemas/TeamService',
            },
          },
          engaged: {
            type: 'array',
            description:
              'Components naming it under an engagement that does not count (see SreTeamLoad.engaged).',
            items: {
              $ref: '#/components/schemas/TeamService',
            },
          },
          sre: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/SreTeamLoad',
              },
            ],
          },
        },
      },
      AuditFindingKind: {
        type: 'string',
        enum: [
          'no-owner',
          'owner-not-found',
          'owner-without-members',
          'sre-team-not-found',
          'tier-without-oncall',
          'tier-without-runbook',
          'tier-without-slo',
          'slo-without-data',
          'sre-team-over-capacity',
          'supported-without-review',
        ],
      },
      AuditFinding: {
        type: 'object',
        required: [
          'entityRef',
          'title',
          'kind',
          'severity',
          'message',
          'fix',
          'ownerRef',
          'systemRef',
          'tier',
          'engagement',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          kind: {
            $ref: '#/components/schemas/AuditFindingKind',
          },
          severity: {
            type: 'string',
            enum: ['error', 'warning'],
          },
          message: {
            type: 'string',
          },
          fix: {
            type: 'string',
            description: 'What to do, in one line.',
          },
          ownerRef: {
            type: 'string',
            nullable: true,
          },
          systemRef: {
            type: 'string',
            nullable: true,
          },
          tier: {
            type: 'integer',
            nullable: true,
          },
          engagement: {
            type: 'string',
            nullable: true,
          },
        },
      },
      AuditFindingPage: {
        type: 'object',
        required: ['items', 'totalCount', 'entitiesAudited', 'computedAt'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AuditFinding',
            },
          },
          totalCount: {
            type: 'integer',
          },
          entitiesAudited: {
            type: 'integer',
          },
          computedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      AuditSummary: {
        type: 'object',
        required: ['teams', 'bySeverity', 'byKind'],
        properties: {
          teams: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'ownerRef',
                'ownerInCatalog',
                'entities',
                'errors',
                'warnings',
              ],
              properties: {
                ownerRef: {
                  type: 'string',
                  nullable: true,
                  description: 'null for entities without an owner.',
                },
                ownerInCatalog: {
                  type: 'boolean',
                  description:
                    'Whether the catalog holds the owner; false when the entities name an owner it does not hold (their owner-not-found findings) and for entities without an owner.',
                },
                entities: {
                  type: 'integer',
                  description: 'Entities with findings.',
                },
                errors: {
                  type: 'integer',
                },
                warnings: {
                  type: 'integer',
                },
              },
            },
          },
          bySeverity: {
            type: 'object',
            additionalProperties: {
              type: 'integer',
            },
          },
          byKind: {
            type: 'object',
            additionalProperties: {
              type: 'integer',
            },
          },
        },
      },
      ReviewState: {
        type: 'string',
        enum: [
          'draft',
          'submitted',
          'changes-requested',
          'approved',
          'handed-back',
        ],
      },
      AttestationRequest: {
        type: 'object',
        required: ['itemId', 'statement', 'evidenceUrl'],
        additionalProperties: false,
        properties: {
          itemId: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
          statement: {
            type: 'string',
            minLength: 1,
            maxLength: 4000,
          },
          evidenceUrl: {
            type: 'string',
            format: 'uri',
            maxLength: 2000,
          },
        },
      },
      CommentRequest: {
        type: 'object',
        required: ['body'],
        additionalProperties: false,
        properties: {
          itemId: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
          body: {
            type: 'string',
            minLength: 1,
            maxLength: 4000,
          },
        },
      },
      ReviewActionRequest: {
        type: 'object',
        required: ['action'],
        additionalProperties: false,
        properties: {
          action: {
            type: 'string',
            enum: [
              'submit',
              'approve',
              'request-changes',
              'hand-back',
              'reopen',
            ],
          },
          comment: {
            type: 'string',
            minLength: 1,
            maxLength: 4000,
          },
          expectedState: {
            $ref: '#/components/schemas/ReviewState',
          },
        },
      },
      Attestation: {
        type: 'object',
        required: [
          'id',
          'itemId',
          'statement',
          'evidenceUrl',
          'attestedBy',
          'attestedAt',
          'expiresAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          itemId: {
            type: 'string',
          },
          statement: {
            type: 'string',
          },
          evidenceUrl: {
            type: 'string',
          },
          attestedBy: {
            type: 'string',
          },
          attestedAt: {
            type: 'string',
            format: 'date-time',
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      ReviewComment: {
        type: 'object',
        description:
          "A comment on a review or one of its items, or a decision on the review (with its comment, if it had one); together they are the review's history.",
        required: ['id', 'author', 'body', 'createdAt', 'decision'],
        properties: {
          id: {
            type: 'string',
          },
          itemId: {
            type: 'string',
            nullable: true,
          },
          author: {
            type: 'string',
          },
          body: {
            type: 'string',
            description: 'Empty for a decision taken without a comment.',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          decision: {
            type: 'string',
            nullable: true,
            enum: [
              'submit',
              'approve',
              'request-changes',
              'hand-back',
              'reopen',
              null,
            ],
            description:
              'The review action the comment came with; null for a comment on its own (and for comments written before decisions were recorded).',
          },
        },
      },
      Review: {
        type: 'object',
        required: [
          'id',
          'entityRef',
          'templateId',
          'templateVersion',
          'state',
          'createdAt',
          'updatedAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          templateId: {
            type: 'string',
          },
          templateVersion: {
            type: 'integer',
          },
          state: {
            $ref: '#/components/schemas/ReviewState',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
          submittedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          decidedBy: {
            type: 'string',
            nullable: true,
          },
        },
      },
      ReadinessItemStatus: {
        type: 'object',
        required: ['id', 'title', 'kind', 'required', 'state', 'reason'],
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
            nullable: true,
          },
          kind: {
            type: 'string',
            enum: ['check', 'attestation'],
          },
          required: {
            type: 'boolean',
          },
          rule: {
            type: 'string',
            nullable: true,
          },
          maxAgeDays: {
            type: 'integer',
            nullable: true,
          },
          state: {
            type: 'string',
            enum: ['passing', 'failing', 'missing', 'expired'],
          },
          reason: {
            type: 'string',
          },
          attestation: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/Attestation',
              },
            ],
          },
        },
      },
      Readiness: {
        type: 'object',
        required: [
          'entityRef',
          'template',
          'sections',
          'progress',
          'review',
          'comments',
          'canSubmit',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          template: {
            type: 'object',
            required: ['id', 'version', 'title'],
            properties: {
              id: {
                type: 'string',
              },
              version: {
                type: 'integer',
              },
              title: {
                type: 'string',
              },
            },
          },
          sections: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'title', 'items'],
              properties: {
                id: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
                items: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/ReadinessItemStatus',
                  },
                },
              },
            },
          },
          progress: {
            type: 'object',
            required: [
              'required',
              'requiredPassing',
              'recommended',
              'recommendedPassing',
              'percent',
            ],
            properties: {
              required: {
                type: 'integer',
              },
              requiredPassing: {
                type: 'integer',
              },
              recommended: {
                type: 'integer',
              },
              recommendedPassing: {
                type: 'integer',
              },
              percent: {
                type: 'number',
                description: 'Passing items of all items, 0-100.',
              },
            },
          },
          review: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/Review',
              },
            ],
          },
          comments: {
            type: 'array',
            description:
              "The review's history, oldest first — comments and every decision (submitted, approved, changes requested, handed back, reopened), each with who and when.",
            items: {
              $ref: '#/components/schemas/ReviewComment',
            },
          },
          canSubmit: {
            type: 'boolean',
            description:
              'Every required item passes (the review may be submitted, state permitting).',
          },
        },
      },
      ReviewQueueItem: {
        type: 'object',
        required: ['review', 'percent', 'sreTeamRef', 'ownerRef'],
        properties: {
          review: {
            $ref: '#/components/schemas/Review',
          },
          percent: {
            type: 'number',
          },
          sreTeamRef: {
            type: 'string',
            nullable: true,
          },
          ownerRef: {
            type: 'string',
            nullable: true,
          },
        },
      },
      ReviewPage: {
        type: 'object',
        required: ['items', 'totalCount'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ReviewQueueItem',
            },
          },
          totalCount: {
            type: 'integer',
          },
        },
      },
      PostmortemSeverity: {
        type: 'string',
        enum: ['sev1', 'sev2', 'sev3', 'sev4'],
      },
      PostmortemStatus: {
        type: 'string',
        enum: ['draft', 'in-review', 'published'],
      },
      ActionItemPriority: {
        type: 'string',
        enum: ['p0', 'p1', 'p2', 'p3'],
      },
      ActionItemStatus: {
        type: 'string',
        enum: ['open', 'in-progress', 'done', 'wont-do'],
      },
      ActionItemInput: {
        type: 'object',
        required: ['title'],
        properties: {
          title: {
            type: 'string',
            minLength: 1,
            maxLength: 300,
          },
          link: {
            type: 'string',
            format: 'uri',
            maxLength: 2000,
            nullable: true,
          },
          ownerRef: {
            type: 'string',
            minLength: 1,
            maxLength: 512,
            nullable: true,
            description:
              'The group or user who owns the item (an entity reference).',
          },
          dueAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          priority: {
            allOf: [
              {
                $ref: '#/components/schemas/ActionItemPriority',
              },
            ],
            default: 'p2',
          },
          status: {
            allOf: [
              {
                $ref: '#/components/schemas/ActionItemStatus',
              },
            ],
            default: 'open',
          },
          labels: {
            type: 'array',
            maxItems: 20,
            nullable: true,
            description:
              'Kinds of work, lower-case words joined by hyphens (toil-reduction, automation, reliability); toil-reduction counts in the SRE time budget.',
            items: {
              type: 'string',
              minLength: 1,
              maxLength: 50,
            },
          },
          closedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
            description:
              'When a done or wont-do item was closed; without it, the time it was first stored closed.',
          },
        },
      },
      PostmortemInput: {
        type: 'object',
        required: ['title', 'severity', 'startedAt', 'entityRefs'],
        properties: {
          title: {
            type: 'string',
            minLength: 1,
            maxLength: 300,
          },
          documentUrl: {
            type: 'string',
            format: 'uri',
            maxLength: 2000,
            nullable: true,
          },
          severity: {
            $ref: '#/components/schemas/PostmortemSeverity',
          },
          status: {
            allOf: [
              {
                $ref: '#/components/schemas/PostmortemStatus',
              },
            ],
            default: 'draft',
          },
          blamelessReviewHeld: {
            type: 'boolean',
            default: false,
          },
          summary: {
            type: 'string',
            maxLength: 20000,
            nullable: true,
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          detectedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          mitigatedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          resolvedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          entityRefs: {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            description:
              'The affected entities (entity references; kind defaults to component).',
            items: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
          actionItems: {
            type: 'array',
            maxItems: 200,
            items: {
              $ref: '#/components/schemas/ActionItemInput',
            },
          },
          externalId: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            nullable: true,
            description:
              "The incident's id in the team's archive; a re-import with the same id replaces the postmortem.",
          },
          expectedUpdatedAt: {
            type: 'string',
            format: 'date-time',
            description:
              'On update, the updatedAt the caller saw; a postmortem changed since answers 409.',
          },
        },
      },
      PostmortemImport: {
        type: 'object',
        required: ['items'],
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            minItems: 1,
            maxItems: 1000,
            description:
              'Records of the PostmortemInput shape, each checked by the plugin so that a rejection names its index and field.',
            items: {},
          },
        },
      },
      PostmortemImportResult: {
        type: 'object',
        required: ['created', 'updated', 'ids'],
        properties: {
          created: {
            type: 'integer',
          },
          updated: {
            type: 'integer',
          },
          ids: {
            type: 'array',
            description: 'The postmortem ids, in the order of the records.',
            items: {
              type: 'string',
            },
          },
        },
      },
      PostmortemImportRejection: {
        type: 'object',
        required: ['index', 'field', 'message'],
        properties: {
          index: {
            type: 'integer',
          },
          field: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
        },
      },
      ActionItem: {
        type: 'object',
        required: [
          'id',
          'title',
          'link',
          'ownerRef',
          'dueAt',
          'priority',
          'status',
          'overdue',
          'labels',
          'closedAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          link: {
            type: 'string',
            nullable: true,
          },
          ownerRef: {
            type: 'string',
            nullable: true,
          },
          dueAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          priority: {
            $ref: '#/components/schemas/ActionItemPriority',
          },
          status: {
            $ref: '#/components/schemas/ActionItemStatus',
          },
          overdue: {
            type: 'boolean',
          },
          labels: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'Kinds of work, e.g. toil-reduction, automation, reliability.',
          },
          closedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
            description: 'When a done or wont-do item was closed.',
          },
        },
      },
      BudgetSpendPart: {
        type: 'object',
        required: [
          'from',
          'to',
          'windowStart',
          'windowEnd',
          'spent',
          'budget',
          'unit',
          'share',
        ],
        description:
          "The part of an interval inside one SLO window, against that window's budget.",
        properties: {
          from: {
            type: 'string',
            format: 'date-time',
          },
          to: {
            type: 'string',
            format: 'date-time',
          },
          windowStart: {
            type: 'string',
            format: 'date-time',
          },
          windowEnd: {
            type: 'string',
            format: 'date-time',
          },
          spent: {
            type: 'number',
            description: 'Bad events or bad time (ms) in the part.',
          },
          budget: {
            type: 'number',
            description: "The window's whole budget in the same unit.",
          },
          unit: {
            type: 'string',
            enum: ['events', 'ms'],
          },
          share: {
            type: 'number',
            nullable: true,
            description: 'spent / budget; null without data.',
          },
        },
      },
      BudgetSpend: {
        type: 'object',
        required: ['sloRef', 'sloTitle', 'objective', 'share', 'parts'],
        properties: {
          sloRef: {
            type: 'string',
          },
          sloTitle: {
            type: 'string',
          },
          objective: {
            type: 'string',
          },
          share: {
            type: 'number',
            nullable: true,
            description:
              "The largest share of any one window's budget the interval consumed; null without data.",
          },
          parts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/BudgetSpendPart',
            },
          },
        },
      },
      PostmortemRule: {
        type: 'object',
        required: ['policyRef', 'budgetShareAbove'],
        properties: {
          policyRef: {
            type: 'string',
          },
          budgetShareAbove: {
            type: 'number',
            nullable: true,
            description:
              'The share of budget above which an incident needs a published postmortem; null when the policy has no postmortem rule.',
          },
        },
      },
      Postmortem: {
        type: 'object',
        required: [
          'id',
          'title',
          'documentUrl',
          'severity',
          'status',
          'blamelessReviewHeld',
          'summary',
          'startedAt',
          'detectedAt',
          'mitigatedAt',
          'resolvedAt',
          'entityRefs',
          'teamRefs',
          'actionItems',
          'externalId',
          'createdBy',
          'createdAt',
          'updatedAt',
          'timeToDetectMs',
          'timeToMitigateMs',
          'timeToResolveMs',
          'budget',
          'maxBudgetShare',
          'needsPublishing',
        ],
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          documentUrl: {
            type: 'string',
            nullable: true,
          },
          severity: {
            $ref: '#/components/schemas/PostmortemSeverity',
          },
          status: {
            $ref: '#/components/schemas/PostmortemStatus',
          },
          blamelessReviewHeld: {
            type: 'boolean',
          },
          summary: {
            type: 'string',
            nullable: true,
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          detectedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          mitigatedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          resolvedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          entityRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          teamRefs: {
            type: 'array',
            description: 'The groups owning the affected entities.',
            items: {
              type: 'string',
            },
          },
          actionItems: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ActionItem',
            },
          },
          externalId: {
            type: 'string',
            nullable: true,
          },
          createdBy: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
          timeToDetectMs: {
            type: 'number',
            nullable: true,
          },
          timeToMitigateMs: {
            type: 'number',
            nullable: true,
          },
          timeToResolveMs: {
            type: 'number',
            nullable: true,
          },
          budget: {
            type: 'array',
            description:
              "The budget the incident consumed, per objective of each affected entity's SLOs (from the SLI data over its interval; an open incident counts up to now).",
            items: {
              $ref: '#/components/schemas/BudgetSpend',
            },
          },
          maxBudgetShare: {
            type: 'number',
            nullable: true,
          },
          needsPublishing: {
            type: 'array',
            description:
              'The policies whose postmortem rule this incident is over while the postmortem is not published (empty when none).',
            items: {
              $ref: '#/components/schemas/PostmortemRule',
            },
          },
        },
      },
      SreTimeMonth: {
        type: 'object',
        required: [
          'month',
          'partial',
          'pages',
          'tickets',
          'incidents',
          'incidentHours',
          'openItems',
          'closedItems',
          'closedToilReductionItems',
          'operationalHours',
          'teamHours',
          'share',
          'overCap',
        ],
        properties: {
          month: {
            type: 'string',
            description: 'YYYY-MM (UTC).',
          },
          partial: {
            type: 'boolean',
            description: 'The current month, counted up to now.',
          },
          pages: {
            type: 'integer',
          },
          tickets: {
            type: 'integer',
          },
          incidents: {
            type: 'integer',
            description: 'Incidents that started in the month.',
          },
          incidentHours: {
            type: 'number',
            description: 'Incident hours inside the month.',
          },
          openItems: {
            type: 'integer',
            description: "Owned action items open at the month's end (or now).",
          },
          closedItems: {
            type: 'integer',
            description: 'Owned action items closed in the month.',
          },
          closedToilReductionItems: {
            type: 'integer',
            description: 'Of those, labelled toil-reduction.',
          },
          operationalHours: {
            type: 'number',
          },
          teamHours: {
            type: 'number',
            nullable: true,
            description:
              'members × hoursPerMemberPerMonth (prorated for the current month); null without members.',
          },
          share: {
            type: 'number',
            nullable: true,
            description: 'operationalHours / teamHours.',
          },
          overCap: {
            type: 'boolean',
          },
        },
      },
      SreTimeTrend: {
        type: 'object',
        required: ['direction', 'perMonth'],
        properties: {
          direction: {
            type: 'string',
            nullable: true,
            enum: ['rising', 'falling', 'steady', null],
            description:
              'Of the share over the complete months; null with fewer than two.',
          },
          perMonth: {
            type: 'number',
            nullable: true,
            description: 'Least-squares slope of the share per month.',
          },
        },
      },
      SreTimeBudgetSummary: {
        type: 'object',
        required: [
          'groupRef',
          'title',
          'members',
          'membersFrom',
          'services',
          'cap',
          'current',
          'latestComplete',
          'overCap',
          'trend',
        ],
        properties: {
          groupRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          members: {
            type: 'integer',
            nullable: true,
          },
          membersFrom: {
            type: 'string',
            nullable: true,
            enum: ['annotation', 'catalog', null],
            description:
              "The reliability-suite.dev/headcount annotation, or the catalog's members.",
          },
          services: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'The components it supports under a counted engagement model.',
          },
          cap: {
            type: 'number',
          },
          current: {
            $ref: '#/components/schemas/SreTimeMonth',
          },
          latestComplete: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/SreTimeMonth',
              },
            ],
          },
          overCap: {
            type: 'boolean',
            description: 'The latest complete month over the cap.',
          },
          trend: {
            $ref: '#/components/schemas/SreTimeTrend',
          },
        },
      },
      SreTimeBudget: {
        allOf: [
          {
            $ref: '#/components/schemas/SreTimeBudgetSummary',
          },
          {
            type: 'object',
            required: ['settings', 'months'],
            properties: {
              settings: {
                type: 'object',
                required: [
                  'cap',
                  'hoursPerPage',
                  'hoursPerIncidentHour',
                  'hoursPerTicket',
                  'hoursPerMemberPerMonth',
                ],
                properties: {
                  cap: {
                    type: 'number',
                  },
                  hoursPerPage: {
                    type: 'number',
                  },
                  hoursPerIncidentHour: {
                    type: 'number',
                  },
                  hoursPerTicket: {
                    type: 'number',
                  },
                  hoursPerMemberPerMonth: {
                    type: 'number',
                  },
                },
              },
              months: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/SreTimeMonth',
                },
              },
            },
          },
        ],
      },
      SreTimeBudgetPage: {
        type: 'object',
        required: ['items', 'totalCount'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SreTimeBudgetSummary',
            },
          },
          totalCount: {
            type: 'integer',
          },
        },
      },
      PostmortemPage: {
        type: 'object',
        required: ['items', 'totalCount'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Postmortem',
            },
          },
          totalCount: {
            type: 'integer',
          },
        },
      },
      BurnEpisode: {
        type: 'object',
        required: [
          'sloRef',
          'sloTitle',
          'objective',
          'start',
          'end',
          'peakBurnRate',
          'spend',
        ],
        description:
          'A period in which a page-tier burn-rate alert fired, from the start of the long window that first fired to the last step it fired.',
        properties: {
          sloRef: {
            type: 'string',
          },
          sloTitle: {
            type: 'string',
          },
          objective: {
            type: 'string',
          },
          start: {
            type: 'string',
            format: 'date-time',
          },
          end: {
            type: 'string',
            format: 'date-time',
            nullable: true,
            description: 'Null while the alert still fires.',
          },
          peakBurnRate: {
            type: 'number',
          },
          spend: {
            $ref: '#/components/schemas/BudgetSpend',
          },
        },
      },
      MonthlyIncidentFigures: {
        type: 'object',
        required: [
          'month',
          'incidents',
          'mttdMs',
          'detectedCount',
          'mttrMs',
          'resolvedCount',
        ],
        properties: {
          month: {
            type: 'string',
            description: 'YYYY-MM (UTC)',
          },
          incidents: {
            type: 'integer',
          },
          mttdMs: {
            type: 'number',
            nullable: true,
          },
          detectedCount: {
            type: 'integer',
          },
          mttrMs: {
            type: 'number',
            nullable: true,
          },
          resolvedCount: {
            type: 'integer',
          },
        },
      },
      EntityPostmortems: {
        type: 'object',
        required: ['entityRef', 'items', 'monthly', 'rule', 'needsPostmortem'],
        properties: {
          entityRef: {
            type: 'string',
          },
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Postmortem',
            },
          },
          monthly: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MonthlyIncidentFigures',
            },
          },
          rule: {
            $ref: '#/components/schemas/PostmortemRule',
          },
          needsPostmortem: {
            type: 'array',
            description:
              "Burn episodes over the rule's share without a postmortem whose incident overlaps them.",
            items: {
              $ref: '#/components/schemas/BurnEpisode',
            },
          },
        },
      },
      TeamActionItems: {
        type: 'object',
        required: ['teamRef', 'open', 'overdue'],
        properties: {
          teamRef: {
            type: 'string',
          },
          open: {
            type: 'integer',
            description: 'Open or in progress.',
          },
          overdue: {
            type: 'integer',
          },
        },
      },
      PostmortemFigures: {
        type: 'object',
        required: ['scope', 'monthly', 'actionItems'],
        properties: {
          scope: {
            type: 'object',
            required: ['kind', 'ref'],
            properties: {
              kind: {
                type: 'string',
                enum: ['entity', 'team', 'org'],
              },
              ref: {
                type: 'string',
                nullable: true,
              },
            },
          },
          monthly: {
            type: 'array',
            description:
              'Every month of the range, oldest first (months without incidents included).',
            items: {
              $ref: '#/components/schemas/MonthlyIncidentFigures',
            },
          },
          actionItems: {
            type: 'array',
            description: 'By the owning team of the affected entities.',
            items: {
              $ref: '#/components/schemas/TeamActionItems',
            },
          },
        },
      },
      SloDefinitionChange: {
        type: 'object',
        required: ['kind'],
        description:
          'One change from the previous definition: created, budgeting-method, window, objective-added, objective-removed, indicator (what the SLI measures; before and after name it), target (with direction tightened or loosened), time-slice.',
        additionalProperties: true,
        properties: {
          kind: {
            type: 'string',
            enum: [
              'created',
              'budgeting-method',
              'window',
              'objective-added',
              'objective-removed',
              'indicator',
              'target',
              'time-slice',
            ],
          },
          objective: {
            type: 'string',
          },
          direction: {
            type: 'string',
            enum: ['tightened', 'loosened'],
          },
        },
      },
      SloRevision: {
        type: 'object',
        required: [
          'revision',
          'effectiveFrom',
          'budgetingMethod',
          'window',
          'objectives',
          'sourceLocation',
          'sourceUrl',
          'imported',
          'deliveredAt',
          'changes',
        ],
        properties: {
          revision: {
            type: 'integer',
          },
          effectiveFrom: {
            type: 'string',
            format: 'date-time',
          },
          budgetingMethod: {
            type: 'string',
          },
          window: {
            type: 'string',
            description: 'The window in words, e.g. 28d rolling.',
          },
          objectives: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'target'],
              properties: {
                name: {
                  type: 'string',
                },
                target: {
                  type: 'number',
                },
              },
            },
          },
          sourceLocation: {
            type: 'string',
            nullable: true,
          },
          sourceUrl: {
            type: 'string',
            nullable: true,
          },
          imported: {
            type: 'boolean',
            description:
              'Imported history from before the catalog delivered the SLO.',
          },
          deliveredAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
            description:
              'When the catalog delivered this definition; null for imported history. An import must precede the first delivery.',
          },
          changes: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloDefinitionChange',
            },
          },
          budget: {
            type: 'array',
            description: "Each objective's error budget around the change.",
            items: {
              $ref: '#/components/schemas/RevisionBudget',
            },
          },
        },
      },
      RevisionBudget: {
        type: 'object',
        required: ['objective', 'before', 'after', 'end'],
        properties: {
          objective: {
            type: 'string',
          },
          before: {
            description:
              'Just before the change, under the definition it replaced; null for the first definition or a new objective.',
            type: 'object',
            allOf: [
              {
                $ref: '#/components/schemas/BudgetPoint',
              },
            ],
            nullable: true,
          },
          after: {
            description:
              "At the change, under the new definition. The new promise applies to what follows the change, so this differs from `before` only where the change resizes what is still to come (a slice budget's rest of a calendar period) or changes what is measured (window, budgeting method).",
            type: 'object',
            allOf: [
              {
                $ref: '#/components/schemas/BudgetPoint',
              },
            ],
            nullable: true,
          },
          end: {
            description:
              'When the definition was next changed, or now for the current one.',
            type: 'object',
            allOf: [
              {
                $ref: '#/components/schemas/BudgetPoint',
              },
            ],
            nullable: true,
          },
        },
      },
      BudgetPoint: {
        type: 'object',
        required: ['at', 'remaining', 'state'],
        properties: {
          at: {
            type: 'string',
            format: 'date-time',
          },
          remaining: {
            type: 'number',
            nullable: true,
            description: 'Null without data then.',
          },
          state: {
            $ref: '#/components/schemas/SloState',
          },
        },
      },
      SloRevisionList: {
        type: 'object',
        required: ['sloRef', 'items', 'totalCount'],
        properties: {
          sloRef: {
            type: 'string',
          },
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloRevision',
            },
          },
          totalCount: {
            type: 'integer',
          },
        },
      },
      SloRefinement: {
        type: 'object',
        required: [
          'sloRef',
          'title',
          'serviceRef',
          'ownerRef',
          'revision',
          'effectiveFrom',
          'budgetingMethod',
          'window',
          'objectives',
          'sourceLocation',
          'sourceUrl',
          'imported',
          'changes',
          'loosened',
        ],
        properties: {
          sloRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          serviceRef: {
            type: 'string',
            nullable: true,
            description: 'Null once the SLO is gone from the catalog.',
          },
          ownerRef: {
            type: 'string',
            nullable: true,
          },
          revision: {
            type: 'integer',
          },
          effectiveFrom: {
            type: 'string',
            format: 'date-time',
          },
          budgetingMethod: {
            type: 'string',
          },
          window: {
            type: 'string',
          },
          objectives: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'target'],
              properties: {
                name: {
                  type: 'string',
                },
                target: {
                  type: 'number',
                },
              },
            },
          },
          sourceLocation: {
            type: 'string',
            nullable: true,
          },
          sourceUrl: {
            type: 'string',
            nullable: true,
          },
          imported: {
            type: 'boolean',
          },
          changes: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloDefinitionChange',
            },
          },
          loosened: {
            type: 'boolean',
            description: 'Some target was loosened.',
          },
        },
      },
      SloHistoryImport: {
        type: 'object',
        required: ['items'],
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            items: {
              type: 'object',
              required: ['effectiveFrom', 'spec'],
              additionalProperties: false,
              properties: {
                effectiveFrom: {
                  type: 'string',
                  format: 'date-time',
                  description:
                    'When this definition came into force (e.g. the commit time).',
                },
                spec: {
                  type: 'object',
                  additionalProperties: true,
                  description:
                    'The OpenSLO SLO `spec` as it was then; validated as the catalog validates SLOs.',
                },
                sourceUrl: {
                  type: 'string',
                  maxLength: 2048,
                  description: 'e.g. the commit URL.',
                },
                sourceLocation: {
                  type: 'string',
                  maxLength: 2048,
                },
              },
            },
          },
        },
      },
      SloHistoryImportResult: {
        type: 'object',
        required: ['imported', 'merged', 'totalCount'],
        properties: {
          imported: {
            type: 'integer',
            description: 'Revisions stored from the import.',
          },
          merged: {
            type: 'boolean',
            description:
              "The last item equals the first delivered definition, which is now in force from the item's time.",
          },
          totalCount: {
            type: 'integer',
            description: 'Revisions of the SLO now.',
          },
        },
      },
      SloRefinementPage: {
        type: 'object',
        required: ['items', 'totalCount'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloRefinement',
            },
          },
          totalCount: {
            type: 'integer',
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
          subjectRef: {
            type: 'string',
            nullable: true,
            description:
              'What the change was about beyond the entity, e.g. the policy.',
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
