import { createServer, Server } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Io } from '../io';
import { run } from '../program';
import { checkPostmortems, importFormat } from './postmortems';
import { readPostmortemsCsv } from './postmortemsCsv';
import { readPostmortemsJson } from './postmortemsJson';

const NOW = Date.parse('2026-11-27T12:00:00Z');

function capture(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: t => out.push(t), err: t => err.push(t), env };
  return { io, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'reliability-postmortems-'));
});

async function file(name: string, content: string) {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

const HEADER =
  'externalId,title,severity,status,blamelessReviewHeld,startedAt,detectedAt,mitigatedAt,resolvedAt,entityRefs,documentUrl,summary,actionItem1.title,actionItem1.ownerRef,actionItem1.dueAt,actionItem1.priority,actionItem1.status,actionItem1.link,actionItem2.title,actionItem2.ownerRef';

const CSV = [
  HEADER,
  'INC-1,Checkout 5xx after config push,sev2,published,Yes,2026-09-14T09:12:00Z,2026-09-14T09:19:00Z,2026-09-14T09:47:00Z,2026-09-14T10:30:00Z,component:default/checkout-api; component:default/cart-web,https://wiki.example.com/INC-1,"Pool halved, 6% of checkouts failed.\nRolled back.",Canary config pushes,group:default/team-checkout,2026-10-15T00:00:00Z,p1,done,https://tracker.example.com/CHK-1,"Alert on pool saturation, not only 5xx",sre-core',
  'INC-2,Search empty for accented queries,sev3,,no,2026-10-02T16:40:00Z,,,,search-api,,,,,,,,,Smoke-test accented queries,team-search',
  ',,,,,,,,,,,,,,,,,,,',
  ',Cart totals stale,sev4,draft,,2026-10-21T13:05:00Z,,,,component:default/cart-web component:default/checkout-api,,,,,,,,,,',
].join('\r\n');

/** The JSON records the rows of CSV stand for: what is sent. */
const CSV_ITEMS = [
  {
    externalId: 'INC-1',
    title: 'Checkout 5xx after config push',
    severity: 'sev2',
    status: 'published',
    blamelessReviewHeld: true,
    startedAt: '2026-09-14T09:12:00Z',
    detectedAt: '2026-09-14T09:19:00Z',
    mitigatedAt: '2026-09-14T09:47:00Z',
    resolvedAt: '2026-09-14T10:30:00Z',
    entityRefs: [
      'component:default/checkout-api',
      'component:default/cart-web',
    ],
    documentUrl: 'https://wiki.example.com/INC-1',
    summary: 'Pool halved, 6% of checkouts failed.\nRolled back.',
    actionItems: [
      {
        title: 'Canary config pushes',
        ownerRef: 'group:default/team-checkout',
        dueAt: '2026-10-15T00:00:00Z',
        priority: 'p1',
        status: 'done',
        link: 'https://tracker.example.com/CHK-1',
      },
      { title: 'Alert on pool saturation, not only 5xx', ownerRef: 'sre-core' },
    ],
  },
  {
    externalId: 'INC-2',
    title: 'Search empty for accented queries',
    severity: 'sev3',
    blamelessReviewHeld: false,
    startedAt: '2026-10-02T16:40:00Z',
    entityRefs: ['search-api'],
    actionItems: [
      { title: 'Smoke-test accented queries', ownerRef: 'team-search' },
    ],
  },
  {
    title: 'Cart totals stale',
    severity: 'sev4',
    status: 'draft',
    startedAt: '2026-10-21T13:05:00Z',
    entityRefs: [
      'component:default/cart-web',
      'component:default/checkout-api',
    ],
  },
];

const JSON_ITEMS = [
  {
    title: 'Checkout API 5xx',
    severity: 'sev2',
    startedAt: '2026-09-14T09:12:00Z',
    entityRefs: ['checkout-api'],
    actionItems: [{ title: 'Canary config pushes', priority: 'p1' }],
    externalId: 'INC-1',
  },
  {
    title: 'Search outage',
    severity: 'sev1',
    status: 'published',
    blamelessReviewHeld: true,
    startedAt: '2026-10-02T16:40:00+02:00',
    resolvedAt: null,
    entityRefs: ['component:default/search-api'],
  },
];

describe('reading postmortem files', () => {
  it('turns CSV rows into JSON records: lists, booleans, numbered action items, empty cells absent', () => {
    const batch = readPostmortemsCsv(CSV);
    expect(batch.problems).toEqual([]);
    expect(batch.items).toEqual(CSV_ITEMS);
    expect(checkPostmortems(batch, NOW)).toEqual([]);
  });

  it('splits action item labels on ";" and takes closedAt', () => {
    const batch = readPostmortemsCsv(
      'title,severity,startedAt,entityRefs,actionItem1.title,actionItem1.status,actionItem1.labels,actionItem1.closedAt\n' +
        'Outage,sev2,2026-10-01T00:00:00Z,checkout-api,Automate failover,done,toil-reduction;automation,2026-10-20T00:00:00Z\n' +
        'Other,sev2,2026-10-01T00:00:00Z,checkout-api,Bad labels,open,Toil Work,\n',
    );
    expect((batch.items[0] as { actionItems: unknown }).actionItems).toEqual([
      {
        title: 'Automate failover',
        status: 'done',
        labels: ['toil-reduction', 'automation'],
        closedAt: '2026-10-20T00:00:00Z',
      },
    ]);
    expect(checkPostmortems(batch, NOW)).toEqual([
      expect.stringMatching(
        /^line 3 \(row 2\): actionItem1\.labels\[0\]: must be a label/,
      ),
      expect.stringMatching(
        /^line 3 \(row 2\): actionItem1\.labels\[1\]: must be a label/,
      ),
    ]);
  });

  it('reads a JSON array and an object with items as they are', () => {
    for (const text of [
      JSON.stringify(JSON_ITEMS),
      `\uFEFF${JSON.stringify({ items: JSON_ITEMS }, null, 2)}`,
    ]) {
      const batch = readPostmortemsJson(text);
      expect(batch.problems).toEqual([]);
      expect(batch.items).toEqual(JSON_ITEMS);
      expect(checkPostmortems(batch, NOW)).toEqual([]);
    }
  });

  it.each([
    ['{"items": [', /^not JSON: /],
    [
      '{"records": []}',
      /^expected an array of postmortem records, or an object/,
    ],
    ['"x"', /^expected an array of postmortem records/],
    [
      '{"items": [], "nextCursor": "abc"}',
      /^unknown field\(s\) next to items: nextCursor/,
    ],
  ])('refuses the JSON %p', (text, message) => {
    const batch = readPostmortemsJson(text);
    expect(batch.problems).toEqual([expect.stringMatching(message)]);
    expect(batch.items).toEqual([]);
  });

  it('names the JSON record and field of every problem', () => {
    const batch = readPostmortemsJson(
      JSON.stringify([
        JSON_ITEMS[0],
        'not a record',
        {
          ...JSON_ITEMS[1],
          startedAt: '02/10/2026',
          sevrity: 'sev1',
          actionItems: [{ title: 'x', status: 'closed' }],
        },
      ]),
    );
    expect(checkPostmortems(batch, NOW)).toEqual([
      "items[1]: must be an object; got 'not a record'",
      expect.stringMatching(/^items\[2\]\.sevrity: unknown field/),
      "items[2].startedAt: must be an ISO 8601 date-time such as 2026-03-01T14:05:00Z; got '02/10/2026'",
      expect.stringMatching(
        /^items\[2\]\.actionItems\[0\]\.status: must be one of: open, in-progress, done, wont-do; got 'closed'/,
      ),
    ]);
  });

  it('names the line, row and column of every CSV problem', () => {
    const batch = readPostmortemsCsv(
      [
        'title,severity,startedAt,resolvedAt,entityRefs,blamelessReviewHeld,actionItem1.title,actionItem3.title,actionItem3.priority',
        'Fine,sev2,2026-10-01T10:00:00Z,,checkout-api,yes,,,',
        // A summary-free row after a quoted cell spanning two lines: line numbers are the file's.
        '"Two\nlines",sev5,2026-10-01T10:00:00Z,2026-09-01T10:00:00Z,checkout-api,maybe,,Fix it,urgent',
        'Short row,sev2',
        ',sev3,2099-01-01T00:00:00Z,,,no,Orphan item,,',
      ].join('\n'),
    );
    expect(checkPostmortems(batch, NOW)).toEqual([
      "line 3 (row 2): blamelessReviewHeld: must be true, false, yes or no; got 'maybe'",
      "line 3 (row 2): severity: must be one of: sev1, sev2, sev3, sev4; got 'sev5'",
      expect.stringMatching(
        /^line 3 \(row 2\): resolvedAt: .* is before startedAt/,
      ),
      // The third numbered action item is the record's first: the problem names its column.
      "line 3 (row 2): actionItem3.priority: must be one of: p0, p1, p2, p3; got 'urgent'",
      'line 5 (row 3): has 2 cells; the header has 9 columns',
      'line 6 (row 4): title: required',
      'line 6 (row 4): startedAt: must be between 1990 and now; got 2099-01-01T00:00:00Z',
      'line 6 (row 4): entityRefs: required',
    ]);
  });

  it.each([
    [
      'title,severity,startedAt,entityRefs,owner',
      [
        "line 1 (header): unknown column 'owner' (expected: title, documentUrl, severity, status, blamelessReviewHeld, summary, startedAt, detectedAt, mitigatedAt, resolvedAt, entityRefs, externalId, actionItem<N>.<field>)",
      ],
    ],
    [
      'title,Severity,startedAt,entityRefs,actionItems',
      [
        expect.stringMatching(
          /^line 1 \(header\): unknown column 'Severity' .*; did you mean 'severity'\?$/,
        ),
        expect.stringMatching(
          /^line 1 \(header\): unknown column 'actionItems' .*; action items go in numbered columns: actionItem1\.title/,
        ),
        "line 1 (header): the required column 'severity' is missing",
      ],
    ],
    [
      'title,severity,startedAt,entityRefs,actionItem0.title,actionItem1.owner,actionItem01.title',
      [
        expect.stringMatching(
          /^line 1 \(header\): unknown column 'actionItem0\.title' \(action item columns are actionItem<N>\.<field>, N from 1 to 200, field one of: title, link, ownerRef, dueAt, priority, status, labels, closedAt\)$/,
        ),
        expect.stringMatching(/unknown column 'actionItem1\.owner'/),
        expect.stringMatching(/unknown column 'actionItem01\.title'/),
      ],
    ],
    [
      'title,severity,startedAt,entityRefs,title,',
      [
        "line 1 (header): column 'title' appears twice",
        'line 1 (header): column 6 has no name',
      ],
    ],
  ])('refuses the CSV header %p naming the column', (header, problems) => {
    const batch = readPostmortemsCsv(
      `${header}\nx,sev1,2026-10-01T00:00:00Z,checkout-api\n`,
    );
    expect(batch.problems).toEqual(problems);
    expect(batch.items).toEqual([]);
  });

  it("passes on the CSV reader's problems", () => {
    expect(readPostmortemsCsv('title\n"open').problems).toEqual([
      'line 2: a quoted cell is never closed (a missing ")',
    ]);
    expect(readPostmortemsCsv('').problems).toEqual([
      'line 1: the header row is missing',
    ]);
  });

  it('tells the format from the extension unless --format says', () => {
    expect(importFormat('a/archive.JSON')).toBe('json');
    expect(importFormat('archive.csv')).toBe('csv');
    expect(importFormat('archive.txt', 'CSV')).toBe('csv');
    expect(importFormat('archive.csv', 'json')).toBe('json');
    expect(() => importFormat('ARCHIVE')).toThrow(
      'ARCHIVE: cannot tell the format from a name without an extension',
    );
    expect(() => importFormat('archive.txt')).toThrow(
      "archive.txt: cannot tell the format from the extension '.txt'; name the file .json or .csv, or pass --format json|csv",
    );
    expect(() => importFormat('archive.csv', 'xlsx')).toThrow(
      "--format: must be json or csv; got 'xlsx'",
    );
  });
});

type Answer = { status: number; body: unknown; contentType?: string };

describe('reliability postmortems import', () => {
  let server: Server;
  let url: string;
  let requests: Array<{
    method?: string;
    url?: string;
    authorization?: string;
    contentType?: string;
    body: unknown;
  }>;
  let answer: (body: { items: unknown[] }) => Answer;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        requests.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body,
        });
        const a: Answer =
          req.url === '/base/api/reliability/v1/postmortems/import'
            ? answer(body)
            : {
                status: 404,
                body: { error: { name: 'NotFoundError', message: req.url } },
              };
        res.writeHead(a.status, {
          'Content-Type': a.contentType ?? 'application/json',
        });
        res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
      });
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/base`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    requests = [];
    answer = body => ({
      status: 200,
      body: {
        created: body.items.length - 1,
        updated: 1,
        ids: body.items.map((_, i) => `pm-${i + 1}`),
      },
    });
  });

  const importFile = (io: Io, ...args: string[]) =>
    run(['node', 'reliability', 'postmortems', 'import', ...args], io);
  const connection = () => ['--url', url, '--token', 'import-token'];

  function refusal(items: unknown[]): Answer {
    return {
      status: 400,
      body: {
        error: {
          name: 'InputError',
          message: `${items.length} of 3 items rejected; nothing was written`,
        },
        request: {
          method: 'POST',
          url: '/api/reliability/v1/postmortems/import',
        },
        response: { statusCode: 400 },
        items,
      },
    };
  }

  it('sends the CSV rows as JSON records in one request and prints the counts', async () => {
    const f = await file('archive.csv', CSV);
    const { io, out, err } = capture();
    const code = await importFile(io, f, ...connection());
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual(['Imported 3 postmortems: 2 created, 1 updated.']);
    expect(requests).toEqual([
      {
        method: 'POST',
        url: '/base/api/reliability/v1/postmortems/import',
        authorization: 'Bearer import-token',
        contentType: 'application/json',
        body: { items: CSV_ITEMS },
      },
    ]);
  });

  it('sends JSON records as they are in the file, not normalised', async () => {
    const f = await file('archive.json', JSON.stringify({ items: JSON_ITEMS }));
    const { io, out } = capture({
      RELIABILITY_URL: url,
      RELIABILITY_TOKEN: 'env-token',
    });
    expect(await importFile(io, f)).toBe(0);
    expect(out).toEqual(['Imported 2 postmortems: 1 created, 1 updated.']);
    expect(requests).toHaveLength(1);
    expect(requests[0].authorization).toBe('Bearer env-token');
    expect(requests[0].body).toEqual({ items: JSON_ITEMS });
  });

  it('reads the format from --format when the extension does not tell', async () => {
    const f = await file('archive.txt', CSV);
    const { io } = capture();
    expect(await importFile(io, f, '--format', 'csv', ...connection())).toBe(0);
    expect(requests[0].body).toEqual({ items: CSV_ITEMS });
  });

  it("exits 1 with the backend's message and each rejection named by line and column", async () => {
    answer = () =>
      refusal([
        {
          index: 1,
          field: 'entityRefs[0]',
          message: 'no entity component:default/search-api in the catalog',
        },
        {
          index: 0,
          field: 'actionItems[1].ownerRef',
          message: 'no group sre-core',
        },
      ]);
    const f = await file('refused.csv', CSV);
    const { io, out, err } = capture();
    expect(await importFile(io, f, ...connection())).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'error: 400 InputError: 2 of 3 items rejected; nothing was written',
      // Row 1's summary spans two lines, so row 2 starts on line 4.
      '  line 4 (row 2): entityRefs[0]: no entity component:default/search-api in the catalog',
      '  line 2 (row 1): actionItem2.ownerRef: no group sre-core',
    ]);
    expect(requests).toHaveLength(1);
  });

  it('names rejections of a JSON file by item index', async () => {
    answer = () =>
      refusal([{ index: 1, field: 'entityRefs', message: 'forbidden' }]);
    const f = await file('refused.json', JSON.stringify(JSON_ITEMS));
    const { io, err } = capture();
    expect(await importFile(io, f, ...connection())).toBe(1);
    expect(err).toEqual([
      'error: 400 InputError: 1 of 3 items rejected; nothing was written',
      '  items[1].entityRefs: forbidden',
    ]);
  });

  it('exits 1 when the token is refused', async () => {
    answer = () => ({
      status: 401,
      body: {
        error: { name: 'AuthenticationError', message: 'Illegal token' },
        response: { statusCode: 401 },
      },
    });
    const f = await file('unauthorised.json', JSON.stringify(JSON_ITEMS));
    const { io, err } = capture();
    expect(await importFile(io, f, ...connection())).toBe(1);
    expect(err).toEqual(['error: 401 AuthenticationError: Illegal token']);
  });

  it('exits 1 when the answer is not an import result', async () => {
    answer = () => ({ status: 200, body: { items: [] } });
    const f = await file('odd.json', JSON.stringify(JSON_ITEMS));
    const { io, out, err } = capture();
    expect(await importFile(io, f, ...connection())).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(
      /not an import result; is --url the Backstage backend\?/,
    );
  });

  it('exits 1 when the backend is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>(resolve =>
      closed.listen(0, '127.0.0.1', () => resolve()),
    );
    const port = (closed.address() as AddressInfo).port;
    await new Promise(resolve => closed.close(resolve));
    const f = await file('unreachable.json', JSON.stringify(JSON_ITEMS));
    const { io, err } = capture();
    expect(await importFile(io, f, '--url', `http://127.0.0.1:${port}`)).toBe(
      1,
    );
    expect(err).toEqual([
      expect.stringMatching(
        new RegExp(
          `^error: cannot reach the backend at http://127.0.0.1:${port}: .*ECONNREFUSED.*; nothing was imported$`,
        ),
      ),
    ]);
  });

  it('exits 2 without calling the API when a record is invalid, naming each problem', async () => {
    const f = await file(
      'invalid.csv',
      [
        'title,severity,startedAt,entityRefs',
        'Checkout 5xx,sev2,2026-09-14T09:12:00Z,checkout-api',
        'Search empty,sev3,2026-10-02T16:40:00Z,search-api',
        'Cart stale,high,2026-10-21T13:05:00Z,cart-web',
      ].join('\n'),
    );
    const { io, out, err } = capture();
    expect(await importFile(io, f, ...connection())).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      "line 4 (row 3): severity: must be one of: sev1, sev2, sev3, sev4; got 'high'",
      `error: 1 problem(s) in ${f}; nothing was sent`,
    ]);
    expect(requests).toEqual([]);
  });

  it('exits 2 naming the JSON item and field', async () => {
    const f = await file(
      'invalid.json',
      JSON.stringify([
        JSON_ITEMS[0],
        JSON_ITEMS[1],
        { ...JSON_ITEMS[0], startedAt: 'yesterday' },
      ]),
    );
    const { io, err } = capture();
    expect(await importFile(io, f, '--dry-run')).toBe(2);
    expect(err).toEqual([
      "items[2].startedAt: must be an ISO 8601 date-time such as 2026-03-01T14:05:00Z; got 'yesterday'",
      `error: 1 problem(s) in ${f}; nothing was sent`,
    ]);
  });

  it('refuses more than 1000 records, telling to split the file, and takes exactly 1000', async () => {
    const row = (i: number) =>
      `INC-${i},Incident ${i},sev3,2026-10-01T10:00:00Z,checkout-api`;
    const rows = (n: number) =>
      ['externalId,title,severity,startedAt,entityRefs']
        .concat(Array.from({ length: n }, (_, i) => row(i + 1)))
        .join('\n');
    const big = await file('big.csv', rows(1001));
    const refused = capture();
    expect(await importFile(refused.io, big, ...connection())).toBe(2);
    expect(refused.err).toEqual([
      `error: ${big}: 1001 records; the backend imports at most 1000 in one request, all or nothing. Split the file into parts of at most 1000 records and import each part; nothing was sent`,
    ]);
    expect(requests).toEqual([]);

    const max = await file('max.csv', rows(1000));
    const ok = capture();
    expect(await importFile(ok.io, max, ...connection())).toBe(0);
    expect(ok.out).toEqual([
      'Imported 1000 postmortems: 999 created, 1 updated.',
    ]);
    expect((requests[0].body as { items: unknown[] }).items).toHaveLength(1000);
  });

  it('checks the file and says what would be sent with --dry-run, sending nothing', async () => {
    const f = await file('dry.csv', CSV);
    const { io, out, err } = capture();
    expect(await importFile(io, f, '--dry-run')).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([
      `Dry run: 3 postmortems in ${f} are valid and would be imported in one request; nothing was sent.`,
    ]);
    expect(requests).toEqual([]);
  });

  it('accepts the example archive of the repository', async () => {
    const example = path.resolve(
      __dirname,
      '../../../../examples/postmortems-archive.csv',
    );
    const { io, out, err } = capture();
    expect(await importFile(io, example, '--dry-run')).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/^Dry run: 3 postmortems in /);
  });

  it.each([
    [['nope.json', '--dry-run'], /^error: nope\.json: cannot read: ENOENT/],
    [['x.yaml'], /^error: x\.yaml: cannot tell the format/],
    [['x.csv', '--format', 'xml'], /^error: --format: must be json or csv/],
    [[], /error: missing required argument 'file'/],
    [['x.csv', '--bogus'], /error: unknown option '--bogus'/],
    [['x.csv', 'y.csv'], /error: too many arguments/],
    [['x.csv'], /^error: --url: the Backstage backend URL is required/],
  ])('exits 2 for the bad arguments %p', async (args, message) => {
    const { io, err } = capture();
    expect(await importFile(io, ...args)).toBe(2);
    expect(err.join('\n')).toMatch(message);
    expect(requests).toEqual([]);
  });

  it('exits 2 for a file without records', async () => {
    const f = await file('empty.json', '[]');
    const { io, err } = capture();
    expect(await importFile(io, f, ...connection())).toBe(2);
    expect(err).toEqual([
      `error: ${f}: no postmortem records; nothing was sent`,
    ]);
  });

  it('documents the CSV format and the exit codes in --help', async () => {
    const { io, out } = capture();
    expect(await importFile(io, '--help')).toBe(0);
    const help = out.join('\n');
    expect(help).toMatch(
      /Usage: reliability postmortems import \[options\] <file>/,
    );
    expect(help).toMatch(/actionItem1\.title, actionItem1\.ownerRef/);
    expect(help).toMatch(/entityRefs: references separated by ";"/);
    expect(help).toMatch(/^ {2}0 {2}imported/m);
    expect(help).toMatch(/^ {2}1 {2}the backend refused/m);
    expect(help).toMatch(/^ {2}2 {2}bad input/m);
  });
});
