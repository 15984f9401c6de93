import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  canonicalEntityRef,
  parseFullEntityRef,
  reliabilityPolicyEnactPermission,
  reliabilityPostmortemWritePermission,
  reliabilityReviewAttestPermission,
  reliabilityReviewSignoffPermission,
  reliabilitySliWritePermission,
  reliabilitySloHistoryWritePermission,
} from '@reliability-suite/plugin-reliability-common';
import { AlertStateService } from '../alertState/AlertStateService';
import { DecisionsService } from '../decisions/DecisionsService';
import { PrometheusRulesService } from '../prometheusRules/PrometheusRulesService';
import { parseDecisionsQuery } from '../decisions/decisionsQuery';
import { EntityContextCache } from '../policy/EntityContextCache';
import { PolicyCatalog } from '../policy/PolicyCatalog';
import { PolicyService } from '../policy/PolicyService';
import {
  PostmortemImportError,
  PostmortemService,
} from '../postmortem/PostmortemService';
import { partyFor, ReadinessService } from '../readiness/ReadinessService';
import {
  AuditFilter,
  findingsCsv,
  ResponsibilityService,
} from '../responsibility/ResponsibilityService';
import express from 'express';
import { SloCatalogSync } from '../evaluation/SloCatalogSync';
import { SloEvaluator } from '../evaluation/SloEvaluator';
import type { EvaluationWorker } from '../evaluation/EvaluationWorker';
import { SloHistoryService } from '../evaluation/SloHistoryService';
import { ObjectiveStatus } from '../evaluation/objectiveStatus';
import { sloChartSeries } from '../evaluation/series';
import { windowLabel } from '../evaluation/windowLabel';
import {
  IngestLimits,
  parseSliBatch,
  sloRefsOf,
} from '../ingest/parseSliBatch';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { AuditStore } from '../store/AuditStore';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { StatusRecord, StatusStore } from '../store/StatusStore';
import { SliSyncStore, SyncRecord } from '../store/SliSyncStore';
import { TimeBudgetService } from '../sreTime/TimeBudgetService';
import { reservedCharactersHandler } from './reservedCharacters';
import { parseSloListQuery } from './request/parseSloListQuery';
import { databaseUnavailableHandler } from './unavailable';

export interface RouterOptions {
  logger: LoggerService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** The entities of the request path, shared across requests (at most its TTL old). */
  contexts: EntityContextCache;
  auditStore: AuditStore;
  sloStore: SloStore;
  statusStore: StatusStore;
  bucketStore: SliBucketStore;
  evaluator: SloEvaluator;
  /** Queues SLOs for evaluation (after a push). */
  evaluations: Pick<EvaluationWorker, 'markDirty'>;
  sync: SloCatalogSync;
  syncStore: SliSyncStore;
  ingestLimits: IngestLimits;
  policies: PolicyService;
  policyCatalog: PolicyCatalog;
  decisions: DecisionsService;
  responsibility: ResponsibilityService;
  readiness: ReadinessService;
  postmortems: PostmortemService;
  timeBudget: TimeBudgetService;
  /** The state of the generated Prometheus alerts in the SLOs' sources. */
  alertStates: AlertStateService;
  /** The Prometheus rules generated from the catalog's SLOs. */
  prometheusRules: PrometheusRulesService;
}

/** Who made a change, as recorded in the audit trail. */
function actorOf(auth: AuthService, credentials: BackstageCredentials): string {
  if (auth.isPrincipal(credentials, 'user')) {
    return credentials.principal.userEntityRef;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return `service:${credentials.principal.subject}`;
  }
  return 'unknown';
}

const iso = (ms: number | null) =>
  ms === null ? null : new Date(ms).toISOString();

/** Adds the health of a pulled SLI's source to its objective's status. */
async function withSources(
  syncStore: SliSyncStore,
  statuses: StatusRecord<ObjectiveStatus>[],
): Promise<StatusRecord<ObjectiveStatus>[]> {
  const syncs = await syncStore.listBySlos([
    ...new Set(statuses.map(s => s.sloRef)),
  ]);
  if (syncs.length === 0) return statuses;
  const byKey = new Map<string, SyncRecord>(
    syncs.map(x => [`${x.sloRef}\u0000${x.objective}`, x]),
  );
  return statuses.map(s => {
    const sync = byKey.get(`${s.sloRef}\u0000${s.objective}`);
    if (!sync) return s;
    return {
      ...s,
      status: {
        ...s.status,
        source: {
          type: sync.sourceType,
          state: sync.state,
          errorKind: sync.errorKind,
          reason: sync.reason,
          dataUntil: iso(sync.watermark),
          lastSuccessAt: iso(sync.lastSuccessAt),
        },
      },
    };
  });
}

