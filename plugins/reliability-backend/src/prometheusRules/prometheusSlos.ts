import type {
  MetricSource,
  OpenSloSli,
  OpenSloSliSpec,
  OpenSloSlo,
} from '@reliability-suite/plugin-reliability-common';
import { namespaceOf, SloScope } from './namespaceScopes';

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

/**
 * Every metric source an SLO's indicators name, inline or through an SLI entity, and
 * whether an `indicatorRef` names an SLI the scope does not have.
 */
function sloMetricSources(
  slo: OpenSloSlo,
  slis: OpenSloSli[],
): { sources: MetricSource[]; unknownSli: boolean } {
  const spec = (slo.spec ?? {}) as Partial<OpenSloSlo['spec']>;
  const indicators = [
    { indicator: spec.indicator, indicatorRef: spec.indicatorRef },
    ...(Array.isArray(spec.objectives) ? spec.objectives : []),
  ];
  let unknownSli = false;
  const sources = indicators.flatMap(i => {
    if (i?.indicator) return metricSourcesOf(i.indicator.spec);
    if (!i?.indicatorRef) return [];
    const sli = slis.find(s => s.metadata?.name === i.indicatorRef);
    if (!sli) unknownSli = true;
    return metricSourcesOf(sli?.spec);
  });
  return { sources, unknownSli };
}

/**
 * Which SLOs the rules route serves: those with at least one metric source of type
 * Prometheus (its own `type`, or that of the data source its `metricSourceRef` names,
 * so that one naming only `metricSourceRef` is served when its data source is a
 * Prometheus), and with `namesDataSource` those naming that data source in a
 * `metricSourceRef`. References resolve in the SLO's scope (its namespace's SLIs and data
 * sources, see {@link namespaceScopes}). SLOs fed by the push API or another source are
 * not on Prometheus and simply not served; an SLO that mixes Prometheus with another
 * source is served, and the generator names its non-Prometheus field as a problem. An SLO
 * whose `indicatorRef` names no SLI in its namespace is served unless `namesDataSource`
 * narrows the file, so that the generator names it as a problem too.
 */
export function prometheusSloFilter(options: {
  scopeOf: (namespace: string) => SloScope;
  namesDataSource?: (metricSourceRef: string, namespace: string) => boolean;
}): (slo: OpenSloSlo) => boolean {
  return slo => {
    const namespace = namespaceOf(slo);
    const { slis, dataSourceTypes } = options.scopeOf(namespace);
    const { sources, unknownSli } = sloMetricSources(slo, slis);
    const { namesDataSource } = options;
    // Whether an SLI nobody has is on Prometheus cannot be told: the whole file names it
    // as a problem (as the sync does) rather than leave the SLO out without a word.
    if (unknownSli && sources.length === 0)
      return namesDataSource === undefined;
    // Either type counts: a metric source whose inline type and data source disagree is
    // served, and the generator names the disagreement as a problem.
    const onPrometheus = sources.some(
      s =>
        s.type === 'Prometheus' ||
        (s.metricSourceRef !== undefined &&
          dataSourceTypes[s.metricSourceRef] === 'Prometheus'),
    );
    if (!onPrometheus) return false;
    return (
      namesDataSource === undefined ||
      sources.some(
        s =>
          s.metricSourceRef !== undefined &&
          namesDataSource(s.metricSourceRef, namespace),
      )
    );
  };
}
