import {
  compareSloUrgency,
  sloUrgency,
  sloUrgencyRank,
  SloUrgencyInput,
} from './urgency';

const page = [{ severity: 'page', firing: true }];
const ticket = [{ severity: 'ticket', firing: true }];

describe('sloUrgency', () => {
  it('names each urgency from the state, the alerts and the budget left', () => {
    expect(
      sloUrgency({ state: 'critical', remaining: 0.4, alerts: page }),
    ).toBe('paging');
    expect(sloUrgency({ state: 'exhausted', remaining: -3.3 })).toBe(
      'exhausted',
    );
    expect(
      sloUrgency({ state: 'warning', remaining: 0.6, alerts: ticket }),
    ).toBe('ticket');
    expect(sloUrgency({ state: 'healthy', remaining: 0.1 })).toBe('at-risk');
    expect(sloUrgency({ state: 'healthy', remaining: 0.25 })).toBe('healthy');
    expect(sloUrgency({ state: 'healthy', remaining: 0.9 })).toBe('healthy');
    expect(sloUrgency({ state: 'no-data', remaining: null })).toBe('no-data');
  });

  it('puts a page firing on an exhausted budget with the pages, not after them', () => {
    expect(
      sloUrgency({ state: 'exhausted', remaining: -1, alerts: page }),
    ).toBe('paging');
    // A page that stopped firing does not count.
    expect(
      sloUrgency({
        state: 'exhausted',
        remaining: -1,
        alerts: [{ severity: 'page', firing: false }],
      }),
    ).toBe('exhausted');
  });

  it('never calls an objective without data anything but no data', () => {
    expect(
      sloUrgency({ state: 'no-data', remaining: null, alerts: page }),
    ).toBe('no-data');
  });
});

describe('compareSloUrgency', () => {
  it('orders paging, exhausted, ticket, at risk, healthy, no data, then by budget left', () => {
    const items: Array<SloUrgencyInput & { id: string }> = [
      { id: 'no-data', state: 'no-data', remaining: null },
      { id: 'healthy-rich', state: 'healthy', remaining: 0.9 },
      { id: 'healthy', state: 'healthy', remaining: 0.5 },
      { id: 'at-risk', state: 'healthy', remaining: 0.05 },
      { id: 'ticket', state: 'warning', remaining: 0.7, alerts: ticket },
      { id: 'exhausted-deeper', state: 'exhausted', remaining: -3.3 },
      { id: 'exhausted', state: 'exhausted', remaining: -0.2 },
      { id: 'paging', state: 'critical', remaining: 0.8, alerts: page },
    ];
    expect([...items].sort(compareSloUrgency).map(i => i.id)).toEqual([
      'paging',
      'exhausted-deeper',
      'exhausted',
      'ticket',
      'at-risk',
      'healthy',
      'healthy-rich',
      'no-data',
    ]);
  });

  it('ranks from 0 for paging to 5 for no data', () => {
    expect(sloUrgencyRank({ state: 'critical', remaining: 1 })).toBe(0);
    expect(sloUrgencyRank({ state: 'no-data', remaining: null })).toBe(5);
  });
});