function sloSummary(slo: SloRecord, statuses: StatusRecord<ObjectiveStatus>[]) {
  const name = slo.sloRef.slice(slo.sloRef.indexOf('/') + 1);
  return {
    sloRef: slo.sloRef,
    name,
    title: slo.title,
    budgetingMethod: slo.definition.budgetingMethod,
    window: windowLabel(slo.definition.window),
    // Objectives not evaluated yet are left out until the first evaluation lands.
    objectives: slo.definition.objectives.flatMap(o => {
      const s = statuses.find(
        x => x.sloRef === slo.sloRef && x.objective === o.name,
      );
      return s ? [s.status] : [];
    }),
  };
}

/**
 * The plugin's HTTP API. Requests are validated against `src/schema/openapi.yaml` before a
 * handler runs, so handlers see only well-formed input; errors thrown here reach the caller
 * in Backstage's error format through the default error handler of the http router.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    auth,
    httpAuth,
    permissions,
    policies,
    policyCatalog,
    decisions: decisionsService,
    responsibility,
    readiness,
    postmortems,
    timeBudget,
    alertStates,
    prometheusRules,
    contexts,
    auditStore,
    sloStore,
    statusStore,
    bucketStore,
    evaluator,
    evaluations,
    sync,
    syncStore,
    ingestLimits,
  } = options;
  const router = await createOpenApiRouter();
  const history = new SloHistoryService({
    slos: sloStore,
    evaluator,
    evaluations,
    audit: auditStore,
    sync,
  });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/summary',
    async (req, res) => {
      await httpAuth.credentials(req);
      const entityRef = canonicalEntityRef({ ...req.params });
      // Read with the plugin's own credentials, as on every other route (a caller's
      // external-access token is limited to this plugin and cannot be delegated to the
      // catalog), through the cache shared by all requests.
      const entity = await contexts.entity(entityRef);
      if (!entity) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }
      const [slos, statuses] = await Promise.all([
        sloStore.listByService(entityRef),
        statusStore.listByService<ObjectiveStatus>(entityRef),
      ]);
      // A System's or Domain's own SLOs are few or none: its components say how it stands.
      const components = await responsibility.components(entityRef);
      res.json({
        entityRef,
        slos: slos.map(s => sloSummary(s, statuses)),
        ...(components ? { components } : {}),
      });
    },
  );

  router.get('/v1/slos', async (req, res) => {
    const { tier, terms, ...query } = parseSloListQuery(req.query);
    const page = await statusStore.query<ObjectiveStatus>({
      ...query,
      terms,
      serviceRefs:
        tier !== undefined
          ? await responsibility.entityRefsOfTier(tier)
          : undefined,
    });
    const policyOf = new Map(
      page.items.map(i => [`${i.sloRef}\u0000${i.objective}`, i.policy]),
    );
    const items = await withSources(syncStore, page.items);
    const slos = await sloStore.getMany(items.map(i => i.sloRef));
    res.json({
      totalCount: page.totalCount,
      items: items.map(i => {
        const slo = slos.get(i.sloRef);
        return {
          sloRef: i.sloRef,
          title: slo?.title ?? i.sloRef,
          serviceRef: i.serviceRef,
          ownerRef: slo?.ownerRef ?? null,
          systemRef: slo?.systemRef ?? null,
          objective: i.status,
          policy: policyOf.get(`${i.sloRef}\u0000${i.objective}`) ?? null,
        };
      }),
    });
  });

  router.get('/v1/slos/:namespace/:name', async (req, res) => {
    const sloRef = canonicalEntityRef({ kind: 'slo', ...req.params });
    const slo = await sloStore.get(sloRef);
    if (!slo) {
      throw new NotFoundError(`No SLO ${sloRef}`);
    }
    const range = req.query.range ?? 'window';
    const statuses = await withSources(
      syncStore,
      await statusStore.listBySlo<ObjectiveStatus>(sloRef),
    );
    res.json({
      ...sloSummary(slo, statuses),
      serviceRef: slo.serviceRef,
      ownerRef: slo.ownerRef ?? null,
      range,
      series: await sloChartSeries(evaluator, slo, Date.now(), range),
    });
  });

  router.get('/v1/slos/:namespace/:name/alert-state', async (req, res) => {
    await httpAuth.credentials(req);
    const sloRef = canonicalEntityRef({ kind: 'slo', ...req.params });
    res.json(await alertStates.sloAlertState(sloRef));
  });

  router.get('/v1/prometheus-rules', async (req, res) => {
    await httpAuth.credentials(req);
    const { service, dataSource, format = 'rules' } = req.query;
    let serviceRef: string | undefined;
    if (service !== undefined) {
      try {
        serviceRef = canonicalEntityRef(
          parseEntityRef(service, {
            defaultKind: 'component',
            defaultNamespace: 'default',
          }),
        );
      } catch (e) {
        throw new InputError(`service: ${(e as Error).message}`);
      }
    }
    const file = await prometheusRules.rules({
      service: serviceRef,
      dataSource,
      format,
    });
    res
      .type('text/yaml; charset=utf-8')
      .setHeader('Reliability-Rule-Problems', String(file.problems.length))
      .send(file.text);
  });

  router.get('/v1/slos/:namespace/:name/revisions', async (req, res) => {
    await httpAuth.credentials(req);
    const sloRef = canonicalEntityRef({ kind: 'slo', ...req.params });
    res.json(
      await history.revisions(sloRef, {
        limit: req.query.limit ?? 20,
        offset: req.query.offset ?? 0,
      }),
    );
  });

  router.post(
    '/v1/slos/:namespace/:name/revisions/import',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const sloRef = canonicalEntityRef({ kind: 'slo', ...req.params });
      const serviceRef = await history.serviceOf(sloRef);
      const [decision] = await permissions.authorize(
        [
          {
            permission: reliabilitySloHistoryWritePermission,
            resourceRef: serviceRef,
          },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Importing the history of ${sloRef} needs the ${reliabilitySloHistoryWritePermission.name} permission on ${serviceRef}`,
        );
      }
      res.json(
        await history.importHistory(
          sloRef,
          req.body.items,
          actorOf(auth, credentials),
        ),
      );
    },
  );

  router.get('/v1/slo-refinements', async (req, res) => {
    await httpAuth.credentials(req);
    const { since } = req.query;
    res.json(
      await history.refinements({
        since: since !== undefined ? Date.parse(since) : undefined,
        limit: req.query.limit ?? 50,
        offset: req.query.offset ?? 0,
      }),
    );
  });

  router.post('/v1/sli/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: reliabilitySliWritePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Pushing SLI data needs the ${reliabilitySliWritePermission.name} permission`,
      );
    }
    const { items, mode = 'replace', batchId } = req.body;
    if (mode === 'add' && batchId === undefined) {
      throw new InputError(
        'batchId: required in add mode, so that a retried batch is not counted twice',
      );
    }
    if (batchId?.includes('\u0000')) {
      // Stored as text, where PostgreSQL takes no NUL.
      throw new InputError(
        'batchId: must not contain a NUL character (\\u0000)',
      );
    }
    const refs = [
      ...new Set(
        [...sloRefsOf(items).values()].filter((r): r is string => !!r),
      ),
    ];
    // One read for the SLOs already stored; the catalog only for those it has not synced yet.
    const slos = await sloStore.getMany(refs);
    for (const ref of refs) {
      if (slos.has(ref)) continue;
      const slo = await sync.syncOne(ref);
      if (slo) slos.set(ref, slo);
    }
    const { writes, errors } = parseSliBatch(
      items,
      slos,
      Date.now(),
      ingestLimits,
    );
    if (errors.length > 0) {
      res.status(400).json({
        error: {
          name: 'InputError',
          message: `${new Set(errors.map(e => e.index)).size} of ${
            items.length
          } items rejected; nothing was written. First: items[${
            errors[0].index
          }].${errors[0].field}: ${errors[0].message}`,
        },
        items: errors,
        // Backstage's error format, so ResponseError.fromResponse reads the message.
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 400 },
      });
      return;
    }
    const result = await bucketStore.write(writes, { mode, batchId });
    // Queued before the answer: a push answered 200 has its evaluation in the database,
    // whichever replica takes it. A process that dies between the write and this answers
    // nothing, and the client's retry (idempotent) queues it; the scheduled pass too.
    await evaluations.markDirty(slos.keys());
    res.json({
      accepted: items.length,
      buckets: result.buckets,
      duplicate: result.duplicate,
    });
  });

  /**
   * The caller, once the entity is known to exist (404 first) and the caller may enact its
   * policy (403 otherwise): members of the policy's owning group or the entity's SRE team in
   * the demo policy; whatever the installation's permission policy says elsewhere.
   */
  async function authorizeEnact(
    req: express.Request,
    entityRef: string,
  ): Promise<string> {
    const credentials = await httpAuth.credentials(req);
    await policies.context(entityRef);
    const [decision] = await permissions.authorize(
      [
        {
          permission: reliabilityPolicyEnactPermission,
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Enacting the error-budget policy of ${entityRef} needs the ${reliabilityPolicyEnactPermission.name} permission on it`,
      );
    }
    return actorOf(auth, credentials);
  }

  router.get('/v1/entities/:kind/:namespace/:name/policy', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await policies.entityPolicy(canonicalEntityRef(req.params)));
  });

  router.post(
    '/v1/entities/:kind/:namespace/:name/policy/freeze',
    async (req, res) => {
      const entityRef = canonicalEntityRef(req.params);
      const actor = await authorizeEnact(req, entityRef);
      res
        .status(201)
        .json(await policies.enactFreeze(entityRef, actor, req.body));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/policy/lift',
    async (req, res) => {
      const entityRef = canonicalEntityRef(req.params);
      const actor = await authorizeEnact(req, entityRef);
      res.json(await policies.liftFreeze(entityRef, actor, req.body));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/policy/exceptions',
    async (req, res) => {
      const entityRef = canonicalEntityRef(req.params);
      const actor = await authorizeEnact(req, entityRef);
      res
        .status(201)
        .json(await policies.grantException(entityRef, actor, req.body));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/policy/decisions',
    async (req, res) => {
      const entityRef = canonicalEntityRef(req.params);
      const actor = await authorizeEnact(req, entityRef);
      res
        .status(201)
        .json(await policies.recordDecision(entityRef, actor, req.body));
    },
  );

  router.get('/v1/decisions', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await decisionsService.decisions(parseDecisionsQuery(req.query)));
  });

  router.get('/v1/gate', async (req, res) => {
    await httpAuth.credentials(req);
    const { entity, change, class: exceptionClass } = req.query;
    let entityRef: string;
    try {
      entityRef = canonicalEntityRef(
        parseEntityRef(entity, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      );
    } catch (e) {
      throw new InputError(`entity: ${(e as Error).message}`);
    }
    res.json(await policies.gate(entityRef, change, exceptionClass));
  });

  router.get('/v1/policies', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await policyCatalog.list());
  });

  router.get('/v1/policies/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await policyCatalog.get(req.params.namespace, req.params.name));
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/responsibility',
    async (req, res) => {
      await httpAuth.credentials(req);
      res.json(
        await responsibility.entityResponsibility(
          canonicalEntityRef(req.params),
        ),
      );
    },
  );

  router.get('/v1/teams/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(
      await responsibility.team(
        canonicalEntityRef({ kind: 'group', ...req.params }),
      ),
    );
  });

  router.get('/v1/sre-teams', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await responsibility.sreTeams());
  });

  router.get('/v1/sre-teams/:namespace/:name/time-budget', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(
      await timeBudget.team(
        canonicalEntityRef({ kind: 'group', ...req.params }),
        req.query.months ?? 6,
      ),
    );
  });

  router.get('/v1/sre-time-budget', async (req, res) => {
    await httpAuth.credentials(req);
    const { limit, offset } = req.query;
    res.json(
      await timeBudget.list({ limit: limit ?? 50, offset: offset ?? 0 }),
    );
  });

  /** The audit filters of a query, entity references made canonical. */
  function auditFilter(query: {
    owner?: string;
    system?: string;
    tier?: number;
    engagement?: string;
    severity?: string;
    kind?: string;
  }): AuditFilter {
    return {
      ...query,
      owner:
        query.owner !== undefined
          ? canonicalEntityRef(parseFullEntityRef(query.owner, 'owner'))
          : undefined,
      system:
        query.system !== undefined
          ? canonicalEntityRef(parseFullEntityRef(query.system, 'system'))
          : undefined,
    };
  }

  router.get('/v1/audit', async (req, res) => {
    await httpAuth.credentials(req);
    const { limit = 100, offset = 0, ...filters } = req.query;
    const { items, ...rest } = await responsibility.findings(
      auditFilter(filters),
    );
    res.json({
      ...rest,
      totalCount: items.length,
      items: items.slice(offset, offset + limit),
    });
  });

  router.get('/v1/audit/export.csv', async (req, res) => {
    await httpAuth.credentials(req);
    const { items } = await responsibility.findings(auditFilter(req.query));
    res
      .type('text/csv; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        'attachment; filename="reliability-audit.csv"',
      )
      .send(findingsCsv(items));
  });

  router.get('/v1/audit/summary', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await responsibility.summary());
  });

  /**
   * The caller, once the entity is known (404 first) and the caller holds one of the
   * permissions on it (403 otherwise).
   */
  async function authorizeOn(
    req: express.Request,
    entityRef: string,
    allowed: Array<typeof reliabilityReviewAttestPermission>,
    what: string,
  ): Promise<string> {
    const credentials = await httpAuth.credentials(req);
    await readiness.assertKnown(entityRef);
    const decisions = await permissions.authorize(
      allowed.map(permission => ({ permission, resourceRef: entityRef })),
      { credentials },
    );
    if (!decisions.some(d => d.result === AuthorizeResult.ALLOW)) {
      throw new NotAllowedError(
        `${what} on ${entityRef} needs the ${allowed
          .map(p => p.name)
          .join(' or ')} permission on it`,
      );
    }
    return actorOf(auth, credentials);
  }

  router.get(
    '/v1/entities/:kind/:namespace/:name/readiness',
    async (req, res) => {
      await httpAuth.credentials(req);
      res.json(await readiness.readiness(canonicalEntityRef(req.params)));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/readiness/attestations',
    async (req, res) => {
      const entityRef = canonicalEntityRef(req.params);
      const actor = await authorizeOn(
        req,
        entityRef,
        [reliabilityReviewAttestPermission],
        'Attesting a readiness item',
      );
      res.status(201).json(await readiness.attest(entityRef, actor, req.body));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/readiness/comments',
    async (req, res) => {
      const entityRef = canonicalEntityRef(req.params);
      const actor = await authorizeOn(
        req,
        entityRef,
        [reliabilityReviewAttestPermission, reliabilityReviewSignoffPermission],
        'Commenting on a review',
      );
      res.status(201).json(await readiness.comment(entityRef, actor, req.body));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/readiness/review',
    async (req, res) => {
      const entityRef = canonicalEntityRef(req.params);
      const sre = partyFor(req.body.action) === 'sre';
      const actor = await authorizeOn(
        req,
        entityRef,
        [
          sre
            ? reliabilityReviewSignoffPermission
            : reliabilityReviewAttestPermission,
        ],
        `The review action ${req.body.action}`,
      );
      res.json(await readiness.transition(entityRef, actor, req.body));
    },
  );

  router.get('/v1/reviews', async (req, res) => {
    await httpAuth.credentials(req);
    const { state, open, sreTeam, limit, offset } = req.query;
    res.json(
      await readiness.queue({
        state,
        open,
        sreTeam:
          sreTeam !== undefined
            ? canonicalEntityRef(parseFullEntityRef(sreTeam, 'sreTeam'))
            : undefined,
        limit: limit ?? 50,
        offset: offset ?? 0,
      }),
    );
  });

  /**
   * The caller, once it holds `reliability.postmortem.write` on every entity (403 naming
   * those it lacks it on).
   */
  async function authorizePostmortem(
    req: express.Request,
    entityRefs: string[],
  ): Promise<string> {
    const credentials = await httpAuth.credentials(req);
    const refs = [...new Set(entityRefs)];
    const decisions = await permissions.authorize(
      refs.map(resourceRef => ({
        permission: reliabilityPostmortemWritePermission,
        resourceRef,
      })),
      { credentials },
    );
    const refused = refs.filter(
      (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
    );
    if (refused.length > 0) {
      throw new NotAllowedError(
        `Writing postmortems needs the ${
          reliabilityPostmortemWritePermission.name
        } permission on every affected entity; refused on ${refused
          .slice(0, 5)
          .join(', ')}${
          refused.length > 5 ? ` and ${refused.length - 5} more` : ''
        }`,
      );
    }
    return actorOf(auth, credentials);
  }

  router.get(
    '/v1/entities/:kind/:namespace/:name/postmortems',
    async (req, res) => {
      await httpAuth.credentials(req);
      res.json(
        await postmortems.entityPostmortems(canonicalEntityRef(req.params)),
      );
    },
  );

  const optionalRef = (value: string | undefined, field: string) =>
    value !== undefined
      ? canonicalEntityRef(parseFullEntityRef(value, field))
      : undefined;
  const optionalTime = (value: string | undefined) =>
    value !== undefined ? Date.parse(value) : undefined;

  router.get('/v1/postmortems', async (req, res) => {
    await httpAuth.credentials(req);
    const { q, team, entity, severity, status, from, to, limit, offset } =
      req.query;
    res.json(
      await postmortems.list(
        {
          q,
          team: optionalRef(team, 'team'),
          entity: optionalRef(entity, 'entity'),
          severity,
          status,
          from: optionalTime(from),
          to: optionalTime(to),
        },
        { limit: limit ?? 25, offset: offset ?? 0 },
      ),
    );
  });

  router.post('/v1/postmortems', async (req, res) => {
    await httpAuth.credentials(req);
    const value = postmortems.parse(req.body);
    await postmortems.assertEntitiesKnown([{ index: 0, value }], false);
    const actor = await authorizePostmortem(req, value.entityRefs);
    res.status(201).json(await postmortems.create(value, actor));
  });

  router.post('/v1/postmortems/import', async (req, res) => {
    await httpAuth.credentials(req);
    try {
      // Validation comes first, so that a bad file is told what is wrong with it before
      // the permission check names entities that may only be mistyped.
      const result = await postmortems.import(req.body.items, entityRefs =>
        authorizePostmortem(req, entityRefs),
      );
      res.json(result);
    } catch (e) {
      if (!(e instanceof PostmortemImportError)) throw e;
      res.status(400).json({
        error: { name: 'InputError', message: e.message },
        items: e.items,
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 400 },
      });
    }
  });

  router.get('/v1/postmortems/figures', async (req, res) => {
    await httpAuth.credentials(req);
    const { entity, team, months } = req.query;
    if (entity !== undefined && team !== undefined) {
      throw new InputError('entity, team: give one scope or none (the org)');
    }
    res.json(
      await postmortems.figures(
        {
          entity: optionalRef(entity, 'entity'),
          team: optionalRef(team, 'team'),
        },
        months ?? 12,
      ),
    );
  });

  router.get('/v1/postmortems/:id', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await postmortems.getView(req.params.id));
  });

  router.put('/v1/postmortems/:id', async (req, res) => {
    await httpAuth.credentials(req);
    const before = await postmortems.get(req.params.id);
    const value = postmortems.parse(req.body);
    await postmortems.assertEntitiesKnown([{ index: 0, value }], false);
    const actor = await authorizePostmortem(req, [
      ...before.entityRefs,
      ...value.entityRefs,
    ]);
    res.json(await postmortems.update(req.params.id, value, actor));
  });

  router.get('/v1/audit-events', async (req, res) => {
    const { entityRef, subjectRef, category, limit, cursor } = req.query;
    const page = await auditStore.list({
      entityRef:
        entityRef !== undefined
          ? canonicalEntityRef(parseFullEntityRef(entityRef, 'entityRef'))
          : undefined,
      subjectRef:
        subjectRef !== undefined
          ? canonicalEntityRef(parseFullEntityRef(subjectRef, 'subjectRef'))
          : undefined,
      category,
      limit: limit ?? 50,
      cursor,
    });
    res.json({
      items: page.items.map(e => ({
        ...e,
        occurredAt: e.occurredAt.toISOString(),
        subjectRef: e.subjectRef ?? null,
        reason: e.reason ?? null,
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  });

  // Parse JSON here, before the validating router, so that the size limit is ours: a full
  // push batch (5,000 items) is about 1 MB; anything over 2 MB is refused with a 413.
  const outer = express.Router();
  outer.use(express.json({ limit: '2mb' }));
  outer.use(router);
  outer.use(reservedCharactersHandler);
  outer.use(databaseUnavailableHandler);
  return outer;
}
