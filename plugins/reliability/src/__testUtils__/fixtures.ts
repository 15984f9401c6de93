import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import type {
  AuditEvent,
  EntityPolicy,
  Freeze,
  ObjectiveStatus,
  Policy,
  PolicyException,
  ReliabilityApi,
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

/** A ReliabilityApi whose methods are jest mocks, with overrides. */
export function mockReliabilityApi(
  overrides: Partial<ReliabilityApi> = {},
): ReliabilityApi {
  return {
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
    checkGate: jest.fn(),
    listPolicies: jest.fn().mockResolvedValue({ items: [] }),
    getPolicy: jest.fn(),
    getEntityResponsibility: jest.fn(),
    getTeam: jest.fn(),
    listSreTeams: jest.fn().mockResolvedValue({ items: [] }),
    listAuditFindings: jest.fn(),
    getAuditSummary: jest.fn(),
    exportAuditFindings: jest.fn(),
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
