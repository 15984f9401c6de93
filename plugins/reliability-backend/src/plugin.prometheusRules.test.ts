/**
 * `GET /v1/prometheus-rules` through the real router: what it serves, that the real promtool
 * accepts it, and, end to end, that a real Prometheus loading the served file fires the page
 * alert during an incident and that `GET /v1/slos/.../alert-state` reports it (the contract
 * between the generator and the alert-state question, sloth_id included).
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import reliabilityModulePrometheus from '@reliability-suite/plugin-reliability-backend-module-prometheus';
import {
  startTestPrometheus,
  TestPrometheus,
} from '@reliability-suite/plugin-reliability-backend-module-prometheus/testUtils';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { capturingScheduler } from './__testUtils__/capturingScheduler';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(90_000);

const execFileAsync = promisify(execFile);
const user = mockCredentials.user.header();

const service = (name: string, runbook?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    ...(runbook ? { links: [{ url: runbook, type: 'runbook' }] } : {}),
  },
  spec: { type: 'service', owner: 'group:default/team-checkout' },
});

const GOOD = 'sum(increase(http_requests_total{code!~"5.."}[{{bucket}}]))';
const TOTAL = 'sum(increase(http_requests_total[{{bucket}}]))';

// `prom` metric sources say their type; others (and `prom` ones with typed false) leave it
// to their data source, as OpenSLO allows: the route, the sync and the alert state read it
// there.
const metric = (query: string, ref = 'prom', typed = ref === 'prom') => ({
  metricSource: {
    metricSourceRef: ref,
    ...(typed ? { type: 'Prometheus' } : {}),
    spec: { query },
  },
});

function slo(
  name: string,
  serviceName: string,
  indicator: Record<string, unknown>,
) {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, namespace: 'default', displayName: `${name} title` },
    spec: {
      service: serviceName,
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '28d', isRolling: true }],
      ...indicator,
      objectives: [{ displayName: 'requests', target: 0.999 }],
    },
  };
}

const entities = [
  service('checkout-api', 'https://runbooks.example.com/checkout'),
  service('search-api'),
  // On the app-config data source `prom` (type Prometheus by default).
  slo('checkout-availability', 'checkout-api', {
    indicator: {
      metadata: { name: 'checkout-non-5xx' },
      spec: {
        ratioMetric: {
          counter: true,
          good: metric(GOOD),
          total: metric(TOTAL),
        },
      },
    },
  }),
  // On the same app-config data source, naming only its metricSourceRef.
  slo('checkout-by-ref', 'checkout-api', {
    indicator: {
      metadata: { name: 'checkout-by-ref-non-5xx' },
      spec: {
        ratioMetric: {
          counter: true,
          good: metric(GOOD, 'prom', false),
          total: metric(TOTAL, 'prom', false),
        },
      },
    },
  }),
  // Through an SLI entity, on a DataSource entity of type Prometheus.
  {
    apiVersion: 'openslo/v1',
    kind: 'DataSource',
    metadata: { name: 'prom-search', namespace: 'default' },
    spec: { type: 'Prometheus', connectionDetails: { url: 'http://x:9090' } },
  },
  {
    apiVersion: 'openslo/v1',
    kind: 'SLI',
    metadata: { name: 'search-non-5xx', namespace: 'default' },
    spec: {
      ratioMetric: {
        counter: true,
        good: metric(GOOD, 'prom-search'),
        total: metric(TOTAL, 'prom-search'),
      },
    },
  },
  slo('search-availability', 'search-api', { indicatorRef: 'search-non-5xx' }),
  // On Prometheus, but its query has no {{bucket}}: a problem, no rules.
  slo('search-broken', 'search-api', {
    indicator: {
      metadata: { name: 'broken' },
      spec: {
        ratioMetric: {
          counter: true,
          good: metric('sum(http_requests_total{code!~"5.."})'),
          total: metric(TOTAL),
        },
      },
    },
  }),
  // Pushed: not a Prometheus SLO, left out without a problem.
  slo('checkout-pushed', 'checkout-api', {
    indicator: {
      metadata: { name: 'pushed' },
      spec: {
        ratioMetric: {
          counter: true,
          good: { metricSource: { type: 'Push', spec: {} } },
          total: { metricSource: { type: 'Push', spec: {} } },
        },
      },
    },
  }),
];

/** Two hours of requests every 15 s up to now; the last hour half of them fail. */
function incident(now: number): string {
  const step = 15_000;
  const end = Math.floor(now / step) * step;
  const start = end - 2 * 3_600_000;
  const ok: string[] = [];
  const err: string[] = [];
  let okCount = 0;
  let errCount = 0;
  for (let t = start; t <= end; t += step) {
    const failing = t >= end - 3_600_000;
    okCount += failing ? 50 : 100;
    errCount += failing ? 50 : 0;
    ok.push(`http_requests_total{code="200"} ${okCount} ${t / 1000}`);
    err.push(`http_requests_total{code="500"} ${errCount} ${t / 1000}`);
  }
  return ['# TYPE http_requests counter', ...ok, ...err, '# EOF', ''].join(
    '\n',
  );
}

