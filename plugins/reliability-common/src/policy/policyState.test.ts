import { BUILT_IN_DEFAULT_POLICY } from './defaultPolicy';
import {
  computePolicyState,
  PolicyObjectiveInput,
  policyCounts,
  stateForRemaining,
  windowsOutOfBudget,
} from './policyState';
import { ErrorBudgetPolicySpec } from './types';

const DAY = 86_400_000;

/** Four states, counting only SLOs tagged `payments` or `customer-facing`. */
const STRICT: ErrorBudgetPolicySpec = {
  owner: 'group:default/team-payments',
  slos: { tags: ['payments', 'customer-facing'] },
  states: [
    { name: 'healthy', remainingAbove: 0.5, consequences: 'Release.' },
    { name: 'watch', remainingAbove: 0.2, consequences: 'Watch.' },
    { name: 'at-risk', remainingAbove: 0, consequences: 'Careful.' },
    { name: 'exhausted', consequences: 'Freeze.', freeze: true },
  ],
};

function objective(
  name: string,
  remaining: number | null,
  options: {
    tags?: string[];
    windowMs?: number;
    sloRef?: string;
    partial?: boolean;
  } = {},
): PolicyObjectiveInput {
  return {
    sloRef: options.sloRef ?? `slo:default/${name}`,
    objective: name,
    tags: options.tags ?? [],
    remaining,
    ...(options.partial ? { partial: true } : {}),
    windowMs: options.windowMs ?? 28 * DAY,
  };
}

describe('stateForRemaining', () => {
  const name = (spec: Pick<ErrorBudgetPolicySpec, 'states'>, r: number) =>
    stateForRemaining(spec, r).name;

  it('maps the built-in default policy at and around each threshold', () => {
    const p = BUILT_IN_DEFAULT_POLICY;
    expect(name(p, 1)).toBe('healthy');
    expect(name(p, 0.26)).toBe('healthy');
    expect(name(p, 0.25000001)).toBe('healthy');
    // Exactly at a threshold the state no longer holds: the next one applies.
    expect(name(p, 0.25)).toBe('at-risk');
    expect(name(p, 0.24)).toBe('at-risk');
    expect(name(p, 0.0001)).toBe('at-risk');
    expect(name(p, 0)).toBe('exhausted');
    expect(name(p, -0.0001)).toBe('exhausted');
  });

  it('puts budgets above 1 in the first state and negative budgets in the last', () => {
    expect(name(BUILT_IN_DEFAULT_POLICY, 1.5)).toBe('healthy');
    expect(name(BUILT_IN_DEFAULT_POLICY, -3)).toBe('exhausted');
    expect(name(STRICT, 42)).toBe('healthy');
    expect(name(STRICT, -0.5)).toBe('exhausted');
    expect(stateForRemaining(STRICT, -0.5).freeze).toBe(true);
  });

  it('maps a custom policy at and around each threshold', () => {
    expect(name(STRICT, 0.51)).toBe('healthy');
    expect(name(STRICT, 0.5)).toBe('watch');
    expect(name(STRICT, 0.49)).toBe('watch');
    expect(name(STRICT, 0.21)).toBe('watch');
    expect(name(STRICT, 0.2)).toBe('at-risk');
    expect(name(STRICT, 0.19)).toBe('at-risk');
    expect(name(STRICT, 0.01)).toBe('at-risk');
    expect(name(STRICT, 0)).toBe('exhausted');
  });

  it('returns the state object itself', () => {
    expect(stateForRemaining(BUILT_IN_DEFAULT_POLICY, 0.1)).toBe(
      BUILT_IN_DEFAULT_POLICY.states[1],
    );
  });
});

