import { actionItem, postmortem } from '../../__testUtils__/fixtures';
import {
  fieldLabel,
  parseServerProblems,
  emptyActionItem,
  endOfDayUtc,
  episodeTitle,
  formOf,
  fromLocalInput,
  inputOf,
  needsPublishingText,
  splitRefs,
  timelineSteps,
  toLocalInput,
} from './postmortem';
import { formatDuration, formatMonth, formatShare } from '../shared/format';

/** A datetime-local value as the browser would send it, in this machine's time zone. */
const local = (value: string) => new Date(value).toISOString();
const NOW = Date.parse('2026-11-27T12:00:00.000Z');

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [undefined, '—'],
    [0, '0 s'],
    [45_000, '45 s'],
    [7 * 60_000, '7 min'],
    [59 * 60_000 + 20_000, '59 min'],
    [60 * 60_000, '1 h'],
    [90 * 60_000, '1 h 30 min'],
    [26 * 60 * 60_000 + 5 * 60_000, '1 d 2 h'],
    [48 * 60 * 60_000, '2 d'],
  ])('%p → %p', (ms, text) => {
    expect(formatDuration(ms as number | null | undefined)).toBe(text);
  });
});

describe('formatShare', () => {
  it('shows a share as a percentage and says when there is no data', () => {
    expect(formatShare(0.34)).toBe('34%');
    expect(formatShare(0.0456)).toBe('4.6%');
    expect(formatShare(1.25)).toBe('125%');
    expect(formatShare(null)).toBe('—');
    expect(formatShare(null, 1, 'no data')).toBe('no data');
  });
});

describe('needsPublishingText', () => {
  it('names the policy’s share', () => {
    expect(
      needsPublishingText([
        {
          policyRef: 'errorbudgetpolicy:payments/strict',
          budgetShareAbove: 0.2,
        },
      ]),
    ).toBe('over the policy’s 20% share of budget; publish the postmortem');
    expect(
      needsPublishingText([
        { policyRef: 'a', budgetShareAbove: 0.2 },
        { policyRef: 'b', budgetShareAbove: 0.1 },
      ]),
    ).toBe(
      'over the policies’ 10% / 20% share of budget; publish the postmortem',
    );
  });
});

describe('formatMonth and episodeTitle', () => {
  it('reads the same in every locale', () => {
    expect(formatMonth('2026-11')).toBe('Nov 2026');
    expect(formatMonth('nonsense')).toBe('nonsense');
    expect(
      episodeTitle({
        sloRef: 'slo:default/checkout-availability',
        sloTitle: 'Checkout availability',
        objective: 'requests-succeed',
        start: '2026-11-24T13:00:00.000Z',
        end: null,
        peakBurnRate: 14.4,
        spend: {
          sloRef: 'slo:default/checkout-availability',
          sloTitle: 'Checkout availability',
          objective: 'requests-succeed',
          share: 0.3,
          parts: [],
        },
      }),
    ).toBe('Checkout availability burn on 2026-11-24');
  });
});

describe('timelineSteps', () => {
  it('measures each recorded step from the last recorded one before it', () => {
    const steps = timelineSteps({
      startedAt: '2026-11-20T09:00:00.000Z',
      detectedAt: null,
      mitigatedAt: '2026-11-20T09:45:00.000Z',
      resolvedAt: '2026-11-20T10:30:00.000Z',
    });
    expect(steps.map(s => [s.label, s.sinceMs, s.sinceLabel])).toEqual([
      ['Started', null, null],
      ['Detected', null, null],
      ['Mitigated', 45 * 60_000, 'Started'],
      ['Resolved', 45 * 60_000, 'Mitigated'],
    ]);
  });
});

describe('datetime-local values', () => {
  it('converts local input to ISO UTC and back', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('not a time')).toBeUndefined();
    expect(fromLocalInput('2026-11-20T09:00')).toBe(local('2026-11-20T09:00'));
    expect(toLocalInput(local('2026-11-20T09:00'))).toBe('2026-11-20T09:00');
    expect(toLocalInput(null)).toBe('');
  });

  it('takes a due day as the end of that day in UTC', () => {
    expect(endOfDayUtc('2026-12-01')).toBe('2026-12-01T23:59:59.999Z');
    expect(endOfDayUtc('')).toBeUndefined();
  });

  it('splits affected entities on commas and spaces', () => {
    expect(splitRefs(' component:default/a, ledger ,,b ')).toEqual([
      'component:default/a',
      'ledger',
      'b',
    ]);
  });
});

