import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrationsDir } from '../database/migrations';
import { EntityContext } from '../policy/PolicyResolver';
import { OrgSnapshotSource } from '../responsibility/OrgSnapshot';
import { AuditStore } from '../store/AuditStore';
import { PostmortemStore } from '../store/PostmortemStore';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord, SloStore } from '../store/SloStore';
import { PostmortemImportError } from './postmortemImport';
import { PostmortemService } from './PostmortemService';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-27T12:00:00Z');
const SVC = 'component:default/checkout-api';
const TEAM = 'group:default/team-checkout';

const component = (name: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner, lifecycle: 'production' },
});
const entities = [
  component('checkout-api', 'team-checkout'),
  component('search-api', 'team-search'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-checkout', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const slo = (over: Partial<SloRecord> = {}): SloRecord => ({
  sloRef: 'slo:default/checkout-availability',
  serviceRef: SVC,
  title: 'Checkout availability',
  definitionHash: 'h1',
  definition: {
    budgetingMethod: 'Occurrences',
    window: { kind: 'rolling', durationMs: 28 * DAY },
    objectives: [{ name: 'availability', target: 0.999 }],
  },
  ...over,
});

/** 1,000 requests a minute over `[from, to)`, with `badRate` of them failing in `incident`. */
function traffic(
  sloRef: string,
  from: number,
  to: number,
  incident: [number, number],
  badRate: number,
) {
  const writes = [];
  for (let t = from; t < to; t += MIN) {
    const bad = t >= incident[0] && t < incident[1] ? 1000 * badRate : 0;
    writes.push({
      sloRef,
      objective: 'availability',
      bucketStart: t,
      good: 1000 - bad,
      total: 1000,
    });
  }
  return writes;
}

/** The policy context the rule lookup needs: a postmortem rule of `share`. */
const policies = (share: number | null) => ({
  context: async (entityRef: string) =>
    ({
      entityRef,
      resolved: {
        policy: {
          ref: 'errorbudgetpolicy:default/standard',
          postmortemBudgetShareAbove: share,
        },
      },
    } as unknown as EntityContext),
});

const record = (over: Record<string, unknown> = {}) => ({
  title: 'Checkout 5xx after a config push',
  severity: 'sev2',
  startedAt: new Date(NOW - 2 * DAY).toISOString(),
  detectedAt: new Date(NOW - 2 * DAY + 10 * MIN).toISOString(),
  mitigatedAt: new Date(NOW - 2 * DAY + 50 * MIN).toISOString(),
  resolvedAt: new Date(NOW - 2 * DAY + HOUR).toISOString(),
  entityRefs: ['checkout-api'],
  actionItems: [
    {
      title: 'Canary config pushes',
      ownerRef: 'team-checkout',
      dueAt: new Date(NOW - DAY).toISOString(),
      priority: 'p1',
    },
  ],
  ...over,
});

