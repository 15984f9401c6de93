import { BURN_WINDOWS, BURN_WINDOW_MS } from '../budget/burnRate';
import type { OpenSloOperator } from '../openslo/types';
import { promNumber, selector } from './labels';
import { ObjectiveRulesInput, METRICS, usesSlices } from './objective';
import type { PrometheusRule } from './types';

const COMPARISON: Record<OpenSloOperator, string> = {
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

/** `expr` without its NaN samples (0/0 of a window without traffic): no data, not bad. */
function withoutNaN(expr: string, valueOf: string = expr): string {
  return `(${expr}) and on() ((${valueOf}) == (${valueOf}))`;
}

/** The error ratio of a window from the SLI's queries. */
export function errorRatioExpr(
  input: ObjectiveRulesInput,
  windowMs: number,
): string {
  const sli = input.sli;
  if (sli.kind === 'events') {
    return sli.bad
      ? `${sli.bad(windowMs)}\n/\n${sli.total(windowMs)}`
      : `1 - (\n  ${sli.good!(windowMs)}\n  /\n  ${sli.total(windowMs)}\n)`;
  }
  if (sli.kind === 'raw') {
    return sli.rawType === 'failure'
      ? sli.ratio(windowMs)
      : `1 - ${sli.ratio(windowMs)}`;
  }
  throw new Error('a threshold SLI has no error ratio of its own');
}

/**
 * The good share of the slice ending now: 1 or 0 for Timeslices (and for a threshold SLI,
 * whose slices are good or bad), the slice's good ratio for RatioTimeslices. A slice without
 * data (no traffic, NaN) is left out, as the engine leaves out buckets without data.
 */
export function sliceGoodExpr(input: ObjectiveRulesInput): string {
  const sli = input.sli;
  const slice = input.sliceMs;
  if (sli.kind === 'threshold') {
    const { op, value } = input.threshold!;
    const v = sli.value(slice);
    return withoutNaN(`${v} ${COMPARISON[op]} bool ${promNumber(value)}`, v);
  }
  const goodRatio = `1 - (${errorRatioExpr(input, slice)})`;
  if (input.budgetingMethod === 'RatioTimeslices') return withoutNaN(goodRatio);
  return withoutNaN(
    `(${goodRatio}) >= bool ${promNumber(input.timeSliceTarget ?? 1)}`,
    goodRatio,
  );
}

/**
 * The SLI recording rules: `slo:sli_error:ratio_rate<w>` for each burn window (5m … 3d),
 * as Sloth records them, with `sloth_window`. Event SLIs run their queries over each window
 * (the placeholders filled with it); slice SLIs first record each slice's good share
 * (`slo:sli_slice_good:ratio`) and average it over the window.
 */
export function sliRecordingRules(
  input: ObjectiveRulesInput,
): PrometheusRule[] {
  const labels = { ...input.ids, ...input.sloLabels, ...input.ids };
  const rules: PrometheusRule[] = [];
  const slices = usesSlices(input);
  if (slices) {
    rules.push({
      record: METRICS.sliceGood,
      expr: sliceGoodExpr(input),
      labels,
    });
  }
  for (const window of BURN_WINDOWS) {
    rules.push({
      record: METRICS.sliError(window),
      expr: slices
        ? `1 - avg_over_time(${METRICS.sliceGood}${selector(
            input.ids,
          )}[${window}])`
        : errorRatioExpr(input, BURN_WINDOW_MS[window]),
      labels: { ...labels, sloth_window: window },
    });
  }
  return rules;
}
