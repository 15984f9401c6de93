import { entityVerdict, policyStateSeverity, VerdictInput } from './verdict';

const policy = {
  states: [
    { name: 'healthy', title: 'Healthy' },
    { name: 'at-risk', title: 'At risk' },
    { name: 'exhausted', title: 'Exhausted' },
  ],
};
const healthy: VerdictInput = {
  policy,
  status: {
    state: 'healthy',
    consequences: 'Release as usual.',
    remaining: 0.9,
  },
  freeze: null,
  objectives: [
    {
      title: 'Ledger availability',
      state: 'healthy',
      alerts: [{ severity: 'page', firing: false }],
    },
  ],
};
const page = { severity: 'page' as const, firing: true };
const ticket = { severity: 'ticket' as const, firing: true };

describe('entityVerdict', () => {
  it('says "Collecting data", never the healthy policy state, while a window is being back-filled', () => {
    const backfilling = {
      ...healthy,
      objectives: [{ ...healthy.objectives[0], dataQuality: 'partial' }],
    };
    expect(entityVerdict(backfilling)).toEqual({
      kind: 'collecting-data',
      severity: 'pending',
      title: 'Collecting data',
      reason:
        'Ledger availability has data for part of the window so far: the rest may change the verdict.',
    });
    // From the policy status alone (the summary not loaded yet).
    expect(
      entityVerdict({
        ...healthy,
        status: { ...healthy.status, partial: 2 },
        objectives: [],
      }),
    ).toMatchObject({ kind: 'collecting-data', title: 'Collecting data' });
  });

  it('keeps a worse verdict on partial data: more data cannot undo a page quickly', () => {
    expect(
      entityVerdict({
        ...healthy,
        status: { ...healthy.status, partial: 1 },
        objectives: [
          {
            ...healthy.objectives[0],
            state: 'critical',
            alerts: [page],
            dataQuality: 'partial',
          },
        ],
      }),
    ).toMatchObject({ kind: 'page', severity: 'error' });
  });

  it('is the policy state with its consequences when nothing is worse', () => {
    expect(entityVerdict(healthy)).toEqual({
      kind: 'policy',
      severity: 'ok',
      title: 'Healthy',
      reason: 'Release as usual.',
    });
  });

  it('makes a freeze in force the headline, over a healthy policy state', () => {
    const verdict = entityVerdict({
      ...healthy,
      freeze: { reason: 'Payment provider migration' },
    });
    expect(verdict).toMatchObject({
      kind: 'freeze',
      severity: 'error',
      title: 'Release freeze in force',
    });
    expect(verdict.reason).toBe(
      'Releases are blocked at the deploy gate until the freeze is lifted.',
    );
  });

  it('puts the freeze before an exhausted policy state and an exhausted budget', () => {
    expect(
      entityVerdict({
        ...healthy,
        status: { state: 'exhausted', remaining: -0.1 },
        freeze: { reason: 'Budget exhausted' },
        objectives: [
          { title: 'Ledger availability', state: 'exhausted', alerts: [page] },
        ],
      }),
    ).toMatchObject({ kind: 'freeze', severity: 'error' });
  });

  it('lets a firing page alert overrule a healthy policy state', () => {
    expect(
      entityVerdict({
        ...healthy,
        objectives: [
          {
            title: 'Checkout API availability',
            state: 'critical',
            alerts: [page],
          },
          { title: 'Checkout API latency', state: 'healthy', alerts: [] },
        ],
      }),
    ).toEqual({
      kind: 'page',
      severity: 'error',
      title: 'Burning fast: page alert firing',
      reason: 'A page-tier burn-rate alert fires on Checkout API availability.',
    });
  });

  it('names exhausted budgets before alerts of the same severity', () => {
    expect(
      entityVerdict({
        ...healthy,
        objectives: [
          { title: 'A', state: 'critical', alerts: [page] },
          { title: 'B', state: 'exhausted', alerts: [] },
          { title: 'C', state: 'exhausted', alerts: [] },
          { title: 'D', state: 'exhausted', alerts: [] },
        ],
      }),
    ).toMatchObject({
      kind: 'exhausted',
      reason: 'No budget left on B, C and 1 more.',
    });
  });

  it('keeps an in-between policy state over a ticket alert (same severity, policy first)', () => {
    const atRisk = {
      ...healthy,
      status: { state: 'at-risk', consequences: 'Slow down.', remaining: 0.2 },
      objectives: [{ title: 'A', state: 'warning', alerts: [ticket] }],
    };
    expect(entityVerdict(atRisk)).toMatchObject({
      kind: 'policy',
      severity: 'warning',
    });
    expect(
      entityVerdict({ ...atRisk, status: { ...healthy.status } }),
    ).toMatchObject({ kind: 'ticket', severity: 'warning' });
  });

  it('has nothing to judge by without a policy state, saying why', () => {
    const nothing = entityVerdict({
      ...healthy,
      status: { state: null, remaining: null },
      objectives: [],
    });
    expect(nothing).toEqual({
      kind: 'nothing-to-judge',
      severity: 'pending',
      title: 'Nothing to judge by',
      reason: 'No SLOs define how it should behave yet.',
    });
  });

  it('judges a System without SLOs of its own by its components', () => {
    const system = {
      ...healthy,
      status: { state: null, remaining: null },
      objectives: [],
    };
    expect(
      entityVerdict({
        ...system,
        components: [
          { title: 'Payouts', sloState: 'healthy', frozen: false },
          { title: 'Ledger', sloState: 'exhausted', frozen: true },
        ],
      }),
    ).toEqual({
      kind: 'components',
      severity: 'error',
      title: 'Releases frozen for 1 component',
      reason: 'A release freeze is in force on Ledger.',
    });
    expect(
      entityVerdict({
        ...system,
        components: [
          { title: 'Payouts', sloState: 'healthy', frozen: false },
          { title: 'Fraud scoring', sloState: 'warning', frozen: false },
          { title: 'Docs', sloState: null, frozen: false },
        ],
      }),
    ).toMatchObject({
      severity: 'warning',
      title: '1 component at risk',
      reason: 'Fraud scoring: see the components below.',
    });
    // Components without SLOs or data judge nothing.
    expect(
      entityVerdict({
        ...system,
        components: [{ title: 'Docs', sloState: 'no-data', frozen: false }],
      }).kind,
    ).toBe('nothing-to-judge');
  });
});

describe('policyStateSeverity', () => {
  it('reads the severity from the state’s position', () => {
    expect(policyStateSeverity(policy, 'healthy')).toBe('ok');
    expect(policyStateSeverity(policy, 'at-risk')).toBe('warning');
    expect(policyStateSeverity(policy, 'exhausted')).toBe('error');
    expect(policyStateSeverity(policy, 'unknown')).toBe('warning');
    expect(policyStateSeverity(policy, null)).toBe('pending');
  });
});
