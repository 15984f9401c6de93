import type { DecisionRecord, PolicyStatusRecord } from '../store/PolicyStore';
import {
  countByDomain,
  followUpOf,
  monthlyTrend,
  pendingDecision,
  sortPending,
} from './decisionsView';

const DAY = 86_400_000;
const now = Date.parse('2026-12-04T12:00:00Z');

const status = (
  over: Partial<PolicyStatusRecord> = {},
): PolicyStatusRecord => ({
  entityRef: 'component:default/ledger',
  policyRef: 'errorbudgetpolicy:default/strict',
  source: 'system',
  sourceRef: 'system:default/payments',
  state: 'exhausted',
  remaining: -0.4,
  stateSince: now - 10 * DAY,
  outOfBudgetSince: now - 10 * DAY,
  windowMs: 7 * DAY,
  counted: 1,
  noData: 0,
  partial: 0,
  decidedBy: null,
  evaluatedAt: now,
  ...over,
});

const decision = (over: Partial<DecisionRecord> = {}): DecisionRecord => ({
  id: '1',
  entityRef: 'component:default/ledger',
  policyRef: 'errorbudgetpolicy:default/strict',
  decision: 'fund-reliability',
  reason: 'Two engineers for a quarter',
  link: null,
  acceptUntil: null,
  decidedBy: 'user:default/vp',
  decidedAt: now - DAY,
  budgetRemaining: -0.4,
  ...over,
});

const escalation = { afterWindows: 2, to: 'group:default/leadership' };

describe('pendingDecision', () => {
  it('is null while any budget is left', () => {
    expect(
      pendingDecision(status({ remaining: 0.01 }), escalation, undefined, now),
    ).toBeNull();
    expect(
      pendingDecision(status({ remaining: null }), escalation, undefined, now),
    ).toBeNull();
  });

  it('counts windows out of budget: due in the afterWindows-th, overdue after it', () => {
    // 10 days out of a 7-day window: the 2nd window has begun, due since day 7.
    const due = pendingDecision(status(), escalation, undefined, now)!;
    expect(due.reason).toBe('escalation-due');
    expect(due.windowsOutOfBudget).toBe(2);
    expect(due.escalation).toEqual({
      ...escalation,
      dueAt: new Date(now - 3 * DAY).toISOString(),
    });
    const overdue = pendingDecision(
      status({ outOfBudgetSince: now - 15 * DAY }),
      escalation,
      undefined,
      now,
    )!;
    expect(overdue.reason).toBe('escalation-overdue');
    const early = pendingDecision(
      status({ outOfBudgetSince: now - 2 * DAY }),
      escalation,
      undefined,
      now,
    )!;
    expect(early.reason).toBe('budget-exhausted');
    expect(early.escalation?.dueAt).toBe(new Date(now + 5 * DAY).toISOString());
  });

  it('is budget-exhausted, without a due date, when the policy escalates to no one', () => {
    const p = pendingDecision(status(), null, undefined, now)!;
    expect(p.reason).toBe('budget-exhausted');
    expect(p.escalation).toBeNull();
  });

  it('is answered by a decision of this out-of-budget period, not an earlier one', () => {
    expect(pendingDecision(status(), escalation, decision(), now)).toBeNull();
    const earlier = decision({ decidedAt: now - 20 * DAY });
    const p = pendingDecision(status(), escalation, earlier, now)!;
    expect(p.previousDecision).toEqual({
      decision: 'fund-reliability',
      decidedAt: new Date(now - 20 * DAY).toISOString(),
    });
  });

  it('is pending again once an accepted risk lapses', () => {
    const accepted = decision({
      decision: 'accept-risk',
      acceptUntil: now + DAY,
    });
    expect(pendingDecision(status(), escalation, accepted, now)).toBeNull();
    const lapsed = decision({ decision: 'accept-risk', acceptUntil: now - 1 });
    expect(pendingDecision(status(), escalation, lapsed, now)).not.toBeNull();
  });
});

describe('sortPending', () => {
  it('puts overdue before due before exhausted, the longest out of budget first', () => {
    const a = pendingDecision(
      status({ entityRef: 'a', outOfBudgetSince: now - DAY }),
      escalation,
      undefined,
      now,
    )!;
    const b = pendingDecision(
      status({ entityRef: 'b', outOfBudgetSince: now - 15 * DAY }),
      escalation,
      undefined,
      now,
    )!;
    const c = pendingDecision(
      status({ entityRef: 'c', outOfBudgetSince: now - 8 * DAY }),
      escalation,
      undefined,
      now,
    )!;
    const d = pendingDecision(
      status({ entityRef: 'd', outOfBudgetSince: now - 9 * DAY }),
      escalation,
      undefined,
      now,
    )!;
    expect(sortPending([a, b, c, d]).map(p => p.entityRef)).toEqual([
      'b',
      'd',
      'c',
      'a',
    ]);
  });
});