describe('policyCounts', () => {
  it('counts every objective when the policy selects no tags', () => {
    expect(policyCounts(BUILT_IN_DEFAULT_POLICY, [])).toBe(true);
    expect(policyCounts(BUILT_IN_DEFAULT_POLICY, ['anything'])).toBe(true);
    expect(policyCounts({ slos: {} }, [])).toBe(true);
    expect(policyCounts({ slos: { tags: [] } }, ['x'])).toBe(true);
  });

  it('counts an objective carrying any one of the selected tags', () => {
    expect(policyCounts(STRICT, ['payments'])).toBe(true);
    expect(policyCounts(STRICT, ['internal', 'customer-facing'])).toBe(true);
    expect(policyCounts(STRICT, ['payments', 'customer-facing'])).toBe(true);
  });

  it('ignores objectives without a selected tag, including untagged ones', () => {
    expect(policyCounts(STRICT, [])).toBe(false);
    expect(policyCounts(STRICT, ['internal'])).toBe(false);
    expect(policyCounts(STRICT, ['Payments'])).toBe(false);
  });
});

describe('computePolicyState', () => {
  it('lets the worst objective decide by default', () => {
    const result = computePolicyState(BUILT_IN_DEFAULT_POLICY, [
      objective('a', 0.9),
      objective('b', 0.1, { sloRef: 'slo:default/b-slo' }),
      objective('c', 0.5),
    ]);
    expect(result).toEqual({
      state: 'at-risk',
      remaining: 0.1,
      counted: 3,
      noData: 0,
      partial: 0,
      decidedBy: { sloRef: 'slo:default/b-slo', objective: 'b' },
      windowMs: 28 * DAY,
    });
  });

  it('uses the worst also when combine is worst explicitly, with negative budgets', () => {
    const result = computePolicyState({ ...STRICT, combine: 'worst' }, [
      objective('a', 0.9, { tags: ['payments'] }),
      objective('b', -0.4, { tags: ['payments'] }),
    ]);
    expect(result.state).toBe('exhausted');
    expect(result.remaining).toBe(-0.4);
    expect(result.decidedBy).toEqual({
      sloRef: 'slo:default/b',
      objective: 'b',
    });
  });

  it('averages the budgets with combine mean, still naming the worst objective', () => {
    const result = computePolicyState(
      { ...BUILT_IN_DEFAULT_POLICY, combine: 'mean' },
      [objective('a', 0.9), objective('b', 0.1), objective('c', 0.5)],
    );
    expect(result.remaining).toBeCloseTo(0.5, 10);
    expect(result.state).toBe('healthy');
    expect(result.decidedBy).toEqual({
      sloRef: 'slo:default/b',
      objective: 'b',
    });
  });

  it('averages only the objectives with data', () => {
    const result = computePolicyState({ ...STRICT, combine: 'mean' }, [
      objective('a', 0.6, { tags: ['payments'] }),
      objective('b', null, { tags: ['payments'] }),
      objective('c', -0.2, { tags: ['payments'] }),
    ]);
    expect(result.remaining).toBeCloseTo(0.2, 10);
    expect(result.counted).toBe(3);
    expect(result.noData).toBe(1);
    expect(result.decidedBy?.objective).toBe('c');
  });

  it('counts objectives without data but lets only those with data decide', () => {
    const result = computePolicyState(BUILT_IN_DEFAULT_POLICY, [
      objective('a', null),
      objective('b', 0.8),
      objective('c', Number.NaN),
    ]);
    expect(result).toEqual({
      state: 'healthy',
      remaining: 0.8,
      counted: 3,
      noData: 2,
      partial: 0,
      decidedBy: { sloRef: 'slo:default/b', objective: 'b' },
      windowMs: 28 * DAY,
    });
  });

  it('counts the objectives whose window is only partly covered by data so far', () => {
    const result = computePolicyState(STRICT, [
      objective('pay', 1, { tags: ['payments'], partial: true }),
      objective('web', 0.9, { tags: ['payments'] }),
      objective('gone', null, { tags: ['payments'], partial: true }),
      objective('untagged', 1, { partial: true }),
    ]);
    expect(result).toMatchObject({
      state: 'healthy',
      counted: 3,
      noData: 1,
      partial: 1,
    });
  });

  it('has no state when no counted objective has data', () => {
    expect(
      computePolicyState(BUILT_IN_DEFAULT_POLICY, [
        objective('a', null, { windowMs: 7 * DAY }),
        objective('b', null, { windowMs: 30 * DAY }),
      ]),
    ).toEqual({
      state: null,
      remaining: null,
      counted: 2,
      noData: 2,
      partial: 0,
      decidedBy: null,
      windowMs: 30 * DAY,
    });
  });

  it('has no state and no window without objectives', () => {
    expect(computePolicyState(BUILT_IN_DEFAULT_POLICY, [])).toEqual({
      state: null,
      remaining: null,
      counted: 0,
      noData: 0,
      partial: 0,
      decidedBy: null,
      windowMs: null,
    });
  });

  it('ignores objectives without a selected tag when the policy selects tags', () => {
    const result = computePolicyState(STRICT, [
      objective('untagged', -1),
      objective('internal', -0.5, { tags: ['internal'], windowMs: 90 * DAY }),
      objective('pay', 0.3, { tags: ['payments'], windowMs: 7 * DAY }),
      objective('web', null, { tags: ['customer-facing'], windowMs: 14 * DAY }),
    ]);
    expect(result).toEqual({
      state: 'watch',
      remaining: 0.3,
      counted: 2,
      noData: 1,
      partial: 0,
      decidedBy: { sloRef: 'slo:default/pay', objective: 'pay' },
      // The longest window among the counted objectives only (not the ignored 90 days).
      windowMs: 14 * DAY,
    });
  });

  it('has no state when every objective is ignored by the policy', () => {
    expect(
      computePolicyState(STRICT, [objective('untagged', -1)]),
    ).toMatchObject({ state: null, counted: 0, noData: 0, windowMs: null });
  });

  it('reports the longest window among counted objectives, with or without data', () => {
    const result = computePolicyState(BUILT_IN_DEFAULT_POLICY, [
      objective('a', 0.9, { windowMs: 7 * DAY }),
      objective('b', null, { windowMs: 30 * DAY }),
      objective('c', 0.4, { windowMs: 28 * DAY }),
    ]);
    expect(result.windowMs).toBe(30 * DAY);
    expect(result.state).toBe('healthy');
    expect(result.decidedBy?.objective).toBe('c');
  });

  it('falls to the next state at a threshold exactly', () => {
    expect(
      computePolicyState(BUILT_IN_DEFAULT_POLICY, [objective('a', 0.25)]).state,
    ).toBe('at-risk');
    expect(
      computePolicyState(BUILT_IN_DEFAULT_POLICY, [objective('a', 0)]).state,
    ).toBe('exhausted');
  });
});

describe('windowsOutOfBudget', () => {
  const since = 1_700_000_000_000;
  const window = 28 * DAY;

  it('is 0 while the budget has not run out', () => {
    expect(windowsOutOfBudget(null, since, window)).toBe(0);
  });

  it('counts the window the budget ran out in as the first', () => {
    expect(windowsOutOfBudget(since, since, window)).toBe(1);
    expect(windowsOutOfBudget(since, since + 1, window)).toBe(1);
    expect(windowsOutOfBudget(since, since + window - 1, window)).toBe(1);
  });

  it('adds one for each further full window', () => {
    expect(windowsOutOfBudget(since, since + window, window)).toBe(2);
    expect(windowsOutOfBudget(since, since + 2 * window - 1, window)).toBe(2);
    expect(windowsOutOfBudget(since, since + 2 * window, window)).toBe(3);
  });

  it('is 0 when now is before the budget ran out (clock skew)', () => {
    expect(windowsOutOfBudget(since, since - 1, window)).toBe(0);
  });

  it('is 0 without a window', () => {
    expect(windowsOutOfBudget(since, since + window, null)).toBe(0);
    expect(windowsOutOfBudget(since, since + window, 0)).toBe(0);
  });
});
