import type { ObjectiveEvaluation } from '@reliability-suite/plugin-reliability-common';
import type { SloState } from '../store/StatusStore';

/** The worst thing true of an objective, for lists and filters. */
export function sloState(evaluation: ObjectiveEvaluation): SloState {
  if (evaluation.dataQuality === 'no-data') return 'no-data';
  if (evaluation.errorBudget.remaining <= 0) return 'exhausted';
  const firing = evaluation.alerts.filter(a => a.firing);
  if (firing.some(a => a.severity === 'page')) return 'critical';
  if (firing.some(a => a.severity === 'ticket')) return 'warning';
  return 'healthy';
}
