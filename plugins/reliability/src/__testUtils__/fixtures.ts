import type {
  ObjectiveStatus,
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
    getEntityPolicy: jest.fn(),
    enactFreeze: jest.fn(),
    liftFreeze: jest.fn(),
    grantException: jest.fn(),
    recordDecision: jest.fn(),
    checkGate: jest.fn(),
    listPolicies: jest.fn().mockResolvedValue({ items: [] }),
    getPolicy: jest.fn(),
    ...overrides,
  };
}
