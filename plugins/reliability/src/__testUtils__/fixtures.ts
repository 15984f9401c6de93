import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import {
  CONCERN_TITLES,
  DEFAULT_RESPONSIBILITY_MATRIX,
  RESPONSIBILITY_CONCERNS,
} from '@reliability-suite/plugin-reliability-common';
import type {
  ActionItem,
  AuditEvent,
  AuditFinding,
  AuditFindingPage,
  AuditSummary,
  BudgetSpend,
  BurnEpisode,
  EngagementModel,
  EntityPolicy,
  EntityPostmortems,
  EntityResponsibility,
  Freeze,
  ObjectiveStatus,
  Policy,
  PolicyException,
  Postmortem,
  PostmortemFigures,
  Readiness,
  ReadinessItemStatus,
  ReliabilityApi,
  Review,
  ReviewQueueItem,
  SreTeamLoad,
  SreTimeBudget,
  SreTimeMonth,
  TeamReliability,
  TeamService,
} from '@reliability-suite/plugin-reliability-common';

/** A realistic objective status, with overrides. */
export function objectiveStatus(
  overrides: Partial<ObjectiveStatus> = {},
): ObjectiveStatus {
  return {
    name: 'requests-succeed',
    target: 0.999,
    state: 'healthy',
    sli: 0.9995,
    goodEvents: 999500,
    totalEvents: 1000000,
    errorBudget: {
      consumed: 0.5,
      remaining: 0.5,
      total: 1000,
      spent: 500,
      unit: 'events',
    },
    burnRates: {
      '5m': 0.5,
      '30m': 0.5,
      '1h': 0.5,
      '2h': 0.5,
      '6h': 0.5,
      '1d': 0.5,
      '3d': 0.5,
    },
    alerts: [],
    forecastExhaustionAt: null,
    dataQuality: 'ok',
    windowStart: '2026-10-30T12:00:00.000Z',
    windowEnd: '2026-11-27T12:00:00.000Z',
    evaluatedAt: '2026-11-27T12:00:00.000Z',
    ...overrides,
  };
}

/** An objective mid back-fill: all good so far, with data for 40% of its window. */
export function backfillingStatus(
  overrides: Partial<ObjectiveStatus> = {},
): ObjectiveStatus {
  return objectiveStatus({
    dataQuality: 'partial',
    dataCoverage: 0.4,
    errorBudget: {
      consumed: 0,
      remaining: 1,
      total: 10,
      spent: 0,
      unit: 'events',
    },
    ...overrides,
  });
}

/** A ReliabilityApi whose methods are jest mocks, with overrides. */
export function mockReliabilityApi(
  overrides: Partial<ReliabilityApi> = {},
): ReliabilityApi {
  return {
    getHealth: jest.fn().mockResolvedValue({ status: 'ok' }),
    getEntitySummary: jest.fn(),
    listAuditEvents: jest.fn().mockResolvedValue({ items: [] }),
    getSlo: jest.fn(),
    listSlos: jest.fn(),
    pushSliEvents: jest.fn(),
    getEntityPolicy: jest.fn().mockResolvedValue(entityPolicy()),
    enactFreeze: jest.fn(),
    liftFreeze: jest.fn(),
    grantException: jest.fn(),
    recordDecision: jest.fn(),
    getDecisions: jest.fn(),
    checkGate: jest.fn(),
    listPolicies: jest.fn().mockResolvedValue({ items: [] }),
    getPolicy: jest.fn(),
    getEntityResponsibility: jest
      .fn()
      .mockResolvedValue(entityResponsibility()),
    getTeam: jest.fn().mockResolvedValue(teamReliability()),
    listSreTeams: jest.fn().mockResolvedValue({ items: [] }),
    getSreTimeBudget: jest.fn().mockResolvedValue(sreTimeBudget()),
    listSreTimeBudgets: jest
      .fn()
      .mockResolvedValue({ items: [], totalCount: 0 }),
    listAuditFindings: jest
      .fn()
      .mockResolvedValue(auditFindingPage({ items: [], totalCount: 0 })),
    getAuditSummary: jest
      .fn()
      .mockResolvedValue({ teams: [], bySeverity: {}, byKind: {} }),
    exportAuditFindings: jest.fn().mockResolvedValue('entityRef,kind\n'),
    getReadiness: jest.fn(),
    attestItem: jest.fn(),
    commentReview: jest.fn(),
    transitionReview: jest.fn(),
    listReviews: jest.fn().mockResolvedValue({ items: [], totalCount: 0 }),
    getEntityPostmortems: jest.fn(),
    getSloRevisions: jest
      .fn()
      .mockResolvedValue({ sloRef: '', items: [], totalCount: 0 }),
    importSloRevisions: jest.fn(),
    getSloAlertState: jest.fn().mockResolvedValue({
      sloRef: '',
      sourceType: null,
      state: 'unsupported',
      reason: 'Its data are pushed',
      error: null,
      checkedAt: null,
      objectives: [],
    }),
    getPrometheusRules: jest.fn().mockResolvedValue('groups: []\n'),
    listSloRefinements: jest
      .fn()
      .mockResolvedValue({ items: [], totalCount: 0 }),
    listPostmortems: jest.fn().mockResolvedValue({ items: [], totalCount: 0 }),
    getPostmortem: jest.fn(),
    createPostmortem: jest.fn(),
    updatePostmortem: jest.fn(),
    importPostmortems: jest.fn(),
    getPostmortemFigures: jest.fn().mockResolvedValue(postmortemFigures()),
    ...overrides,
  };
}

