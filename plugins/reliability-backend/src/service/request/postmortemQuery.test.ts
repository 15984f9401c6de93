import {
  parsePostmortemListQuery,
  parsePostmortemScope,
} from './postmortemQuery';

describe('the postmortem queries', () => {
  it('reads the list filters, references canonical and times in epoch ms', () => {
    expect(
      parsePostmortemListQuery({
        q: 'ledger outage',
        team: 'group:default/Team-A',
        severity: 'SEV1',
        from: '2026-01-01T00:00:00Z',
        limit: 10,
      }),
    ).toEqual({
      filter: {
        q: 'ledger outage',
        team: 'group:default/team-a',
        entity: undefined,
        severity: 'SEV1',
        status: undefined,
        from: Date.UTC(2026, 0, 1),
        to: undefined,
      },
      page: { limit: 10, offset: 0 },
    });
    expect(parsePostmortemListQuery({}).page).toEqual({ limit: 25, offset: 0 });
  });

  it('names the field of a reference that is not full', () => {
    expect(() => parsePostmortemListQuery({ entity: 'ledger' })).toThrow(
      /^entity: /,
    );
  });

  it('takes one scope for the figures, or none', () => {
    expect(parsePostmortemScope({})).toEqual({
      entity: undefined,
      team: undefined,
    });
    expect(parsePostmortemScope({ team: 'group:default/sre' })).toEqual({
      entity: undefined,
      team: 'group:default/sre',
    });
    expect(() =>
      parsePostmortemScope({
        team: 'group:default/sre',
        entity: 'component:default/ledger',
      }),
    ).toThrow('entity, team: give one scope or none (the org)');
  });
});
