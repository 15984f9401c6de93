/**
 * The state of generated alerts, asked of a real Prometheus 2.42 (see testUtils/prometheus.ts)
 * that evaluates a rule file shaped like the generated one: the metadata rule
 * `slo:objective:ratio` per objective and alerts labelled `sloth_id` / `sloth_severity`. The
 * alerts' expressions are constants, so they fire (or stay pending, `for: 1h`) from the first
 * evaluation on, evaluated every second.
 */
import type { OpenSloSliSpec } from '@reliability-suite/plugin-reliability-common';
import {
  SliAlertStateRequest,
  SliSourceError,
} from '@reliability-suite/plugin-reliability-node';
import { PrometheusSliSource } from './PrometheusSliSource';
import {
  freePort,
  startTestPrometheus,
  TestPrometheus,
} from './testUtils/prometheus';

jest.setTimeout(30_000);

const labels = (id: string, extra: Record<string, string> = {}) =>
  JSON.stringify({
    sloth_id: id,
    sloth_service: 'checkout-api',
    sloth_slo: id,
    ...extra,
  });

const metadata = (id: string) => `
      - record: slo:objective:ratio
        expr: vector(0.999)
        labels: ${labels(id)}`;

const alert = (
  name: string,
  id: string,
  severity: string | undefined,
  forDuration = '0s',
) => `
      - alert: ${name}
        expr: vector(1)
        for: ${forDuration}
        labels: ${labels(id, severity ? { sloth_severity: severity } : {})}`;

const RULES = `groups:
  - name: reliability-test-slos
    interval: 1s
    rules:${metadata('checkout-api-availability')}${metadata(
  'search-api-latency.p99',
)}${metadata('ledger-journal-writes')}${metadata(
  'ledger-journal-reads',
)}${alert(
  'ReliabilitySloPageBurn',
  'checkout-api-availability',
  'page',
)}${alert(
  'ReliabilitySloTicketBurn',
  'checkout-api-availability',
  'ticket',
  '1h',
)}${
  // Matches search-api-latency.p99 only if the "." is left unescaped in the regex.
  alert('ReliabilitySloPageBurn', 'search-api-latencyXp99', 'page')
}${alert('ReliabilitySloTicketBurn', 'ledger-journal-reads', 'ticket')}${alert(
  'ReliabilitySloNoData',
  'ledger-journal-reads',
  undefined,
)}
`;

describe('PrometheusSliSource.alertState against a real Prometheus', () => {
  let prom: TestPrometheus | undefined;
  const source = new PrometheusSliSource({ timeoutMs: 10_000, retries: 2 });

  beforeAll(async () => {
    prom = await startTestPrometheus({ rules: RULES });
    // The first evaluation of the group: every constant alert is active from then on.
    const deadline = Date.now() + 20_000;
    while (
      ((await prom.instantQuery('count(ALERTS)', Date.now())) ?? 0) < 5 &&
      Date.now() < deadline
    ) {
      await new Promise(r => setTimeout(r, 200));
    }
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
  }, 20_000);

  const indicator: OpenSloSliSpec = {
    ratioMetric: {
      counter: true,
      good: {
        metricSource: {
          metricSourceRef: 'prom',
          type: 'Prometheus',
          spec: { query: 'sum(increase(ok_total[{{bucket}}]))' },
        },
      },
      total: {
        metricSource: {
          metricSourceRef: 'prom',
          type: 'Prometheus',
          spec: { query: 'sum(increase(all_total[{{bucket}}]))' },
        },
      },
    },
  };

  const request = (
    objectives: SliAlertStateRequest['objectives'],
    url = prom!.url,
  ): SliAlertStateRequest => ({
    sloRef: 'slo:default/checkout-availability',
    objectives,
    indicator,
    dataSource: {
      name: 'prom',
      type: 'Prometheus',
      connectionDetails: { url, bearerToken: 's3cr3t-token' },
    },
  });

  it('reports a firing page and a pending ticket, firing first', async () => {
    const [state] = await source.alertState(
      request([{ name: 'availability', slothId: 'checkout-api-availability' }]),
    );
    expect(state).toEqual({
      name: 'availability',
      slothId: 'checkout-api-availability',
      rulesLoaded: true,
      alerts: [
        {
          alertName: 'ReliabilitySloPageBurn',
          severity: 'page',
          state: 'firing',
        },
        {
          alertName: 'ReliabilitySloTicketBurn',
          severity: 'ticket',
          state: 'pending',
        },
      ],
    });
  });

  it('tells no alert (rules loaded) from rules not loaded, and reads ids literally', async () => {
    const states = await source.alertState(
      request([
        { name: 'p99', slothId: 'search-api-latency.p99' },
        { name: 'gone', slothId: 'checkout-api-unknown' },
      ]),
    );
    expect(states).toEqual([
      {
        name: 'p99',
        slothId: 'search-api-latency.p99',
        rulesLoaded: true,
        alerts: [],
      },
      {
        name: 'gone',
        slothId: 'checkout-api-unknown',
        rulesLoaded: false,
        alerts: [],
      },
    ]);
  });

  it('answers each objective of a multi-objective SLO from one request', async () => {
    const states = await source.alertState(
      request([
        { name: 'writes', slothId: 'ledger-journal-writes' },
        { name: 'reads', slothId: 'ledger-journal-reads' },
      ]),
    );
    expect(states.map(s => [s.name, s.rulesLoaded, s.alerts])).toEqual([
      ['writes', true, []],
      [
        'reads',
        true,
        [
          { alertName: 'ReliabilitySloNoData', state: 'firing' },
          {
            alertName: 'ReliabilitySloTicketBurn',
            severity: 'ticket',
            state: 'firing',
          },
        ],
      ],
    ]);
  });

  it('fails fast as unreachable, once, without the token in the message', async () => {
    const port = await freePort();
    const started = Date.now();
    const error = await source
      .alertState(
        request(
          [{ name: 'availability', slothId: 'checkout-api-availability' }],
          `http://127.0.0.1:${port}`,
        ),
      )
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toBeInstanceOf(SliSourceError);
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(
      /^slo:default\/checkout-availability: cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+/,
    );
    // One attempt: no "after 3 attempts", and no back-off waited.
    expect(error.message).not.toMatch(/attempts/);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.message).not.toContain('s3cr3t-token');
  });

  it('names the missing url as a configuration error', async () => {
    const error = await source
      .alertState({
        ...request([{ name: 'a', slothId: 'x' }]),
        dataSource: { name: 'prom', type: 'Prometheus', connectionDetails: {} },
      })
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toBeInstanceOf(SliSourceError);
    expect(error.kind).toBe('configuration');
    expect(error.message).toMatch(/No Prometheus url: data source 'prom'/);
  });
});