/** A policy like a team's own: three states, two exception classes and an escalation. */
export function policy(overrides: Partial<Policy> = {}): Policy {
  return {
    ref: 'errorbudgetpolicy:payments/strict',
    title: 'Payments strict policy',
    description: 'Money moves: releases stop when the budget is gone.',
    ownerRef: 'group:default/team-payments',
    states: [
      {
        name: 'healthy',
        title: 'Healthy',
        remainingAbove: 0.5,
        consequences: 'Release as usual.',
        requiredActions: [],
      },
      {
        name: 'at-risk',
        title: 'At risk',
        remainingAbove: 0,
        consequences: 'Reliability work comes first in planning.',
        requiredActions: ['Review the burn-rate alerts'],
      },
      {
        name: 'exhausted',
        title: 'Exhausted',
        consequences: 'Release freeze: only P0 and security fixes ship.',
        requiredActions: [
          'Write postmortems for the incidents that consumed the budget',
          'Work only on reliability until the budget recovers',
        ],
        freeze: true,
      },
    ],
    combine: 'worst',
    sloTags: [],
    autoEnact: false,
    exceptionClasses: [
      { name: 'p0-fix', description: 'Fixes for a P0 incident in progress' },
      { name: 'security', description: 'Security fixes', preApproved: true },
    ],
    postmortemBudgetShareAbove: 0.2,
    escalation: { afterWindows: 2, to: 'group:default/leadership' },
    ...overrides,
  };
}

/** A freeze in force, enacted by a person. */
export function freeze(overrides: Partial<Freeze> = {}): Freeze {
  return {
    id: 'freeze-1',
    entityRef: 'component:default/checkout-api',
    policyRef: 'errorbudgetpolicy:payments/strict',
    startedAt: '2026-11-20T09:00:00.000Z',
    startedBy: 'user:default/alice',
    reason: 'Budget exhausted after the ledger outage',
    link: 'https://incidents.example.com/INC-42',
    automatic: false,
    budgetRemaining: -0.12,
    liftedAt: null,
    liftedBy: null,
    liftReason: null,
    ...overrides,
  };
}

/** An exception granted under the freeze. */
export function policyException(
  overrides: Partial<PolicyException> = {},
): PolicyException {
  return {
    id: 'exception-1',
    entityRef: 'component:default/checkout-api',
    freezeId: 'freeze-1',
    changeId: 'PR-1234',
    exceptionClass: 'p0-fix',
    reason: 'Fixes the double-charge bug',
    link: 'https://git.example.com/checkout/pull/1234',
    grantedBy: 'user:default/bob',
    grantedAt: '2026-11-21T10:00:00.000Z',
    budgetRemaining: -0.1,
    ...overrides,
  };
}