describe('inputOf', () => {
  it('builds the request body and keeps unchanged times exactly as they were', () => {
    const pm = postmortem({
      startedAt: '2026-11-20T09:00:12.345Z',
      externalId: 'INC-42',
    });
    const form = formOf(pm);
    const { input, problems } = inputOf(form, pm, pm, NOW);
    expect(problems).toEqual([]);
    expect(input).toEqual({
      title: 'Checkout 5xx after the ledger deploy',
      documentUrl: 'https://wiki.example.com/postmortems/checkout-5xx',
      severity: 'sev2',
      status: 'in-review',
      blamelessReviewHeld: true,
      summary: 'A ledger schema change made checkout fail for 90 minutes.',
      startedAt: '2026-11-20T09:00:12.345Z',
      detectedAt: '2026-11-20T09:07:00.000Z',
      mitigatedAt: '2026-11-20T09:45:00.000Z',
      resolvedAt: '2026-11-20T10:30:00.000Z',
      entityRefs: [
        'component:default/checkout-api',
        'component:default/ledger',
      ],
      actionItems: [
        {
          title: 'Canary the ledger deploys',
          link: 'https://tickets.example.com/REL-101',
          ownerRef: 'group:default/team-payments',
          dueAt: '2026-11-25T23:59:59.999Z',
          priority: 'p1',
          status: 'open',
          labels: [],
          closedAt: null,
        },
        {
          title: 'Alert on checkout 5xx within 2 minutes',
          link: null,
          ownerRef: 'group:default/team-checkout',
          dueAt: '2026-12-15T23:59:59.999Z',
          priority: 'p2',
          status: 'in-progress',
          labels: [],
          closedAt: null,
        },
        {
          title: 'Add the ledger to the checkout dashboard',
          link: null,
          ownerRef: 'user:default/alice',
          dueAt: null,
          priority: 'p3',
          status: 'done',
          labels: [],
          closedAt: null,
        },
      ],
      externalId: 'INC-42',
      expectedUpdatedAt: '2026-11-22T08:30:00.000Z',
    });
  });

  it('sends labels back, and the closing time while an item stays closed', () => {
    const pm = postmortem({
      actionItems: [
        actionItem({
          status: 'done',
          labels: ['toil-reduction', 'automation'],
          closedAt: '2026-11-21T10:00:00.000Z',
        }),
      ],
    });
    const form = formOf(pm);
    expect(form.actionItems[0].labels).toBe('toil-reduction, automation');
    expect(inputOf(form, pm, pm, NOW).input?.actionItems?.[0]).toMatchObject({
      labels: ['toil-reduction', 'automation'],
      closedAt: '2026-11-21T10:00:00.000Z',
    });
    const reopened = {
      ...form,
      actionItems: [
        {
          ...form.actionItems[0],
          status: 'open' as const,
          labels: 'reliability',
        },
      ],
    };
    expect(
      inputOf(reopened, pm, pm, NOW).input?.actionItems?.[0],
    ).toMatchObject({ labels: ['reliability'], closedAt: null });
    const bad = inputOf(
      {
        ...form,
        actionItems: [{ ...form.actionItems[0], labels: 'Toil Work' }],
      },
      pm,
      pm,
      NOW,
    );
    expect(bad.problems.map(p => p.field)).toEqual([
      'actionItems[0].labels[0]',
      'actionItems[0].labels[1]',
    ]);
  });

  it('names the fields the server would refuse', () => {
    const form = formOf({ entityRefs: ['component:default/checkout-api'] });
    const empty = inputOf(form, {}, undefined, NOW);
    expect(empty.input).toBeUndefined();
    expect(empty.problems).toEqual([
      { field: 'title', message: 'required' },
      { field: 'severity', message: 'required' },
      { field: 'startedAt', message: 'required' },
    ]);

    const outOfOrder = inputOf(
      {
        ...form,
        title: 'Outage',
        severity: 'sev1',
        documentUrl: 'ftp://files.example.com/pm',
        times: {
          startedAt: '2026-11-20T10:00',
          detectedAt: '2026-11-20T09:00',
          mitigatedAt: '',
          resolvedAt: '',
        },
        actionItems: [{ ...emptyActionItem(), ownerRef: 'not a ref:' }],
      },
      {},
      undefined,
      NOW,
    );
    expect(outOfOrder.problems.map(p => p.field)).toEqual(
      expect.arrayContaining([
        'documentUrl',
        'detectedAt',
        'actionItems[0].title',
      ]),
    );
    expect(
      outOfOrder.problems.find(p => p.field === 'detectedAt')?.message,
    ).toMatch(/is before startedAt/);
  });
});

describe('the dialog’s problems', () => {
  it('labels field paths as the form does', () => {
    expect(fieldLabel('detectedAt')).toBe('Detected');
    expect(fieldLabel('entityRefs[1]')).toBe('Affected entity 2');
    expect(fieldLabel('actionItems[0].ownerRef')).toBe('Action item 1, Owner');
    expect(fieldLabel('actionItems[2].labels[1]')).toBe(
      'Action item 3, Labels',
    );
    expect(fieldLabel('(record)')).toBe('(record)');
  });

  it('reads an API 400 as field problems, a time out of order with the time it must follow', () => {
    expect(
      parseServerProblems(
        'detectedAt: 2026-11-20T08:00:00.000Z is before startedAt (2026-11-20T09:00:00.000Z); actionItems[1].ownerRef: must be x; got a; b',
      ),
    ).toEqual([
      {
        field: 'detectedAt',
        message:
          '2026-11-20T08:00:00.000Z is before startedAt (2026-11-20T09:00:00.000Z)',
        before: { field: 'startedAt', at: Date.parse('2026-11-20T09:00:00Z') },
      },
      { field: 'actionItems[1].ownerRef', message: 'must be x; got a; b' },
    ]);
    expect(parseServerProblems('Request body is not JSON')).toEqual([]);
  });
});
