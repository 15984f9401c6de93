import {
  DEFAULT_TIME_BUDGET_SETTINGS,
  readTimeBudgetSettings,
} from './settings';

describe('readTimeBudgetSettings', () => {
  it('answers the defaults without a section', () => {
    expect(readTimeBudgetSettings(undefined)).toEqual({
      settings: DEFAULT_TIME_BUDGET_SETTINGS,
      problems: [],
    });
    expect(DEFAULT_TIME_BUDGET_SETTINGS.cap).toBe(0.5);
  });

  it('overrides what is given and keeps the other defaults', () => {
    const { settings, problems } = readTimeBudgetSettings({
      cap: 0.4,
      hoursPerPage: 0,
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      ...DEFAULT_TIME_BUDGET_SETTINGS,
      cap: 0.4,
      hoursPerPage: 0,
    });
  });

  it('names each bad key', () => {
    const { problems } = readTimeBudgetSettings({
      cap: 50,
      hoursPerTicket: -1,
      hoursPerIncidentHour: '2',
      hoursPerMemberPerMonth: 0,
      hoursPerPge: 1,
    });
    expect(problems).toEqual([
      'reliability.sreTime.hoursPerPge: unknown setting; known are cap, hoursPerPage, hoursPerIncidentHour, hoursPerTicket, hoursPerMemberPerMonth',
      'reliability.sreTime.cap: must be a share above 0 and at most 1 (0.5 is 50 %); got 50',
      'reliability.sreTime.hoursPerIncidentHour: must be a number; got "2"',
      'reliability.sreTime.hoursPerTicket: must be 0 or more; got -1',
      'reliability.sreTime.hoursPerMemberPerMonth: must be above 0; got 0',
    ]);
  });

  it('rejects a section that is not an object', () => {
    expect(readTimeBudgetSettings([1], 'x').problems).toEqual([
      'x: must be an object',
    ]);
  });
});
