import type { EarlierDefinition } from '@reliability-suite/plugin-reliability-common';
import type { SloRevision } from '../store/SloStore';

/**
 * The engine's view of an objective's history: each revision before the last, in force
 * until the next one was delivered. Revisions without the objective are left out, so the
 * time before an objective existed is judged by its first definition.
 */
export function earlierDefinitions(
  revisions: readonly SloRevision[],
  objectiveName: string,
): EarlierDefinition[] {
  const earlier: EarlierDefinition[] = [];
  for (let i = 0; i < revisions.length - 1; i++) {
    const objective = revisions[i].definition.objectives.find(
      o => o.name === objectiveName,
    );
    if (!objective) continue;
    earlier.push({
      until: revisions[i + 1].effectiveFrom,
      target: objective.target,
      ...(objective.timeSliceTarget !== undefined
        ? { timeSliceTarget: objective.timeSliceTarget }
        : {}),
    });
  }
  return earlier;
}