/** An entity's policy in the "at risk" state, selected by its System, no freeze. */
export function entityPolicy(
  overrides: Partial<EntityPolicy> = {},
): EntityPolicy {
  return {
    entityRef: 'component:default/checkout-api',
    policy: policy(),
    source: 'system',
    sourceRef: 'system:default/payments',
    status: {
      state: 'at-risk',
      title: 'At risk',
      consequences: 'Reliability work comes first in planning.',
      requiredActions: ['Review the burn-rate alerts'],
      freezeRecommended: false,
      remaining: 0.21,
      since: '2026-11-18T08:00:00.000Z',
      counted: 2,
      noData: 0,
      decidedBy: {
        sloRef: 'slo:default/checkout-availability',
        objective: 'requests-succeed',
      },
      evaluatedAt: '2026-11-27T12:00:00.000Z',
    },
    freeze: null,
    exceptions: [],
    escalation: {
      windowsOutOfBudget: 0,
      afterWindows: 2,
      to: 'group:default/leadership',
      due: false,
    },
    problem: null,
    ...overrides,
  };
}

/** A policy audit event, with overrides. */
export function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 'event-1',
    occurredAt: '2026-11-20T09:00:00.000Z',
    actorRef: 'user:default/alice',
    action: 'policy.freeze-enacted',
    entityRef: 'component:default/checkout-api',
    reason: 'Budget exhausted after the ledger outage',
    details: {
      policyRef: 'errorbudgetpolicy:payments/strict',
      budgetRemaining: -0.12,
      state: 'exhausted',
      link: 'https://incidents.example.com/INC-42',
      automatic: false,
    },
    ...overrides,
  };
}

/** A permission API that answers every request with the given result. */
export function mockPermissionApi(
  allowed: boolean,
): PermissionApi & { authorize: jest.Mock } {
  return {
    authorize: jest.fn().mockResolvedValue({
      result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    }),
  };
}

/** A permission API that allows exactly the named permissions (e.g. 'reliability.review.attest'). */
export function mockPermissionApiFor(
  allowedNames: string[],
): PermissionApi & { authorize: jest.Mock } {
  return {
    authorize: jest.fn(async (request: { permission: { name: string } }) => ({
      result: allowedNames.includes(request.permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    })),
  };
}

/** The ResponseError the client throws for a backend error in Backstage's format. */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  const response = new Response(
    JSON.stringify({
      error: { name, message },
      request: { method: 'POST', url: '/x' },
      response: { statusCode: status },
    }),
    { status, headers: { 'Content-Type': 'application/json' } },
  );
  return ResponseError.fromResponse(response as any);
}

/** The default matrix of an engagement model as the backend sends it. */
export function matrixRows(
  engagement: EngagementModel,
): EntityResponsibility['matrix'] {
  return RESPONSIBILITY_CONCERNS.map(concern => ({
    concern,
    title: CONCERN_TITLES[concern],
    ...DEFAULT_RESPONSIBILITY_MATRIX[engagement][concern],
  }));
}

/**
 * checkout-api's responsibility model: SRE team, engagement and on-call set on the entity, the
 * tier inherited from System storefront; runbook, dashboard and playbook links.
 */
export function entityResponsibility(
  overrides: Partial<EntityResponsibility> = {},
): EntityResponsibility {
  return {
    entityRef: 'component:default/checkout-api',
    ownerRef: 'group:default/team-checkout',
    ownerInCatalog: true,
    sreTeam: {
      value: 'group:default/sre-core',
      from: 'entity',
      fromRef: 'component:default/checkout-api',
    },
    sreTeamInCatalog: true,
    engagement: {
      value: 'supported',
      from: 'entity',
      fromRef: 'component:default/checkout-api',
    },
    tier: { value: 1, from: 'system', fromRef: 'system:default/storefront' },
    oncall: {
      value: 'https://oncall.example.com/schedules/checkout',
      from: 'entity',
      fromRef: 'component:default/checkout-api',
    },
    links: {
      runbook: [{ url: 'https://runbooks.example.com/checkout-api' }],
      dashboard: [
        { url: 'https://grafana.example.com/d/checkout-api', title: 'Grafana' },
      ],
      playbook: [],
    },
    matrix: matrixRows('supported'),
    ...overrides,
  };
}

