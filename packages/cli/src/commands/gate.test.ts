import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { GateDecision } from '@reliability-suite/plugin-reliability-common';
import { Io } from '../io';
import { run } from '../program';

function capture(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: t => out.push(t), err: t => err.push(t), env };
  return { io, out, err };
}

type Answer = { status: number; body: unknown; contentType?: string };

const FREEZE = {
  id: 'fz-1',
  entityRef: 'component:default/checkout-api',
  policyRef: 'app-config/default',
  startedAt: '2025-03-01T09:30:00.000Z',
  startedBy: 'user:default/sre-alice',
  reason: 'budget exhausted after the 28 Feb outage',
  link: null,
  automatic: false,
  budgetRemaining: -0.12,
};

const OPEN: GateDecision = {
  entityRef: 'component:default/checkout-api',
  allowed: true,
  reason: 'no freeze in force',
  policyRef: 'app-config/default',
  state: 'healthy',
  remaining: 0.4234,
  frozen: false,
  freeze: null,
  exception: null,
  preApprovedClass: null,
};

const CLOSED: GateDecision = {
  ...OPEN,
  allowed: false,
  reason: 'frozen: the error budget is spent',
  state: 'exhausted',
  remaining: -0.12,
  frozen: true,
  freeze: FREEZE,
};

const EXCEPTED: GateDecision = {
  ...CLOSED,
  allowed: true,
  reason: 'frozen, but change abc123 has an exception',
  exception: {
    id: 'ex-7',
    entityRef: 'component:default/checkout-api',
    freezeId: 'fz-1',
    changeId: 'abc123',
    exceptionClass: 'security',
    reason: 'CVE fix',
    link: null,
    grantedBy: 'user:default/sre-bob',
    grantedAt: '2025-03-02T10:00:00.000Z',
    budgetRemaining: -0.12,
  },
};

function notFound(message: string): Answer {
  return {
    status: 404,
    body: {
      error: { name: 'NotFoundError', message },
      request: { method: 'GET', url: '/api/reliability/v1/gate' },
      response: { statusCode: 404 },
    },
  };
}

