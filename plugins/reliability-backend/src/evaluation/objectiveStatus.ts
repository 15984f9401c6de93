import type { ObjectiveEvaluation } from '@reliability-suite/plugin-reliability-common';
import type { SloState } from '../store/StatusStore';

/**
 * An objective's status as stored in the snapshot and served by the API. (Type aliases, not
 * interfaces, so that they fit the schema-derived response types.)
 */
export type ObjectiveStatus = {
  name: string;
  target: number;
  state: SloState;
  sli: number | null;
  goodEvents: number;
  totalEvents: number;
  errorBudget: {
    consumed: number;
    remaining: number;
    total: number;
    spent: number;
    unit: 'events' | 'ms';
  };
  burnRates: Record<string, number | null>;
  alerts: Array<{
    severity: 'page' | 'ticket';
    longWindow: string;
    shortWindow: string;
    factor: number;
    firing: boolean;
  }>;
  forecastExhaustionAt: string | null;
  dataQuality: ObjectiveEvaluation['dataQuality'];
  windowStart: string;
  windowEnd: string;
  evaluatedAt: string;
};

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
    dataQuality: evaluation.dataQuality,
    windowStart: new Date(evaluation.windowStart).toISOString(),
    windowEnd: new Date(evaluation.windowEnd).toISOString(),
    evaluatedAt: new Date(evaluatedAt).toISOString(),
  };
}
