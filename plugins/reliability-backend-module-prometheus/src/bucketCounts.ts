// Bucket counts from the values of an SLI's queries: good/total events, a raw ratio
// scaled to RAW_SCALE events, or threshold timeslices.
import {
  SliBucketCounts,
  SliSourceError,
  SliSourceRequest,
} from '@reliability-suite/plugin-reliability-node';
import { QueryRole } from './queryPlan';
import { thresholdSlices } from './thresholdSlices';

/** Counts reported for a `ratioMetric.raw` bucket: good = round(ratio × RAW_SCALE). @public */
export const RAW_SCALE = 1000;

/** Slack for float noise when checking that a raw ratio lies in [0, 1]. */
const RATIO_EPSILON = 1e-9;

/** Turns the per-role values into bucket counts. */
export function combineBuckets(
  request: SliSourceRequest,
  values: Map<QueryRole, Map<number, number>>,
  context: string,
): SliBucketCounts[] {
  if (values.has('threshold')) {
    return thresholdSlices(
      Array.from(values.get('threshold')!, ([start, value]) => ({
        start,
        value,
      })),
      request.threshold!,
    );
  }

  const out: SliBucketCounts[] = [];
  if (values.has('raw')) {
    const failure = request.indicator.ratioMetric?.rawType === 'failure';
    for (const [start, ratio] of values.get('raw')!) {
      if (Number.isNaN(ratio)) continue;
      if (!(ratio >= -RATIO_EPSILON && ratio <= 1 + RATIO_EPSILON)) {
        throw new SliSourceError(
          'query-error',
          `${context}: ratioMetric.raw query returned ${ratio} at ${new Date(
            start + request.bucketMs,
          ).toISOString()}; a raw ratio must lie between 0 and 1 (not a percentage)`,
        );
      }
      const clamped = Math.min(1, Math.max(0, ratio));
      const good = Math.round((failure ? 1 - clamped : clamped) * RAW_SCALE);
      out.push({ start, good, total: RAW_SCALE });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  const total = values.get('total')!;
  const good = values.get('good');
  const bad = values.get('bad');
  for (const [start, totalValue] of total) {
    const part = good ? good.get(start) : bad!.get(start);
    if (part === undefined) continue;
    if (!Number.isFinite(totalValue) || !Number.isFinite(part)) continue;
    // increase() extrapolates, so counts can be fractional: report whole events.
    const totalCount = Math.max(0, Math.round(totalValue));
    const goodCount = good ? Math.round(part) : totalCount - Math.round(part);
    out.push({
      start,
      good: Math.min(totalCount, Math.max(0, goodCount)),
      total: totalCount,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