/** A service on a team's page. */
export function teamService(overrides: Partial<TeamService> = {}): TeamService {
  return {
    entityRef: 'component:default/checkout-api',
    title: 'Checkout API',
    tier: 1,
    engagement: 'supported',
    weight: 3,
    sloState: 'healthy',
    remaining: 0.42,
    policyState: 'healthy',
    frozen: false,
    ...overrides,
  };
}

/** An SRE team's load. */
export function sreTeamLoad(overrides: Partial<SreTeamLoad> = {}): SreTeamLoad {
  return {
    groupRef: 'group:default/sre-core',
    title: 'SRE Core',
    capacity: 6,
    load: 4,
    overCapacity: false,
    services: 2,
    engaged: 0,
    overTimeCap: false,
    timeCap: null,
    ...overrides,
  };
}

/** A month of an SRE team's time budget: 30 % operational, under the 50 % cap. */
export function sreTimeMonth(
  overrides: Partial<SreTimeMonth> = {},
): SreTimeMonth {
  return {
    month: '2026-10',
    partial: false,
    pages: 6,
    tickets: 4,
    incidents: 2,
    incidentHours: 20,
    openItems: 3,
    closedItems: 5,
    closedToilReductionItems: 2,
    operationalHours: 76,
    teamHours: 560,
    share: 76 / 560,
    overCap: false,
    ...overrides,
  };
}

/** SRE Core's time budget over six months, the last one partial; under its cap. */
export function sreTimeBudget(
  overrides: Partial<SreTimeBudget> = {},
): SreTimeBudget {
  const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10'].map(
    (month, i) =>
      sreTimeMonth({ month, share: 0.2 + i * 0.05, operationalHours: 100 }),
  );
  months.push(sreTimeMonth({ month: '2026-11', partial: true, share: 0.25 }));
  return {
    groupRef: 'group:default/sre-core',
    title: 'SRE Core',
    members: 4,
    membersFrom: 'catalog',
    services: ['component:default/checkout-api'],
    cap: 0.5,
    current: months[5],
    latestComplete: months[4],
    overCap: false,
    trend: { direction: 'rising', perMonth: 0.05 },
    settings: {
      cap: 0.5,
      hoursPerPage: 2,
      hoursPerIncidentHour: 3,
      hoursPerTicket: 1,
      hoursPerMemberPerMonth: 140,
    },
    months,
    ...overrides,
  };
}

/** A team that owns nothing and is no SRE team. */
export function teamReliability(
  overrides: Partial<TeamReliability> = {},
): TeamReliability {
  return {
    groupRef: 'group:default/team-checkout',
    title: 'Checkout team',
    owned: [],
    supported: [],
    engaged: [],
    sre: null,
    ...overrides,
  };
}

/** An ownership-audit finding. */
export function auditFinding(
  overrides: Partial<AuditFinding> = {},
): AuditFinding {
  return {
    entityRef: 'component:default/cart-web',
    title: 'Cart web',
    kind: 'tier-without-oncall',
    severity: 'error',
    message: 'Tier 2 but no on-call rotation',
    fix: 'Set reliability-suite.dev/oncall on the entity or its System',
    ownerRef: 'group:default/team-checkout',
    systemRef: 'system:default/storefront',
    tier: 2,
    engagement: 'onboarding',
    ...overrides,
  };
}

/** A page of findings. */
export function auditFindingPage(
  overrides: Partial<AuditFindingPage> = {},
): AuditFindingPage {
  const items = overrides.items ?? [auditFinding()];
  return {
    items,
    totalCount: items.length,
    entitiesAudited: 12,
    computedAt: '2026-11-27T12:00:00.000Z',
    ...overrides,
  };
}

