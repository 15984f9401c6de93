import { formatPromDuration } from './period';
import { promNumber, selector } from './labels';
import { ObjectiveRulesInput, METRICS } from './objective';
import type { PrometheusRule } from './types';

/** What `sloth_slo_info` says made the rules, where Sloth puts its version and mode. */
export const GENERATOR_NAME = 'reliability-suite';

/**
 * Sloth's metadata rules, with Sloth's names, labels and formulas, so its Grafana
 * dashboards read them unchanged: objective, error budget, period length in days, the
 * current (5m) and period burn rates, the period's budget left and an info series.
 *
 * The period's ratio is recorded by the period group at its longer interval; read with
 * `last_over_time` over two of its intervals, it is never missing between two of its
 * evaluations (an instant selector only looks back 5 minutes).
 */
export function metadataRecordingRules(
  input: ObjectiveRulesInput,
): PrometheusRule[] {
  const labels = { ...input.ids, ...input.sloLabels, ...input.ids };
  const ids = selector(input.ids);
  const on = 'on(sloth_id, sloth_slo, sloth_service) group_left';
  const periodRatio = `last_over_time(${METRICS.sliError(
    input.period.duration,
  )}${ids}[${formatPromDuration(2 * input.periodIntervalMs)}])`;
  return [
    {
      record: METRICS.objective,
      expr: `vector(${promNumber(input.target)})`,
      labels,
    },
    {
      record: METRICS.errorBudget,
      expr: `vector(1 - ${promNumber(input.target)})`,
      labels,
    },
    {
      record: METRICS.timePeriodDays,
      expr: `vector(${promNumber(input.period.lengthMs / 86_400_000)})`,
      labels,
    },
    {
      record: METRICS.currentBurnRate,
      expr: `${METRICS.sliError('5m')}${ids}\n/ ${on}\n${
        METRICS.errorBudget
      }${ids}`,
      labels,
    },
    {
      record: METRICS.periodBurnRate,
      expr: `${periodRatio}\n/ ${on}\n${METRICS.errorBudget}${ids}`,
      labels,
    },
    {
      record: METRICS.periodBudgetRemaining,
      expr: `1 - ${METRICS.periodBurnRate}${ids}`,
      labels,
    },
    {
      record: METRICS.info,
      expr: 'vector(1)',
      labels: {
        ...labels,
        sloth_version: GENERATOR_NAME,
        sloth_mode: 'openslo',
        sloth_spec: 'openslo/v1',
        sloth_objective: promNumber(input.objectivePercent),
      },
    },
  ];
}
