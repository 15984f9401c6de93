import type { OpenSloSlo } from '../openslo/types';
import { defaultObjectiveName } from '../openslo/validateSloObjectives';

/**
 * The names and labels the generated Prometheus rules use, shared by the generator and by
 * whoever asks Prometheus about them (the backend asks
 * `ALERTS{alertstate="firing",sloth_id="<id>"}` to show whether an SLO's page or ticket
 * alert fires there). Changing any of them breaks that question and every Sloth dashboard
 * and Alertmanager route built on them.
 */

/** The alert of the page tiers (1h/5m and 6h/30m). @public */
export const PROMETHEUS_PAGE_ALERT = 'ReliabilitySloPageBurn';

/** The alert of the ticket tiers (1d/2h and 3d/6h). @public */
export const PROMETHEUS_TICKET_ALERT = 'ReliabilitySloTicketBurn';

/** The alert that fires when an SLO's SLI has no data. @public */
export const PROMETHEUS_NO_DATA_ALERT = 'ReliabilitySloNoData';

/** The burn alert's name per `sloth_severity`. @public */
export const PROMETHEUS_BURN_ALERTS: Readonly<
  Record<'page' | 'ticket', string>
> = {
  page: PROMETHEUS_PAGE_ALERT,
  ticket: PROMETHEUS_TICKET_ALERT,
};

/**
 * The label names, Sloth's, so Sloth's Grafana dashboards and Alertmanager routes work on
 * the generated series unchanged.
 *
 * @public
 */
export const SLOTH_LABELS = {
  /** `<service>-<slo>[-<objective>]`, see {@link slothId}. */
  id: 'sloth_id',
  /** The SLO's `spec.service`, as written. */
  service: 'sloth_service',
  /** The SLO's name, with `-<objective>` when it has several objectives. */
  slo: 'sloth_slo',
  /** The window of a `slo:sli_error:ratio_rate<w>` series, e.g. `5m`, `28d`. */
  window: 'sloth_window',
  /** `page` or `ticket` on the burn alerts. */
  severity: 'sloth_severity',
} as const;

/**
 * The `sloth_slo` label of an objective: the SLO's `metadata.name`, with `-<objective>`
 * appended when `objective` is given (the generator gives it only when the SLO has several
 * objectives, as Sloth names one SLO per objective).
 *
 * @public
 */
export function slothSloName(sloName: string, objective?: string): string {
  return objective === undefined ? sloName : `${sloName}-${objective}`;
}

/**
 * The `sloth_id` label: `<service>-<sloName>` as Sloth builds it, with `-<objective>` when
 * given. `service` is the SLO's `spec.service` as written (e.g. `checkout` or
 * `component:default/checkout`), `objective` the objective's name as the engine names it
 * (`displayName`, else `objective-<position>`), verbatim.
 *
 * @public
 */
export function slothId(
  service: string,
  sloName: string,
  objective?: string,
): string {
  return `${service}-${slothSloName(sloName, objective)}`;
}

/**
 * The `sloth_id` of each objective of an SLO, in the order of `spec.objectives`: the
 * objective's name is appended only when the SLO has several objectives.
 *
 * @public
 */
export function slothIdsOf(slo: OpenSloSlo): string[] {
  const objectives = slo.spec.objectives;
  return objectives.map((objective, index) =>
    slothId(
      slo.spec.service,
      slo.metadata.name,
      objectives.length > 1 ? objectiveName(objective, index) : undefined,
    ),
  );
}

/** The objective's name as the engine uses it. @internal */
export function objectiveName(
  objective: { displayName?: string },
  index: number,
): string {
  return objective.displayName ?? defaultObjectiveName(index);
}
