import { MAX_SEARCH_TERMS, parseSloListQuery } from './parseSloListQuery';

describe('parseSloListQuery', () => {
  it('splits the search into words and makes references canonical', () => {
    expect(
      parseSloListQuery({
        q: '  checkout   API ',
        owner: 'group:default/Team-A',
        policy: 'errorbudgetpolicy:default/Strict',
        tier: 1,
        frozen: true,
      }),
    ).toEqual({
      terms: ['checkout', 'API'],
      ownerRef: 'group:default/team-a',
      systemRef: undefined,
      tier: 1,
      state: undefined,
      policyRef: 'errorbudgetpolicy:default/strict',
      frozen: true,
      limit: 50,
      offset: 0,
    });
  });

  it('names the field of a bad reference and bounds the search', () => {
    expect(() => parseSloListQuery({ system: 'ledger' })).toThrow(/^system: /);
    expect(() =>
      parseSloListQuery({
        q: Array(MAX_SEARCH_TERMS + 1)
          .fill('w')
          .join(' '),
      }),
    ).toThrow(
      `q: at most ${MAX_SEARCH_TERMS} words; got ${MAX_SEARCH_TERMS + 1}`,
    );
  });
});
