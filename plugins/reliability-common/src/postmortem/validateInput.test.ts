import { validatePostmortemInput } from './validateInput';

const NOW = Date.parse('2026-11-27T12:00:00Z');

const valid = {
  title: 'Checkout API 5xx after config push',
  severity: 'sev2',
  startedAt: '2026-11-18T10:00:00Z',
  detectedAt: '2026-11-18T10:07:00Z',
  mitigatedAt: '2026-11-18T10:40:00Z',
  resolvedAt: '2026-11-18T11:30:00Z',
  entityRefs: ['checkout-api', 'component:default/Cart-Web'],
  actionItems: [
    {
      title: 'Canary config pushes',
      ownerRef: 'team-checkout',
      dueAt: '2026-12-01T00:00:00Z',
    },
  ],
};

describe('validatePostmortemInput', () => {
  it('normalises a valid record: times to ms, references canonical, defaults applied', () => {
    const { value, problems } = validatePostmortemInput(valid, NOW);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      status: 'draft',
      blamelessReviewHeld: false,
      documentUrl: null,
      summary: null,
      externalId: null,
      startedAt: Date.parse('2026-11-18T10:00:00Z'),
      resolvedAt: Date.parse('2026-11-18T11:30:00Z'),
      entityRefs: [
        'component:default/checkout-api',
        'component:default/cart-web',
      ],
      actionItems: [
        {
          title: 'Canary config pushes',
          ownerRef: 'group:default/team-checkout',
          dueAt: Date.parse('2026-12-01T00:00:00Z'),
          priority: 'p2',
          status: 'open',
          link: null,
        },
      ],
    });
  });

  it('leaves missing times null (an open incident, or an archive that never kept them)', () => {
    const { value } = validatePostmortemInput(
      { ...valid, detectedAt: null, mitigatedAt: undefined, resolvedAt: null },
      NOW,
    );
    expect(value).toMatchObject({
      detectedAt: null,
      mitigatedAt: null,
      resolvedAt: null,
    });
  });

  it('names every bad field and returns no value', () => {
    const { value, problems } = validatePostmortemInput(
      {
        title: '',
        severity: 'critical',
        startedAt: '18/11/2026',
        entityRefs: [],
        documentUrl: 'ftp://files.example.com/pm',
        actionItems: [{ title: 'x', priority: 'urgent', dueAt: 5 }, 'nope'],
        sevrity: 'sev1',
      },
      NOW,
    );
    expect(value).toBeUndefined();
    const fields = problems.map(p => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'title',
        'severity',
        'startedAt',
        'entityRefs',
        'documentUrl',
        'actionItems[0].priority',
        'actionItems[0].dueAt',
        'actionItems[1]',
        'sevrity',
      ]),
    );
    expect(problems.find(p => p.field === 'severity')!.message).toContain(
      'sev1, sev2, sev3, sev4',
    );
  });

  it('rejects times out of order, naming the later field', () => {
    const { problems } = validatePostmortemInput(
      { ...valid, detectedAt: '2026-11-18T09:00:00Z' },
      NOW,
    );
    expect(problems).toEqual([
      {
        field: 'detectedAt',
        message:
          '2026-11-18T09:00:00.000Z is before startedAt (2026-11-18T10:00:00.000Z)',
        // what a form needs to say it with its labels, in local time
        before: {
          field: 'startedAt',
          at: Date.parse('2026-11-18T10:00:00Z'),
        },
      },
    ]);
  });

  it('rejects far-past and future times and a path prefix names the record', () => {
    const { problems } = validatePostmortemInput(
      {
        ...valid,
        startedAt: '0202-01-01T00:00:00Z',
        resolvedAt: '2030-01-01T00:00:00Z',
      },
      NOW,
      'items[3]',
    );
    expect(problems.map(p => p.field)).toEqual([
      'items[3].startedAt',
      'items[3].resolvedAt',
    ]);
  });

  it('rejects entity references that are not references, and too many of them', () => {
    expect(
      validatePostmortemInput(
        { ...valid, entityRefs: ['component:default/', 42] },
        NOW,
      ).problems.map(p => p.field),
    ).toEqual(['entityRefs[0]', 'entityRefs[1]']);
    expect(
      validatePostmortemInput(
        {
          ...valid,
          entityRefs: Array.from({ length: 101 }, (_, i) => `c${i}`),
        },
        NOW,
      ).problems.map(p => p.field),
    ).toEqual(['entityRefs']);
  });

  it('rejects a non-object record and wrong types without throwing', () => {
    for (const raw of [
      null,
      42,
      'x',
      [],
      { title: 7, severity: 'sev1', startedAt: 3, entityRefs: 'a' },
    ]) {
      const { value, problems } = validatePostmortemInput(raw, NOW);
      expect(value).toBeUndefined();
      expect(problems.length).toBeGreaterThan(0);
    }
  });
  describe('action item owners', () => {
    const owner = (ownerRef: unknown) =>
      validatePostmortemInput(
        { ...valid, actionItems: [{ title: 'Automate failover', ownerRef }] },
        NOW,
      );

    it('takes a group or user reference, a bare name as a group', () => {
      expect(owner('team-checkout').value?.actionItems[0].ownerRef).toBe(
        'group:default/team-checkout',
      );
      expect(owner('user:default/Jane').value?.actionItems[0].ownerRef).toBe(
        'user:default/jane',
      );
      expect(owner(null).value?.actionItems[0].ownerRef).toBeNull();
    });

    it('refuses a display name or another kind, naming the item’s owner field', () => {
      for (const ownerRef of [
        'Checkout team',
        'component:default/checkout-api',
        'group:Default Namespace/team-a',
      ]) {
        expect(owner(ownerRef)).toEqual({
          problems: [
            {
              field: 'actionItems[0].ownerRef',
              message: `must be the entity reference of a group or user, e.g. group:default/team-checkout or user:default/jane; got '${ownerRef}'`,
            },
          ],
        });
      }
    });
  });

  describe('action item labels and closedAt', () => {
    const withItem = (item: Record<string, unknown>) =>
      validatePostmortemInput(
        { ...valid, actionItems: [{ title: 'Automate failover', ...item }] },
        NOW,
      );

    it('keeps labels sorted without repeats and defaults to none', () => {
      expect(withItem({}).value?.actionItems[0]).toMatchObject({
        labels: [],
        closedAt: null,
      });
      expect(
        withItem({ labels: ['toil-reduction', 'automation', 'automation'] })
          .value?.actionItems[0].labels,
      ).toEqual(['automation', 'toil-reduction']);
    });

    it('names a bad label by its index, and a labels value that is no array', () => {
      expect(
        withItem({ labels: ['ok', 'Toil Reduction', 7] }).problems,
      ).toEqual([
        {
          field: 'actionItems[0].labels[1]',
          message: expect.stringMatching(
            /^must be a label of lower-case letters, digits and hyphens .*got 'Toil Reduction'$/,
          ),
        },
        {
          field: 'actionItems[0].labels[2]',
          message: expect.stringMatching(/got 7$/),
        },
      ]);
      expect(withItem({ labels: 'automation' }).problems).toEqual([
        {
          field: 'actionItems[0].labels',
          message: "must be an array of labels; got 'automation'",
        },
      ]);
      expect(
        withItem({ labels: Array.from({ length: 21 }, (_, i) => `l${i}`) })
          .problems[0],
      ).toEqual({
        field: 'actionItems[0].labels',
        message: 'must have at most 20 labels; got 21',
      });
    });

    it('takes closedAt for a closed item only', () => {
      expect(
        withItem({ status: 'done', closedAt: '2026-11-20T09:00:00Z' }).value
          ?.actionItems[0].closedAt,
      ).toBe(Date.parse('2026-11-20T09:00:00Z'));
      expect(
        withItem({ status: 'open', closedAt: '2026-11-20T09:00:00Z' }).problems,
      ).toEqual([
        {
          field: 'actionItems[0].closedAt',
          message: 'only a done or wont-do item is closed; this one is open',
        },
      ]);
      expect(
        withItem({ status: 'done', closedAt: '2027-06-01T00:00:00Z' })
          .problems[0].field,
      ).toBe('actionItems[0].closedAt');
    });
  });
});
