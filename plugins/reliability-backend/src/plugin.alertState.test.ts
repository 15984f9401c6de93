/**
 * `GET /v1/slos/{namespace}/{name}/alert-state` through the real router and the Prometheus
 * module, against a real Prometheus (Debian's package) evaluating a rule file shaped like
 * the generated one (`slo:objective:ratio` and alerts labelled with the objectives'
 * `sloth_id`), behind a TCP proxy that can take it down.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import reliabilityModulePrometheus from '@reliability-suite/plugin-reliability-backend-module-prometheus';
import {
  startTcpProxy,
  startTestPrometheus,
  TestPrometheus,
} from '@reliability-suite/plugin-reliability-backend-module-prometheus/testUtils';
import request from 'supertest';
import { capturingScheduler } from './__testUtils__/capturingScheduler';
import { reliabilityPlugin } from './plugin';

jest.setTimeout(60_000);

const TOKEN = 'prom-token-9f8e7d6c';

const service = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-checkout' },
};

const metric = (metricSourceRef: string) => ({
  metricSource: {
    type: 'Prometheus',
    metricSourceRef,
    spec: { query: 'sum(increase(http_requests_total[{{bucket}}]))' },
  },
});

function slo(
  name: string,
  indicator: unknown,
  objectives: unknown[] = [{ displayName: 'requests', target: 0.999 }],
) {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, namespace: 'default' },
    spec: {
      service: 'checkout-api',
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '28d', isRolling: true }],
      indicator: { metadata: { name: `${name}-sli` }, spec: indicator },
      objectives,
    },
  };
}

const promSli = (ref: string) => ({
  ratioMetric: { counter: true, good: metric(ref), total: metric(ref) },
});

// OpenSLO lets a metric source leave `type` out and name only its data source.
const refOnly = (metricSourceRef: string) => ({
  metricSource: {
    metricSourceRef,
    spec: { query: 'sum(increase(http_requests_total[{{bucket}}]))' },
  },
});
const refOnlySli = (ref: string) => ({
  ratioMetric: { counter: true, good: refOnly(ref), total: refOnly(ref) },
});

/** An SLO naming its indicator with `indicatorRef` instead of writing it inline. */
function sloByRef(name: string, indicatorRef: string) {
  const { indicator: _inline, ...spec } = slo(name, {}).spec;
  return { ...slo(name, {}), spec: { ...spec, indicatorRef } };
}

const entities = [
  service,
  // One objective: sloth_id checkout-api-checkout-availability.
  slo('checkout-availability', promSli('prom')),
  // Two objectives: the objective's name is appended.
  slo('checkout-latency', promSli('prom'), [
    { displayName: 'fast', target: 0.9 },
    { displayName: 'not-slow', target: 0.99 },
  ]),
  // Rules never loaded for it.
  slo('checkout-search', promSli('prom')),
  slo('checkout-down', promSli('prom-down')),
  // Ref-only, on a DataSource entity (added with its URL once the proxy runs).
  slo('checkout-by-ref', refOnlySli('prom-catalog')),
  // Ref-only, naming a data source that exists nowhere.
  slo('checkout-lost', refOnlySli('nowhere')),
  // Its indicator an SLI entity (indicatorRef), on the DataSource entity.
  sloByRef('checkout-by-sli', 'checkout-sli'),
  {
    apiVersion: 'openslo/v1',
    kind: 'SLI',
    metadata: { name: 'checkout-sli', namespace: 'default' },
    spec: refOnlySli('prom-catalog'),
  },
  // Naming an SLI that exists nowhere.
  sloByRef('checkout-orphan', 'gone'),
  // Composite: each objective names its own indicator, the SLO none.
  (() => {
    const { indicator: _none, ...spec } = slo('checkout-composite', {}).spec;
    return {
      ...slo('checkout-composite', {}),
      spec: {
        ...spec,
        objectives: [
          {
            displayName: 'api',
            target: 0.999,
            compositeWeight: 1,
            indicator: { metadata: { name: 'api-sli' }, spec: promSli('prom') },
          },
          {
            displayName: 'search',
            target: 0.99,
            compositeWeight: 1,
            indicatorRef: 'checkout-sli',
          },
        ],
      },
    };
  })(),
  slo('checkout-pushed', {
    ratioMetric: {
      counter: true,
      good: { metricSource: { type: 'Push', spec: {} } },
      total: { metricSource: { type: 'Push', spec: {} } },
    },
  }),
];

const labels = (id: string, extra: Record<string, string> = {}) =>
  JSON.stringify({ sloth_id: id, sloth_service: 'checkout-api', ...extra });

