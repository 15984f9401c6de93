import type {
  ExceptionRecord,
  FreezeRecord,
  PolicyStatusRecord,
} from '../store/PolicyStore';

const STANDARD = 'errorbudgetpolicy:default/standard';

/** A policy state of the tests: the standard policy, at risk, 12.5 % of the budget left, unless overridden. */
export function policyStatusRecord(
  entityRef: string,
  overrides: Partial<PolicyStatusRecord> = {},
): PolicyStatusRecord {
  return {
    entityRef,
    policyRef: STANDARD,
    source: 'system',
    sourceRef: 'system:default/shop',
    state: 'at-risk',
    remaining: 0.125,
    stateSince: 1_764_000_000_000,
    outOfBudgetSince: null,
    windowMs: 2_419_200_000,
    counted: 3,
    noData: 1,
    partial: 1,
    decidedBy: { sloRef: 'slo:default/checkout-latency', objective: 'p99' },
    evaluatedAt: 1_764_000_100_000,
    ...overrides,
  };
}

/** A freeze of the tests, by hand under the standard policy, unless overridden. */
export function freezeRecord(
  entityRef: string,
  overrides: Partial<Omit<FreezeRecord, 'id'>> = {},
): Omit<FreezeRecord, 'id' | 'liftedAt' | 'liftedBy' | 'liftReason'> {
  return {
    entityRef,
    policyRef: STANDARD,
    startedAt: 1_764_000_000_000,
    startedBy: 'user:default/erin',
    reason: 'budget exhausted',
    link: 'https://incidents.example.com/42',
    automatic: false,
    budgetRemaining: -0.25,
    ...overrides,
  };
}

/** An exception for `changeId` under a freeze of the tests. */
export function exceptionRecord(
  freeze: Pick<FreezeRecord, 'id' | 'entityRef'>,
  changeId: string,
): Omit<ExceptionRecord, 'id'> {
  return {
    freezeId: freeze.id,
    entityRef: freeze.entityRef,
    changeId,
    exceptionClass: 'security-fix',
    reason: 'CVE fix',
    link: null,
    grantedBy: 'user:default/erin',
    grantedAt: 1_764_000_000_000,
    budgetRemaining: -0.25,
  };
}
