import { parse, parseAllDocuments } from 'yaml';
import type { OpenSloSlo } from '../openslo/types';
import {
  PROMETHEUS_NO_DATA_ALERT,
  PROMETHEUS_PAGE_ALERT,
  PROMETHEUS_TICKET_ALERT,
  slothIdsOf,
} from './contract';
import { prometheusRulesInput } from './documents';
import { generatePrometheusRules } from './generate';
import { renderPrometheusRules } from './render';
import type { PrometheusRule, PrometheusRuleGroup } from './types';

const GOOD =
  'sum(increase(http_requests_total{job="api",code!~"5.."}[{{bucket}}]))';
const TOTAL = 'sum(increase(http_requests_total{job="api"}[{{bucket}}]))';

function prom(query: string) {
  return { metricSource: { type: 'Prometheus', spec: { query } } };
}

function slo(overrides: {
  name?: string;
  spec?: Partial<OpenSloSlo['spec']>;
  labels?: Record<string, string | string[]>;
}): OpenSloSlo {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: overrides.name ?? 'api-availability',
      displayName: 'API availability',
      ...(overrides.labels ? { labels: overrides.labels } : {}),
    },
    spec: {
      service: 'api',
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '28d', isRolling: true }],
      indicator: {
        metadata: { name: 'api-non-5xx' },
        spec: {
          ratioMetric: { counter: true, good: prom(GOOD), total: prom(TOTAL) },
        },
      },
      objectives: [{ displayName: 'requests-succeed', target: 0.999 }],
      ...overrides.spec,
    },
  };
}

function rules(groups: PrometheusRuleGroup[], kind: string): PrometheusRule[] {
  return groups
    .filter(g => g.name.startsWith(`reliability-slo-${kind}-`))
    .flatMap(g => g.rules);
}

