import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Io } from '../io';
import { run } from '../program';

const SLO = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout-api
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 28d
      isRolling: true
  indicator:
    metadata:
      name: non-5xx
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource: { type: Push, spec: {} }
        total:
          metricSource: { type: Push, spec: {} }
  objectives:
    - displayName: requests-succeed
      target: 0.999
`;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: t => out.push(t), err: t => err.push(t), env: {} };
  return { io, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'reliability-cli-'));
});

async function file(name: string, content: string) {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

describe('reliability validate', () => {
  it('passes valid files and names the documents it did not check', async () => {
    const f = await file(
      'ok.yaml',
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: x }\n---\n${SLO}`,
    );
    const { io, out, err } = capture();
    expect(await run(['node', 'reliability', 'validate', f], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([
      `${f}: 1 document(s) valid (1 SLO)`,
      `${f}: 1 document(s) not checked, of kinds the suite does not define: document 1 (backstage.io/v1alpha1 Component 'x')`,
    ]);
  });

  it("checks the example catalog's error-budget policies, not only OpenSLO documents", async () => {
    const policies = path.resolve(
      __dirname,
      '../../../../examples/policies.yaml',
    );
    const { io, out, err } = capture();
    expect(await run(['node', 'reliability', 'validate', policies], io)).toBe(
      0,
    );
    expect(err).toEqual([]);
    expect(out).toEqual([
      `${policies}: 2 document(s) valid (2 ErrorBudgetPolicy)`,
    ]);
  });

  it('reports an invalid ErrorBudgetPolicy by field path, and a misspelt kind of the suite', async () => {
    const f = await file(
      'policies.yaml',
      [
        '# a header of comments, before the first document',
        '---',
        'apiVersion: reliability-suite.dev/v1alpha1',
        'kind: ErrorBudgetPolicy',
        'metadata: { name: loose }',
        'spec:',
        '  owner: group:default/sre-core',
        '  states:',
        '    - { name: Healthy, remainingAbove: 0, consequences: Ship. }',
        '---',
        'apiVersion: reliability-suite.dev/v1alpha1',
        'kind: ErrorBudgetPolicies',
        'metadata: { name: typo }',
        'spec: {}',
        '---',
        '# an empty document at the end: nothing to check, nothing skipped',
      ].join('\n'),
    );
    const { io, out, err } = capture();
    expect(await run(['node', 'reliability', 'validate', f], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${f}: document 1 \\(ErrorBudgetPolicy 'loose'\\): spec\\.states\\[0\\]\\.name: `,
        ),
      ),
    );
    expect(err).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${f}: document 2 \\(ErrorBudgetPolicies 'typo'\\): kind: `,
        ),
      ),
    );
  });

  it("says so when a file holds no document of the suite's kinds", async () => {
    const f = await file(
      'org.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: sre-core }\nspec: { type: team, children: [] }\n',
    );
    const { io, out } = capture();
    expect(await run(['node', 'reliability', 'validate', f], io)).toBe(0);
    expect(out).toEqual([
      `${f}: no document of the suite's kinds (openslo/v1 (SLO, SLI, DataSource, AlertPolicy, …) and reliability-suite.dev/v1alpha1 ErrorBudgetPolicy) to check`,
      `${f}: 1 document(s) not checked, of kinds the suite does not define: document 1 (backstage.io/v1alpha1 Group 'sre-core')`,
    ]);
  });

  it('fails with field-path errors for a bad SLO and for broken YAML', async () => {
    const bad = await file(
      'bad.yaml',
      SLO.replace('target: 0.999', 'target: 1.5'),
    );
    const broken = await file(
      'broken.yaml',
      'apiVersion: openslo/v1\nkind: [SLO\n',
    );
    const { io, err } = capture();
    expect(
      await run(['node', 'reliability', 'validate', bad, broken], io),
    ).toBe(1);
    expect(err[0]).toMatch(
      new RegExp(
        `^${bad}: document 1 \\(SLO 'checkout-availability'\\): spec\\.objectives\\[0\\]\\.target: `,
      ),
    );
    expect(err.some(e => e.startsWith(`${broken}: document 1: YAML: `))).toBe(
      true,
    );
    expect(err[err.length - 1]).toMatch(/^error: \d+ problem\(s\) found$/);
  });
  it('accepts what the OpenSLO spec allows and shows a warning for what has no effect', async () => {
    // As the spec's examples write them: no counter, a metric source spec that is an empty
    // key, connectionDetails that are not a map, op with a ratio SLI. Before issue [10]
    // each of these was an error.
    const spec = await file(
      'spec.yaml',
      `${SLO.replace('        counter: true\n', '')
        .replace(
          'total:\n          metricSource: { type: Push, spec: {} }',
          'total:\n          metricSource:\n            type: Push\n            spec: # nothing to query: pushed',
        )
        .replace('      target: 0.999', '      op: gt\n      target: 0.999')}---
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: graphite
spec:
  type: Graphite
  connectionDetails: graphite.example.com:2003
`,
    );
    const text = await readFile(spec, 'utf8');
    expect(text).not.toContain('counter');
    expect(text).toContain('spec: # nothing to query');
    expect(text).toContain('op: gt');
    const { io, out, err } = capture();
    expect(await run(['node', 'reliability', 'validate', spec], io)).toBe(0);
    expect(err).toEqual([
      `${spec}: warning: document 1 (SLO 'checkout-availability'): spec.objectives[0].op: has no effect with a ratioMetric indicator (op and value compare the values of a thresholdMetric); it is ignored`,
    ]);
    expect(out).toEqual([`${spec}: 2 document(s) valid (1 SLO, 1 DataSource)`]);
  });
});

