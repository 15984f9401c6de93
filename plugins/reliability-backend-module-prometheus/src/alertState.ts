import type {
  SliActiveAlert,
  SliObjectiveAlertState,
} from '@reliability-suite/plugin-reliability-node';
import type { PrometheusSample } from './PrometheusClient';

/**
 * A metadata recording rule that the generated rules write for every objective, whatever its
 * traffic: its presence says the rules are loaded where the alerts are asked about.
 *
 * @public
 */
export const RULES_LOADED_METRIC = 'slo:objective:ratio';

/**
 * How far back the probe looks for {@link RULES_LOADED_METRIC}: metadata rules may sit in a
 * group evaluated less often than the 5-minute staleness of an instant query. So rules
 * removed from Prometheus still read as loaded for up to this long.
 */
export const RULES_LOADED_LOOKBACK = '1h';

/**
 * A PromQL string literal (double-quoted) holding a regular expression that matches exactly
 * one of `values`: regex metacharacters escaped (an SLO name may hold `.`), then the
 * backslashes and quotes of the string itself.
 */
export function exactAlternation(values: string[]): string {
  const regex = values
    .map(v => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  return `"${regex.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The instant queries that tell the alert state of the given `sloth_id`s. */
export function alertStateQueries(slothIds: string[]): {
  alerts: string;
  loaded: string;
} {
  const ids = exactAlternation(slothIds);
  return {
    // Pending alerts too: a page about to fire is worth seeing.
    alerts: `ALERTS{sloth_id=~${ids}}`,
    loaded: `count by (sloth_id) (last_over_time(${RULES_LOADED_METRIC}{sloth_id=~${ids}}[${RULES_LOADED_LOOKBACK}]))`,
  };
}

const STATE_ORDER: Record<SliActiveAlert['state'], number> = {
  firing: 0,
  pending: 1,
};

/** Reads the two answers into one state per objective, firing alerts first. */
export function readAlertState(
  objectives: Array<{ name: string; slothId: string }>,
  alerts: PrometheusSample[],
  loaded: PrometheusSample[],
): SliObjectiveAlertState[] {
  const loadedIds = new Set(loaded.map(s => s.metric.sloth_id));
  return objectives.map(o => {
    const active = new Map<string, SliActiveAlert>();
    for (const s of alerts) {
      if (s.metric.sloth_id !== o.slothId) continue;
      const state = s.metric.alertstate;
      if (state !== 'firing' && state !== 'pending') continue;
      const alert: SliActiveAlert = {
        alertName: s.metric.alertname ?? 'unknown',
        ...(s.metric.sloth_severity
          ? { severity: s.metric.sloth_severity }
          : {}),
        state,
      };
      // One alert rule can have several series (e.g. the two window pairs of a tier, or a
      // rule evaluated by two Prometheus replicas behind one query API): keep it once, at
      // its most urgent state.
      const key = `${alert.alertName}\u0000${alert.severity ?? ''}`;
      const seen = active.get(key);
      if (!seen || STATE_ORDER[alert.state] < STATE_ORDER[seen.state]) {
        active.set(key, alert);
      }
    }
    return {
      name: o.name,
      slothId: o.slothId,
      // An alert of the generated rules also proves them loaded (the probe may lag).
      rulesLoaded: loadedIds.has(o.slothId) || active.size > 0,
      alerts: [...active.values()].sort(
        (a, b) =>
          STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
          a.alertName.localeCompare(b.alertName),
      ),
    };
  });
}
