import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import reliabilityPlugin from '@reliability-suite/plugin-reliability-backend';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Io } from './io';
import { run } from './program';

jest.setTimeout(60_000);

function capture(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: t => out.push(t), err: t => err.push(t), env };
  return { io, out, err };
}

describe('reliability CLI', () => {
  let url: string;

  beforeAll(async () => {
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
              apiVersion: 'openslo/v1',
              kind: 'SLO',
              metadata: { name: 'ledger-writes', namespace: 'default' },
              spec: {
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
                objectives: [{ displayName: 'commit', target: 0.9999 }],
              },
            },
          ],
        }),
      ],
    });
    url = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  const token = () => mockCredentials.user.token();

  it("prints an entity's summary from the backend", async () => {
    const { io, out, err } = capture();
    const code = await run(
      [
        'node',
        'reliability',
        'summary',
        'component:default/ledger',
        '--url',
        url,
        '--token',
        token(),
      ],
      io,
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual({
      entityRef: 'component:default/ledger',
      slos: [],
    });
  });

  it('reads the URL and token from the environment', async () => {
    const { io, out } = capture({
      RELIABILITY_URL: url,
      RELIABILITY_TOKEN: token(),
    });
    expect(
      await run(['node', 'reliability', 'audit', '--limit', '5'], io),
    ).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual({ items: [] });
  });

  it("fails with the backend's answer when the token is rejected", async () => {
    const { io, err } = capture();
    const code = await run(
      [
        'node',
        'reliability',
        'summary',
        'component:default/ledger',
        '--url',
        url,
        '--token',
        mockCredentials.user.invalidToken(),
      ],
      io,
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/^error: 401 AuthenticationError: /);
  });

  it('pushes a CSV through the API, and shows why the backend refuses one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'reliability-push-'));
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const good = path.join(dir, 'good.csv');
    await writeFile(
      good,
      `timestamp,good,total\n${minute - 120_000},99,100\n${new Date(
        minute - 60_000,
      ).toISOString()},100,100\n`,
    );
    const ok = capture();
    const args = ['--url', url, '--token', token()];
    expect(
      await run(
        [
          'node',
          'reliability',
          'push',
          '--slo',
          'slo:default/ledger-writes',
          '--data',
          good,
          ...args,
        ],
        ok.io,
      ),
    ).toBe(0);
    expect(ok.out).toEqual([
      'pushed 2 row(s) into 2 bucket write(s) for slo:default/ledger-writes',
    ]);

    const future = path.join(dir, 'future.csv');
    await writeFile(
      future,
      `timestamp,good,total\n${minute + 3_600_000},1,1\n`,
    );
    const refused = capture();
    expect(
      await run(
        [
          'node',
          'reliability',
          'push',
          '--slo',
          'slo:default/ledger-writes',
          '--data',
          future,
          ...args,
        ],
        refused.io,
      ),
    ).toBe(1);
    expect(refused.err[0]).toMatch(
      /^error: 400 InputError: 1 of 1 items rejected; nothing was written/,
    );
    expect(refused.err[1]).toMatch(
      /^ {2}items\[0\]\.timestamp: is in the future/,
    );
  });

  it.each([
    [
      ['summary', 'ledger', '--url', 'http://x'],
      /^error: entityRef: .*expected kind:namespace\/name/,
    ],
    [
      ['summary', 'component:default/ledger'],
      /^error: --url: the Backstage backend URL is required/,
    ],
    [
      ['summary', 'component:default/ledger', '--url', 'not a url'],
      /^error: --url: 'not a url' is not a URL/,
    ],
    [
      ['audit', '--url', 'http://x', '--limit', '-3'],
      /^error: --limit: must be a whole number from 1 to 500; got '-3'/,
    ],
  ])('rejects bad input %p naming the option', async (args, message) => {
    const { io, err } = capture();
    const code = await run(['node', 'reliability', ...args], io);
    expect(code).not.toBe(0);
    expect(err.join('\n')).toMatch(message);
  });
});