/** The backend with the catalog above; `prom` (app-config) pointing at `promUrl`. */
async function startBackend(promUrl: string) {
  const scheduler = capturingScheduler();
  const backend = await startTestBackend({
    features: [
      reliabilityPlugin,
      reliabilityModulePrometheus,
      scheduler.factory,
      catalogServiceMock.factory({ entities: entities as any[] }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'https://portal.example.com' },
          reliability: { dataSources: { prom: { url: promUrl } } },
        },
      }),
      mockServices.rootLogger.factory({ level: 'none' }),
    ],
  });
  await scheduler.run('reliability-slo-catalog-sync');
  return backend;
}

describe('GET /v1/prometheus-rules', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  let second: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  let prom: TestPrometheus | undefined;
  let dir: string | undefined;

  beforeAll(async () => {
    // Nothing listens on port 9 (discard): serving rules asks no Prometheus.
    backend = await startBackend('http://127.0.0.1:9');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reliability-rules-'));
  });

  afterAll(async () => {
    await backend?.stop();
    await second?.stop();
    await prom?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  }, 30_000);

  const get = (query = '', auth = user) =>
    request(backend!.server)
      .get(`/api/reliability/v1/prometheus-rules${query}`)
      .set('Authorization', auth)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => done(null, text));
      });

  async function promtoolCheck(text: string): Promise<string> {
    const file = path.join(dir!, `rules-${Date.now()}.yml`);
    await fs.writeFile(file, text);
    const { stdout } = await execFileAsync('/usr/bin/promtool', [
      'check',
      'rules',
      file,
    ]);
    return stdout;
  }

  it('serves the rules of every Prometheus SLO as YAML promtool accepts, problems at the top', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(res.headers['reliability-rule-problems']).toBe('1');
    const text: string = res.body;

    // The header says what is in the file and what is not, as comments.
    const header = text.slice(0, text.indexOf('groups:'));
    expect(header).toMatch(/^# Prometheus rules of .* \(4 SLOs\)\./);
    expect(header).toMatch(
      /# problem: SLO 'search-broken': spec\.indicator\.spec\.ratioMetric\.good\.metricSource\.spec\.query: the query has no \{\{bucket\}\}/,
    );
    expect(header).not.toMatch(/checkout-pushed/);

    // One SLO's rules each, by sloth_id; none for the broken or the pushed one.
    expect(text).toContain(
      'name: reliability-slo-alerts-checkout-api-checkout-availability',
    );
    expect(text).toContain(
      'name: reliability-slo-alerts-search-api-search-availability',
    );
    expect(text).toContain(
      'name: reliability-slo-alerts-checkout-api-checkout-by-ref',
    );
    expect(text).not.toMatch(/sloth_id: search-api-search-broken/);
    expect(text).not.toMatch(/checkout-pushed/);
    // The service's runbook and the SLO's page in the portal, on the alerts.
    expect(text).toContain('https://runbooks.example.com/checkout');
    expect(text).toContain(
      'https://portal.example.com/reliability/slos/default/checkout-availability',
    );

    expect(await promtoolCheck(text)).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('narrows to a service or a data source, and writes a PrometheusRule', async () => {
    const byService = await get('?service=component:default/search-api');
    expect(byService.status).toBe(200);
    expect(byService.body).toMatch(
      /\(2 SLOs, service component:default\/search-api\)/,
    );
    expect(byService.body).toContain('search-api-search-availability');
    expect(byService.body).not.toContain('checkout-api-checkout-availability');

    // A short name is a component in the default namespace.
    expect((await get('?service=checkout-api')).body).toMatch(/\(2 SLOs, /);

    // By the name in metricSourceRef, whether or not the metric source says its type.
    const byProm = (await get('?dataSource=prom')).body;
    expect(byProm).toMatch(/\(3 SLOs, data source prom\)/);
    expect(byProm).toContain('sloth_id: checkout-api-checkout-by-ref');
    expect(byProm).not.toContain('search-api-search-availability');

    const byDataSource = await get('?dataSource=prom-search');
    expect(byDataSource.body).toMatch(/\(1 SLO, data source prom-search\)/);
    expect(byDataSource.headers['reliability-rule-problems']).toBe('0');

    const resource = await get(
      '?format=prometheus-rule&dataSource=prom-search',
    );
    expect(resource.body).toMatch(
      /^apiVersion: monitoring\.coreos\.com\/v1\nkind: PrometheusRule\n/m,
    );
  });

  it('refuses a bad service or format naming the parameter, and anonymous callers', async () => {
    const badService = await get('?service=component:');
    expect(badService.status).toBe(400);
    expect(JSON.parse(badService.body).error.message).toMatch(/^service: /);
    const badFormat = await get('?format=json');
    expect(badFormat.status).toBe(400);
    expect(JSON.parse(badFormat.body).error.message).toMatch(/format/);
    const badDataSource = await get('?dataSource=component:default/prom');
    expect(badDataSource.status).toBe(400);
    expect(JSON.parse(badDataSource.body).error.message).toMatch(
      /^dataSource: /,
    );
    expect((await get('', mockCredentials.none.header())).status).toBe(401);
  });

  it('end to end: Prometheus loading the served rules pages during an incident, and the card hears it', async () => {
    const rules = (await get('?dataSource=prom')).body as string;
    prom = await startTestPrometheus({
      openMetrics: incident(Date.now()),
      rules,
      evaluationInterval: '1s',
    });
    // The same catalog, its data source now pointing at that Prometheus.
    second = await startBackend(prom.url);
    // Both SLOs' page alerts must fire before the cards are asked: one firing is not enough
    // (the by-ref SLO's alert may fire first). The deadline is generous for a loaded machine.
    const firing = async () =>
      (await prom!.instantQuery(
        'count(ALERTS{alertname="ReliabilitySloPageBurn",alertstate="firing"})',
        Date.now(),
      )) ?? 0;
    const deadline = Date.now() + 120_000;
    while ((await firing()) < 2 && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 250));
    }
    expect(await firing()).toBe(2);

    // The SLO that says its type, and the one that names only its data source.
    for (const name of ['checkout-availability', 'checkout-by-ref']) {
      const res = await request(second.server)
        .get(`/api/reliability/v1/slos/default/${name}/alert-state`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.state).toBe('ok');
      expect(res.body.sourceType).toBe('Prometheus');
      expect(res.body.objectives).toEqual([
        {
          name: 'requests',
          slothId: `checkout-api-${name}`,
          rulesLoaded: true,
          alerts: expect.arrayContaining([
            {
              alertName: 'ReliabilitySloPageBurn',
              severity: 'page',
              state: 'firing',
            },
          ]),
        },
      ]);
    }
    // Starting a Prometheus and waiting for its alerts takes long on a loaded machine.
  }, 240_000);
});
