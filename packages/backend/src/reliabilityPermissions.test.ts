import { mockCredentials } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { startPermissionTestBackend } from './__testUtils__/permissionTestBackend';

jest.setTimeout(120_000);

/**
 * Every mutating route of the reliability backend, called by every kind of caller, through
 * the demo's real permission path: the permission backend with the demo policy
 * (`modules/permissionPolicy.ts`), its conditional decisions applied by the plugin's
 * IS_RELIABILITY_PARTY rule on the parties it resolves from the catalog.
 */

const TOKENS = {
  catalogOnly: 'catalog-only-token-0123456789abcdef',
  sliWriteOnly: 'sli-write-only-token-0123456789abcdef',
  pluginOnly: 'plugin-only-token-0123456789abcdef',
};
const CONFIG = {
  backend: {
    auth: {
      externalAccess: [
        {
          type: 'static',
          options: { token: TOKENS.catalogOnly, subject: 'catalog-sync' },
          accessRestrictions: [{ plugin: 'catalog' }],
        },
        {
          type: 'static',
          options: { token: TOKENS.sliWriteOnly, subject: 'ci-pusher' },
          accessRestrictions: [
            { plugin: 'reliability', permission: 'reliability.sli.write' },
          ],
        },
        {
          // A CI token as packages/cli/README.md configures it (and the demo did).
          type: 'static',
          options: { token: TOKENS.pluginOnly, subject: 'ci-deploy-gate' },
          accessRestrictions: [{ plugin: 'reliability' }],
        },
      ],
    },
  },
};

const user = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);
const CALLERS = {
  anonymous: undefined,
  alice: user('alice'), // team-checkout: owner of checkout-api
  sam: user('sam'), // sre-core: SRE team of checkout-api, owner of its policy
  bob: user('bob'), // team-search: another team
  nora: user('nora'), // signed in, in no team
  'token:catalog': `Bearer ${TOKENS.catalogOnly}`,
  'token:sli.write': `Bearer ${TOKENS.sliWriteOnly}`,
  'token:plugin': `Bearer ${TOKENS.pluginOnly}`,
};
type CallerName = keyof typeof CALLERS;

/**
 * The callers of the table: no credentials, a user who lacks the permission on the entity, a
 * user of another team, an external token limited to another plugin, one limited to this
 * plugin's reliability.sli.write, and a user who holds the permission. FIXED are the same on
 * every route; a row names who lacks and who holds its permission.
 */
type Column =
  | 'anonymous'
  | 'no permission'
  | 'other team'
  | 'token: other plugin'
  | 'token: sli.write only'
  | 'allowed';
const FIXED: Partial<Record<Column, CallerName>> = {
  anonymous: 'anonymous',
  'other team': 'bob',
  'token: other plugin': 'token:catalog',
  'token: sli.write only': 'token:sli.write',
};

/**
 * An answer: the status, and the error's name and exact message (a pattern where the rest
 * names details), or a part of the body of a success.
 */
type Answer = [
  status: number,
  nameOrBody?: string | object,
  message?: string | RegExp,
];

const UNAUTHENTICATED: Answer = [
  401,
  'AuthenticationError',
  'Missing credentials',
];
const OTHER_PLUGIN: Answer = [
  403,
  'NotAllowedError',
  "This token's access is restricted to plugin(s) 'catalog'",
];
const CHECKOUT = 'component:default/checkout-api';
const sloHistoryRefused: Answer = [
  403,
  'NotAllowedError',
  'Importing the history of slo:default/checkout-availability needs the reliability.slo.history.write permission on component:default/checkout-api',
];
const SEARCH = 'component:default/search-api';
const ENTITY = '/v1/entities/component/default/checkout-api';
const enactRefused: Answer = [
  403,
  'NotAllowedError',
  `Enacting the error-budget policy of ${CHECKOUT} needs the reliability.policy.enact permission on it`,
];
const postmortemRefused = (...refs: string[]): Answer => [
  403,
  'NotAllowedError',
  `Writing postmortems needs the reliability.postmortem.write permission on every affected entity; refused on ${refs.join(
    ', ',
  )}`,
];
const reviewRefused = (what: string, needs: string): Answer => [
  403,
  'NotAllowedError',
  `${what} on ${CHECKOUT} needs the ${needs} permission on it`,
];

