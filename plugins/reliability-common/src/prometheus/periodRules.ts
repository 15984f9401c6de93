import { selector } from './labels';
import { ObjectiveRulesInput, METRICS, usesSlices } from './objective';
import type { PrometheusRule } from './types';

const FIVE_MINUTES_MS = 5 * 60_000;

/**
 * The rules of the period group: the error ratio over the SLO's whole window,
 * `slo:sli_error:ratio_rate<period>`, weighted by events.
 *
 * Sloth averages its 5-minute ratios over the period, so a quiet night's 5 minutes weigh as
 * much as the peak's and a failure at night counts for more than its share of requests.
 * Here an event SLI records its bad and total events of each 5 minutes
 * (`slo:sli_error_events:increase5m`, `slo:sli_events:increase5m`) in this group, whose
 * interval is `periodInterval` (5m by default: consecutive increases then tile the time),
 * and the period's ratio is their sums' quotient — bad events ÷ all events, as the engine
 * counts it. Reading two pre-aggregated series of one sample per interval costs a few
 * thousand samples per SLO and evaluation, where `increase(…[28d])` would read every raw
 * counter series at scrape resolution. Were the increases sampled more often than every
 * 5 minutes (a shorter `periodInterval`), numerator and denominator would count the same
 * overlap, so the quotient would still be the event-weighted ratio.
 *
 * A raw ratio carries no event counts: its period ratio is the mean of its 5-minute ratios,
 * as the engine weighs every bucket of a raw ratio the same. A slice SLI's is the share of
 * bad slices sampled over the period.
 */
export function periodRecordingRules(
  input: ObjectiveRulesInput,
): PrometheusRule[] {
  const labels = { ...input.ids, ...input.sloLabels, ...input.ids };
  const period = input.period.duration;
  const ids = selector(input.ids);
  const ratio = (expr: string): PrometheusRule => ({
    record: METRICS.sliError(period),
    expr,
    labels: { ...labels, sloth_window: period },
  });
  const sli = input.sli;
  if (usesSlices(input)) {
    return [ratio(`1 - avg_over_time(${METRICS.sliceGood}${ids}[${period}])`)];
  }
  if (sli.kind === 'raw') {
    return [ratio(`avg_over_time(${METRICS.sliError('5m')}${ids}[${period}])`)];
  }
  if (sli.kind !== 'events') return [];
  const bad = sli.bad
    ? sli.bad(FIVE_MINUTES_MS)
    : `${sli.total(FIVE_MINUTES_MS)} - ${sli.good!(FIVE_MINUTES_MS)}`;
  return [
    { record: METRICS.errorEvents, expr: bad, labels },
    { record: METRICS.totalEvents, expr: sli.total(FIVE_MINUTES_MS), labels },
    ratio(
      `sum_over_time(${METRICS.errorEvents}${ids}[${period}])\n/\nsum_over_time(${METRICS.totalEvents}${ids}[${period}])`,
    ),
  ];
}
