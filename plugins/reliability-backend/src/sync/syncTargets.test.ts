import {
  ResolvedDataSource,
  SliSourceError,
} from '@reliability-suite/plugin-reliability-node';
import type { SloRecord } from '../store/SloStore';
import { metricSourceRefsOf, syncTargets } from './syncTargets';

const QUERY = { query: 'sum(increase(x[{{bucket}}]))' };
const REGISTERED = new Set(['Prometheus']);

/** An SLO whose good and total metric sources are the ones given. */
function slo(good: object, total: object = good): SloRecord {
  return {
    sloRef: 'slo:default/checkout',
    serviceRef: 'component:default/checkout-api',
    title: 'checkout',
    definitionHash: 'h',
    definition: {
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 86_400_000 },
      objectives: [
        { name: 'fast', target: 0.99 },
        { name: 'ok', target: 0.9 },
      ],
    },
    spec: {
      indicator: {
        metadata: { name: 'sli' },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource: { ...good, spec: QUERY } },
            total: { metricSource: { ...total, spec: QUERY } },
          },
        },
      },
    },
  };
}

const dataSource = (name: string, type: string): ResolvedDataSource => ({
  name,
  type,
  connectionDetails: { url: 'http://prom:9090' },
});

describe('syncTargets', () => {
  it('syncs a metric source that says its type inline, as before', () => {
    const plan = syncTargets(slo({ type: 'Prometheus' }), REGISTERED);
    expect(plan.problem).toBeUndefined();
    expect(plan.targets.map(t => [t.objective, t.sourceType])).toEqual([
      ['fast', 'Prometheus'],
      ['ok', 'Prometheus'],
    ]);
  });

  it('takes the type of a metricSourceRef-only source from its resolved data source', () => {
    const prom = dataSource('prom', 'Prometheus');
    const plan = syncTargets(
      slo({ metricSourceRef: 'prom' }),
      REGISTERED,
      new Map([['prom', prom]]),
    );
    expect(plan.problem).toBeUndefined();
    expect(plan.targets).toHaveLength(2);
    expect(plan.targets[0]).toMatchObject({
      sourceType: 'Prometheus',
      metricSourceRef: 'prom',
      // Resolved once: the fetch does not ask the catalog again.
      dataSource: prom,
    });
  });

  it('leaves an SLO on a data source of an unregistered type, or without any, to the push API', () => {
    expect(
      syncTargets(
        slo({ metricSourceRef: 'dd' }),
        REGISTERED,
        new Map([['dd', dataSource('dd', 'Datadog')]]),
      ),
    ).toEqual({ targets: [] });
    expect(syncTargets(slo({ type: 'Push' }), REGISTERED)).toEqual({
      targets: [],
    });
    expect(syncTargets(slo({}), REGISTERED)).toEqual({ targets: [] });
  });

  it('says why a metricSourceRef-only source whose data source cannot be resolved is not synced', () => {
    const plan = syncTargets(
      slo({ metricSourceRef: 'nowhere' }),
      REGISTERED,
      new Map([
        [
          'nowhere',
          new SliSourceError(
            'configuration',
            "metricSourceRef 'nowhere': no reliability.dataSources.nowhere in app-config and no DataSource entity datasource:default/nowhere in the catalog",
          ),
        ],
      ]),
    );
    expect(plan).toEqual({
      targets: [],
      problem: {
        metricSourceRef: 'nowhere',
        kind: 'configuration',
        message:
          "spec.indicator.spec.ratioMetric.good.metricSource.metricSourceRef: metricSourceRef 'nowhere': no reliability.dataSources.nowhere in app-config and no DataSource entity datasource:default/nowhere in the catalog (without metricSource.type, the data source tells the type)",
      },
    });
    // A catalog that could not be asked is a fault of reaching it, not of the SLO.
    expect(
      syncTargets(
        slo({ metricSourceRef: 'prom' }),
        REGISTERED,
        new Map([['prom', new Error('catalog: 503')]]),
      ).problem,
    ).toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/catalog: 503/),
    });
  });

  it('names the type field when it differs from the type of the data source named', () => {
    const plan = syncTargets(
      slo(
        { type: 'Prometheus', metricSourceRef: 'prom' },
        { type: 'Prometheus', metricSourceRef: 'dd' },
      ),
      REGISTERED,
      new Map([
        ['prom', dataSource('prom', 'Prometheus')],
        ['dd', dataSource('dd', 'Datadog')],
      ]),
    );
    expect(plan).toEqual({
      targets: [],
      problem: {
        sourceType: 'Prometheus',
        metricSourceRef: 'dd',
        kind: 'configuration',
        message:
          "spec.indicator.spec.ratioMetric.total.metricSource.type: 'Prometheus' differs from the type 'Datadog' of data source 'dd' that metricSourceRef names; leave type out or make the two agree",
      },
    });
  });

  it('keeps an inline type when its data source cannot be resolved: the fetch reports that', () => {
    const plan = syncTargets(
      slo({ type: 'Prometheus', metricSourceRef: 'nowhere' }),
      REGISTERED,
      new Map([['nowhere', new SliSourceError('configuration', 'no such')]]),
    );
    expect(plan.problem).toBeUndefined();
    expect(plan.targets[0]).toMatchObject({
      sourceType: 'Prometheus',
      metricSourceRef: 'nowhere',
    });
    expect(plan.targets[0].dataSource).toBeUndefined();
  });

  it('names every field when metric sources of a registered type mix with others', () => {
    const plan = syncTargets(
      slo({ metricSourceRef: 'prom' }, { type: 'Push' }),
      REGISTERED,
      new Map([['prom', dataSource('prom', 'Prometheus')]]),
    );
    expect(plan.targets).toEqual([]);
    expect(plan.problem).toMatchObject({
      sourceType: 'Prometheus',
      kind: 'configuration',
      message:
        'the metric sources name different types (spec.indicator.spec.ratioMetric.good.metricSource: Prometheus, spec.indicator.spec.ratioMetric.total.metricSource: Push); an objective is read from one source, so all must be of type Prometheus',
    });
  });
});