const postmortem = (over: Record<string, unknown> = {}) => ({
  title: 'Checkout 5xx after a config push',
  severity: 'sev2',
  startedAt: '2026-11-20T10:00:00Z',
  resolvedAt: '2026-11-20T11:00:00Z',
  entityRefs: ['checkout-api'],
  ...over,
});
const state = { postmortemId: '' };
const push = (good: number, total: number) => ({
  items: [
    {
      slo: 'checkout-availability',
      timestamp: Date.now() - 2 * 60_000,
      good,
      total,
    },
  ],
});

type Row = {
  /** The OpenAPI operation: method and path template. */
  op: string;
  path: () => string;
  body: object;
  /** Bodies of particular columns, e.g. a postmortem that also names another team's entity. */
  bodies?: Partial<Record<Column, object>>;
  /** Who plays the row-specific columns. */
  noPermission: CallerName;
  allowed: CallerName;
  answers: Record<Column, Answer>;
};

/** In the order the allowed calls make sense (a freeze before its lift, a create before an edit). */
const TABLE: Row[] = [
  {
    op: 'POST /v1/entities/{kind}/{namespace}/{name}/policy/freeze',
    path: () => `${ENTITY}/policy/freeze`,
    body: { reason: 'Budget spent' },
    noPermission: 'alice', // the owning team is not a party of enactment
    allowed: 'sam',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': enactRefused,
      'other team': enactRefused,
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': enactRefused,
      allowed: [201, { startedBy: 'user:default/sam', automatic: false }],
    },
  },
  {
    op: 'POST /v1/entities/{kind}/{namespace}/{name}/policy/exceptions',
    path: () => `${ENTITY}/policy/exceptions`,
    body: { changeId: 'abc', exceptionClass: 'p0-fix', reason: 'Hotfix' },
    noPermission: 'alice',
    allowed: 'sam',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': enactRefused,
      'other team': enactRefused,
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': enactRefused,
      allowed: [201, { changeId: 'abc', grantedBy: 'user:default/sam' }],
    },
  },
  {
    op: 'POST /v1/entities/{kind}/{namespace}/{name}/policy/decisions',
    path: () => `${ENTITY}/policy/decisions`,
    body: { decision: 'fund-reliability', reason: 'Two engineers' },
    noPermission: 'alice',
    allowed: 'sam',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': enactRefused,
      'other team': enactRefused,
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': enactRefused,
      allowed: [201, { decision: 'fund-reliability' }],
    },
  },
  {
    op: 'POST /v1/entities/{kind}/{namespace}/{name}/policy/lift',
    path: () => `${ENTITY}/policy/lift`,
    body: { reason: 'Recovered' },
    noPermission: 'alice',
    allowed: 'sam',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': enactRefused,
      'other team': enactRefused,
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': enactRefused,
      allowed: [200, { liftedBy: 'user:default/sam' }],
    },
  },
  {
    op: 'POST /v1/entities/{kind}/{namespace}/{name}/readiness/attestations',
    path: () => `${ENTITY}/readiness/attestations`,
    body: {
      itemId: 'load-tested',
      statement: 'Tested at 2x peak',
      evidenceUrl: 'https://docs.example.com/lt',
    },
    noPermission: 'sam', // the SRE team signs off, it does not attest
    allowed: 'alice',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': reviewRefused(
        'Attesting a readiness item',
        'reliability.review.attest',
      ),
      'other team': reviewRefused(
        'Attesting a readiness item',
        'reliability.review.attest',
      ),
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': reviewRefused(
        'Attesting a readiness item',
        'reliability.review.attest',
      ),
      allowed: [201, { attestedBy: 'user:default/alice' }],
    },
  },
  {
    op: 'POST /v1/entities/{kind}/{namespace}/{name}/readiness/comments',
    path: () => `${ENTITY}/readiness/comments`,
    body: { body: 'Looks good' },
    noPermission: 'nora',
    allowed: 'sam',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': reviewRefused(
        'Commenting on a review',
        'reliability.review.attest or reliability.review.signoff',
      ),
      'other team': reviewRefused(
        'Commenting on a review',
        'reliability.review.attest or reliability.review.signoff',
      ),
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': reviewRefused(
        'Commenting on a review',
        'reliability.review.attest or reliability.review.signoff',
      ),
      allowed: [201, { author: 'user:default/sam' }],
    },
  },
  {
    // An owner's action: past the permission check, the review's own precondition answers.
    op: 'POST /v1/entities/{kind}/{namespace}/{name}/readiness/review',
    path: () => `${ENTITY}/readiness/review`,
    body: { action: 'submit' },
    noPermission: 'sam',
    allowed: 'alice',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': reviewRefused(
        'The review action submit',
        'reliability.review.attest',
      ),
      'other team': reviewRefused(
        'The review action submit',
        'reliability.review.attest',
      ),
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': reviewRefused(
        'The review action submit',
        'reliability.review.attest',
      ),
      allowed: [400, 'InputError', /^Not every required item passes/],
    },
  },
  {
    // The SRE team's action, on a review still in draft.
    op: 'POST /v1/entities/{kind}/{namespace}/{name}/readiness/review',
    path: () => `${ENTITY}/readiness/review`,
    body: { action: 'approve', comment: 'Ship it' },
    noPermission: 'alice',
    allowed: 'sam',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': reviewRefused(
        'The review action approve',
        'reliability.review.signoff',
      ),
      'other team': reviewRefused(
        'The review action approve',
        'reliability.review.signoff',
      ),
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': reviewRefused(
        'The review action approve',
        'reliability.review.signoff',
      ),
      allowed: [
        409,
        'ConflictError',
        /a review that is draft cannot be given 'approve'/,
      ],
    },
  },
  {
    op: 'POST /v1/postmortems',
    path: () => '/v1/postmortems',
    body: postmortem(),
    bodies: {
      'no permission': postmortem({
        entityRefs: ['checkout-api', 'search-api'],
      }),
    },
    noPermission: 'alice', // owner of checkout-api, not of search-api
    allowed: 'alice',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': postmortemRefused(SEARCH),
      'other team': postmortemRefused(CHECKOUT),
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': postmortemRefused(CHECKOUT),
      allowed: [
        201,
        { createdBy: 'user:default/alice', entityRefs: [CHECKOUT] },
      ],
    },
  },
  {
    op: 'PUT /v1/postmortems/{id}',
    path: () => `/v1/postmortems/${state.postmortemId}`,
    body: postmortem({ title: 'Checkout 5xx after a bad config push' }),
    bodies: {
      // Moving it onto an entity the caller may not write.
      'no permission': postmortem({ entityRefs: ['search-api'] }),
    },
    noPermission: 'alice',
    allowed: 'sam',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': postmortemRefused(SEARCH),
      'other team': postmortemRefused(CHECKOUT),
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': postmortemRefused(CHECKOUT),
      allowed: [200, { title: 'Checkout 5xx after a bad config push' }],
    },
  },
  {
    op: 'POST /v1/postmortems/import',
    path: () => '/v1/postmortems/import',
    body: { items: [postmortem({ externalId: 'INC-2041' })] },
    bodies: {
      'no permission': {
        items: [
          postmortem({ externalId: 'INC-2041' }),
          postmortem({ externalId: 'INC-2042', entityRefs: ['search-api'] }),
        ],
      },
    },
    noPermission: 'alice',
    allowed: 'alice',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': postmortemRefused(SEARCH),
      'other team': postmortemRefused(CHECKOUT),
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': postmortemRefused(CHECKOUT),
      allowed: [200, { created: 1, updated: 0 }],
    },
  },
  {
    op: 'POST /v1/slos/{namespace}/{name}/revisions/import',
    path: () => '/v1/slos/default/checkout-availability/revisions/import',
    body: {
      items: [
        {
          effectiveFrom: '2026-01-01T00:00:00.000Z',
          spec: {
            service: 'checkout-api',
            budgetingMethod: 'Occurrences',
            timeWindow: [{ duration: '28d', isRolling: true }],
            indicator: {
              metadata: { name: 'checkout-non-5xx' },
              spec: {
                ratioMetric: {
                  counter: true,
                  good: { metricSource: { type: 'Push', spec: {} } },
                  total: { metricSource: { type: 'Push', spec: {} } },
                },
              },
            },
            objectives: [{ displayName: 'requests-succeed', target: 0.99 }],
          },
          sourceUrl: 'https://git.example.com/checkout/commit/1',
        },
      ],
    },
    noPermission: 'nora',
    allowed: 'alice',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': sloHistoryRefused,
      'other team': sloHistoryRefused,
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': sloHistoryRefused,
      allowed: [200, { imported: 1, merged: false, totalCount: 2 }],
    },
  },
  {
    // Last: the data it writes is evaluated 5 s later, which changes the policy's state.
    op: 'POST /v1/sli/events',
    path: () => '/v1/sli/events',
    body: push(9, 10),
    // Refused pushes carry other counts, so that one written would show.
    bodies: { anonymous: push(1, 100), 'token: other plugin': push(2, 100) },
    // The demo allows pushing to everyone signed in: no user lacks it.
    noPermission: 'nora',
    allowed: 'alice',
    answers: {
      anonymous: UNAUTHENTICATED,
      'no permission': [200, { accepted: 1 }],
      'other team': [200, { accepted: 1 }],
      'token: other plugin': OTHER_PLUGIN,
      'token: sli.write only': [200, { accepted: 1 }],
      allowed: [200, { accepted: 1 }],
    },
  },
];