/** The audit summary by owning team. */
export function auditSummary(
  overrides: Partial<AuditSummary> = {},
): AuditSummary {
  return {
    teams: [
      {
        ownerRef: 'group:default/team-checkout',
        ownerInCatalog: true,
        entities: 2,
        errors: 3,
        warnings: 1,
      },
      {
        ownerRef: 'group:default/team-search',
        ownerInCatalog: true,
        entities: 1,
        errors: 0,
        warnings: 2,
      },
      {
        ownerRef: 'group:default/team-billing',
        ownerInCatalog: false,
        entities: 1,
        errors: 1,
        warnings: 0,
      },
      {
        ownerRef: null,
        ownerInCatalog: false,
        entities: 1,
        errors: 1,
        warnings: 0,
      },
    ],
    bySeverity: { error: 5, warning: 3 },
    byKind: { 'tier-without-oncall': 2, 'no-owner': 1, 'owner-not-found': 1 },
    ...overrides,
  };
}

/** A readiness review, in draft, with overrides. */
export function review(overrides: Partial<Review> = {}): Review {
  return {
    id: 'review-1',
    entityRef: 'component:default/checkout-api',
    templateId: 'production-readiness',
    templateVersion: 1,
    state: 'draft',
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-24T09:00:00.000Z',
    submittedAt: null,
    decidedBy: null,
    ...overrides,
  };
}

/** A readiness item, with overrides. */
export function readinessItem(
  overrides: Partial<ReadinessItemStatus> = {},
): ReadinessItemStatus {
  return {
    id: 'has-runbook',
    title: 'Runbook linked',
    kind: 'check',
    required: true,
    rule: 'has-link',
    state: 'passing',
    reason: 'A runbook link is set',
    attestation: null,
    ...overrides,
  };
}

/**
 * checkout-api's checklist: two sections; a passing and a failing check, an attested
 * (passing) item, a missing one and an expired recommended one; review in draft, one comment.
 * canSubmit is false because a required check fails and a required attestation is missing.
 */
export function readiness(overrides: Partial<Readiness> = {}): Readiness {
  return {
    entityRef: 'component:default/checkout-api',
    template: {
      id: 'production-readiness',
      version: 1,
      title: 'Production readiness',
    },
    sections: [
      {
        id: 'operations',
        title: 'Operations',
        items: [
          readinessItem(),
          readinessItem({
            id: 'has-oncall',
            title: 'On-call rotation',
            state: 'failing',
            rule: 'has-oncall',
            reason: 'No on-call rotation: set reliability-suite.dev/oncall',
          }),
        ],
      },
      {
        id: 'resilience',
        title: 'Resilience',
        items: [
          readinessItem({
            id: 'backups-tested',
            title: 'Backups restored in a test',
            kind: 'attestation',
            rule: null,
            maxAgeDays: 90,
            state: 'passing',
            reason: 'Attested',
            attestation: {
              id: 'att-1',
              itemId: 'backups-tested',
              statement: 'Restored last night’s backup into staging',
              evidenceUrl: 'https://wiki.example.com/checkout/restore-test',
              attestedBy: 'user:default/alice',
              attestedAt: '2026-11-10T09:00:00.000Z',
              expiresAt: new Date(
                Date.now() + 30 * 24 * 60 * 60 * 1000 + 60_000,
              ).toISOString(),
            },
          }),
          readinessItem({
            id: 'load-tested',
            title: 'Load tested at peak',
            kind: 'attestation',
            rule: null,
            maxAgeDays: 180,
            state: 'missing',
            reason: 'Not attested yet',
          }),
          readinessItem({
            id: 'chaos-day',
            title: 'Chaos day held',
            kind: 'attestation',
            required: false,
            rule: null,
            maxAgeDays: 365,
            state: 'expired',
            reason: 'The attestation expired',
            attestation: {
              id: 'att-0',
              itemId: 'chaos-day',
              statement: 'Killed a zone during the chaos day',
              evidenceUrl: 'https://wiki.example.com/checkout/chaos-day',
              attestedBy: 'user:default/bob',
              attestedAt: '2025-10-01T09:00:00.000Z',
              expiresAt: '2026-10-01T09:00:00.000Z',
            },
          }),
        ],
      },
    ],
    progress: {
      required: 4,
      requiredPassing: 2,
      recommended: 1,
      recommendedPassing: 0,
      percent: 40,
    },
    review: review(),
    comments: [
      {
        id: 'c1',
        itemId: 'has-oncall',
        author: 'user:default/carol',
        body: 'The rotation is being set up this week',
        createdAt: '2026-11-21T09:00:00.000Z',
        decision: null,
      },
    ],
    canSubmit: false,
    ...overrides,
  };
}

