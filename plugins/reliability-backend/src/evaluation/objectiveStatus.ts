import type {
  ObjectiveEvaluation,
  ObjectiveStatus,
} from '@reliability-suite/plugin-reliability-common';
import type { SloState } from '../store/StatusStore';

/** An objective's status as stored in the snapshot: the API's ObjectiveStatus. */
export type { ObjectiveStatus };

/** The snapshot form: everything but the burn-down series, times as ISO strings. */
export function toObjectiveStatus(
  evaluation: ObjectiveEvaluation,
  state: SloState,
  evaluatedAt: number,
): ObjectiveStatus {
  return {
    name: evaluation.name,
    target: evaluation.target,
    state,
    sli: evaluation.sli,
    goodEvents: evaluation.goodEvents,
    totalEvents: evaluation.totalEvents,
    errorBudget: { ...evaluation.errorBudget },
    burnRates: { ...evaluation.burnRates },
    alerts: evaluation.alerts.map(a => ({ ...a })),
    forecastExhaustionAt:
      evaluation.forecastExhaustionAt === null
        ? null
        : new Date(evaluation.forecastExhaustionAt).toISOString(),
    forecastBurnWindow: evaluation.forecastBurnWindow,
    dataQuality: evaluation.dataQuality,
    dataCoverage: evaluation.dataCoverage,
    windowStart: new Date(evaluation.windowStart).toISOString(),
    windowEnd: new Date(evaluation.windowEnd).toISOString(),
    evaluatedAt: new Date(evaluatedAt).toISOString(),
    ...(evaluation.definitionPeriods
      ? {
          definitionPeriods: evaluation.definitionPeriods.map(p => ({
            ...p,
            from: new Date(p.from).toISOString(),
            to: new Date(p.to).toISOString(),
          })),
        }
      : {}),
  };
}