describe.each(ids)('PostmortemService on %s', databaseId => {
  async function setup(
    share: number | null = 0.2,
    clock: { now: number } = { now: NOW },
  ) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const slos = new SloStore(knex);
    const buckets = new SliBucketStore(knex);
    const store = new PostmortemStore(knex);
    const service = new PostmortemService({
      db: knex,
      store,
      audit: new AuditStore(knex),
      slos,
      buckets,
      snapshots: new OrgSnapshotSource({
        catalog: catalogServiceMock({ entities: entities as any }),
        auth: mockServices.auth(),
      }),
      policies: policies(share),
      now: () => clock.now,
    });
    const create = (raw: object) =>
      service.create(service.parse(raw), 'user:default/pat');
    return { knex, slos, buckets, store, service, create };
  }

  it('derives the figures and the budget the incident consumed from the SLI data', async () => {
    const { knex, slos, buckets, create } = await setup();
    await slos.upsert([slo()]);
    const start = NOW - 2 * DAY;
    // A day of traffic before the end of the incident: 1,440,000 events, 1,440 allowed bad.
    await buckets.write(
      traffic(
        slo().sloRef,
        start + HOUR - DAY,
        NOW,
        [start, start + HOUR],
        0.05,
      ),
      { mode: 'replace' },
    );
    const view = await create(record());
    expect(view).toMatchObject({
      timeToDetectMs: 10 * MIN,
      timeToMitigateMs: 50 * MIN,
      timeToResolveMs: HOUR,
      teamRefs: [TEAM],
      needsPublishing: [
        {
          policyRef: 'errorbudgetpolicy:default/standard',
          budgetShareAbove: 0.2,
        },
      ],
    });
    expect(view.actionItems[0]).toMatchObject({ overdue: true });
    const [spend] = view.budget;
    expect(spend).toMatchObject({
      sloRef: slo().sloRef,
      objective: 'availability',
    });
    // 60 minutes × 50 bad of 1,000; the budget is 0.1% of the events seen in the window
    // up to the incident's end (the day of data).
    expect(spend.parts[0].spent).toBe(3000);
    expect(spend.share).toBeCloseTo(3000 / 1440, 6);
    expect(view.maxBudgetShare).toBeCloseTo(3000 / 1440, 6);
    await knex.destroy();
  });

  it('stops flagging once published, and never flags under a policy without the rule', async () => {
    const { knex, slos, buckets, create } = await setup();
    await slos.upsert([slo()]);
    const start = NOW - 2 * DAY;
    await buckets.write(
      traffic(slo().sloRef, start - DAY, NOW, [start, start + HOUR], 0.05),
      { mode: 'replace' },
    );
    expect(
      (await create(record({ status: 'published' }))).needsPublishing,
    ).toEqual([]);
    await knex.destroy();
    const other = await setup(null);
    await other.slos.upsert([slo()]);
    await other.buckets.write(
      traffic(slo().sloRef, start - DAY, NOW, [start, start + HOUR], 0.05),
      { mode: 'replace' },
    );
    expect((await other.create(record())).needsPublishing).toEqual([]);
    await other.knex.destroy();
  });

  it('charges an incident across a calendar boundary to each month, and leaves missing times null', async () => {
    const { knex, slos, buckets, create } = await setup();
    const calendar = slo({
      definition: {
        budgetingMethod: 'Occurrences',
        window: {
          kind: 'calendar',
          unit: 'Month',
          count: 1,
          startTime: '2026-01-01T00:00:00',
          timeZone: 'UTC',
        },
        objectives: [{ name: 'availability', target: 0.999 }],
      },
    });
    await slos.upsert([calendar]);
    const boundary = Date.parse('2026-11-01T00:00:00Z');
    await buckets.write(
      traffic(
        calendar.sloRef,
        boundary - DAY,
        boundary + DAY,
        [boundary - HOUR, boundary + HOUR],
        0.01,
      ),
      { mode: 'replace' },
    );
    const view = await create(
      record({
        startedAt: new Date(boundary - HOUR).toISOString(),
        detectedAt: null,
        mitigatedAt: null,
        resolvedAt: new Date(boundary + HOUR).toISOString(),
        actionItems: [],
      }),
    );
    expect(view).toMatchObject({
      timeToDetectMs: null,
      timeToMitigateMs: null,
      timeToResolveMs: 2 * HOUR,
    });
    const [spend] = view.budget;
    expect(spend.parts.map(p => [p.windowStart, p.spent])).toEqual([
      ['2026-10-01T00:00:00.000Z', 600],
      ['2026-11-01T00:00:00.000Z', 600],
    ]);
    // October saw a day of traffic by its end; November only its first hour.
    expect(spend.parts[0].share).toBeCloseTo(600 / 1440, 6);
    expect(spend.parts[1].share).toBeCloseTo(600 / 60, 6);
    expect(spend.share).toBeCloseTo(10, 6);
    await knex.destroy();
  });

  it('counts an open incident up to now and has no budget figure without data', async () => {
    const { knex, slos, create } = await setup();
    await slos.upsert([slo()]);
    const view = await create(
      record({
        startedAt: new Date(NOW - HOUR).toISOString(),
        detectedAt: null,
        mitigatedAt: null,
        resolvedAt: null,
      }),
    );
    expect(view.budget[0].parts[0].to).toBe(new Date(NOW).toISOString());
    expect(view.budget[0].share).toBeNull();
    expect(view.maxBudgetShare).toBeNull();
    expect(view.needsPublishing).toEqual([]);
    await knex.destroy();
  });

  it('imports all or nothing, names each rejected record and field, and re-imports by archive id', async () => {
    const { knex, store, service } = await setup();
    const authorize = jest.fn(async () => 'user:default/pat');
    const bad = [
      record({ externalId: 'INC-1' }),
      record({ severity: 'critical', externalId: 'INC-2' }),
      record({ externalId: 'INC-1' }),
      { ...record(), startedAt: 'yesterday' },
    ];
    const error = await service.import(bad, authorize).catch(e => e);
    expect(error).toBeInstanceOf(PostmortemImportError);
    expect(error.items).toEqual([
      expect.objectContaining({ index: 1, field: 'severity' }),
      expect.objectContaining({ index: 2, field: 'externalId' }),
      expect.objectContaining({ index: 3, field: 'startedAt' }),
    ]);
    expect(error.message).toMatch(
      /^3 of 4 records rejected; nothing was imported/,
    );
    const unknown = await service
      .import(
        [record({ entityRefs: ['checkout-api', 'no-such-svc'] })],
        authorize,
      )
      .catch(e => e);
    expect(unknown.items).toEqual([
      {
        index: 0,
        field: 'entityRefs[1]',
        message: 'no entity component:default/no-such-svc in the catalog',
      },
    ]);
    expect(authorize).not.toHaveBeenCalled();
    expect(await store.listByEntity(SVC)).toEqual([]);

    const first = await service.import(
      [
        record({ externalId: 'INC-1' }),
        record({ title: 'Second', externalId: 'INC-2' }),
      ],
      authorize,
    );
    expect(first).toMatchObject({ created: 2, updated: 0 });
    const again = await service.import(
      [record({ title: 'Renamed', externalId: 'INC-1' })],
      authorize,
    );
    expect(again).toEqual({ created: 0, updated: 1, ids: [first.ids[0]] });
    // Moving an imported postmortem to another entity asks for the permission on both.
    await service.import(
      [record({ entityRefs: ['search-api'], externalId: 'INC-1' })],
      authorize,
    );
    expect(authorize).toHaveBeenLastCalledWith([
      'component:default/search-api',
      SVC,
    ]);
    expect((await store.listByEntity(SVC)).map(p => p.title)).toEqual([
      'Second',
    ]);
    await knex.destroy();
  });

  it('reuses a replay of the burn episodes until the SLO data changes or 30 s pass', async () => {
    const clock = { now: NOW };
    const { knex, slos, buckets, service } = await setup(0.2, clock);
    await slos.upsert([slo()]);
    const read = jest.spyOn(buckets, 'read');
    const outage = NOW - 3 * DAY;
    const push = (badShare: number) =>
      buckets.write(
        traffic(
          slo().sloRef,
          NOW - 5 * DAY,
          NOW,
          [outage, outage + 2 * HOUR],
          badShare,
        ),
        { mode: 'replace' },
      );
    await push(0.05);
    const first = await service.entityPostmortems(SVC);
    expect(first.needsPostmortem).toHaveLength(1);
    const reads = read.mock.calls.length;
    // Within the bound and no write: the same episodes, not replayed.
    clock.now = NOW + 29_000;
    expect((await service.entityPostmortems(SVC)).needsPostmortem).toEqual(
      first.needsPostmortem,
    );
    expect(read.mock.calls.length).toBe(reads);
    // A write through the store is seen at once: the outage is gone.
    await push(0);
    expect((await service.entityPostmortems(SVC)).needsPostmortem).toEqual([]);
    const afterWrite = read.mock.calls.length;
    expect(afterWrite).toBeGreaterThan(reads);
    // 30 s of the clock later it is replayed again even without a write.
    clock.now = NOW + 29_000 + 30_000;
    await service.entityPostmortems(SVC);
    expect(read.mock.calls.length).toBeGreaterThan(afterWrite);
    // The pushes of the current minutes are not a change of the history: they age in.
    const generation = buckets.generation(slo().sloRef);
    const minute = Math.floor(NOW / MIN) * MIN;
    await buckets.write(
      [
        {
          sloRef: slo().sloRef,
          objective: 'availability',
          bucketStart: minute,
          good: 9,
          total: 10,
        },
      ],
      { mode: 'replace', now: minute + 30_000 },
    );
    expect(buckets.generation(slo().sloRef)).toBe(generation);
    await buckets.write(
      [
        {
          sloRef: slo().sloRef,
          objective: 'availability',
          bucketStart: minute - 10 * MIN,
          good: 9,
          total: 10,
        },
      ],
      { mode: 'replace', now: minute + 30_000 },
    );
    expect(buckets.generation(slo().sloRef)).not.toBe(generation);
    await knex.destroy();
  });

  it('lists burn episodes over the policy share that no postmortem covers', async () => {
    const { knex, slos, buckets, service, create } = await setup();
    await slos.upsert([slo()]);
    const outage = NOW - 3 * DAY;
    await buckets.write(
      traffic(
        slo().sloRef,
        NOW - 5 * DAY,
        NOW,
        [outage, outage + 2 * HOUR],
        0.05,
      ),
      { mode: 'replace' },
    );
    const before = await service.entityPostmortems(SVC);
    expect(before.rule).toEqual({
      policyRef: 'errorbudgetpolicy:default/standard',
      budgetShareAbove: 0.2,
    });
    expect(before.needsPostmortem).toHaveLength(1);
    const [episode] = before.needsPostmortem;
    expect(episode).toMatchObject({
      sloRef: slo().sloRef,
      objective: 'availability',
      end: expect.any(String),
    });
    expect(episode.peakBurnRate).toBeCloseTo(50, 6);
    expect(episode.spend.share!).toBeGreaterThan(0.2);
    await create(
      record({
        startedAt: new Date(outage).toISOString(),
        detectedAt: null,
        mitigatedAt: null,
        resolvedAt: new Date(outage + 2 * HOUR).toISOString(),
      }),
    );
    const after = await service.entityPostmortems(SVC);
    expect(after.needsPostmortem).toEqual([]);
    expect(after.items).toHaveLength(1);
    expect(after.monthly).toEqual([
      expect.objectContaining({
        month: '2026-11',
        incidents: 1,
        mttrMs: 2 * HOUR,
      }),
    ]);
    await knex.destroy();
  });

  it('gives MTTD/MTTR by month for a team and the org, and open and overdue action items by team', async () => {
    const { knex, service, create } = await setup();
    await create(record());
    await create(
      record({
        entityRefs: ['search-api'],
        startedAt: new Date(NOW - 40 * DAY).toISOString(),
        detectedAt: new Date(NOW - 40 * DAY + 30 * MIN).toISOString(),
        mitigatedAt: null,
        resolvedAt: new Date(NOW - 40 * DAY + 3 * HOUR).toISOString(),
        actionItems: [{ title: 'Shard the index', status: 'in-progress' }],
      }),
    );
    const org = await service.figures({}, 3);
    expect(org.scope).toEqual({ kind: 'org', ref: null });
    expect(
      org.monthly.map(m => [m.month, m.incidents, m.mttdMs, m.mttrMs]),
    ).toEqual([
      ['2026-09', 0, null, null],
      ['2026-10', 1, 30 * MIN, 3 * HOUR],
      ['2026-11', 1, 10 * MIN, HOUR],
    ]);
    expect(org.actionItems).toEqual([
      { teamRef: TEAM, open: 1, overdue: 1 },
      { teamRef: 'group:default/team-search', open: 1, overdue: 0 },
    ]);
    const team = await service.figures({ team: TEAM }, 3);
    expect(team.monthly.map(m => m.incidents)).toEqual([0, 0, 1]);
    expect(team.actionItems).toEqual([{ teamRef: TEAM, open: 1, overdue: 1 }]);
    const page = await service.list(
      { team: 'group:default/team-search' },
      { limit: 10, offset: 0 },
    );
    expect(page.totalCount).toBe(1);
    expect(page.items[0].entityRefs).toEqual(['component:default/search-api']);
    await knex.destroy();
  });
});
