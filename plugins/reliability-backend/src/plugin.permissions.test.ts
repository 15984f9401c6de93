import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { reliabilityPermissions } from '@reliability-suite/plugin-reliability-common';
import { reliabilityPlugin } from './plugin';
import {
  catalogReadPolicy,
  ERIN,
  MALLORY,
  visibilityCatalog,
} from './__testUtils__/hiddenTeamCatalog';
import { ROUTE_ACCESS, specOperations } from './service/routeAccess';

jest.setTimeout(60_000);

describe('the route access table', () => {
  it('has a rule for every operation of the API, and every mutation an auditor event', () => {
    const operations = specOperations();
    expect(operations.length).toBeGreaterThan(30);
    const table = ROUTE_ACCESS as Record<string, any>;
    expect(operations.filter(o => table[o.operationId] === undefined)).toEqual(
      [],
    );
    // Every mutation names its auditor event (kebab-case, as the auditor asks).
    expect(
      operations
        .filter(o => o.method !== 'get')
        .filter(
          o => !/^[a-z]+(-[a-z]+)*$/.test(table[o.operationId].auditEvent),
        )
        .map(o => o.operationId),
    ).toEqual([]);
    // The permissions a mutation's rule names are the suite's.
    const names = new Set(reliabilityPermissions.map(p => p.name));
    expect(
      Object.values(table)
        .flatMap(rule => (rule.write ? rule.write.split(' or ') : []))
        .filter(name => !names.has(name)),
    ).toEqual([]);
    // Nothing in the table that the API does not have.
    expect(Object.keys(ROUTE_ACCESS).sort()).toEqual(
      operations.map(o => o.operationId).sort(),
    );
  });
});

const MIN = 60_000;