/** A submitted review in the queue. */
export function reviewQueueItem(
  overrides: Partial<ReviewQueueItem> = {},
): ReviewQueueItem {
  return {
    review: review({
      state: 'submitted',
      submittedAt: new Date(
        Date.now() - 3 * 24 * 60 * 60 * 1000 - 60_000,
      ).toISOString(),
    }),
    percent: 80,
    sreTeamRef: 'group:default/sre-core',
    ownerRef: 'group:default/team-checkout',
    ...overrides,
  };
}

/** An action item of checkout's incident: open, past due. */
export function actionItem(overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: 'item-1',
    title: 'Canary the ledger deploys',
    link: 'https://tickets.example.com/REL-101',
    ownerRef: 'group:default/team-payments',
    dueAt: '2026-11-25T23:59:59.999Z',
    priority: 'p1',
    status: 'open',
    overdue: true,
    labels: [],
    closedAt: null,
    ...overrides,
  };
}

/** The budget an incident spent of one objective, in one window. */
export function budgetSpend(overrides: Partial<BudgetSpend> = {}): BudgetSpend {
  return {
    sloRef: 'slo:default/checkout-availability',
    sloTitle: 'Checkout availability',
    objective: 'requests-succeed',
    share: 0.34,
    parts: [
      {
        from: '2026-11-20T09:00:00.000Z',
        to: '2026-11-20T10:30:00.000Z',
        windowStart: '2026-10-30T12:00:00.000Z',
        windowEnd: '2026-11-27T12:00:00.000Z',
        spent: 340,
        budget: 1000,
        unit: 'events',
        share: 0.34,
      },
    ],
    ...overrides,
  };
}

/**
 * Checkout's 5xx incident after the ledger deploy: SEV2, in review, blameless review held;
 * detected after 7 min, mitigated after 45 min, resolved after 1 h 30 min; 34% of the
 * availability budget spent (no data for latency), over the strict policy's 20% while
 * unpublished; three action items, one overdue.
 */
export function postmortem(overrides: Partial<Postmortem> = {}): Postmortem {
  return {
    id: '12',
    title: 'Checkout 5xx after the ledger deploy',
    documentUrl: 'https://wiki.example.com/postmortems/checkout-5xx',
    severity: 'sev2',
    status: 'in-review',
    blamelessReviewHeld: true,
    summary: 'A ledger schema change made checkout fail for 90 minutes.',
    startedAt: '2026-11-20T09:00:00.000Z',
    detectedAt: '2026-11-20T09:07:00.000Z',
    mitigatedAt: '2026-11-20T09:45:00.000Z',
    resolvedAt: '2026-11-20T10:30:00.000Z',
    entityRefs: ['component:default/checkout-api', 'component:default/ledger'],
    teamRefs: ['group:default/team-checkout', 'group:default/team-payments'],
    actionItems: [
      actionItem(),
      actionItem({
        id: 'item-2',
        title: 'Alert on checkout 5xx within 2 minutes',
        link: null,
        ownerRef: 'group:default/team-checkout',
        dueAt: '2026-12-15T23:59:59.999Z',
        priority: 'p2',
        status: 'in-progress',
        overdue: false,
      }),
      actionItem({
        id: 'item-3',
        title: 'Add the ledger to the checkout dashboard',
        link: null,
        ownerRef: 'user:default/alice',
        dueAt: null,
        priority: 'p3',
        status: 'done',
        overdue: false,
      }),
    ],
    externalId: null,
    createdBy: 'user:default/alice',
    createdAt: '2026-11-21T10:00:00.000Z',
    updatedAt: '2026-11-22T08:30:00.000Z',
    timeToDetectMs: 7 * 60_000,
    timeToMitigateMs: 45 * 60_000,
    timeToResolveMs: 90 * 60_000,
    budget: [
      budgetSpend(),
      budgetSpend({
        sloRef: 'slo:default/checkout-latency',
        sloTitle: 'Checkout latency',
        objective: 'fast-enough',
        share: null,
        parts: [],
      }),
    ],
    maxBudgetShare: 0.34,
    needsPublishing: [
      {
        policyRef: 'errorbudgetpolicy:payments/strict',
        budgetShareAbove: 0.2,
      },
    ],
    ...overrides,
  };
}