const openapi = parse(
  fs.readFileSync(
    path.join(
      path.dirname(
        require.resolve(
          '@reliability-suite/plugin-reliability-backend/package.json',
        ),
      ),
      'src/schema/openapi.yaml',
    ),
    'utf8',
  ),
) as { paths: Record<string, Record<string, unknown>> };
const operations = Object.entries(openapi.paths).flatMap(([p, item]) =>
  Object.keys(item)
    .filter(m => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
    .map(m => ({ method: m, path: p, op: `${m.toUpperCase()} ${p}` })),
);

type Server = Awaited<ReturnType<typeof startPermissionTestBackend>>['server'];

function call(
  server: Server,
  method: string,
  route: string,
  caller: CallerName,
  body?: object,
) {
  const req = (request(server) as any)[method.toLowerCase()](
    `/api/reliability${route}`,
  ) as request.Test;
  const auth = CALLERS[caller];
  if (auth) req.set('Authorization', auth);
  return body ? req.send(body) : req;
}

type Point = { good: number; total: number };

/** Everything a mutation could change, as a reader sees it. */
async function snapshot(server: Server) {
  const read = async (route: string) => {
    const res = await call(server, 'GET', route, 'sam');
    expect({ route, status: res.status }).toEqual({ route, status: 200 });
    return res.body;
  };
  // The definitions, without the budget figures the read computes afresh. (Reading them
  // brings the SLO from the catalog, so it comes first and every snapshot sees it known.)
  const revisions = (
    await read('/v1/slos/default/checkout-availability/revisions')
  ).items.map((r: { revision: number; effectiveFrom: string }) => [
    r.revision,
    r.effectiveFrom,
  ]);
  const slo = await call(
    server,
    'GET',
    '/v1/slos/default/checkout-availability',
    'sam',
  );
  return {
    audit: await read('/v1/audit-events?limit=200'),
    // The counts, not the points' times, which follow the clock.
    slo:
      slo.status === 200
        ? slo.body.series
            .map((series: { points: Point[] }) =>
              series.points.filter(p => p.total > 0),
            )
            .flat()
            .map(({ good, total }: Point) => ({ good, total }))
        : slo.status,
    // Without the time of the evaluation, which the read computes afresh.
    policy: JSON.parse(
      JSON.stringify(await read(`${ENTITY}/policy`), (key, value) =>
        key === 'evaluatedAt' ? undefined : value,
      ),
    ),
    review: (await read(`${ENTITY}/readiness`)).review,
    revisions,
    postmortems: await read('/v1/postmortems?limit=100'),
  };
}

function answerOf(res: request.Response): Answer {
  if (res.status >= 400) {
    return [res.status, res.body?.error?.name, res.body?.error?.message];
  }
  return [res.status, res.body];
}

function expectAnswer(cell: string, actual: Answer, expected: Answer) {
  const [status, nameOrBody, message] = expected;
  if (typeof nameOrBody === 'object') {
    expect({ cell, status: actual[0] }).toEqual({ cell, status });
    expect(actual[1]).toMatchObject(nameOrBody);
  } else {
    expect({ cell, status: actual[0], name: actual[1] }).toEqual({
      cell,
      status,
      name: nameOrBody,
    });
    if (typeof message === 'string') {
      expect({ cell, message: actual[2] }).toEqual({ cell, message });
    } else {
      expect({ cell, message: actual[2] }).toEqual({
        cell,
        message: expect.stringMatching(message!),
      });
    }
  }
}

describe('permissions of every mutating route, under the demo policy', () => {
  let server: Server;
  beforeAll(async () => {
    ({ server } = await startPermissionTestBackend(CONFIG));
  });

  it('has a row for every mutating operation of the OpenAPI document', () => {
    const mutating = operations.filter(o => o.method !== 'get').map(o => o.op);
    expect(mutating.length).toBeGreaterThanOrEqual(11);
    expect([...new Set(TABLE.map(r => r.op))].sort()).toEqual(mutating.sort());
  });

  it('answers 401 to an anonymous caller on every read but /health', async () => {
    const reads = operations.filter(o => o.method === 'get');
    expect(reads.length).toBeGreaterThan(15);
    for (const { path: template, op } of reads) {
      const route = template
        .replace('{kind}', 'component')
        .replace('{namespace}', 'default')
        .replace('{name}', 'checkout-api')
        .replace('{id}', '1');
      const answer = answerOf(await call(server, 'GET', route, 'anonymous'));
      // /health is the one public route.
      expectAnswer(
        op,
        answer,
        template === '/health' ? [200, { status: 'ok' }] : UNAUTHENTICATED,
      );
    }
  });

  it.each(
    TABLE.map(row => [
      `${row.op}${'action' in row.body ? ` (${row.body.action})` : ''}`,
      row,
    ]),
  )('%s', async (_name, row) => {
    const [method] = row.op.split(' ');
    const columns = Object.keys(row.answers) as Column[];
    const callerOf = (column: Column): CallerName =>
      FIXED[column] ?? (column === 'allowed' ? row.allowed : row.noPermission);
    const run = async (column: Column) => {
      const res = await call(
        server,
        method,
        row.path(),
        callerOf(column),
        row.bodies?.[column] ?? row.body,
      );
      expectAnswer(
        `${row.op} as ${column} (${callerOf(column)})`,
        answerOf(res),
        row.answers[column],
      );
      return res;
    };
    // Every refusal first: none of them may change anything a reader can see.
    const refused = columns.filter(
      c => row.answers[c][0] >= 400 && c !== 'allowed',
    );
    const before = await snapshot(server);
    for (const column of refused) await run(column);
    expect(await snapshot(server)).toEqual(before);
    for (const column of columns.filter(c => !refused.includes(c))) {
      const res = await run(column);
      if (row.op === 'POST /v1/postmortems') state.postmortemId = res.body.id;
    }
  });
});

describe('an external token restricted to the plugin but to no permission', () => {
  it('passes every permission check: the policy is never asked about a service', async () => {
    // Backstage's permissions service decides for service principals on the token's
    // accessRestrictions alone; the demo policy's "no user, no entity mutation" never runs.
    const { server } = await startPermissionTestBackend(CONFIG);
    const as = (route: string, body: object) =>
      call(server, 'POST', route, 'token:plugin', body);
    const freeze = await as(`${ENTITY}/policy/freeze`, { reason: 'x' });
    expect(freeze.status).toBe(201);
    expect(freeze.body.startedBy).toBe('service:ci-deploy-gate');
    expect((await as(`${ENTITY}/policy/lift`, { reason: 'x' })).status).toBe(
      200,
    );
    const attested = await as(`${ENTITY}/readiness/attestations`, {
      itemId: 'load-tested',
      statement: 'x',
      evidenceUrl: 'https://docs.example.com/lt',
    });
    expect(attested.status).toBe(201);
    expect((await as('/v1/postmortems', postmortem())).status).toBe(201);
    // The same token limited to reliability.sli.write (the table's) is refused all of it.
  });
});