describe('reliability gate', () => {
  let server: Server;
  let url: string;
  let requests: IncomingMessage[];
  let answer: (query: URLSearchParams) => Answer;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req);
      const u = new URL(req.url ?? '/', 'http://x');
      const a: Answer =
        u.pathname === '/base/api/reliability/v1/gate'
          ? answer(u.searchParams)
          : notFound(`no route ${u.pathname}`);
      res.writeHead(a.status, {
        'Content-Type': a.contentType ?? 'application/json',
      });
      res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    // A path prefix, as when Backstage is served under one.
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/base/`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    requests = [];
    answer = () => ({ status: 200, body: OPEN });
  });

  const gate = (io: Io, ...args: string[]) =>
    run(['node', 'reliability', 'gate', ...args], io);
  const connection = () => ['--url', url, '--token', 'ci-token-123'];

  it('exits 0 and prints ALLOW with the policy, state and budget when allowed', async () => {
    const { io, out, err } = capture();
    const code = await gate(
      io,
      '--entity',
      'component:default/checkout-api',
      ...connection(),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([
      'ALLOW component:default/checkout-api: no freeze in force',
      '  policy app-config/default, state healthy, budget remaining 42.3%',
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('GET');
    expect(requests[0].headers.authorization).toBe('Bearer ci-token-123');
    expect(requests[0].url).toBe(
      '/base/api/reliability/v1/gate?entity=component%3Adefault%2Fcheckout-api',
    );
  });

  it('exits 1 and prints BLOCK with the freeze and how to get an exception when blocked', async () => {
    answer = () => ({ status: 200, body: CLOSED });
    const { io, out, err } = capture();
    const code = await gate(
      io,
      '--entity',
      'checkout-api',
      '--change',
      'abc123',
      ...connection(),
    );
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'BLOCK component:default/checkout-api: frozen: the error budget is spent',
      '  policy app-config/default, state exhausted, budget remaining -12.0%',
      '  frozen since 2025-03-01T09:30:00.000Z by user:default/sre-alice: budget exhausted after the 28 Feb outage',
      '  ask for an exception: an SRE or the policy owner grants one for --change abc123',
    ]);
  });

  it('tells to pass --change when blocked without one', async () => {
    answer = () => ({
      status: 200,
      body: { ...CLOSED, freeze: { ...FREEZE, automatic: true } },
    });
    const { io, err } = capture();
    expect(await gate(io, '--entity', 'checkout-api', ...connection())).toBe(1);
    expect(err[2]).toMatch(/ by user:default\/sre-alice \(automatic\): /);
    expect(err.slice(3)).toEqual([
      '  ask for an exception: an SRE or the policy owner grants one for --change <id>',
      '  then run the gate again with --change <id> (the change the exception was granted for)',
    ]);
    expect(err.join('\n')).not.toMatch(/^error:/m);
  });

  it('exits 0 during a freeze when the change has an exception, naming it', async () => {
    answer = () => ({ status: 200, body: EXCEPTED });
    const { io, out, err } = capture();
    const code = await gate(
      io,
      '--entity',
      'checkout-api',
      '--change',
      'abc123',
      ...connection(),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toBe(
      'ALLOW component:default/checkout-api: frozen, but change abc123 has an exception',
    );
    expect(out).toContain(
      '  exception ex-7 for change abc123 (class security), granted by user:default/sre-bob at 2025-03-02T10:00:00.000Z: CVE fix',
    );
    expect(out.join('\n')).toMatch(/frozen since 2025-03-01T09:30:00.000Z/);
  });

  it('names a pre-approved class that let the change through', async () => {
    answer = q => ({
      status: 200,
      body: { ...CLOSED, allowed: true, preApprovedClass: q.get('class') },
    });
    const { io, out } = capture();
    expect(
      await gate(
        io,
        '--entity',
        'checkout-api',
        '--class',
        'security',
        ...connection(),
      ),
    ).toBe(0);
    expect(out).toContain('  pre-approved class: security');
  });

  it('prints "no data" when the budget is unknown', async () => {
    answer = () => ({
      status: 200,
      body: { ...OPEN, state: null, remaining: null },
    });
    const { io, out } = capture();
    expect(await gate(io, '--entity', 'checkout-api', ...connection())).toBe(0);
    expect(out[1]).toBe(
      '  policy app-config/default, state unknown (no data), budget remaining no data',
    );
  });

  it.each([
    [OPEN, 0],
    [CLOSED, 1],
  ])(
    'prints only the decision as JSON with --json, keeping the exit code',
    async (decision, exitCode) => {
      answer = () => ({ status: 200, body: decision });
      const { io, out, err } = capture();
      const code = await gate(
        io,
        '--entity',
        'checkout-api',
        '--json',
        ...connection(),
      );
      expect(code).toBe(exitCode);
      expect(err).toEqual([]);
      expect(JSON.parse(out.join('\n'))).toEqual(decision);
    },
  );

  it('sends --change and --class URL-encoded in the query string', async () => {
    const { io } = capture();
    expect(
      await gate(
        io,
        '--entity',
        'Component:payments/Checkout-API',
        '--change',
        'release/2025.03 #4&x=1',
        '--class',
        'security+hotfix',
        ...connection(),
      ),
    ).toBe(0);
    const raw = requests[0].url!;
    expect(raw).toBe(
      '/base/api/reliability/v1/gate?entity=component%3Apayments%2Fcheckout-api&change=release%2F2025.03%20%234%26x%3D1&class=security%2Bhotfix',
    );
    const query = new URL(raw, 'http://x').searchParams;
    expect([...query.entries()]).toEqual([
      ['entity', 'component:payments/checkout-api'],
      ['change', 'release/2025.03 #4&x=1'],
      ['class', 'security+hotfix'],
    ]);
  });

  it.each([
    ['checkout-api', 'component:default/checkout-api'],
    ['payments/checkout-api', 'component:payments/checkout-api'],
    ['api:checkout', 'api:default/checkout'],
    ['component:default/checkout-api', 'component:default/checkout-api'],
  ])('accepts the entity %p as %p', async (given, sent) => {
    const { io } = capture();
    expect(await gate(io, '--entity', given, ...connection())).toBe(0);
    expect(
      new URL(requests[0].url!, 'http://x').searchParams.get('entity'),
    ).toBe(sent);
  });

  it('reads the URL and token from the environment', async () => {
    const { io, out } = capture({
      RELIABILITY_URL: url,
      RELIABILITY_TOKEN: 'env-token-456',
    });
    expect(await gate(io, '--entity', 'checkout-api')).toBe(0);
    expect(out[0]).toMatch(/^ALLOW /);
    expect(requests[0].headers.authorization).toBe('Bearer env-token-456');
  });

  it('exits 2, not 1, for an unknown entity', async () => {
    answer = q => notFound(`No entity ${q.get('entity')} in the catalog`);
    const { io, out, err } = capture();
    const code = await gate(io, '--entity', 'nope', ...connection());
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'error: 404 NotFoundError: No entity component:default/nope in the catalog',
    ]);
  });

  it('exits 2, not 1, when the token is rejected', async () => {
    answer = () => ({
      status: 401,
      body: {
        error: { name: 'AuthenticationError', message: 'Illegal token' },
        response: { statusCode: 401 },
      },
    });
    const { io, err } = capture();
    expect(await gate(io, '--entity', 'checkout-api', ...connection())).toBe(2);
    expect(err.join('\n')).toMatch(
      /^error: 401 AuthenticationError: Illegal token \(check --token/,
    );
  });

  it('exits 2 when the backend is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>(resolve =>
      closed.listen(0, '127.0.0.1', () => resolve()),
    );
    const port = (closed.address() as AddressInfo).port;
    await new Promise(resolve => closed.close(resolve));
    const { io, out, err } = capture();
    const code = await gate(
      io,
      '--entity',
      'checkout-api',
      '--url',
      `http://127.0.0.1:${port}`,
    );
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      expect.stringMatching(
        new RegExp(
          `^error: cannot reach the backend at http://127.0.0.1:${port}: .*ECONNREFUSED`,
        ),
      ),
    ]);
  });

  it.each([
    ['a page that is not JSON', 'text/html', '<html>Backstage</html>'],
    ['JSON that is not a decision', 'application/json', '{"items":[]}'],
  ])('exits 2 when the backend answers %s', async (_what, type, body) => {
    answer = () => ({ status: 200, body, contentType: type });
    const { io, out, err } = capture();
    expect(await gate(io, '--entity', 'checkout-api', ...connection())).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/is --url .*the Backstage backend\?/);
  });

  it.each([
    [[], /error: required option '--entity <ref>' not specified/],
    [
      ['--entity', 'component:default/'],
      /^error: --entity: 'component:default\/' is not an entity reference; expected \[kind:\]\[namespace\/\]name/,
    ],
    [
      ['--entity', 'checkout-api', '--change', ''],
      /^error: --change: must be 1 to 256 characters/,
    ],
    [
      ['--entity', 'checkout-api', '--class', 'x'.repeat(64)],
      /^error: --class: must be 1 to 63 characters/,
    ],
    [['--entity', 'checkout-api', '--bogus'], /unknown option '--bogus'/],
    [['--entity', 'checkout-api', 'extra'], /too many arguments/],
  ])(
    'exits 2 without asking the backend for bad arguments %p',
    async (args, message) => {
      const { io, err } = capture();
      expect(await gate(io, ...args, ...connection())).toBe(2);
      expect(err.join('\n')).toMatch(message);
      expect(requests).toEqual([]);
    },
  );

  it('exits 2 without a URL', async () => {
    const { io, err } = capture();
    expect(await gate(io, '--entity', 'checkout-api')).toBe(2);
    expect(err.join('\n')).toMatch(
      /^error: --url: the Backstage backend URL is required/,
    );
  });

  it('documents the exit codes in --help', async () => {
    const { io, out } = capture();
    expect(await gate(io, '--help')).toBe(0);
    const help = out.join('\n');
    expect(help).toMatch(/Usage: reliability gate \[options\]/);
    expect(help).toMatch(/^ {2}0 {2}allowed/m);
    expect(help).toMatch(/^ {2}1 {2}blocked/m);
    expect(help).toMatch(/^ {2}2 {2}the gate could not decide/m);
  });
});
