import { ALERT_TIERS, scaleAlertFactor } from '../budget/alerts';
import {
  PROMETHEUS_BURN_ALERTS,
  PROMETHEUS_NO_DATA_ALERT,
  SLOTH_LABELS,
} from './contract';
import { promNumber, promString, selector } from './labels';
import { ObjectiveRulesInput, METRICS } from './objective';
import type { PrometheusRule } from './types';

/** How long the SLI must be missing before the no-data alert fires. */
export const NO_DATA_FOR = '15m';

/** Text shown in an annotation as it is: `{{` would start a template action. */
function literal(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

function annotations(
  input: ObjectiveRulesInput,
  summary: string,
): Record<string, string> {
  const remaining = `${METRICS.periodBudgetRemaining}${selector(input.ids)}`;
  const result: Record<string, string> = {
    title: literal(input.title),
    summary,
    // Read when the alert fires, from the period's event-weighted ratio.
    budget_left: `{{ with query ${promString(
      remaining,
    )} }}{{ . | first | value | humanizePercentage }}{{ else }}unknown{{ end }}`,
  };
  if (input.portalUrl) result.portal_url = literal(input.portalUrl);
  if (input.runbookUrl) result.runbook_url = literal(input.runbookUrl);
  return result;
}

/**
 * The burn alerts, one per severity, with the engine's tiers (page 1h/5m and 6h/30m, ticket
 * 1d/2h and 3d/6h) and factors: {@link scaleAlertFactor} of the tier's Workbook factor for
 * the window's length, so Prometheus and the portal fire on the same burn. A tier fires when
 * both its windows burn at least the factor (`>=`, as the engine compares); an alert fires
 * when any of its tiers does. `sloth_window` is aggregated away so the alert keeps one
 * identity whichever tier fires. Plus an alert when the SLI has had no data for 15 minutes.
 */
export function alertRules(input: ObjectiveRulesInput): PrometheusRule[] {
  const ids = selector(input.ids);
  const budget = 1 - input.target;
  const labels = { ...input.ids, ...input.sloLabels, ...input.ids };
  const rules: PrometheusRule[] = [];
  for (const severity of ['page', 'ticket'] as const) {
    const tiers = ALERT_TIERS.filter(t => t.severity === severity).map(tier => {
      const threshold = promNumber(
        scaleAlertFactor(tier.baseFactor, input.period.lengthMs) * budget,
      );
      const window = (w: string) =>
        `${METRICS.sliError(w)}${ids} >= ${threshold}`;
      return `(\n    (${window(
        tier.longWindow,
      )})\n    and ignoring(sloth_window)\n    (${window(
        tier.shortWindow,
      )})\n  )`;
    });
    rules.push({
      alert: PROMETHEUS_BURN_ALERTS[severity],
      expr: `max without (sloth_window) (\n  ${tiers.join(
        '\n  or ignoring(sloth_window)\n  ',
      )}\n)`,
      labels: { ...labels, [SLOTH_LABELS.severity]: severity },
      annotations: annotations(
        input,
        `${
          severity === 'page' ? 'Fast' : 'Slow'
        } burn of the error budget of {{ $labels.sloth_service }} {{ $labels.sloth_slo }}: {{ $value | humanizePercentage }} errors`,
      ),
    });
  }
  rules.push({
    alert: PROMETHEUS_NO_DATA_ALERT,
    expr: `absent(${METRICS.sliError('5m')}${ids})`,
    for: NO_DATA_FOR,
    labels,
    annotations: annotations(
      input,
      `No SLI data for {{ $labels.sloth_service }} {{ $labels.sloth_slo }} for ${NO_DATA_FOR}: its queries return nothing`,
    ),
  });
  return rules;
}
