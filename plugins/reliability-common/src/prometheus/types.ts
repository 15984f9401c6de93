import type { OpenSloSli, OpenSloSlo } from '../openslo/types';

/**
 * One Prometheus rule, as in a rule file: a recording rule (`record`) or an alerting rule
 * (`alert`).
 *
 * @public
 */
export interface PrometheusRule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * A rule group. `comments` are rendered as YAML comments above the group: what the rules
 * approximate or leave out for its SLO.
 *
 * @public
 */
export interface PrometheusRuleGroup {
  name: string;
  /** The group's evaluation interval; Prometheus' global one when absent. */
  interval?: string;
  rules: PrometheusRule[];
  comments?: string[];
}

/**
 * An SLO to generate rules for, with what the catalog knows about it beyond the document.
 *
 * @public
 */
export interface PrometheusRulesSlo {
  slo: OpenSloSlo;
  /** The SLO entity's catalog namespace, for the link to its page; `default` if absent. */
  namespace?: string;
  /** The runbook of the SLO's service, added to the alerts as `runbook_url`. */
  runbookUrl?: string;
  /**
   * The SLI documents its `indicatorRef` may name, when they depend on the SLO (a catalog's
   * SLIs in the SLO's namespace); the options' `slis` when absent.
   */
  slis?: ReadonlyArray<OpenSloSli>;
  /**
   * The types of the data sources its `metricSourceRef`s may name, when they depend on the
   * SLO (a catalog's DataSources in the SLO's namespace); the options' `dataSourceTypes`
   * when absent.
   */
  dataSourceTypes?: Readonly<Record<string, string>>;
}

/** @public */
export interface GeneratePrometheusRulesOptions {
  /**
   * The type of each data source an SLI's `metricSourceRef` may name (`DataSource`
   * documents and `reliability.dataSources` entries), by name, e.g.
   * `{ 'prometheus-prod': 'Prometheus' }`.
   */
  dataSourceTypes?: Readonly<Record<string, string>>;
  /** SLI documents, for SLOs that name their indicator with `indicatorRef`. */
  slis?: ReadonlyArray<OpenSloSli>;
  /**
   * The portal's base URL, e.g. `https://backstage.example.com`: the alerts link to the
   * SLO's page there (`portal_url` annotation). No link without it.
   */
  portalBaseUrl?: string;
  /**
   * The evaluation interval of the period groups (the SLO window's ratio and the budget
   * left), default `5m`: they read weeks of recorded samples, so they need not run every
   * minute.
   */
  periodInterval?: string;
}

/**
 * Why an SLO (or one objective of it) got no rules: `path` names the field, e.g.
 * `spec.indicator.spec.ratioMetric.good.metricSource.spec.query`.
 *
 * @public
 */
export interface PrometheusRulesProblem {
  /** The SLO's `metadata.name`. */
  slo: string;
  path: string;
  message: string;
  /**
   * `not-prometheus`: the SLI reads another kind of source (Push, Datadog, …), so the SLO
   * is simply not one for Prometheus rules (a catalog-wide caller may skip it);
   * `invalid`: it is meant for Prometheus (or is not a valid SLO) but cannot be expressed.
   */
  kind: 'not-prometheus' | 'invalid';
}

/** @public */
export interface PrometheusRulesResult {
  groups: PrometheusRuleGroup[];
  problems: PrometheusRulesProblem[];
}
