import { spec } from '../schema/openapi.generated';

/**
 * How a read route decides what the caller may see.
 *
 * - `public`: answers without credentials (`/health`).
 * - `entity`: about one catalog entity; the caller must see that entity in the catalog
 *   (`catalog.entity.read`), or the route answers the same 404 as for an unknown entity,
 *   worded by `refusal`.
 * - `visible-set`: an org-wide list, count or export; computed over the entities the caller
 *   may see in the catalog (filtered in the store query, so totals and pages are right).
 */
export type ReadAccess =
  | { read: 'public' }
  | {
      read: 'entity';
      refusal: (ref: string) => string;
      /** It lists other entities too (a policy's): those the caller may see only. */
      lists?: true;
    }
  | { read: 'visible-set' };

/**
 * A mutation: its permission check (made by `createRouteAuthorization`) and the event it
 * records to Backstage's auditor (besides the suite's own audit trail).
 */
export type WriteAccess = {
  write: string;
  /** The auditor's `eventId` (kebab-case; the plugin id is added by the auditor). */
  auditEvent: string;
};

export type RouteAccess = ReadAccess | WriteAccess;

const noEntity = (ref: string) => `No entity ${ref} in the catalog`;
const noSlo = (ref: string) => `No SLO ${ref}`;
const noGroup = (ref: string) => `No group ${ref} in the catalog`;

/**
 * Every route of `openapi.yaml` by operation id, with the rule that guards it. The routes
 * go through `createRouteAuthorization` with their operation id, which reads this table, and
 * the permissions test checks that every operation of the spec is in it: a new route cannot
 * be added without saying who may call it.
 */
export const ROUTE_ACCESS = {
  GetHealth: { read: 'public' },

  // Reads of one entity: 404 when the caller cannot see it in the catalog.
  // `lists`: the answer names other entities too (a System's components, a team's
  // services, the postmortems that also affect others): those the caller may see.
  GetEntitySummary: { read: 'entity', refusal: noEntity, lists: true },
  GetEntityPolicy: { read: 'entity', refusal: noEntity },
  GetEntityResponsibility: { read: 'entity', refusal: noEntity },
  GetReadiness: { read: 'entity', refusal: noEntity },
  GetEntityPostmortems: { read: 'entity', refusal: noEntity, lists: true },
  CheckGate: { read: 'entity', refusal: noEntity },
  GetSlo: { read: 'entity', refusal: noSlo },
  GetSloAlertState: { read: 'entity', refusal: noSlo },
  GetSloRevisions: { read: 'entity', refusal: noSlo },
  GetPolicy: {
    read: 'entity',
    refusal: (ref: string) => `No error-budget policy ${ref}`,
    lists: true,
  },
  GetTeam: { read: 'entity', refusal: noGroup, lists: true },
  GetSreTimeBudget: { read: 'entity', refusal: noGroup, lists: true },
  GetPostmortem: {
    read: 'entity',
    refusal: (id: string) => `No postmortem ${id}`,
  },

  // Org-wide lists, counts and exports: over the caller's visible entities.
  ListSlos: { read: 'visible-set' },
  ListAuditEvents: { read: 'visible-set' },
  ListPostmortems: { read: 'visible-set' },
  GetPostmortemFigures: { read: 'visible-set' },
  ListAuditFindings: { read: 'visible-set' },
  ExportAuditFindings: { read: 'visible-set' },
  GetAuditSummary: { read: 'visible-set' },
  ListReviews: { read: 'visible-set' },
  GetDecisions: { read: 'visible-set' },
  ListSloRefinements: { read: 'visible-set' },
  ListPolicies: { read: 'visible-set' },
  ListSreTeams: { read: 'visible-set' },
  ListSreTimeBudgets: { read: 'visible-set' },
  GetPrometheusRules: { read: 'visible-set' },

  // Mutations: a permission on the entity (or a basic one), and an auditor event.
  PushSliEvents: { write: 'reliability.sli.write', auditEvent: 'sli-push' },
  ImportSloRevisions: {
    write: 'reliability.slo.history.write',
    auditEvent: 'slo-history-import',
  },
  EnactFreeze: {
    write: 'reliability.policy.enact',
    auditEvent: 'policy-freeze',
  },
  LiftFreeze: { write: 'reliability.policy.enact', auditEvent: 'policy-lift' },
  GrantException: {
    write: 'reliability.policy.enact',
    auditEvent: 'policy-exception',
  },
  RecordDecision: {
    write: 'reliability.policy.enact',
    auditEvent: 'policy-decision',
  },
  AttestItem: {
    write: 'reliability.review.attest',
    auditEvent: 'review-attest',
  },
  CommentReview: {
    write: 'reliability.review.attest or reliability.review.signoff',
    auditEvent: 'review-comment',
  },
  TransitionReview: {
    write: 'reliability.review.attest or reliability.review.signoff',
    auditEvent: 'review-transition',
  },
  CreatePostmortem: {
    write: 'reliability.postmortem.write',
    auditEvent: 'postmortem-create',
  },
  ImportPostmortems: {
    write: 'reliability.postmortem.write',
    auditEvent: 'postmortem-import',
  },
  UpdatePostmortem: {
    write: 'reliability.postmortem.write',
    auditEvent: 'postmortem-update',
  },
} satisfies Record<string, RouteAccess>;

export type OperationId = keyof typeof ROUTE_ACCESS;

/** The operations of the spec: method, path template and operation id. */
export function specOperations(): Array<{
  method: string;
  path: string;
  operationId: string;
}> {
  const operations = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, any>)) {
      if (op && typeof op === 'object' && 'operationId' in op) {
        operations.push({ method, path, operationId: op.operationId });
      }
    }
  }
  return operations;
}

/** The mutations of the spec, each with a matcher of its request path. */
export function mutationOperations(): Array<{
  method: string;
  pattern: RegExp;
  operationId: string;
  access: WriteAccess;
}> {
  return specOperations()
    .filter(op => op.method !== 'get')
    .map(op => {
      const access = (ROUTE_ACCESS as Record<string, RouteAccess>)[
        op.operationId
      ];
      if (!access || !('write' in access)) {
        throw new Error(
          `The mutation ${op.operationId} has no write rule in ROUTE_ACCESS`,
        );
      }
      const source = op.path
        .split('/')
        .map(segment =>
          /^\{.+\}$/.test(segment)
            ? '[^/]+'
            : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/');
      return {
        method: op.method.toUpperCase(),
        pattern: new RegExp(`^${source}/?$`),
        operationId: op.operationId,
        access,
      };
    });
}