describe('generatePrometheusRules', () => {
  it('records every burn window and the SLO window with Sloth’s names and labels', () => {
    const { groups, problems } = generatePrometheusRules([
      { slo: slo({ labels: { team: 'payments', 'cost-center': ['a', 'b'] } }) },
    ]);
    expect(problems).toEqual([]);
    expect(groups.map(g => [g.name, g.interval])).toEqual([
      ['reliability-slo-sli-api-api-availability', undefined],
      ['reliability-slo-period-api-api-availability', '5m'],
      ['reliability-slo-meta-api-api-availability', undefined],
      ['reliability-slo-alerts-api-api-availability', undefined],
    ]);
    const recorded = [...rules(groups, 'sli'), ...rules(groups, 'period')];
    expect(recorded.map(r => r.record)).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
      'slo:sli_error_events:increase5m',
      'slo:sli_events:increase5m',
      'slo:sli_error:ratio_rate28d',
    ]);
    expect(recorded[2].labels).toEqual({
      sloth_id: 'api-api-availability',
      sloth_service: 'api',
      sloth_slo: 'api-availability',
      sloth_window: '1h',
      team: 'payments',
      cost_center: 'a,b',
    });
    // The placeholder becomes each window.
    expect(recorded[2].expr).toContain('[1h]');
    expect(recorded[2].expr).not.toContain('{{');
    expect(rules(groups, 'meta').map(r => r.record)).toEqual([
      'slo:objective:ratio',
      'slo:error_budget:ratio',
      'slo:time_period:days',
      'slo:current_burn_rate:ratio',
      'slo:period_burn_rate:ratio',
      'slo:period_error_budget_remaining:ratio',
      'sloth_slo_info',
    ]);
    expect(rules(groups, 'meta')[2].expr).toBe('vector(28)');
  });

  it('alerts with the contract’s names and labels, the portal link and the runbook', () => {
    const { groups } = generatePrometheusRules(
      [
        {
          slo: slo({ labels: { team: 'payments' } }),
          namespace: 'shop',
          runbookUrl: 'https://runbooks/api',
        },
      ],
      { portalBaseUrl: 'https://portal.example.com/' },
    );
    const alerts = rules(groups, 'alerts');
    expect(alerts.map(a => a.alert)).toEqual([
      PROMETHEUS_PAGE_ALERT,
      PROMETHEUS_TICKET_ALERT,
      PROMETHEUS_NO_DATA_ALERT,
    ]);
    expect(alerts[0].labels).toEqual({
      sloth_id: 'api-api-availability',
      sloth_service: 'api',
      sloth_slo: 'api-availability',
      sloth_severity: 'page',
      team: 'payments',
    });
    expect(alerts[1].labels?.sloth_severity).toBe('ticket');
    expect(alerts[2].labels?.sloth_severity).toBeUndefined();
    expect(alerts[0].annotations).toMatchObject({
      title: 'API availability',
      portal_url:
        'https://portal.example.com/reliability/slos/shop/api-availability',
      runbook_url: 'https://runbooks/api',
    });
    expect(alerts[0].annotations?.budget_left).toContain(
      'slo:period_error_budget_remaining:ratio{sloth_id=\\"api-api-availability\\"',
    );
    // 28-day window: the engine's factors 13.44 and 5.6 (× the 0.1 % budget).
    expect(alerts[0].expr).toContain('slo:sli_error:ratio_rate1h{');
    expect(alerts[0].expr).toContain('>= 0.01344');
    expect(alerts[0].expr).toContain('>= 0.0056');
    expect(alerts[1].expr).toContain('>= 0.0028');
  });

  it('keeps a title’s braces literal in the annotation templates', () => {
    const doc = slo({});
    doc.metadata.displayName = 'API {{ .oops }}';
    const { groups } = generatePrometheusRules([{ slo: doc }]);
    expect(rules(groups, 'alerts')[0].annotations?.title).toBe(
      'API {{ "{{" }} .oops }}',
    );
  });

  it('names each objective of an SLO with several, as slothIdsOf does', () => {
    const doc = slo({
      spec: {
        objectives: [{ displayName: 'most', target: 0.99 }, { target: 0.999 }],
      },
    });
    const { groups, problems } = generatePrometheusRules([{ slo: doc }]);
    expect(problems).toEqual([]);
    const ids = [...new Set(rules(groups, 'sli').map(r => r.labels?.sloth_id))];
    expect(ids).toEqual(slothIdsOf(doc));
    expect(ids).toEqual([
      'api-api-availability-most',
      'api-api-availability-objective-2',
    ]);
    expect(
      rules(groups, 'meta').find(
        r =>
          r.record === 'slo:objective:ratio' &&
          r.labels?.sloth_slo === 'api-availability-objective-2',
      )?.expr,
    ).toBe('vector(0.999)');
  });

  it('reports every SLO it cannot express by field, and still writes the others', () => {
    const push = slo({ name: 'pushed' });
    push.spec.indicator!.spec.ratioMetric!.good = {
      metricSource: { type: 'Push', spec: {} },
    };
    const noPlaceholder = slo({ name: 'fixed' });
    noPlaceholder.spec.indicator!.spec.ratioMetric!.total = prom(
      'sum(http_requests_total)',
    );
    const unknownPlaceholder = slo({ name: 'typo' });
    unknownPlaceholder.spec.indicator!.spec.ratioMetric!.total = prom(
      'sum(increase(x[{{window}}]))',
    );
    const datadog = slo({ name: 'datadog' });
    datadog.spec.indicator!.spec.ratioMetric!.good = {
      metricSource: { metricSourceRef: 'dd', spec: { query: 'x' } },
    };
    datadog.spec.indicator!.spec.ratioMetric!.total = {
      metricSource: { metricSourceRef: 'nowhere', spec: { query: 'x' } },
    };
    // Says Prometheus, but the data source it names is a Datadog: which holds is a guess.
    const conflicting = slo({ name: 'conflicting' });
    conflicting.spec.indicator!.spec.ratioMetric!.good = {
      metricSource: { ...prom(GOOD).metricSource, metricSourceRef: 'dd' },
    };
    const { groups, problems } = generatePrometheusRules(
      [
        { slo: push },
        { slo: noPlaceholder },
        { slo: slo({}) },
        { slo: unknownPlaceholder },
        { slo: datadog },
        { slo: conflicting },
      ],
      { dataSourceTypes: { dd: 'Datadog' } },
    );
    expect(problems).toEqual([
      {
        slo: 'pushed',
        kind: 'not-prometheus',
        path: 'spec.indicator.spec.ratioMetric.good.metricSource.type',
        message:
          "source type 'Push': only Prometheus queries can become Prometheus rules",
      },
      {
        slo: 'fixed',
        kind: 'invalid',
        path: 'spec.indicator.spec.ratioMetric.total.metricSource.spec.query',
        message: expect.stringContaining(
          'has no {{bucket}} or {{bucketSeconds}} placeholder',
        ),
      },
      {
        slo: 'typo',
        kind: 'invalid',
        path: 'spec.indicator.spec.ratioMetric.total.metricSource.spec.query',
        message: expect.stringContaining('unknown placeholder(s) {{window}}'),
      },
      {
        slo: 'datadog',
        kind: 'not-prometheus',
        path: 'spec.indicator.spec.ratioMetric.good.metricSource.type',
        message:
          "source type 'Datadog' (of data source 'dd'): only Prometheus queries can become Prometheus rules",
      },
      {
        slo: 'datadog',
        kind: 'invalid',
        path: 'spec.indicator.spec.ratioMetric.total.metricSource.metricSourceRef',
        message: expect.stringContaining("data source 'nowhere' is not known"),
      },
      {
        slo: 'conflicting',
        kind: 'invalid',
        path: 'spec.indicator.spec.ratioMetric.good.metricSource.type',
        message:
          "'Prometheus' differs from the type 'Datadog' of data source 'dd' that metricSourceRef names; leave type out or make the two agree",
      },
    ]);
    expect([...new Set(groups.map(g => g.rules[0].labels?.sloth_slo))]).toEqual(
      ['api-availability'],
    );
  });

  it('reports an invalid SLO with the validator’s field paths', () => {
    const doc = slo({});
    (doc.spec.objectives[0] as { target?: number }).target = 1.5;
    const { groups, problems } = generatePrometheusRules([{ slo: doc }]);
    expect(groups).toEqual([]);
    expect(problems.map(p => p.path)).toEqual(['spec.objectives[0].target']);
  });

  it('refuses two SLOs whose series would mix', () => {
    const { problems } = generatePrometheusRules([
      { slo: slo({}), namespace: 'a' },
      { slo: slo({}), namespace: 'b' },
    ]);
    expect(problems).toEqual([
      {
        slo: 'api-availability',
        kind: 'invalid',
        path: 'metadata.name',
        message:
          "sloth_id 'api-api-availability' is already the id of SLO 'api-availability' in namespace a; series of both would mix",
      },
    ]);
  });

  it('resolves a metricSourceRef and an indicatorRef from the documents given', () => {
    const doc = slo({});
    delete doc.spec.indicator;
    doc.spec.indicatorRef = 'api-non-5xx';
    const documents = parseAllDocuments(`
apiVersion: openslo/v1
kind: DataSource
metadata: { name: prom }
spec: { type: Prometheus, connectionDetails: { url: http://prometheus:9090 } }
---
apiVersion: openslo/v1
kind: SLI
metadata: { name: api-non-5xx }
spec:
  ratioMetric:
    counter: true
    bad: { metricSource: { metricSourceRef: prom, spec: { query: 'sum(rate(errors_total[{{bucket}}])) * {{bucketSeconds}}' } } }
    total: { metricSource: { metricSourceRef: prom, spec: { query: 'sum(rate(requests_total[{{bucket}}])) * {{bucketSeconds}}' } } }
`).map(d => d.toJS());
    const input = prometheusRulesInput([...documents, doc]);
    const { groups, problems } = generatePrometheusRules(
      input.slos,
      input.options,
    );
    expect(problems).toEqual([]);
    expect(rules(groups, 'sli')[0].expr).toBe(
      'sum(sum(rate(errors_total[5m])) * 300)\n/\nsum(sum(rate(requests_total[5m])) * 300)',
    );
  });

  it("takes an SLO's own SLIs and data source types over the options' (a catalog's namespaces)", () => {
    const sliOf = (query: string) =>
      ({
        apiVersion: 'openslo/v1',
        kind: 'SLI',
        metadata: { name: 'api' },
        spec: {
          ratioMetric: {
            counter: true,
            good: {
              metricSource: { metricSourceRef: 'prom', spec: { query } },
            },
            total: {
              metricSource: { metricSourceRef: 'prom', spec: { query } },
            },
          },
        },
      } as any);
    const byRef = (name: string) => {
      const doc = slo({ name });
      delete doc.spec.indicator;
      doc.spec.indicatorRef = 'api';
      return doc;
    };
    const { groups, problems } = generatePrometheusRules(
      [
        // Its own: a Prometheus data source and its namespace's SLI named api.
        {
          slo: byRef('own'),
          slis: [sliOf('sum(increase(own_total[{{bucket}}]))')],
          dataSourceTypes: { prom: 'Prometheus' },
        },
        // The options': prom is a Datadog there.
        { slo: byRef('options') },
      ],
      {
        slis: [sliOf('sum(increase(options_total[{{bucket}}]))')],
        dataSourceTypes: { prom: 'Datadog' },
      },
    );
    const exprs = rules(groups, 'sli').map(r => r.expr);
    expect(exprs[0]).toContain('own_total[5m]');
    expect(exprs.join('\n')).not.toContain('options_total');
    expect(problems.map(p => [p.slo, p.kind, p.path])).toEqual([
      [
        'options',
        'not-prometheus',
        'spec.indicatorRef(SLI api).spec.ratioMetric.good.metricSource.type',
      ],
      [
        'options',
        'not-prometheus',
        'spec.indicatorRef(SLI api).spec.ratioMetric.total.metricSource.type',
      ],
    ]);
  });

  it('says in comments what a calendar window and time slices become', () => {
    const doc = slo({
      spec: {
        budgetingMethod: 'Timeslices',
        timeWindow: [
          {
            duration: '1M',
            isRolling: false,
            calendar: {
              startTime: '2026-01-01 00:00:00',
              timeZone: 'Europe/Berlin',
            },
          },
        ],
        indicator: {
          metadata: { name: 'p99' },
          spec: {
            thresholdMetric: prom(
              'histogram_quantile(0.99, sum by (le) (rate(h_bucket[{{bucket}}])))',
            ),
          },
        },
        objectives: [
          {
            op: 'lt',
            value: 0.3,
            target: 0.99,
            timeSliceTarget: 1,
            timeSliceWindow: '1m',
          },
        ],
      },
    });
    const { groups, problems } = generatePrometheusRules([{ slo: doc }]);
    expect(problems).toEqual([]);
    expect(groups[0].comments?.join('\n')).toMatch(
      /Calendar window 1M .*the last 30d \(rolling\)/,
    );
    expect(groups[0].comments?.join('\n')).toMatch(
      /Timeslices: each evaluation judges the 1m slice/,
    );
    expect(groups[0].rules[0]).toMatchObject({
      record: 'slo:sli_slice_good:ratio',
      expr: expect.stringContaining('< bool 0.3'),
    });
    expect(rules(groups, 'period')[0].record).toBe(
      'slo:sli_error:ratio_rate30d',
    );
    const text = renderPrometheusRules(groups);
    expect(text).toContain('# Calendar window 1M');
  });
});

describe('renderPrometheusRules', () => {
  const { groups } = generatePrometheusRules([{ slo: slo({}) }]);

  it('writes a rule file', () => {
    const parsed = parse(renderPrometheusRules(groups));
    expect(parsed.groups).toHaveLength(4);
    expect(parsed.groups[0].rules[0].record).toBe('slo:sli_error:ratio_rate5m');
  });

  it('writes a PrometheusRule resource for the prometheus-operator', () => {
    const text = renderPrometheusRules(groups, {
      format: 'prometheus-rule',
      name: 'slos',
      namespace: 'monitoring',
      labels: { release: 'prometheus' },
    });
    const parsed = parse(text);
    expect(parsed).toMatchObject({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: 'slos',
        namespace: 'monitoring',
        labels: { release: 'prometheus' },
      },
    });
    expect(parsed.spec.groups).toHaveLength(4);
    // Plain YAML: no anchors for the labels the rules share.
    expect(text).not.toMatch(/[&*]a\d/);
  });
});
