import {
  objectiveStatus,
  burnEpisode,
  entityPolicy,
  entityPostmortems,
  freeze,
  readiness,
  review,
} from '../../__testUtils__/fixtures';
import { nextActions } from './nextActions';

describe('nextActions', () => {
  it("lists the policy's required actions, each with the section where it is done", () => {
    const actions = nextActions({
      policy: entityPolicy({
        status: {
          ...entityPolicy().status,
          requiredActions: [
            'Review the burn-rate alerts',
            'Write postmortems for the incidents that consumed the budget',
            'Work only on reliability until the budget recovers',
          ],
        },
      }),
    });
    expect(actions.map(a => [a.text, a.section])).toEqual([
      ['Review the burn-rate alerts', 'slos'],
      [
        'Write postmortems for the incidents that consumed the budget',
        'postmortems',
      ],
      ['Work only on reliability until the budget recovers', 'policy'],
    ]);
  });

  it('names each burn episode that needs a postmortem, opening the write dialog, instead of the generic required action', () => {
    const actions = nextActions({
      policy: entityPolicy({
        status: {
          ...entityPolicy().status,
          requiredActions: ['Write postmortems for the incidents'],
        },
      }),
      postmortems: entityPostmortems({
        needsPostmortem: [
          burnEpisode({ sloTitle: 'Ledger write availability' }),
        ],
      }),
      formatDate: () => 'Nov 24, 14:00 CET',
    });
    expect(actions).toEqual([
      expect.objectContaining({
        text: 'Write a postmortem: Ledger write availability burn since Nov 24, 14:00 CET',
        section: 'postmortems',
        query: 'write=1',
      }),
    ]);
  });

  it('says how many items to fix when the review asks for changes, linking to Readiness', () => {
    const actions = nextActions({
      readiness: readiness({
        review: review({ state: 'changes-requested' }),
      }),
    });
    // The fixture fails one required check and misses one required attestation.
    expect(actions).toEqual([
      expect.objectContaining({
        text: 'Readiness review: changes requested — 2 items to fix',
        section: 'readiness',
      }),
    ]);
    expect(
      nextActions({ readiness: readiness({ canSubmit: true }) })[0].text,
    ).toBe(
      'Readiness review: every required item passes — submit it for review',
    );
  });

  it('asks nothing of an approved review whose items all pass', () => {
    const passing = readiness({
      review: review({ state: 'approved' }),
      sections: [
        {
          id: 'ops',
          title: 'Operations',
          items: readiness().sections[0].items.map(i => ({
            ...i,
            state: 'passing' as const,
          })),
        },
      ],
    });
    expect(nextActions({ readiness: passing })).toEqual([]);
  });

  it('puts a recommended freeze nobody enacted and a due leadership decision first', () => {
    const actions = nextActions({
      policy: entityPolicy({
        status: { ...entityPolicy().status, freezeRecommended: true },
        escalation: {
          windowsOutOfBudget: 3,
          afterWindows: 2,
          to: 'group:default/leadership',
          due: true,
        },
      }),
      canEnact: true,
    });
    expect(actions.map(a => a.key)).toEqual([
      'freeze',
      'escalation',
      'required:Review the burn-rate alerts',
    ]);
    expect(actions[0].text).toBe(
      'The policy recommends a release freeze: enact it, or grant exceptions',
    );
    expect(actions[1].text).toBe(
      'Leadership decision due: out of budget for 3 windows',
    );
    // Once the freeze is in force, it is no action any more.
    expect(
      nextActions({
        policy: entityPolicy({
          status: { ...entityPolicy().status, freezeRecommended: true },
          freeze: freeze(),
        }),
      }).map(a => a.key),
    ).not.toContain('freeze');
  });

  it('puts a firing page alert first, then a ticket, each to the SLOs section', () => {
    const firing = (severity: 'page' | 'ticket') =>
      objectiveStatus({
        alerts: [
          {
            severity,
            longWindow: '1h',
            shortWindow: '5m',
            factor: 14.4,
            firing: true,
          },
        ],
      });
    const actions = nextActions({
      policy: entityPolicy(),
      summary: {
        entityRef: 'component:default/checkout-api',
        slos: [
          {
            sloRef: 'slo:default/latency',
            name: 'latency',
            title: 'Checkout latency',
            objectives: [firing('ticket')],
          },
          {
            sloRef: 'slo:default/availability',
            name: 'availability',
            title: 'Checkout availability',
            objectives: [
              {
                ...firing('page'),
                // Its ticket fires too: no second action for it.
                alerts: [...firing('page').alerts, ...firing('ticket').alerts],
              },
              objectiveStatus({ name: 'other' }),
            ],
          },
        ],
      },
    });
    expect(actions.map(a => [a.text, a.section])).toEqual([
      [
        'Stop the fast burn of Checkout availability — requests-succeed: its page alert fires',
        'slos',
      ],
      [
        'Fix the slow burn of Checkout latency within days: its ticket alert fires',
        'slos',
      ],
      ['Review the burn-rate alerts', 'slos'],
    ]);
  });
});
