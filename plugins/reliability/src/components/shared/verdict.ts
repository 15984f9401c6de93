import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import { entityVerdict } from '@reliability-suite/plugin-reliability-common';
import type {
  EntityPolicy,
  EntitySummary,
  EntityVerdict,
  VerdictFormat,
} from '@reliability-suite/plugin-reliability-common';
import { SYSTEM_ACTOR } from './ActorRef';
import { formatBudgetLeft, formatBurnRate, formatDateTime } from './format';

/** The verdict writes figures and times as every other line of the pages does. */
const PAGE_FORMAT: Omit<VerdictFormat, 'actor'> = {
  burnRate: formatBurnRate,
  budgetLeft: formatBudgetLeft,
  dateTime: formatDateTime,
};

/**
 * The verdict of the entity on the page (see entityVerdict) from what its pages load: the
 * policy (state, freeze, exception classes) and, once loaded, the summary (objectives with
 * their alerts, burn rates and forecasts; components). Pure: the banner, the overview card
 * and the Reliability tab's overview all call it, so they cannot disagree.
 */
export function verdictOf(
  policy: EntityPolicy,
  summary?: EntitySummary,
  options: { actor?: (ref: string) => string; now?: number } = {},
): EntityVerdict {
  return entityVerdict(
    {
      policy: policy.policy,
      status: policy.status,
      freeze: policy.freeze,
      exceptionClasses: policy.policy.exceptionClasses,
      now: options.now,
      objectives: (summary?.slos ?? []).flatMap(slo =>
        slo.objectives.map(o => ({
          title:
            slo.objectives.length > 1 ? `${slo.title} — ${o.name}` : slo.title,
          state: o.state,
          alerts: o.alerts,
          burnRates: o.burnRates,
          remaining: o.errorBudget.remaining,
          forecastExhaustionAt: o.forecastExhaustionAt,
          dataQuality: o.dataQuality,
        })),
      ),
      components: summary?.components?.map(c => ({
        title: c.title,
        sloState: c.sloState,
        frozen: c.frozen,
      })),
    },
    {
      ...PAGE_FORMAT,
      ...(options.actor ? { actor: options.actor } : {}),
    },
  );
}

/**
 * verdictOf with the name of whoever enacted the freeze as the catalog presents them
 * ("Alice Example", not `user:default/alice`).
 */
export function useVerdict(
  policy: EntityPolicy | undefined,
  summary?: EntitySummary,
): EntityVerdict | undefined {
  const startedBy = policy?.freeze?.startedBy;
  const named =
    startedBy && startedBy !== SYSTEM_ACTOR ? startedBy : 'user:default/guest';
  const { primaryTitle } = useEntityPresentation(named);
  if (!policy) return undefined;
  return verdictOf(policy, summary, {
    actor: ref => (ref === named ? primaryTitle : ref),
  });
}
