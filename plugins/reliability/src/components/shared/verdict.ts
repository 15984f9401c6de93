import { entityVerdict } from '@reliability-suite/plugin-reliability-common';
import type {
  EntityPolicy,
  EntitySummary,
  EntityVerdict,
} from '@reliability-suite/plugin-reliability-common';

/**
 * The verdict of the entity on the page (see entityVerdict) from what its pages load: the
 * policy (state and freeze) and, once loaded, the summary (objectives, components).
 */
export function verdictOf(
  policy: EntityPolicy,
  summary?: EntitySummary,
): EntityVerdict {
  return entityVerdict({
    policy: policy.policy,
    status: policy.status,
    freeze: policy.freeze,
    objectives: (summary?.slos ?? []).flatMap(slo =>
      slo.objectives.map(o => ({
        title:
          slo.objectives.length > 1 ? `${slo.title} — ${o.name}` : slo.title,
        state: o.state,
        alerts: o.alerts,
        dataQuality: o.dataQuality,
      })),
    ),
    components: summary?.components?.map(c => ({
      title: c.title,
      sloState: c.sloState,
      frozen: c.frozen,
    })),
  });
}