describe('reliability --version', () => {
  it("prints the package's version and exits 0", async () => {
    const { version } = JSON.parse(
      await readFile(path.resolve(__dirname, '../../package.json'), 'utf8'),
    );
    for (const flag of ['--version', '-V']) {
      const { io, out, err } = capture();
      expect(await run(['node', 'reliability', flag], io)).toBe(0);
      expect(out).toEqual([version]);
      expect(err).toEqual([]);
    }
  });
});

describe('reliability evaluate', () => {
  it("prints the engine's result as JSON with fractions as plain numbers", async () => {
    const slo = await file('slo.yaml', SLO);
    const at = Date.UTC(2026, 10, 27, 12);
    const rows = ['timestamp,good,total'];
    // 1,000 events a minute for 100 minutes, one bad event in each: exactly the budget.
    for (let m = 100; m >= 1; m--) {
      rows.push(`${new Date(at - m * 60_000).toISOString()},999,1000`);
    }
    const data = await file('data.csv', rows.join('\n'));
    const { io, out, err } = capture();
    const code = await run(
      [
        'node',
        'reliability',
        'evaluate',
        '--slo',
        slo,
        '--data',
        data,
        '--at',
        new Date(at).toISOString(),
      ],
      io,
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(out.join('\n'));
    expect(result.slo).toBe('checkout-availability');
    const [o] = result.objectives;
    expect(o).toMatchObject({
      name: 'requests-succeed',
      target: 0.999,
      goodEvents: 99900,
      totalEvents: 100000,
      dataQuality: 'partial',
    });
    expect(o.sli).toBeCloseTo(0.999, 9);
    expect(o.errorBudget.consumed).toBeCloseTo(1, 9);
    expect(o.errorBudget.remaining).toBeCloseTo(0, 9);
    expect(Object.keys(o.burnRates)).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
    ]);
    expect(o.burnRates['1h']).toBeCloseTo(1, 9);
    expect(
      o.alerts.map((a: any) => [a.severity, a.longWindow, a.shortWindow]),
    ).toEqual([
      ['page', '1h', '5m'],
      ['page', '6h', '30m'],
      ['ticket', '1d', '2h'],
      ['ticket', '3d', '6h'],
    ]);
  });

  it('names the problem in a bad data file', async () => {
    const slo = await file('slo2.yaml', SLO);
    const data = await file('bad.csv', 'timestamp,good,total\nyesterday,1,1\n');
    const { io, err } = capture();
    expect(
      await run(
        ['node', 'reliability', 'evaluate', '--slo', slo, '--data', data],
        io,
      ),
    ).toBe(1);
    expect(err.join('\n')).toMatch(/line 2, timestamp: 'yesterday'/);
  });

  it('rejects a bad --at', async () => {
    const { io, err } = capture();
    expect(
      await run(
        [
          'node',
          'reliability',
          'evaluate',
          '--slo',
          'x',
          '--data',
          'y',
          '--at',
          'noon',
        ],
        io,
      ),
    ).toBe(2);
    expect(err.join('\n')).toMatch(/--at: 'noon' is not an ISO 8601 date-time/);
  });
});
