import type { OpenSloOperator } from '../openslo/types';
import type { PrometheusSli } from './indicator';
import type { PrometheusPeriod } from './period';

/** Everything the rules of one objective are built from. */
export interface ObjectiveRulesInput {
  /** `sloth_id`, `sloth_service`, `sloth_slo`: the series' identity. */
  ids: Record<string, string>;
  /** The SLO's own labels, added to every series and alert. */
  sloLabels: Record<string, string>;
  /** The SLO's displayName (or name), with the objective's when it has several. */
  title: string;
  /** The objective's target, e.g. 0.999; the error budget is `1 - target`. */
  target: number;
  /** The objective's target as written, for `sloth_objective` (a percentage). */
  objectivePercent: number;
  budgetingMethod: 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
  period: PrometheusPeriod;
  sli: PrometheusSli;
  /** thresholdMetric: a good value is `value op threshold`. */
  threshold?: { op: OpenSloOperator; value: number };
  /** Timeslices: the share of good events that makes a slice good. */
  timeSliceTarget?: number;
  /** Timeslices / RatioTimeslices: the slice length in ms. */
  sliceMs: number;
  portalUrl?: string;
  runbookUrl?: string;
  /** The evaluation interval of the period group, as a Prometheus duration. */
  periodInterval: string;
  periodIntervalMs: number;
}

/** Metric names: Sloth's, plus the event and slice series the period is computed from. */
export const METRICS = {
  sliError: (window: string) => `slo:sli_error:ratio_rate${window}`,
  errorEvents: 'slo:sli_error_events:increase5m',
  totalEvents: 'slo:sli_events:increase5m',
  sliceGood: 'slo:sli_slice_good:ratio',
  objective: 'slo:objective:ratio',
  errorBudget: 'slo:error_budget:ratio',
  timePeriodDays: 'slo:time_period:days',
  currentBurnRate: 'slo:current_burn_rate:ratio',
  periodBurnRate: 'slo:period_burn_rate:ratio',
  periodBudgetRemaining: 'slo:period_error_budget_remaining:ratio',
  info: 'sloth_slo_info',
} as const;

/** Whether the SLI is judged per time slice rather than per event. */
export function usesSlices(input: ObjectiveRulesInput): boolean {
  return (
    input.budgetingMethod !== 'Occurrences' || input.sli.kind === 'threshold'
  );
}