describe('followUpOf', () => {
  const refinement = (over: object = {}) => ({
    sloRef: 'slo:default/ledger-availability',
    title: 'Ledger availability',
    serviceRef: 'component:default/ledger',
    effectiveFrom: now - 2 * DAY,
    changes: [
      {
        kind: 'target' as const,
        objective: 'ok',
        before: 0.9999,
        after: 0.999,
        direction: 'loosened' as const,
      },
    ],
    ...over,
  });

  it("follows a loosen-slo decision with the service's first loosened target since 30 days before it", () => {
    const d = decision({ decision: 'loosen-slo' });
    expect(followUpOf(d, [refinement()], [], now)).toEqual({
      kind: 'refinement',
      status: 'done',
      refinement: {
        sloRef: 'slo:default/ledger-availability',
        title: 'Ledger availability',
        effectiveFrom: new Date(now - 2 * DAY).toISOString(),
        targets: [{ objective: 'ok', before: 0.9999, after: 0.999 }],
      },
    });
    // Another service's change, a tightening, or one long before do not count.
    const none = [
      refinement({ serviceRef: 'component:default/payouts' }),
      refinement({
        changes: [
          {
            kind: 'target',
            objective: 'ok',
            before: 0.999,
            after: 0.9999,
            direction: 'tightened',
          },
        ],
      }),
      refinement({ effectiveFrom: now - 60 * DAY }),
    ];
    expect(followUpOf(d, none, [], now)).toEqual({
      kind: 'refinement',
      status: 'missing',
    });
  });

  it('follows fund-reliability with the action items labelled funded on its postmortems', () => {
    const item = (over: object = {}) => ({
      postmortemId: '7',
      postmortemTitle: 'Ledger outage',
      entityRefs: ['component:default/ledger'],
      title: 'Shard the ledger',
      status: 'open' as const,
      ownerRef: 'group:default/team-pay',
      dueAt: now + 30 * DAY,
      labels: ['funded'],
      ...over,
    });
    const d = decision();
    expect(followUpOf(d, [], [item({ labels: [] })], now).status).toBe(
      'missing',
    );
    const open = followUpOf(
      d,
      [],
      [item(), item({ title: 'Add replicas', status: 'done' })],
      now,
    );
    expect(open.status).toBe('in-progress');
    expect(open.actionItems?.map(i => i.title)).toEqual([
      'Shard the ledger',
      'Add replicas',
    ]);
    expect(
      followUpOf(
        d,
        [],
        [item({ status: 'done' }), item({ status: 'wont-do' })],
        now,
      ).status,
    ).toBe('done');
    expect(
      followUpOf(
        d,
        [],
        [item({ entityRefs: ['component:default/payouts'] })],
        now,
      ).status,
    ).toBe('missing');
  });

  it('follows accept-risk with its date: active until then, expired after', () => {
    const until = now + DAY;
    expect(
      followUpOf(
        decision({ decision: 'accept-risk', acceptUntil: until }),
        [],
        [],
        now,
      ),
    ).toEqual({
      kind: 'acceptance',
      status: 'active',
      until: new Date(until).toISOString(),
    });
    expect(
      followUpOf(
        decision({ decision: 'accept-risk', acceptUntil: now - DAY }),
        [],
        [],
        now,
      ).status,
    ).toBe('expired');
  });
});

describe('countByDomain', () => {
  it('counts pending and taken per domain, most pending first, no domain last', () => {
    const commerce = 'domain:default/commerce';
    const data = 'domain:default/data';
    expect(
      countByDomain(
        [{ domainRef: null }, { domainRef: commerce }, { domainRef: commerce }],
        [{ domainRef: data }, { domainRef: null }, { domainRef: commerce }],
      ),
    ).toEqual([
      { domainRef: commerce, pending: 2, taken: 1 },
      { domainRef: data, pending: 0, taken: 1 },
      { domainRef: null, pending: 1, taken: 1 },
    ]);
  });
});

describe('monthlyTrend', () => {
  it('has every month up to this one, quiet ones as zeros, decisions by kind', () => {
    const trend = monthlyTrend(
      [
        {
          decision: 'loosen-slo',
          decidedAt: Date.parse('2026-12-01T00:00:00Z'),
        },
        {
          decision: 'fund-reliability',
          decidedAt: Date.parse('2026-10-31T23:59:59Z'),
        },
        {
          decision: 'fund-reliability',
          decidedAt: Date.parse('2026-10-02T00:00:00Z'),
        },
        // Before the period: not counted.
        {
          decision: 'accept-risk',
          decidedAt: Date.parse('2026-09-30T23:59:59Z'),
        },
      ],
      now,
      3,
    );
    expect(trend).toEqual([
      {
        month: '2026-10',
        'fund-reliability': 2,
        'loosen-slo': 0,
        'accept-risk': 0,
      },
      {
        month: '2026-11',
        'fund-reliability': 0,
        'loosen-slo': 0,
        'accept-risk': 0,
      },
      {
        month: '2026-12',
        'fund-reliability': 0,
        'loosen-slo': 1,
        'accept-risk': 0,
      },
    ]);
  });
});
