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

  it('makes a freeze in force the headline over a healthy policy state: since when, by whom, what still ships', () => {
    const verdict = entityVerdict(
      {
        ...healthy,
        freeze: {
          reason: 'Payment provider migration',
          startedAt: '2026-11-20T09:00:00.000Z',
          startedBy: 'user:default/alice',
          automatic: false,
        },
        exceptionClasses: [
          { name: 'p0-fix', description: 'Fixes for a P0 incident' },
          {
            name: 'security',
            description: 'Security fixes',
            preApproved: true,
          },
        ],
      },
      {
        dateTime: () => '20 Nov 2026, 10:00 CET',
        actor: () => 'Alice Example',
      },
    );
    expect(verdict).toEqual({
      kind: 'freeze',
      severity: 'error',
      title:
        'Release freeze since 20 Nov 2026, 10:00 CET by Alice Example: only security fixes ship',
      reason:
        'Payment provider migration. Releases are blocked at the deploy gate until the freeze is lifted.',
    });
  });

  it('says an automatic freeze was enacted by the policy, and that nothing ships without an exception when no class is pre-approved', () => {
    expect(
      entityVerdict({
        ...healthy,
        freeze: { reason: 'Budget exhausted', automatic: true },
      }).title,
    ).toBe('Release freeze by the policy: nothing ships without an exception');
    expect(
      entityVerdict({
        ...healthy,
        freeze: { reason: 'Automatic: Exhausted (-288.7%)', automatic: true },
      }).reason,
    ).toBe(
      'The policy enacted it by itself when the budget ran out. Releases are blocked at the deploy gate until the freeze is lifted.',
    );
  });

  it('puts the freeze before an exhausted budget and an exhausted policy state, naming them under "also"', () => {
    const verdict = entityVerdict({
      ...healthy,
      status: {
        state: 'exhausted',
        consequences: 'Release freeze: only P0 and security fixes ship.',
        remaining: -0.3,
      },
      freeze: { reason: 'Budget exhausted', automatic: true },
      objectives: [
        {
          title: 'Ledger write availability',
          state: 'exhausted',
          remaining: -0.3,
          alerts: [],
        },
      ],
    });
    expect(verdict).toMatchObject({ kind: 'freeze', severity: 'error' });
    expect(verdict.also).toEqual([
      'Budget exhausted: Ledger write availability 1.3× over budget',
    ]);
  });

  it('lets a firing page alert overrule a healthy policy state, with its burn rate and when the budget is gone', () => {
    const now = Date.parse('2026-11-27T12:00:00.000Z');
    expect(
      entityVerdict({
        ...healthy,
        now,
        objectives: [
          {
            title: 'Checkout API availability',
            state: 'critical',
            alerts: [{ ...page, longWindow: '1h' }],
            burnRates: { '1h': 24.04, '6h': 3 },
            remaining: 0.05,
            forecastExhaustionAt: '2026-11-28T13:00:00.000Z',
          },
          { title: 'Checkout API latency', state: 'healthy', alerts: [] },
        ],
      }),
    ).toEqual({
      kind: 'page',
      severity: 'error',
      title:
        'Paging: Checkout API availability burning 24× — budget gone in ~1 day',
      reason:
        'A page-tier burn-rate alert fires on Checkout API availability: whoever is on call is paged now.',
    });
  });

  it('puts a page before a freeze (someone is paged now), naming the freeze under "also"', () => {
    const verdict = entityVerdict(
      {
        ...healthy,
        freeze: {
          reason: 'Migration',
          startedAt: '2026-11-20T09:00:00.000Z',
          startedBy: 'user:default/alice',
        },
        objectives: [
          {
            title: 'Ledger availability',
            state: 'exhausted',
            remaining: -0.5,
            alerts: [{ ...page, longWindow: '1h' }],
            burnRates: { '1h': 16 },
          },
        ],
      },
      { dateTime: () => 'T', actor: () => 'Alice' },
    );
    expect(verdict.kind).toBe('page');
    expect(verdict.title).toBe(
      'Paging: Ledger availability burning 16× — budget already gone',
    );
    expect(verdict.also).toEqual([
      'Release freeze since T by Alice: nothing ships without an exception',
      'Budget exhausted: Ledger availability 1.5× over budget',
    ]);
  });

  it('names no ticket beside the page of the same objective', () => {
    expect(
      entityVerdict({
        ...healthy,
        objectives: [
          {
            title: 'A',
            state: 'critical',
            alerts: [page, ticket],
          },
        ],
      }),
    ).not.toHaveProperty('also');
  });

  it('leads with the fastest-burning of several paging objectives', () => {
    expect(
      entityVerdict({
        ...healthy,
        objectives: [
          {
            title: 'A',
            state: 'critical',
            alerts: [{ ...page, longWindow: '1h' }],
            burnRates: { '1h': 15 },
          },
          {
            title: 'B',
            state: 'critical',
            alerts: [{ ...page, longWindow: '1h' }],
            burnRates: { '1h': 30 },
          },
        ],
      }),
    ).toMatchObject({
      title: 'Paging: B burning 30×',
      reason:
        'A page-tier burn-rate alert fires on B and A: whoever is on call is paged now.',
    });
  });

  it('names an exhausted budget before an exhausted policy state, and counts the others', () => {
    expect(
      entityVerdict({
        ...healthy,
        status: { state: 'exhausted', consequences: 'Freeze.', remaining: -1 },
        objectives: [
          { title: 'B', state: 'exhausted', remaining: -1, alerts: [] },
          { title: 'C', state: 'exhausted', alerts: [] },
          { title: 'D', state: 'exhausted', alerts: [] },
        ],
      }),
    ).toMatchObject({
      kind: 'exhausted',
      title: 'Budget exhausted: B 2× over budget and 2 more',
      reason: 'No budget left on B, C and 1 more.',
    });
  });

  it('puts a firing ticket alert before an in-between policy state (it names the cause); the state with its consequences otherwise', () => {
    const atRisk = {
      ...healthy,
      now: Date.parse('2026-11-27T12:00:00.000Z'),
      status: {
        state: 'at-risk',
        consequences: 'Reliability work comes first.',
        remaining: 0.2,
      },
      objectives: [
        {
          title: 'Search latency',
          state: 'warning',
          alerts: [{ ...ticket, longWindow: '1d' }],
          burnRates: { '1d': 3.14159 },
          remaining: 0.2,
          forecastExhaustionAt: '2026-12-02T12:00:00.000Z',
        },
      ],
    };
    expect(entityVerdict(atRisk)).toMatchObject({
      kind: 'ticket',
      severity: 'warning',
      title: 'Ticket: Search latency burning 3.14× — budget gone in ~5 days',
    });
    expect(
      entityVerdict({
        ...atRisk,
        objectives: [{ title: 'Search latency', state: 'healthy', alerts: [] }],
      }),
    ).toMatchObject({
      kind: 'policy',
      severity: 'warning',
      title: 'At risk: Reliability work comes first',
      reason: 'Reliability work comes first.',
    });
  });

  it('never reads healthy from partial data, but keeps a freeze on partial data', () => {
    expect(
      entityVerdict({
        ...healthy,
        status: { ...healthy.status, partial: 1 },
      }).title,
    ).toBe('Collecting data');
    expect(
      entityVerdict({
        ...healthy,
        status: { ...healthy.status, partial: 1 },
        freeze: { reason: 'Manual', automatic: true },
      }).kind,
    ).toBe('freeze');
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
