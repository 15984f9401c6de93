import { DEFAULT_TIME_BUDGET_SETTINGS } from './settings';
import {
  MonthTimeBudget,
  latestCompleteMonth,
  monthTimeBudget,
  monthlyLoads,
  operationalHours,
  teamHours,
  timeBudgetTrend,
  utcMonths,
} from './timeBudget';

const utc = (iso: string) => Date.parse(iso);
const NOW = utc('2026-11-16T00:00:00Z');
const settings = DEFAULT_TIME_BUDGET_SETTINGS;

describe('utcMonths', () => {
  it('lists the months up to the current one, oldest first, across a year', () => {
    const months = utcMonths(utc('2026-02-10T12:00:00Z'), 3);
    expect(months.map(m => m.month)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(months[0].start).toBe(utc('2025-12-01T00:00:00Z'));
    expect(months[2].end).toBe(utc('2026-03-01T00:00:00Z'));
  });
});

describe('monthlyLoads', () => {
  const months = utcMonths(NOW, 2); // October, November (partial)

  it('counts pages and tickets by the month they fired, ignoring the future', () => {
    const [oct, nov] = monthlyLoads(
      {
        pages: [
          utc('2026-10-01T00:00:00Z'),
          utc('2026-10-31T23:59:59Z'),
          utc('2026-11-01T00:00:00Z'),
          utc('2026-11-20T00:00:00Z'), // after now
          utc('2026-09-30T23:59:59Z'), // before the range
        ],
        tickets: [utc('2026-11-02T00:00:00Z')],
        incidents: [],
        items: [],
      },
      months,
      NOW,
    );
    expect([oct.pages, nov.pages]).toEqual([2, 1]);
    expect([oct.tickets, nov.tickets]).toEqual([0, 1]);
  });

  it('splits an incident across the months it lasted and counts it where it started', () => {
    const [oct, nov] = monthlyLoads(
      {
        pages: [],
        tickets: [],
        incidents: [
          {
            startedAt: utc('2026-10-31T22:00:00Z'),
            endedAt: utc('2026-11-01T03:00:00Z'),
          },
          // Still going on: counts up to now only.
          {
            startedAt: utc('2026-11-15T20:00:00Z'),
            endedAt: utc('2026-11-17T00:00:00Z'),
          },
        ],
        items: [],
      },
      months,
      NOW,
    );
    expect(oct.incidents).toBe(1);
    expect(oct.incidentHours).toBe(2);
    expect(nov.incidents).toBe(1);
    expect(nov.incidentHours).toBe(3 + 4);
  });

  it('counts items open at each month end and items done in the month', () => {
    const [oct, nov] = monthlyLoads(
      {
        pages: [],
        tickets: [],
        incidents: [],
        items: [
          // Open through October, done in November (toil reduction).
          {
            openedAt: utc('2026-10-05T00:00:00Z'),
            closedAt: utc('2026-11-03T00:00:00Z'),
            done: true,
            labels: ['toil-reduction', 'automation'],
          },
          // Still open.
          {
            openedAt: utc('2026-10-20T00:00:00Z'),
            closedAt: null,
            done: false,
            labels: [],
          },
          // Opened and done in October.
          {
            openedAt: utc('2026-10-02T00:00:00Z'),
            closedAt: utc('2026-10-09T00:00:00Z'),
            done: true,
            labels: ['reliability'],
          },
          // Dropped in October (wont-do): no longer open, but no work done.
          {
            openedAt: utc('2026-10-02T00:00:00Z'),
            closedAt: utc('2026-10-10T00:00:00Z'),
            done: false,
            labels: ['toil-reduction'],
          },
        ],
      },
      months,
      NOW,
    );
    expect(oct).toMatchObject({
      openItems: 2,
      closedItems: 1,
      closedToilReductionItems: 0,
    });
    expect(nov).toMatchObject({
      openItems: 1,
      closedItems: 1,
      closedToilReductionItems: 1,
    });
  });
});

describe('operationalHours and teamHours', () => {
  it('weighs pages, incident hours and tickets by their settings', () => {
    expect(
      operationalHours(
        { pages: 3, incidentHours: 10, tickets: 5 },
        {
          ...settings,
          hoursPerPage: 2,
          hoursPerIncidentHour: 3,
          hoursPerTicket: 1,
        },
      ),
    ).toBe(3 * 2 + 10 * 3 + 5 * 1);
  });

  it('gives members × hours per member, prorated, and null without members', () => {
    expect(teamHours(4, { ...settings, hoursPerMemberPerMonth: 140 })).toBe(
      560,
    );
    expect(
      teamHours(4, { ...settings, hoursPerMemberPerMonth: 140 }, 0.5),
    ).toBe(280);
    expect(teamHours(0, settings)).toBeNull();
    expect(teamHours(null, settings)).toBeNull();
  });
});

const load = (month: string, incidentHours: number) => ({
  month,
  pages: 0,
  tickets: 0,
  incidents: 1,
  incidentHours,
  openItems: 0,
  closedItems: 0,
  closedToilReductionItems: 0,
});

describe('monthTimeBudget', () => {
  const [oct, nov] = utcMonths(NOW, 2);

  it('flags a complete month over the cap', () => {
    // 2 members × 140 h = 280 h; 50 incident hours × 3 = 150 h = 53.6 % > 50 %.
    const m = monthTimeBudget(load('2026-10', 50), oct, NOW, 2, settings);
    expect(m.partial).toBe(false);
    expect(m.teamHours).toBe(280);
    expect(m.operationalHours).toBe(150);
    expect(m.share).toBeCloseTo(150 / 280, 10);
    expect(m.overCap).toBe(true);
  });

  it('is not over the cap exactly at it', () => {
    const m = monthTimeBudget(load('2026-10', 140 / 3), oct, NOW, 2, settings);
    expect(m.share).toBeCloseTo(0.5, 10);
    expect(
      monthTimeBudget(load('2026-10', 40), oct, NOW, 2, settings).overCap,
    ).toBe(false);
  });

  it('prorates the current month to the part elapsed', () => {
    // 15 of 30 days of November elapsed: 140 of 280 team hours.
    const m = monthTimeBudget(load('2026-11', 30), nov, NOW, 2, settings);
    expect(m.partial).toBe(true);
    expect(m.teamHours).toBeCloseTo(140, 10);
    expect(m.share).toBeCloseTo(90 / 140, 10);
    expect(m.overCap).toBe(true);
  });

  it('has no share and is never over the cap without members', () => {
    const m = monthTimeBudget(load('2026-10', 500), oct, NOW, null, settings);
    expect(m.share).toBeNull();
    expect(m.overCap).toBe(false);
  });
});

const withShares = (shares: Array<number | null>, partialLast = true) =>
  shares.map(
    (share, i) =>
      ({
        ...load(`2026-0${i + 1}`, 0),
        share,
        partial: partialLast && i === shares.length - 1,
        overCap: false,
        operationalHours: 0,
        teamHours: 1,
      } as MonthTimeBudget),
  );

describe('timeBudgetTrend', () => {
  it('rises with the share, ignoring the partial month', () => {
    const trend = timeBudgetTrend(withShares([0.2, 0.3, 0.4, 0.5, 0.0]));
    expect(trend.direction).toBe('rising');
    expect(trend.perMonth).toBeCloseTo(0.1, 10);
  });

  it('falls, stays steady, or is unknown with too few points', () => {
    expect(timeBudgetTrend(withShares([0.6, 0.4, 0.2], false)).direction).toBe(
      'falling',
    );
    expect(
      timeBudgetTrend(withShares([0.3, 0.31, 0.3, 0.31], false)).direction,
    ).toBe('steady');
    expect(timeBudgetTrend(withShares([null, 0.3, 0.9])).direction).toBeNull();
  });
});

describe('latestCompleteMonth', () => {
  it('skips the partial month', () => {
    const months = withShares([0.1, 0.2, 0.9]);
    expect(latestCompleteMonth(months)?.share).toBe(0.2);
    expect(latestCompleteMonth(withShares([0.9]))).toBeNull();
  });
});
