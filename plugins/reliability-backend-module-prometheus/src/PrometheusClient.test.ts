/**
 * Retry, timeout and error classification of the HTTP client, against a small local HTTP
 * server that answers what each case needs. The source's behaviour against a real
 * Prometheus is tested in PrometheusSliSource.test.ts.
 */
import http from 'node:http';
import net from 'node:net';
import { SliSourceError } from '@reliability-suite/plugin-reliability-node';
import { PrometheusClient } from './PrometheusClient';

type Reply = { status: number; body: string; headers?: Record<string, string> };

const MATRIX = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [{ metric: {}, values: [[60, '5']] }],
  },
});

describe('PrometheusClient', () => {
  let server: http.Server;
  let url: string;
  let replies: Array<Reply | 'hang'>;
  let requests: Array<{
    headers: http.IncomingHttpHeaders;
    body: string;
    path: string;
  }>;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', c => {
        body += c;
      });
      req.on('end', () => {
        requests.push({ headers: req.headers, body, path: req.url ?? '' });
        const reply = replies.length > 1 ? replies.shift()! : replies[0];
        if (reply === 'hang') return;
        res.writeHead(reply.status, {
          'Content-Type': 'application/json',
          ...reply.headers,
        });
        res.end(reply.body);
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  beforeEach(() => {
    requests = [];
    replies = [];
  });

  const client = (
    extra: Partial<ConstructorParameters<typeof PrometheusClient>[0]> = {},
  ) =>
    new PrometheusClient({
      url,
      timeoutMs: 2000,
      retries: 2,
      retryBackoffMs: 5,
      ...extra,
    });
  const query = {
    query: 'sum(up)',
    start: 60_000,
    end: 120_000,
    stepMs: 60_000,
  };

  async function failure(p: Promise<unknown>): Promise<SliSourceError> {
    const e = await p.then(
      () => undefined,
      err => err,
    );
    expect(e).toBeInstanceOf(SliSourceError);
    return e as SliSourceError;
  }

  it('posts a range query with auth headers and returns the series', async () => {
    replies = [{ status: 200, body: MATRIX }];
    const series = await client({
      url: `${url}/prom/`,
      headers: { 'X-Scope-OrgID': 'team-a', authorization: 'Basic xyz' },
      bearerToken: 's3cret',
    }).queryRange(query);
    expect(series).toEqual([{ metric: {}, values: [[60, '5']] }]);
    expect(requests).toHaveLength(1);
    expect(requests[0].path).toBe('/prom/api/v1/query_range');
    expect(requests[0].headers.authorization).toBe('Bearer s3cret');
    expect(requests[0].headers['x-scope-orgid']).toBe('team-a');
    expect(Object.fromEntries(new URLSearchParams(requests[0].body))).toEqual({
      query: 'sum(up)',
      start: '60',
      end: '120',
      step: '60',
      timeout: '2',
    });
  });

  it('posts an instant query and returns the vector, retries as the call says', async () => {
    const vector = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [{ metric: { sloth_id: 'a' }, value: [1700000000, '1'] }],
      },
    });
    replies = [{ status: 200, body: vector }];
    const samples = await client({ bearerToken: 's3cret' }).query({
      query: 'ALERTS',
      time: 1_700_000_000_500,
    });
    expect(samples).toEqual([
      { metric: { sloth_id: 'a' }, value: [1700000000, '1'] },
    ]);
    expect(requests[0].path).toBe('/api/v1/query');
    expect(requests[0].headers.authorization).toBe('Bearer s3cret');
    expect(Object.fromEntries(new URLSearchParams(requests[0].body))).toEqual({
      query: 'ALERTS',
      time: '1700000000.5',
      timeout: '2',
    });

    // No retries when the caller says so (someone waits on the answer).
    requests = [];
    replies = [{ status: 503, body: 'Service Unavailable' }];
    const e = await failure(client().query({ query: 'ALERTS', retries: 0 }));
    expect(e.kind).toBe('unreachable');
    expect(requests).toHaveLength(1);
  });

  it('refuses a scalar where an instant vector was asked for', async () => {
    replies = [
      {
        status: 200,
        body: JSON.stringify({
          status: 'success',
          data: { resultType: 'scalar', result: [1, '1'] },
        }),
      },
    ];
    const e = await failure(client().query({ query: '1' }));
    expect(e.kind).toBe('query-error');
    expect(e.message).toBe(
      "Prometheus returned a 'scalar' result where an instant vector was asked for",
    );
  });

  it('retries HTTP 5xx and 429, then succeeds', async () => {
    replies = [
      { status: 503, body: 'Service Unavailable' },
      { status: 429, body: 'slow down' },
      { status: 200, body: MATRIX },
    ];
    await expect(client().queryRange(query)).resolves.toHaveLength(1);
    expect(requests).toHaveLength(3);
  });

  it('gives up with unreachable after the configured retries', async () => {
    replies = [{ status: 502, body: '<html>Bad Gateway</html>' }];
    const e = await failure(client({ retries: 3 }).queryRange(query));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toMatch(
      /HTTP 502: <html>Bad Gateway<\/html> \(after 4 attempts\)/,
    );
    expect(requests).toHaveLength(4);
  });

  it('reports a Prometheus error that persists on 5xx as query-error', async () => {
    replies = [
      {
        status: 503,
        body: JSON.stringify({
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out in expression evaluation',
        }),
      },
    ];
    const e = await failure(client({ retries: 1 }).queryRange(query));
    expect(e.kind).toBe('query-error');
    expect(e.message).toContain(
      'timeout: query timed out in expression evaluation',
    );
    expect(requests).toHaveLength(2);
  });

  it('does not retry a rejected query', async () => {
    replies = [
      {
        status: 400,
        body: JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: '1:9: parse error: unclosed left parenthesis',
        }),
      },
    ];
    const e = await failure(client().queryRange(query));
    expect(e.kind).toBe('query-error');
    expect(e.message).toBe(
      'Prometheus rejected the query: bad_data: 1:9: parse error: unclosed left parenthesis',
    );
    expect(requests).toHaveLength(1);
  });

  it('reports refused credentials as a configuration error, without retrying', async () => {
    replies = [{ status: 401, body: 'Unauthorized' }];
    const e = await failure(client().queryRange(query));
    expect(e.kind).toBe('configuration');
    expect(e.message).toMatch(
      /refused the request \(HTTP 401\); check bearerToken/,
    );
    expect(requests).toHaveLength(1);
  });

  it('reports a server that is not Prometheus as a configuration error', async () => {
    replies = [{ status: 200, body: '<html>Grafana</html>' }];
    const e = await failure(client().queryRange(query));
    expect(e.kind).toBe('configuration');
    expect(e.message).toMatch(
      /without a Prometheus API response; is the url a Prometheus server\?/,
    );
  });

  it('times out each attempt and retries', async () => {
    replies = ['hang'];
    const e = await failure(
      client({ timeoutMs: 100, retries: 1 }).queryRange(query),
    );
    expect(e.kind).toBe('unreachable');
    expect(e.message).toMatch(
      /did not answer within 100 ms \(after 2 attempts\)/,
    );
    expect(requests).toHaveLength(2);
  });

  it("stops when the caller's signal aborts, with the signal's reason", async () => {
    replies = ['hang'];
    const controller = new AbortController();
    const p = client({ timeoutMs: 5000 }).queryRange({
      ...query,
      signal: controller.signal,
    });
    // Aborted once the request has reached the server, not after a fixed delay: on a
    // loaded machine the request may take longer than any delay to arrive.
    while (requests.length === 0) {
      await new Promise(r => setTimeout(r, 10));
    }
    controller.abort(new Error('shutting down'));
    await expect(p).rejects.toThrow('shutting down');
    expect(requests).toHaveLength(1);
  });

  it.each([
    ['not a url', /invalid Prometheus url 'not a url'/],
    ['ftp://host', /must be http or https/],
    ['http://user:pw@host:9090', /must not contain credentials/],
  ])('refuses the url %s', (bad, message) => {
    expect(() => client({ url: bad })).toThrow(message);
  });
});
