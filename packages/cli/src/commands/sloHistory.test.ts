import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import reliabilityPlugin from '@reliability-suite/plugin-reliability-backend';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { Io } from '../io';
import { run } from '../program';
import { gitVersions, historyItems, sloVersions } from './sloHistory';

jest.setTimeout(60_000);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: t => out.push(t), err: t => err.push(t), env: {} };
  return { io, out, err };
}

const spec = (target: number) => ({
  service: 'ledger',
  budgetingMethod: 'Occurrences',
  timeWindow: [{ duration: '28d', isRolling: true }],
  indicator: {
    metadata: { name: 'ledger-writes' },
    spec: {
      ratioMetric: {
        counter: true,
        good: { metricSource: { type: 'Push', spec: {} } },
        total: { metricSource: { type: 'Push', spec: {} } },
      },
    },
  },
  objectives: [{ displayName: 'commit', target }],
});

const slo = (target: number, title = 'Ledger writes') => ({
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'ledger-writes', displayName: title },
  spec: spec(target),
});

/** A repository whose slos.yaml went 99.9% → (a rename) → 99.99% → moved → 99.999% later. */
async function repository() {
  const dir = await mkdtemp(path.join(tmpdir(), 'reliability-history-'));
  const git = async (args: string[], date?: string) =>
    promisify(execFile)(
      'git',
      ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args],
      {
        cwd: dir,
        env: {
          ...process.env,
          ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
        },
      },
    );
  await git(['init', '-q']);
  const commit = async (file: string, docs: object[], date: string) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(
      path.join(dir, file),
      docs.map(d => stringify(d)).join('---\n'),
    );
    await git(['add', '-A']);
    await git(['commit', '-q', '-m', `${file} at ${date}`], date);
  };
  const other = { ...slo(0.9), metadata: { name: 'other' } };
  await commit('slos.yaml', [slo(0.999), other], '2026-06-01T10:00:00Z');
  await commit(
    'slos.yaml',
    [slo(0.999, 'Ledger'), other],
    '2026-07-01T10:00:00Z',
  );
  await commit('slos.yaml', [slo(0.9999), other], '2026-08-01T10:00:00Z');
  await mkdir(path.join(dir, 'catalog'), { recursive: true });
  await git(['mv', 'slos.yaml', 'catalog/slos.yaml']);
  await git(['commit', '-q', '-m', 'move'], '2026-08-10T10:00:00Z');
  // After the catalog first delivered it: the catalog records this one itself.
  await commit(
    'catalog/slos.yaml',
    [slo(0.99999), other],
    '2027-01-01T10:00:00Z',
  );
  return path.join(dir, 'catalog/slos.yaml');
}

describe('reliability slo history import', () => {
  let url: string;
  let file: string;

  beforeAll(async () => {
    file = await repository();
    const { server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'ledger', namespace: 'default' },
              spec: { owner: 'group:default/team-payments' },
            },
            {
              ...slo(0.9999),
              metadata: { name: 'ledger-writes', namespace: 'default' },
            },
          ],
        }),
      ],
    });
    url = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  it("reads the SLO's versions from git, following the move, one per change of its spec", async () => {
    const found = sloVersions(await gitVersions(file), 'ledger-writes', file);
    expect(
      found.versions.map(v => [
        v.committedAt.slice(0, 10),
        v.path,
        (v.spec.objectives as Array<{ target: number }>)[0].target,
      ]),
    ).toEqual([
      ['2026-06-01', 'slos.yaml', 0.999],
      ['2026-08-01', 'slos.yaml', 0.9999],
      ['2027-01-01', 'catalog/slos.yaml', 0.99999],
    ]);
    const items = historyItems(
      found.versions,
      Date.parse('2026-11-27T00:00:00Z'),
      'https://git.example.com/ledger/commit/{sha}',
    );
    expect(items.map(i => i.effectiveFrom)).toEqual([
      '2026-06-01T10:00:00.000Z',
      '2026-08-01T10:00:00.000Z',
    ]);
    expect(items[0].sourceUrl).toBe(
      `https://git.example.com/ledger/commit/${found.versions[0].sha}`,
    );
    expect(items[0].sourceLocation).toBe(
      `slos.yaml@${found.versions[0].sha.slice(0, 7)}`,
    );
  });

  it('imports the versions from before the first delivery, the last saying since when it is in force', async () => {
    const token = mockCredentials.user.token();
    const dry = capture();
    expect(
      await run(
        [
          'node',
          'reliability',
          'slo',
          'history',
          'import',
          file,
          '--slo',
          'ledger-writes',
          '--dry-run',
        ],
        dry.io,
      ),
    ).toBe(0);
    expect(dry.out[0]).toBe(
      `slo:default/ledger-writes: 3 version(s) in ${file}'s history:`,
    );

    const ok = capture();
    const code = await run(
      [
        'node',
        'reliability',
        'slo',
        'history',
        'import',
        file,
        '--slo',
        'default/ledger-writes',
        '--url',
        url,
        '--token',
        token,
      ],
      ok.io,
    );
    expect(ok.err).toEqual([]);
    expect(code).toBe(0);
    expect(ok.out).toEqual([
      'slo:default/ledger-writes: imported 1 earlier definition(s); the definition the catalog delivered is in force since 2026-08-01T10:00:00.000Z (2 revision(s) now)',
    ]);
    const res = await fetch(
      `${url}/api/reliability/v1/slos/default/ledger-writes/revisions`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    const body = await res.json();
    expect(
      body.items.map((r: any) => [
        r.revision,
        r.imported,
        r.effectiveFrom,
        r.objectives[0].target,
      ]),
    ).toEqual([
      [1, true, '2026-06-01T10:00:00.000Z', 0.999],
      [2, false, '2026-08-01T10:00:00.000Z', 0.9999],
    ]);
  });

  it('names what is wrong with the input, exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[path.join(tmpdir(), 'nowhere.yaml')], /not in a git checkout/],
      [[file], /holds 2 SLOs \(ledger-writes, other\); name one with --slo/],
      [[file, '--slo', 'nope'], /no version holds the SLO default\/nope/],
      [
        [
          file,
          '--slo',
          'ledger-writes',
          '--commit-url',
          'ftp://git.example.com/{sha}',
        ],
        /--commit-url: an http\(s\) URL/,
      ],
    ];
    for (const [args, message] of cases) {
      const { io, err } = capture();
      expect(
        await run(
          [
            'node',
            'reliability',
            'slo',
            'history',
            'import',
            ...args,
            '--dry-run',
          ],
          io,
        ),
      ).toBe(2);
      expect(err.join('\n')).toMatch(message);
    }
  });
});
