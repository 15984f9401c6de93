import { incidentPostmortems, timeBudgetRecords } from './postmortemRecords';

describe('timeBudgetRecords', () => {
  it('two incidents in each of the five months before this one, latest first', () => {
    const records = timeBudgetRecords(Date.UTC(2026, 11, 5, 10, 49));
    expect(
      records.map(r => [
        r.externalId,
        r.severity,
        r.startedAt,
        r.resolvedAt,
        r.actionItems?.map(a => a.status),
      ]),
    ).toEqual([
      [
        'DEMO-SRE-TIME-2026-11-1',
        'sev1',
        '2026-11-04T09:00:00.000Z',
        '2026-11-05T07:24:00.000Z',
        ['open', 'in-progress'],
      ],
      [
        'DEMO-SRE-TIME-2026-11-2',
        'sev1',
        '2026-11-17T09:00:00.000Z',
        '2026-11-18T18:36:00.000Z',
        ['open', 'in-progress'],
      ],
      [
        'DEMO-SRE-TIME-2026-10-1',
        'sev1',
        '2026-10-04T09:00:00.000Z',
        '2026-10-05T02:36:00.000Z',
        ['open', 'done'],
      ],
      [
        'DEMO-SRE-TIME-2026-10-2',
        'sev1',
        '2026-10-17T09:00:00.000Z',
        '2026-10-18T11:24:00.000Z',
        ['open', 'done'],
      ],
      [
        'DEMO-SRE-TIME-2026-09-1',
        'sev2',
        '2026-09-04T09:00:00.000Z',
        '2026-09-04T22:36:00.000Z',
        ['done', 'done'],
      ],
      [
        'DEMO-SRE-TIME-2026-09-2',
        'sev1',
        '2026-09-17T09:00:00.000Z',
        '2026-09-18T05:24:00.000Z',
        ['done', 'done'],
      ],
      [
        'DEMO-SRE-TIME-2026-08-1',
        'sev2',
        '2026-08-04T09:00:00.000Z',
        '2026-08-04T17:48:00.000Z',
        ['done', 'done'],
      ],
      [
        'DEMO-SRE-TIME-2026-08-2',
        'sev2',
        '2026-08-17T09:00:00.000Z',
        '2026-08-17T22:12:00.000Z',
        ['done', 'done'],
      ],
      [
        'DEMO-SRE-TIME-2026-07-1',
        'sev2',
        '2026-07-04T09:00:00.000Z',
        '2026-07-04T13:48:00.000Z',
        ['done', 'done'],
      ],
      [
        'DEMO-SRE-TIME-2026-07-2',
        'sev2',
        '2026-07-17T09:00:00.000Z',
        '2026-07-17T16:12:00.000Z',
        ['done', 'done'],
      ],
    ]);
  });

  it("crosses the year and closes the early toil work (the old script's record)", () => {
    const records = timeBudgetRecords(Date.UTC(2026, 1, 10));
    expect(records[9]).toEqual({
      externalId: 'DEMO-SRE-TIME-2025-09-2',
      title: 'Checkout API stuck on a poisoned cache entry (again)',
      severity: 'sev2',
      status: 'published',
      blamelessReviewHeld: true,
      summary:
        'SRE Core spent 7.2 hours restoring Checkout API (cache poisoning).',
      startedAt: '2025-09-17T09:00:00.000Z',
      detectedAt: '2025-09-17T09:10:00.000Z',
      mitigatedAt: '2025-09-17T14:45:36.000Z',
      resolvedAt: '2025-09-17T16:12:00.000Z',
      entityRefs: ['component:default/checkout-api'],
      actionItems: [
        {
          title: 'Automate the cache poisoning runbook',
          ownerRef: 'group:default/sre-core',
          priority: 'p1',
          labels: ['automation', 'toil-reduction'],
          status: 'done',
          closedAt: '2025-09-25T00:00:00.000Z',
        },
        {
          title: 'Alert earlier on cache poisoning',
          ownerRef: 'group:default/sre-core',
          priority: 'p2',
          labels: ['reliability'],
          status: 'done',
          closedAt: '2025-09-26T00:00:00.000Z',
        },
      ],
    });
  });
});

describe('incidentPostmortems', () => {
  it('places the postmortems at the incidents of the demo, relative to its start', () => {
    const [checkout, search] = incidentPostmortems(
      Date.UTC(2026, 11, 5, 10, 49),
    );
    expect(checkout).toMatchObject({
      externalId: 'DEMO-CHECKOUT-5XX',
      status: 'published',
      startedAt: '2026-11-26T10:49:00.000Z',
      resolvedAt: '2026-11-26T12:19:00.000Z',
    });
    expect(checkout.actionItems?.map(a => [a.status, a.dueAt])).toEqual([
      ['done', '2026-12-03T10:49:00.000Z'],
      ['open', '2026-12-04T10:49:00.000Z'],
      ['open', '2027-01-04T10:49:00.000Z'],
    ]);
    expect(search).toMatchObject({
      externalId: 'DEMO-SEARCH-DAY',
      status: 'in-review',
      startedAt: '2026-11-30T10:49:00.000Z',
      mitigatedAt: '2026-12-01T06:49:00.000Z',
      resolvedAt: '2026-12-01T10:49:00.000Z',
    });
  });
});
