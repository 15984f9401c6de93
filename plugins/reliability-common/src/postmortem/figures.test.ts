import {
  incidentFigures,
  incidentTimeProblems,
  isOverdue,
  monthlyFigures,
} from './figures';

const MIN = 60_000;
const t = (iso: string) => Date.parse(iso);

describe('incident figures', () => {
  it('measures detect, mitigate and resolve from the start', () => {
    const start = t('2026-11-20T10:00:00Z');
    expect(
      incidentFigures({
        startedAt: start,
        detectedAt: start + 4 * MIN,
        mitigatedAt: start + 30 * MIN,
        resolvedAt: start + 120 * MIN,
      }),
    ).toEqual({
      timeToDetectMs: 4 * MIN,
      timeToMitigateMs: 30 * MIN,
      timeToResolveMs: 120 * MIN,
    });
  });

  it('leaves a figure null when its time is missing, never guessing', () => {
    const start = t('2026-11-20T10:00:00Z');
    expect(
      incidentFigures({ startedAt: start, resolvedAt: start + 60 * MIN }),
    ).toEqual({
      timeToDetectMs: null,
      timeToMitigateMs: null,
      timeToResolveMs: 60 * MIN,
    });
  });

  it('names each time out of order', () => {
    const start = t('2026-11-20T10:00:00Z');
    expect(
      incidentTimeProblems({
        startedAt: start,
        detectedAt: start - MIN,
        mitigatedAt: start + 10 * MIN,
        resolvedAt: start + 5 * MIN,
      }),
    ).toEqual([
      'detectedAt: 2026-11-20T09:59:00.000Z is before startedAt (2026-11-20T10:00:00.000Z)',
      'resolvedAt: 2026-11-20T10:05:00.000Z is before mitigatedAt (2026-11-20T10:10:00.000Z)',
    ]);
    // A missing middle time compares with the last known one.
    expect(
      incidentTimeProblems({ startedAt: start, resolvedAt: start + MIN }),
    ).toEqual([]);
  });
});

describe('monthly MTTD and MTTR', () => {
  it('groups by the UTC month the incident started, across a month boundary', () => {
    const figures = monthlyFigures([
      {
        startedAt: t('2026-10-31T23:30:00Z'),
        detectedAt: t('2026-10-31T23:40:00Z'),
        resolvedAt: t('2026-11-01T01:30:00Z'),
      },
      {
        startedAt: t('2026-11-02T10:00:00Z'),
        detectedAt: t('2026-11-02T10:20:00Z'),
        resolvedAt: t('2026-11-02T11:00:00Z'),
      },
      {
        startedAt: t('2026-11-05T10:00:00Z'),
        detectedAt: t('2026-11-05T10:40:00Z'),
      },
    ]);
    expect(figures).toEqual([
      {
        month: '2026-10',
        incidents: 1,
        mttdMs: 10 * MIN,
        detectedCount: 1,
        mttrMs: 120 * MIN,
        resolvedCount: 1,
      },
      {
        month: '2026-11',
        incidents: 2,
        mttdMs: 30 * MIN,
        detectedCount: 2,
        mttrMs: 60 * MIN,
        resolvedCount: 1,
      },
    ]);
  });

  it('has no months without incidents', () => {
    expect(monthlyFigures([])).toEqual([]);
  });
});

describe('overdue action items', () => {
  const now = t('2026-11-27T12:00:00Z');
  it.each([
    [{ status: 'open', dueAt: now - 1 }, true],
    [{ status: 'in-progress', dueAt: now - 1 }, true],
    [{ status: 'done', dueAt: now - 1 }, false],
    [{ status: 'wont-do', dueAt: now - 1 }, false],
    [{ status: 'open', dueAt: now + 1 }, false],
    [{ status: 'open', dueAt: null }, false],
  ] as const)('%j → %s', (item, overdue) => {
    expect(isOverdue(item, now)).toBe(overdue);
  });
});
