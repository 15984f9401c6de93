import type {
  MetricSource,
  OpenSloOperator,
  OpenSloSliSpec,
} from '@reliability-suite/plugin-reliability-common';
import type { SloRecord } from '../store/SloStore';

/** One objective whose data is pulled from a registered source. */
export interface SyncTarget {
  slo: SloRecord;
  objective: string;
  sourceType: string;
  indicator: OpenSloSliSpec;
  threshold?: { op: OpenSloOperator; value: number };
  metricSourceRef?: string;
}

function metricSourcesOf(sli: OpenSloSliSpec): MetricSource[] {
  const ratio = sli.ratioMetric;
  const sources = [
    ratio?.good,
    ratio?.bad,
    ratio?.total,
    ratio?.raw,
    sli.thresholdMetric,
  ];
  return sources.flatMap(m => (m?.metricSource ? [m.metricSource] : []));
}

/**
 * The objectives of an SLO that a registered source serves: those whose inline SLI names
 * that source's type in every metric source. Everything else is fed by the push API.
 */
export function syncTargets(
  slo: SloRecord,
  sourceTypes: Set<string>,
): SyncTarget[] {
  const spec = slo.spec as
    | {
        indicator?: { spec?: OpenSloSliSpec };
        objectives?: Array<{ op?: OpenSloOperator; value?: number }>;
      }
    | undefined;
  const indicator = spec?.indicator?.spec;
  if (!indicator) return [];
  const sources = metricSourcesOf(indicator);
  const types = new Set(sources.map(m => m.type));
  if (sources.length === 0 || types.size !== 1) return [];
  const [sourceType] = [...types];
  if (!sourceType || !sourceTypes.has(sourceType)) return [];
  const metricSourceRef = sources.find(m => m.metricSourceRef)?.metricSourceRef;
  return slo.definition.objectives.map((objective, i) => {
    const written = spec?.objectives?.[i];
    return {
      slo,
      objective: objective.name,
      sourceType,
      indicator,
      threshold:
        indicator.thresholdMetric && written?.op && written.value !== undefined
          ? { op: written.op, value: written.value }
          : undefined,
      metricSourceRef,
    };
  });
}