describe('syncTargets with an indicatorRef', () => {
  const refSlo = (): SloRecord => ({
    ...slo({ type: 'Prometheus' }),
    spec: { indicatorRef: 'checkout-sli' },
  });
  const sli = (slo({ metricSourceRef: 'prom' }).spec as any).indicator.spec;

  it('syncs the SLI the caller resolved, naming its fields through the ref', () => {
    const plan = syncTargets(
      refSlo(),
      REGISTERED,
      new Map([['prom', dataSource('prom', 'Prometheus')]]),
      { spec: sli, path: 'spec.indicatorRef(SLI checkout-sli).spec' },
    );
    expect(plan.problem).toBeUndefined();
    expect(plan.targets.map(t => [t.objective, t.indicator])).toEqual([
      ['fast', sli],
      ['ok', sli],
    ]);
    expect(
      syncTargets(refSlo(), REGISTERED, new Map(), {
        spec: sli,
        path: 'spec.indicatorRef(SLI checkout-sli).spec',
      }).problem?.message,
    ).toMatch(
      /^spec\.indicatorRef\(SLI checkout-sli\)\.spec\.ratioMetric\.good\.metricSource\.metricSourceRef: /,
    );
  });

  it('is a problem naming spec.indicatorRef when the SLI was not found', () => {
    expect(
      syncTargets(refSlo(), REGISTERED, new Map(), {
        indicatorRef: 'checkout-sli',
        error: new SliSourceError('configuration', "SLI 'checkout-sli': none"),
      }),
    ).toEqual({
      targets: [],
      problem: {
        indicatorRef: 'checkout-sli',
        kind: 'configuration',
        message: "spec.indicatorRef: SLI 'checkout-sli': none",
      },
    });
  });

  it('has nothing to sync without the resolved SLI', () => {
    expect(syncTargets(refSlo(), REGISTERED)).toEqual({ targets: [] });
  });
});

describe('metricSourceRefsOf', () => {
  it('lists each data source named once', () => {
    expect(
      metricSourceRefsOf(
        slo(
          { metricSourceRef: 'prom' },
          { type: 'Prometheus', metricSourceRef: 'prom' },
        ),
      ),
    ).toEqual(['prom']);
    expect(metricSourceRefsOf(slo({ type: 'Push' }))).toEqual([]);
  });
});