const RULES = `groups:
  - name: reliability-test
    interval: 1s
    rules:
${[
  'checkout-api-checkout-availability',
  'checkout-api-checkout-latency-fast',
  'checkout-api-checkout-latency-not-slow',
  'checkout-api-checkout-by-ref',
  'checkout-api-checkout-by-sli',
]
  .map(
    id => `      - record: slo:objective:ratio
        expr: vector(0.99)
        labels: ${labels(id)}`,
  )
  .join('\n')}
      - alert: ReliabilitySloPageBurn
        expr: vector(1)
        labels: ${labels('checkout-api-checkout-availability', {
          sloth_severity: 'page',
        })}
      - alert: ReliabilitySloPageBurn
        expr: vector(1)
        labels: ${labels('checkout-api-checkout-by-ref', {
          sloth_severity: 'page',
        })}
      - alert: ReliabilitySloPageBurn
        expr: vector(1)
        labels: ${labels('checkout-api-checkout-by-sli', {
          sloth_severity: 'page',
        })}
      - alert: ReliabilitySloTicketBurn
        expr: vector(1)
        labels: ${labels('checkout-api-checkout-latency-not-slow', {
          sloth_severity: 'ticket',
        })}
`;

describe('GET /v1/slos/{namespace}/{name}/alert-state', () => {
  let prom: TestPrometheus | undefined;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>> | undefined;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  const user = mockCredentials.user.header();

  beforeAll(async () => {
    prom = await startTestPrometheus({ rules: RULES });
    const { port, hostname } = new URL(prom.url);
    proxy = await startTcpProxy({ host: hostname, port: +port });
    const deadline = Date.now() + 20_000;
    while (
      ((await prom.instantQuery('count(ALERTS)', Date.now())) ?? 0) < 4 &&
      Date.now() < deadline
    ) {
      await new Promise(r => setTimeout(r, 200));
    }
    entities.push({
      apiVersion: 'openslo/v1',
      kind: 'DataSource',
      metadata: { name: 'prom-catalog', namespace: 'default' },
      spec: { type: 'Prometheus', connectionDetails: { url: proxy.url } },
    } as any);
    const scheduler = capturingScheduler();
    backend = await startTestBackend({
      features: [
        reliabilityPlugin,
        reliabilityModulePrometheus,
        scheduler.factory,
        catalogServiceMock.factory({ entities: entities as any[] }),
        mockServices.rootConfig.factory({
          data: {
            reliability: {
              dataSources: {
                prom: { url: proxy.url, bearerToken: TOKEN },
                // Nothing listens on port 9 (discard) here: refused at once.
                'prom-down': {
                  url: 'http://127.0.0.1:9',
                  bearerToken: TOKEN,
                  headers: { 'X-Scope-OrgID': 'tenant-secret-1' },
                },
              },
            },
          },
        }),
        mockServices.rootLogger.factory({ level: 'none' }),
      ],
    });
    await scheduler.run('reliability-slo-catalog-sync');
  }, 90_000);

  afterAll(async () => {
    await backend?.stop();
    await proxy?.close();
    await prom?.stop();
  }, 30_000);

  const get = (name: string, auth = user) =>
    request(backend!.server)
      .get(`/api/reliability/v1/slos/default/${name}/alert-state`)
      .set('Authorization', auth);

  it('says the page alert fires, then serves the answer from cache while Prometheus is down', async () => {
    const res = await get('checkout-availability');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sloRef: 'slo:default/checkout-availability',
      sourceType: 'Prometheus',
      state: 'ok',
      reason: null,
      error: null,
      checkedAt: expect.any(String),
      objectives: [
        {
          name: 'requests',
          slothId: 'checkout-api-checkout-availability',
          rulesLoaded: true,
          alerts: [
            {
              alertName: 'ReliabilitySloPageBurn',
              severity: 'page',
              state: 'firing',
            },
          ],
        },
      ],
    });

    // Within the TTL (30 s) Prometheus is not asked again: the same answer, same time.
    await proxy!.down();
    try {
      const again = await get('checkout-availability');
      expect(again.body).toEqual(res.body);
    } finally {
      await proxy!.up();
    }
  });

  it('answers per objective, with the objective in the sloth_id', async () => {
    const res = await get('checkout-latency');
    expect(res.status).toBe(200);
    expect(res.body.objectives).toEqual([
      {
        name: 'fast',
        slothId: 'checkout-api-checkout-latency-fast',
        rulesLoaded: true,
        alerts: [],
      },
      {
        name: 'not-slow',
        slothId: 'checkout-api-checkout-latency-not-slow',
        rulesLoaded: true,
        alerts: [
          {
            alertName: 'ReliabilitySloTicketBurn',
            severity: 'ticket',
            state: 'firing',
          },
        ],
      },
    ]);
  });

  it('tells rules that are not loaded', async () => {
    const res = await get('checkout-search');
    expect(res.body.state).toBe('ok');
    expect(res.body.objectives).toEqual([
      {
        name: 'requests',
        slothId: 'checkout-api-checkout-search',
        rulesLoaded: false,
        alerts: [],
      },
    ]);
  });

  it('answers an unreachable Prometheus as state, never with the secrets', async () => {
    const res = await get('checkout-down');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sourceType: 'Prometheus',
      state: 'error',
      error: {
        kind: 'unreachable',
        message: expect.stringMatching(
          /^slo:default\/checkout-down: cannot reach Prometheus at http:\/\/127\.0\.0\.1:9/,
        ),
      },
    });
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    expect(JSON.stringify(res.body)).not.toContain('tenant-secret-1');
  });

  it('asks the data source a metricSourceRef-only SLO names, its type from the DataSource', async () => {
    const res = await get('checkout-by-ref');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sourceType: 'Prometheus',
      state: 'ok',
      objectives: [
        {
          name: 'requests',
          slothId: 'checkout-api-checkout-by-ref',
          rulesLoaded: true,
          alerts: [
            {
              alertName: 'ReliabilitySloPageBurn',
              severity: 'page',
              state: 'firing',
            },
          ],
        },
      ],
    });
  });

  it('says why a metricSourceRef-only SLO whose data source exists nowhere cannot be asked', async () => {
    const res = await get('checkout-lost');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sloRef: 'slo:default/checkout-lost',
      sourceType: null,
      state: 'error',
      reason: null,
      error: {
        kind: 'configuration',
        message:
          "spec.indicator.spec.ratioMetric.good.metricSource.metricSourceRef: metricSourceRef 'nowhere': no reliability.dataSources.nowhere in app-config and no DataSource entity datasource:default/nowhere in the catalog (without metricSource.type, the data source tells the type)",
      },
      checkedAt: expect.any(String),
      objectives: [
        {
          name: 'requests',
          slothId: 'checkout-api-checkout-lost',
          rulesLoaded: false,
          alerts: [],
        },
      ],
    });
  });

  it('asks the data source of the SLI entity an indicatorRef SLO names, as for an inline one', async () => {
    const res = await get('checkout-by-sli');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sloRef: 'slo:default/checkout-by-sli',
      sourceType: 'Prometheus',
      state: 'ok',
      reason: null,
      error: null,
      checkedAt: expect.any(String),
      objectives: [
        {
          name: 'requests',
          slothId: 'checkout-api-checkout-by-sli',
          rulesLoaded: true,
          alerts: [
            {
              alertName: 'ReliabilitySloPageBurn',
              severity: 'page',
              state: 'firing',
            },
          ],
        },
      ],
    });
  });

  it('says why an SLO whose indicatorRef names no SLI cannot be asked', async () => {
    const res = await get('checkout-orphan');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sloRef: 'slo:default/checkout-orphan',
      sourceType: null,
      state: 'error',
      reason: null,
      error: {
        kind: 'configuration',
        message:
          "spec.indicatorRef: SLI 'gone': no SLI entity sli:default/gone in the catalog, so its queries are unknown",
      },
      checkedAt: expect.any(String),
      objectives: [
        {
          name: 'requests',
          slothId: 'checkout-api-checkout-orphan',
          rulesLoaded: false,
          alerts: [],
        },
      ],
    });
  });

  it('says a pushed SLO cannot tell', async () => {
    const res = await get('checkout-pushed');
    expect(res.body).toMatchObject({
      sourceType: null,
      state: 'unsupported',
      reason: expect.stringMatching(/pushed/),
      objectives: [],
    });
  });

  it('says a composite SLO is not asked, without calling its data pushed', async () => {
    const res = await get('checkout-composite');
    expect(res.body).toMatchObject({
      sourceType: null,
      state: 'unsupported',
      reason:
        "A composite SLO (an indicator on each objective) is not read from a source: push its objectives' data; the rules route still writes rules for each objective",
      objectives: [],
    });
  });

  it('answers 404 for an unknown SLO and 401 without credentials', async () => {
    const unknown = await get('nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('No SLO slo:default/nope');
    expect(
      (await get('checkout-availability', mockCredentials.none.header()))
        .status,
    ).toBe(401);
  });
});