describe("reads filtered by the caller's catalog visibility", () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let catalog: ReturnType<typeof visibilityCatalog>;
  let paymentsPostmortem: string;
  let bothPostmortem: string;
  const as = (user: string) => (path: string) =>
    request(server)
      .get(`/api/reliability${path}`)
      .set('Authorization', mockCredentials.user.header(user));
  const erin = as(ERIN);
  const mallory = as(MALLORY);

  beforeAll(async () => {
    catalog = visibilityCatalog();
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalog.factory,
        catalogReadPolicy().factory,
      ],
    }));
    /** A set-up write by erin, who may do everything; it must be accepted. */
    const post = async (path: string, body: object, status: number) => {
      const res = await request(server)
        .post(`/api/reliability${path}`)
        .set('Authorization', mockCredentials.user.header(ERIN))
        .send(body);
      if (res.status !== status) {
        throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      }
      return res.body;
    };
    const minute = Math.floor((Date.now() - 5 * MIN) / MIN) * MIN;
    await post(
      '/v1/sli/events',
      {
        items: [
          {
            slo: 'checkout-availability',
            timestamp: minute,
            good: 99,
            total: 100,
          },
          {
            slo: 'payments-availability',
            timestamp: minute,
            good: 50,
            total: 100,
          },
        ],
      },
      200,
    );
    const postmortem = async (entityRefs: string[]) =>
      (
        await post(
          '/v1/postmortems',
          {
            title: `Outage of ${entityRefs.join(' and ')}`,
            severity: 'sev2',
            startedAt: '2026-11-20T10:00:00Z',
            resolvedAt: '2026-11-20T11:00:00Z',
            entityRefs,
          },
          201,
        )
      ).id;
    await postmortem(['checkout-api']);
    paymentsPostmortem = await postmortem(['payments-api']);
    bothPostmortem = await postmortem(['checkout-api', 'payments-api']);
    for (const name of ['payments-api', 'checkout-api']) {
      await post(
        `/v1/entities/component/default/${name}/policy/freeze`,
        { reason: 'Budget spent' },
        201,
      );
    }
  });

  it("answers a hidden entity's reads with the 404 of an unknown entity", async () => {
    const entity = (n: string) => `/v1/entities/component/default/${n}`;
    // One case per `entity` operation of the table (checked below): a hidden entity's name
    // and a visible one's of the kind the path names.
    const reads: Array<{
      operationId: string;
      path: (name: string) => string;
      names: string[];
    }> = [
      ...(
        [
          ['GetEntitySummary', 'summary'],
          ['GetEntityPolicy', 'policy'],
          ['GetEntityResponsibility', 'responsibility'],
          ['GetReadiness', 'readiness'],
          ['GetEntityPostmortems', 'postmortems'],
        ] as const
      ).map(([operationId, what]) => ({
        operationId,
        path: (n: string) => `${entity(n)}/${what}`,
        names: ['payments-api', 'checkout-api'],
      })),
      {
        operationId: 'CheckGate',
        path: n => `/v1/gate?entity=${n}&change=abc`,
        names: ['payments-api', 'checkout-api'],
      },
      ...(
        [
          ['GetSlo', ''],
          ['GetSloAlertState', '/alert-state'],
          ['GetSloRevisions', '/revisions'],
        ] as const
      ).map(([operationId, what]) => ({
        operationId,
        path: (n: string) => `/v1/slos/default/${n}${what}`,
        names: ['payments-availability', 'checkout-availability'],
      })),
      {
        operationId: 'GetTeam',
        path: n => `/v1/teams/default/${n}`,
        names: ['team-payments', 'team-checkout'],
      },
      {
        operationId: 'GetSreTimeBudget',
        path: n => `/v1/sre-teams/default/${n}/time-budget`,
        names: ['team-payments', 'team-checkout'],
      },
      {
        operationId: 'GetPolicy',
        path: n => `/v1/policies/default/${n}`,
        names: ['payments-standard', 'standard'],
      },
    ];
    const table = ROUTE_ACCESS as Record<string, { read?: string }>;
    expect([...reads.map(r => r.operationId), 'GetPostmortem'].sort()).toEqual(
      Object.keys(table)
        .filter(id => table[id].read === 'entity')
        .sort(),
    );
    for (const { path, names } of reads) {
      const [hidden, visible] = names;
      const refused = await mallory(path(hidden));
      const missing = await erin(path('nope'));
      expect({ path: path(hidden), status: refused.status }).toEqual({
        path: path(hidden),
        status: 404,
      });
      expect(missing.status).toBe(404);
      expect(refused.body.error.message).toBe(
        missing.body.error.message.replace('nope', hidden),
      );
      // erin sees everything; mallory sees the other team's entities as before.
      expect({
        path: path(hidden),
        status: (await erin(path(hidden))).status,
      }).toEqual({ path: path(hidden), status: 200 });
      expect({
        path: path(visible),
        status: (await mallory(path(visible))).status,
      }).toEqual({ path: path(visible), status: 200 });
    }
    // A postmortem about a hidden entity, alone or with a visible one.
    for (const id of [paymentsPostmortem, bothPostmortem]) {
      const refused = await mallory(`/v1/postmortems/${id}`);
      expect(refused.status).toBe(404);
      expect(refused.body.error.message).toBe(`No postmortem ${id}`);
      expect((await erin(`/v1/postmortems/${id}`)).status).toBe(200);
    }
  });

  it('computes org lists, counts and exports over the visible entities only', async () => {
    const HIDDEN = /payments/;
    // The SLO list: its total counts the visible SLOs, whatever the page.
    let all: request.Response | undefined;
    for (let i = 0; i < 100; i++) {
      all = await erin('/v1/slos');
      if (all.body.totalCount === 2) break;
      await new Promise(r => setTimeout(r, 100));
    }
    expect(all!.body.totalCount).toBe(2);
    const slos = await mallory('/v1/slos?limit=1');
    expect(slos.body.totalCount).toBe(1);
    expect(slos.body.items.map((i: any) => i.sloRef)).toEqual([
      'slo:default/checkout-availability',
    ]);

    // Postmortems: one about a hidden entity, alone or with a visible one, is not listed.
    expect((await erin('/v1/postmortems')).body.totalCount).toBe(3);
    const listed = await mallory('/v1/postmortems?limit=1');
    expect(listed.body.totalCount).toBe(1);
    expect(listed.body.items[0].entityRefs).toEqual([
      'component:default/checkout-api',
    ]);
    const incidents = async (caller: typeof erin) =>
      (await caller('/v1/postmortems/figures')).body.monthly.reduce(
        (n: number, m: any) => n + m.incidents,
        0,
      );
    expect(await incidents(erin)).toBe(3);
    expect(await incidents(mallory)).toBe(1);

    // The audit trail: the freeze of payments-api is not mallory's to read.
    const events = async (caller: typeof erin) =>
      (await caller('/v1/audit-events?category=policy')).body.items.map(
        (e: any) => e.entityRef,
      );
    expect(await events(erin)).toEqual(
      expect.arrayContaining(['component:default/payments-api']),
    );
    const seen = await events(mallory);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['component:default/checkout-api']));

    // The ownership audit, its CSV and its summary.
    const everything = (await erin('/v1/audit?limit=500')).body;
    const hiddenFindings = everything.items.filter((f: any) =>
      HIDDEN.test(f.entityRef),
    );
    expect(hiddenFindings.length).toBeGreaterThan(0);
    const findings = (await mallory('/v1/audit?limit=1')).body;
    expect(findings.totalCount).toBe(
      everything.totalCount - hiddenFindings.length,
    );
    expect(findings.entitiesAudited).toBeLessThan(everything.entitiesAudited);
    const csv = await mallory('/v1/audit/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.text).not.toMatch(HIDDEN);
    expect((await erin('/v1/audit/export.csv')).text).toMatch(HIDDEN);
    const summary = (await mallory('/v1/audit/summary')).body;
    expect(JSON.stringify(summary)).not.toMatch(HIDDEN);
    expect(JSON.stringify((await erin('/v1/audit/summary')).body)).toMatch(
      HIDDEN,
    );
  });

  it('leaves the hidden team out of every org-wide read of the table', async () => {
    // Every `visible-set` operation without path parameters, as the table lists them: a new
    // org-wide route is swept here without being named.
    const table = ROUTE_ACCESS as Record<string, { read?: string }>;
    const lists = specOperations().filter(
      o => table[o.operationId].read === 'visible-set' && !o.path.includes('{'),
    );
    expect(lists.length).toBeGreaterThanOrEqual(13);
    for (const { path } of lists) {
      const res = await mallory(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, text: res.text }).toEqual({
        path,
        text: expect.not.stringMatching(/payments/),
      });
    }
    // A policy's page lists the entities under it that the caller may see.
    let standard: request.Response | undefined;
    for (let i = 0; i < 100; i++) {
      standard = await erin('/v1/policies/default/standard');
      if (standard.body.entities?.length === 2) break;
      await new Promise(r => setTimeout(r, 100));
    }
    expect(standard!.body.entities.map((e: any) => e.entityRef).sort()).toEqual(
      ['component:default/checkout-api', 'component:default/payments-api'],
    );
    expect(
      (await mallory('/v1/policies/default/standard')).body.entities.map(
        (e: any) => e.entityRef,
      ),
    ).toEqual(['component:default/checkout-api']);
  });

  it("lists, in a visible entity's answer, only the other entities the caller may see", async () => {
    const components = async (caller: typeof erin) =>
      (await caller('/v1/entities/system/default/shop/summary')).body.components
        .map((c: any) => c.entityRef)
        .sort();
    expect(await components(erin)).toEqual([
      'component:default/checkout-api',
      'component:default/payments-api',
    ]);
    expect(await components(mallory)).toEqual([
      'component:default/checkout-api',
    ]);
    // A postmortem that also affects a hidden entity is not among a visible one's.
    const postmortems = async (caller: typeof erin) => {
      const { body } = await caller(
        '/v1/entities/component/default/checkout-api/postmortems',
      );
      return {
        items: body.items.length,
        incidents: body.monthly.reduce(
          (n: number, m: any) => n + m.incidents,
          0,
        ),
      };
    };
    expect(await postmortems(erin)).toEqual({ items: 2, incidents: 2 });
    expect(await postmortems(mallory)).toEqual({ items: 1, incidents: 1 });
  });

  it("counts in a visible SRE team's load and time budget only the services the caller may see", async () => {
    const CHECKOUT = 'component:default/checkout-api';
    const PAYMENTS = 'component:default/payments-api';
    const load = async (caller: typeof erin) => {
      const team = (await caller('/v1/teams/default/sre-core')).body;
      const listed = (await caller('/v1/sre-teams')).body.items.find(
        (t: any) => t.groupRef === 'group:default/sre-core',
      );
      expect(listed).toEqual(team.sre);
      return {
        load: team.sre.load,
        services: team.sre.services,
        supported: team.supported.map((s: any) => s.entityRef),
      };
    };
    expect(await load(erin)).toEqual({
      load: 1,
      services: 2,
      supported: [CHECKOUT, PAYMENTS],
    });
    expect(await load(mallory)).toEqual({
      load: 0.5,
      services: 1,
      supported: [CHECKOUT],
    });

    // The time budget: the services, and the incidents of postmortems the caller may see.
    const budget = async (caller: typeof erin) => {
      const team = (await caller('/v1/sre-teams/default/sre-core/time-budget'))
        .body;
      const listed = (await caller('/v1/sre-time-budget')).body.items.find(
        (t: any) => t.groupRef === 'group:default/sre-core',
      );
      expect(listed.services).toEqual(team.services);
      return {
        services: [...team.services].sort(),
        incidents: team.months.reduce(
          (n: number, m: any) => n + m.incidents,
          0,
        ),
      };
    };
    expect(await budget(erin)).toEqual({
      services: [CHECKOUT, PAYMENTS],
      incidents: 3,
    });
    expect(await budget(mallory)).toEqual({
      services: [CHECKOUT],
      incidents: 1,
    });
  });

  it("reads the catalog with the caller's credentials only for a restricted caller", async () => {
    catalog.userReads.length = 0;
    await erin('/v1/entities/component/default/payments-api/summary');
    expect(catalog.userReads).toEqual([]);
    await mallory('/v1/entities/component/default/checkout-api/summary');
    expect(catalog.userReads).toEqual(['getEntityByRef']);
  });
  // Last: it adds postmortems, which the counts above do not expect.
  it('tells nothing in the audit trail of an entity the caller cannot see, even beside a visible one', async () => {
    const record = (name: string) => ({
      title: `Outage of ${name}`,
      severity: 'sev3',
      startedAt: '2026-11-21T10:00:00Z',
      resolvedAt: '2026-11-21T11:00:00Z',
      entityRefs: [name],
    });
    const imported = await request(server)
      .post('/api/reliability/v1/postmortems/import')
      .set('Authorization', mockCredentials.user.header(ERIN))
      .send({ items: [record('checkout-api'), record('payments-api')] });
    expect(imported.status).toBe(200);
    // One event for the import, about its first entity, listing them all.
    const importEvents = async (caller: typeof erin) =>
      (await caller('/v1/audit-events?category=postmortem')).body.items.filter(
        (e: any) => e.action === 'postmortem.imported',
      );
    expect(await importEvents(erin)).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/checkout-api',
        details: expect.objectContaining({
          entityRefs: [
            'component:default/checkout-api',
            'component:default/payments-api',
          ],
        }),
      }),
    ]);
    expect(await importEvents(mallory)).toEqual([]);
    expect((await mallory('/v1/audit-events')).text).not.toMatch(/payments/);
  });
});
