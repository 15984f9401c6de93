import type {
  MetricSource,
  OpenSloSli,
  OpenSloSliSpec,
  OpenSloSlo,
} from '@reliability-suite/plugin-reliability-common';

function metricSourcesOf(spec: OpenSloSliSpec | undefined): MetricSource[] {
  const ratio = spec?.ratioMetric;
  return [
    ratio?.good,
    ratio?.bad,
    ratio?.total,
    ratio?.raw,
    spec?.thresholdMetric,
  ].flatMap(m => (m?.metricSource ? [m.metricSource] : []));
}

/** Every metric source an SLO's indicators name, inline or through an SLI entity. */
function sloMetricSources(
  slo: OpenSloSlo,
  slis: Map<string, OpenSloSli>,
): MetricSource[] {
  const spec = (slo.spec ?? {}) as Partial<OpenSloSlo['spec']>;
  const indicators = [
    { indicator: spec.indicator, indicatorRef: spec.indicatorRef },
    ...(Array.isArray(spec.objectives) ? spec.objectives : []),
  ];
  return indicators.flatMap(i => [
    ...metricSourcesOf(i?.indicator?.spec),
    ...(i?.indicatorRef ? metricSourcesOf(slis.get(i.indicatorRef)?.spec) : []),
  ]);
}

/**
 * Which SLOs the rules route serves: those with at least one metric source of type
 * Prometheus (its own `type`, or that of the data source its `metricSourceRef` names,
 * so that one naming only `metricSourceRef` is served when its data source is a
 * Prometheus), and with `dataSource` those naming it
 * in a `metricSourceRef`. SLOs fed by the push API or another source are not on Prometheus
 * and simply not served; an SLO that mixes Prometheus with another source is served, and
 * the generator names its non-Prometheus field as a problem.
 */
export function prometheusSloFilter(options: {
  slis: OpenSloSli[];
  dataSourceTypes: Readonly<Record<string, string>>;
  dataSource?: string;
}): (slo: OpenSloSlo) => boolean {
  const slis = new Map(options.slis.map(s => [s.metadata?.name, s]));
  return slo => {
    const sources = sloMetricSources(slo, slis);
    // Either type counts: a metric source whose inline type and data source disagree is
    // served, and the generator names the disagreement as a problem.
    const onPrometheus = sources.some(
      s =>
        s.type === 'Prometheus' ||
        (s.metricSourceRef !== undefined &&
          options.dataSourceTypes[s.metricSourceRef] === 'Prometheus'),
    );
    if (!onPrometheus) return false;
    return (
      options.dataSource === undefined ||
      sources.some(s => s.metricSourceRef === options.dataSource)
    );
  };
}
