import { parseAuditFilter } from './parseAuditFilter';

describe('parseAuditFilter', () => {
  it('makes the owner and system canonical and keeps the other filters', () => {
    expect(
      parseAuditFilter({
        owner: 'Group:default/Team-A',
        system: 'system:default/Ledger',
        tier: 1,
        severity: 'high',
      }),
    ).toEqual({
      owner: 'group:default/team-a',
      system: 'system:default/ledger',
      tier: 1,
      severity: 'high',
    });
    expect(parseAuditFilter({})).toEqual({
      owner: undefined,
      system: undefined,
    });
  });

  it('names the field of a reference that is not full', () => {
    expect(() => parseAuditFilter({ system: 'ledger' })).toThrow(/^system: /);
  });
});
