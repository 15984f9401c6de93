import { REVIEW_PLANS, remainingActions } from './reviewPlans';

const plan = (name: string) => REVIEW_PLANS.find(p => p.name === name)!;
const actions = (name: string, state: Parameters<typeof remainingActions>[1]) =>
  remainingActions(plan(name), state).map(a => a.action);

describe('remainingActions', () => {
  it('takes every action on a draft', () => {
    expect(actions('search-api', 'draft')).toEqual([
      'submit',
      'approve',
      'hand-back',
    ]);
    expect(actions('cart-web', 'draft')).toEqual([]);
  });

  it('resumes after the action that led to the current state', () => {
    expect(actions('search-api', 'submitted')).toEqual([
      'approve',
      'hand-back',
    ]);
    expect(actions('search-api', 'approved')).toEqual(['hand-back']);
    expect(actions('search-api', 'handed-back')).toEqual([]);
    expect(actions('checkout-api', 'approved')).toEqual([]);
  });
});
