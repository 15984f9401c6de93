import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { Io } from '../io';
import { run } from '../program';

const execFileAsync = promisify(execFile);
/** Debian's promtool, installed by scripts/setup-prometheus.sh before `make test`. */
const PROMTOOL = '/usr/bin/promtool';
const EXAMPLES = path.resolve(__dirname, '../../../../examples/slos.yaml');

const SLO = (
  name: string,
  source: string,
  query: string,
) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  displayName: ${name}
spec:
  service: checkout-api
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 7d
      isRolling: true
  indicator:
    metadata:
      name: ${name}-sli
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource: { type: ${source}, spec: { query: '${query}' } }
        total:
          metricSource:
            type: ${source}
            spec: { query: 'sum(increase(http_requests_total[{{bucket}}]))' }
  objectives:
    - displayName: requests-succeed
      target: 0.999
`;
const GOOD = 'sum(increase(http_requests_total{code!~"5.."}[{{bucket}}]))';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: t => out.push(t), err: t => err.push(t), env: {} };
  return { io, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'reliability-rules-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string) {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

async function promtoolCheck(rulesFile: string) {
  await access(PROMTOOL).catch(() => {
    throw new Error(
      `${PROMTOOL} is missing: run scripts/setup-prometheus.sh (Debian package 'prometheus')`,
    );
  });
  try {
    const { stdout, stderr } = await execFileAsync(PROMTOOL, [
      'check',
      'rules',
      rulesFile,
    ]);
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, output: `${err.stdout}${err.stderr}` };
  }
}

const generate = (...args: string[]) => [
  'node',
  'reliability',
  'generate',
  'prometheus-rules',
  ...args,
];

describe('reliability generate prometheus-rules', () => {
  it("prints rules promtool accepts for the example catalog's Prometheus SLO, naming the others skipped", async () => {
    const { io, out, err } = capture();
    expect(await run(generate(EXAMPLES, '--skip-other-sources'), io)).toBe(0);
    expect(err).toHaveLength(7);
    expect(err[0]).toBe(
      `skipped ${EXAMPLES}: SLO 'checkout-api-availability': not on a Prometheus source`,
    );
    const rules = await file('examples.rules.yaml', out.join('\n'));
    const check = await promtoolCheck(rules);
    expect(check).toEqual({
      code: 0,
      output: expect.stringContaining('SUCCESS: 20 rules found'),
    });
    const parsed = parse(out.join('\n'));
    expect(parsed.groups.map((g: { name: string }) => g.name)).toEqual([
      'reliability-slo-sli-fraud-scoring-fraud-scoring-availability',
      'reliability-slo-period-fraud-scoring-fraud-scoring-availability',
      'reliability-slo-meta-fraud-scoring-fraud-scoring-availability',
      'reliability-slo-alerts-fraud-scoring-fraud-scoring-availability',
    ]);
  });

  it('exits 1 naming every SLO that cannot be expressed, and writes nothing', async () => {
    const f = await file(
      'mixed.yaml',
      [
        SLO('on-prometheus', 'Prometheus', GOOD),
        SLO('pushed', 'Push', GOOD),
        SLO('fixed', 'Prometheus', 'sum(http_requests_total)'),
      ].join('---\n'),
    );
    const target = path.join(dir, 'never.yaml');
    const { io, out, err } = capture();
    expect(await run(generate(f, '--out', target), io)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `${f}: SLO 'pushed': spec.indicator.spec.ratioMetric.good.metricSource.type: source type 'Push': only Prometheus queries can become Prometheus rules`,
      `${f}: SLO 'pushed': spec.indicator.spec.ratioMetric.total.metricSource.type: source type 'Push': only Prometheus queries can become Prometheus rules`,
      expect.stringMatching(
        new RegExp(
          `^${f.replace(
            /[.*+?^${}()|[\]\\/]/g,
            '\\$&',
          )}: SLO 'fixed': spec.indicator.spec.ratioMetric.good.metricSource.spec.query: the query has no \\{\\{bucket\\}\\}`,
        ),
      ),
      'error: 3 problem(s): no rules written',
    ]);
    await expect(access(target)).rejects.toThrow();
  });

  it('fails on a Prometheus SLO it cannot express even when other sources are skipped', async () => {
    const f = await file(
      'fixed.yaml',
      SLO('fixed', 'Prometheus', 'sum(http_requests_total)'),
    );
    const { io, err } = capture();
    expect(await run(generate(f, '--skip-other-sources'), io)).toBe(1);
    expect(err[0]).toContain(
      "SLO 'fixed': spec.indicator.spec.ratioMetric.good.metricSource.spec.query",
    );
  });

  it('writes a PrometheusRule for the prometheus-operator to --out', async () => {
    const f = await file('ok.yaml', SLO('on-prometheus', 'Prometheus', GOOD));
    const target = path.join(dir, 'rule.yaml');
    const { io, out, err } = capture();
    expect(
      await run(
        generate(
          f,
          '--format',
          'prometheus-rule',
          '--out',
          target,
          '--rule-namespace',
          'monitoring',
          '--rule-label',
          'release=prometheus',
          '--portal-url',
          'https://portal.example.com',
        ),
        io,
      ),
    ).toBe(0);
    expect(out).toEqual([]);
    expect(err).toEqual([`wrote 4 group(s), 20 rule(s) to ${target}`]);
    const resource = parse(await readFile(target, 'utf8'));
    expect(resource).toMatchObject({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: 'reliability-slos',
        namespace: 'monitoring',
        labels: { release: 'prometheus' },
      },
    });
    const page = resource.spec.groups[3].rules[0];
    expect(page).toMatchObject({
      alert: 'ReliabilitySloPageBurn',
      labels: {
        sloth_id: 'checkout-api-on-prometheus',
        sloth_severity: 'page',
      },
      annotations: {
        portal_url:
          'https://portal.example.com/reliability/slos/default/on-prometheus',
      },
    });
  });

  it('refuses an unknown --format with exit 2', async () => {
    const f = await file('ok2.yaml', SLO('on-prometheus', 'Prometheus', GOOD));
    const { io, out, err } = capture();
    expect(await run(generate(f, '--format', 'json'), io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      "error: --format: 'rules' (a Prometheus rule file) or 'prometheus-rule' (a prometheus-operator PrometheusRule); got 'json'",
    ]);
  });

  it('names a file that does not parse and one that is missing', async () => {
    const bad = await file('bad.yaml', 'kind: [unclosed\n');
    const missing = path.join(dir, 'missing.yaml');
    const { io, err } = capture();
    expect(await run(generate(bad, missing), io)).toBe(1);
    expect(err[0]).toMatch(new RegExp(`^${bad}: document 1: YAML: `));
    expect(err[err.length - 2]).toMatch(
      new RegExp(`^${missing}: cannot read: ENOENT`),
    );
  });
});