/** An older, published postmortem that recorded only the start and the resolution. */
export function sparsePostmortem(
  overrides: Partial<Postmortem> = {},
): Postmortem {
  return postmortem({
    id: '7',
    title: 'Checkout latency spike during the sale',
    documentUrl: null,
    severity: 'sev3',
    status: 'published',
    blamelessReviewHeld: false,
    summary: null,
    startedAt: '2026-10-03T14:00:00.000Z',
    detectedAt: null,
    mitigatedAt: null,
    resolvedAt: '2026-10-03T14:50:00.000Z',
    entityRefs: ['component:default/checkout-api'],
    teamRefs: ['group:default/team-checkout'],
    actionItems: [],
    createdBy: 'user:default/bob',
    createdAt: '2026-10-04T10:00:00.000Z',
    updatedAt: '2026-10-04T10:00:00.000Z',
    timeToDetectMs: null,
    timeToMitigateMs: null,
    timeToResolveMs: 50 * 60_000,
    budget: [],
    maxBudgetShare: null,
    needsPublishing: [],
    ...overrides,
  });
}

/** A page-tier burn episode of checkout's availability that spent 27% of the budget. */
export function burnEpisode(overrides: Partial<BurnEpisode> = {}): BurnEpisode {
  return {
    sloRef: 'slo:default/checkout-availability',
    sloTitle: 'Checkout availability',
    objective: 'requests-succeed',
    start: '2026-11-24T13:00:00.000Z',
    end: '2026-11-24T15:20:00.000Z',
    peakBurnRate: 14.4,
    spend: budgetSpend({
      share: 0.27,
      parts: [],
    }),
    ...overrides,
  };
}

/**
 * checkout-api's postmortems: the 5xx incident and the older latency spike, MTTD/MTTR for
 * October and November, the strict policy's 20% rule and one burn episode waiting for a
 * postmortem.
 */
export function entityPostmortems(
  overrides: Partial<EntityPostmortems> = {},
): EntityPostmortems {
  return {
    entityRef: 'component:default/checkout-api',
    items: [postmortem(), sparsePostmortem()],
    monthly: [
      {
        month: '2026-10',
        incidents: 1,
        mttdMs: null,
        detectedCount: 0,
        mttrMs: 50 * 60_000,
        resolvedCount: 1,
      },
      {
        month: '2026-11',
        incidents: 1,
        mttdMs: 7 * 60_000,
        detectedCount: 1,
        mttrMs: 90 * 60_000,
        resolvedCount: 1,
      },
    ],
    rule: {
      policyRef: 'errorbudgetpolicy:payments/strict',
      budgetShareAbove: 0.2,
    },
    needsPostmortem: [burnEpisode()],
    ...overrides,
  };
}

/** The organisation's figures: three months, the middle one without incidents. */
export function postmortemFigures(
  overrides: Partial<PostmortemFigures> = {},
): PostmortemFigures {
  return {
    scope: { kind: 'org', ref: null },
    monthly: [
      {
        month: '2026-09',
        incidents: 2,
        mttdMs: 12 * 60_000,
        detectedCount: 2,
        mttrMs: 3 * 60 * 60_000,
        resolvedCount: 2,
      },
      {
        month: '2026-10',
        incidents: 0,
        mttdMs: null,
        detectedCount: 0,
        mttrMs: null,
        resolvedCount: 0,
      },
      {
        month: '2026-11',
        incidents: 3,
        mttdMs: 5 * 60_000,
        detectedCount: 3,
        mttrMs: 75 * 60_000,
        resolvedCount: 2,
      },
    ],
    actionItems: [
      { teamRef: 'group:default/team-payments', open: 3, overdue: 1 },
      { teamRef: 'group:default/team-checkout', open: 1, overdue: 0 },
    ],
    ...overrides,
  };
}
