import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  reliabilityPolicyEnactPermission,
  reliabilityPostmortemWritePermission,
  reliabilityReviewAttestPermission,
  reliabilitySliWritePermission,
  reliabilitySloHistoryWritePermission,
} from '@reliability-suite/plugin-reliability-common';
import type { Request as ExpressRequest } from 'express';
import type { SloHistoryService } from '../evaluation/SloHistoryService';
import type { PolicyContexts } from '../policy/PolicyContexts';
import type { ReadinessService } from '../readiness/ReadinessService';
import { CatalogVisibility, VisibleEntities } from './catalogVisibility';
import { ROUTE_ACCESS } from './routeAccess';

/** The operations that read one entity (`ROUTE_ACCESS`'s `entity` rule). */
export type EntityReadOperation = {
  [K in keyof typeof ROUTE_ACCESS]: (typeof ROUTE_ACCESS)[K] extends {
    read: 'entity';
  }
    ? K
    : never;
}[keyof typeof ROUTE_ACCESS];

/**
 * The operations computed over the caller's visible set: the `visible-set` rule, and entity
 * reads that list other entities (`lists`).
 */
export type VisibleSetOperation = {
  [K in keyof typeof ROUTE_ACCESS]: (typeof ROUTE_ACCESS)[K] extends
    | { read: 'visible-set' }
    | { lists: true }
    ? K
    : never;
}[keyof typeof ROUTE_ACCESS];

/** Any route's request, whatever its schema types (the checks read only its credentials). */
type Request = ExpressRequest<any, any, any, any, any>;

/** Who made a change, as recorded in the audit trail. */
export function actorOf(
  auth: AuthService,
  credentials: BackstageCredentials,
): string {
  if (auth.isPrincipal(credentials, 'user')) {
    return credentials.principal.userEntityRef;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return `service:${credentials.principal.subject}`;
  }
  return 'unknown';
}

/** The permission checks of the routes, by what they guard. */
export type RouteAuthorization = ReturnType<typeof createRouteAuthorization>;

/**
 * The permission checks the routes make, gathered from the routes unchanged: each answers
 * the actor to record (or throws 401, 404 or 403, in the order the route always did).
 */
export function createRouteAuthorization(deps: {
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  policies: Pick<PolicyContexts, 'context'>;
  readiness: Pick<ReadinessService, 'assertKnown'>;
  history: Pick<SloHistoryService, 'serviceOf'>;
  catalog: CatalogService;
  /** How long a principal's catalog visibility is reused (`reliability.visibility.cacheTtl`). */
  visibilityCacheTtlMs?: number;
}) {
  const { auth, httpAuth, permissions } = deps;
  const visibility = new CatalogVisibility({
    catalog: deps.catalog,
    permissions,
    ttlMs: deps.visibilityCacheTtlMs,
  });

  /**
   * A read of one entity's data: the caller, once the caller may see the entity in the
   * catalog; otherwise the same 404 as for an unknown entity (the operation's `refusal`),
   * so that a hidden entity is not told apart from a missing one. A caller who may read
   * the whole catalog costs no catalog read: the route answers its own 404 for an unknown
   * entity, as it always did.
   */
  async function entityRead(
    req: Request,
    operation: EntityReadOperation,
    entityRef: string,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req);
    if (!(await visibility.canSee(entityRef, credentials))) {
      throw new NotFoundError(ROUTE_ACCESS[operation].refusal(entityRef));
    }
    return credentials;
  }

  /**
   * A read of data about several entities (a postmortem): the caller, once the caller may
   * see every one of them; otherwise the operation's 404 for `what`.
   */
  async function entitiesRead(
    req: Request,
    operation: EntityReadOperation,
    what: string,
    entityRefs: () => Promise<string[]>,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req);
    if (await visibility.seesEverything(credentials)) return credentials;
    if (!(await visibility.canSeeAll(await entityRefs(), credentials))) {
      throw new NotFoundError(ROUTE_ACCESS[operation].refusal(what));
    }
    return credentials;
  }

  /**
   * A read of an SLO's data: the caller must see the SLO and the service it is of (a policy
   * hiding a team's services hides their SLOs, whatever their own owner).
   */
  async function sloRead(
    req: Request,
    operation: EntityReadOperation,
    sloRef: string,
  ): Promise<BackstageCredentials> {
    return entitiesRead(req, operation, sloRef, async () => [
      sloRef,
      await deps.history.serviceOf(sloRef),
    ]);
  }

  /**
   * An org-wide read: the entities the caller may see in the catalog, over which the route
   * computes its list, counts or export (`undefined`: all of them, without reading the
   * catalog).
   */
  async function visibleEntities(
    req: Request,
    _operation: VisibleSetOperation,
  ): Promise<VisibleEntities> {
    return visibility.visible(await httpAuth.credentials(req));
  }

  /** Pushing SLI data: `reliability.sli.write`, a basic permission. */
  async function sliWrite(req: Request): Promise<void> {
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
  }

  /** Importing an SLO's history: the history permission on the SLO's service (404 first). */
  async function historyImport(req: Request, sloRef: string): Promise<string> {
    const credentials = await httpAuth.credentials(req);
    const serviceRef = await deps.history.serviceOf(sloRef);
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
    return actorOf(auth, credentials);
  }

  /**
   * The caller, once the entity is known to exist (404 first) and the caller may enact its
   * policy (403 otherwise): members of the policy's owning group or the entity's SRE team in
   * the demo policy; whatever the installation's permission policy says elsewhere.
   */
  async function enact(req: Request, entityRef: string): Promise<string> {
    const credentials = await httpAuth.credentials(req);
    await deps.policies.context(entityRef);
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

  /**
   * The caller, once the entity is known (404 first) and the caller holds one of the
   * permissions on it (403 otherwise).
   */
  async function review(
    req: Request,
    entityRef: string,
    allowed: Array<typeof reliabilityReviewAttestPermission>,
    what: string,
  ): Promise<string> {
    const credentials = await httpAuth.credentials(req);
    await deps.readiness.assertKnown(entityRef);
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

  /**
   * The caller, once it holds `reliability.postmortem.write` on every entity (403 naming
   * those it lacks it on).
   */
  async function postmortemWrite(
    req: Request,
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

  return {
    /** The caller's credentials (401 without them). */
    credentials: (req: Request) => httpAuth.credentials(req),
    entityRead,
    entitiesRead,
    sloRead,
    visibleEntities,
    sliWrite,
    historyImport,
    enact,
    review,
    postmortemWrite,
  };
}
