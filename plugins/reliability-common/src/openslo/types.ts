/**
 * Types of OpenSLO v1 documents (https://github.com/OpenSLO/OpenSLO, "v1"), as they look
 * after YAML/JSON parsing and after `validateOpenSloDocument` returned no errors. The
 * validator is the source of truth for the rules; these types only describe the shape.
 */

/** The only API version this module reads. @public */
export const OPENSLO_API_VERSION = 'openslo/v1';

/** @public */
export const OPENSLO_KINDS = [
  'SLO',
  'SLI',
  'DataSource',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
  'Service',
] as const;

/** @public */
export type OpenSloKind = (typeof OPENSLO_KINDS)[number];

/** @public */
export const OPENSLO_BUDGETING_METHODS = [
  'Occurrences',
  'Timeslices',
  'RatioTimeslices',
] as const;

/** @public */
export type OpenSloBudgetingMethod = (typeof OPENSLO_BUDGETING_METHODS)[number];

/** Comparison of a threshold SLI against an objective's `value`. @public */
export type OpenSloOperator = 'lt' | 'lte' | 'gt' | 'gte';

/** @public */
export interface OpenSloMetadata {
  /** An RFC 1123 DNS label: lowercase alphanumerics and `-`, at most 63 characters. */
  name: string;
  displayName?: string;
  /** A label's value is a string or a list of strings. */
  labels?: Record<string, string | string[]>;
  annotations?: Record<string, string>;
}

/**
 * Where an SLI reads its data: a DataSource by name (`metricSourceRef`), a source type, or
 * both; `spec` holds the source-specific query fields and is passed through untouched.
 *
 * @public
 */
export interface MetricSource {
  metricSourceRef?: string;
  type?: string;
  /**
   * The query and other settings of the source type. The spec allows any YAML here (the
   * validator only requires the key); the suite's sources read a map.
   */
  spec: Record<string, unknown>;
}

/** @public */
export interface OpenSloMetricSpec {
  metricSource: MetricSource;
}

/**
 * A ratio SLI: `good` or `bad` over `total`, or a precomputed ratio `raw` whose meaning
 * `rawType` gives.
 *
 * @public
 */
export interface OpenSloRatioMetric {
  /** Whether the metrics are monotonic counters; optional, no effect with `raw`. */
  counter?: boolean;
  good?: OpenSloMetricSpec;
  bad?: OpenSloMetricSpec;
  total?: OpenSloMetricSpec;
  rawType?: 'success' | 'failure';
  raw?: OpenSloMetricSpec;
}

/** Exactly one of `thresholdMetric` or `ratioMetric` is set. @public */
export interface OpenSloSliSpec {
  description?: string;
  thresholdMetric?: OpenSloMetricSpec;
  ratioMetric?: OpenSloRatioMetric;
}

/** An SLI defined inside an SLO (or inside a composite SLO's objective). @public */
export interface OpenSloInlineIndicator {
  metadata: OpenSloMetadata;
  spec: OpenSloSliSpec;
}

/** @public */
export interface OpenSloCalendar {
  /** `2022-01-01 12:00:00` (local time in `timeZone`) or an ISO 8601 date-time. */
  startTime: string;
  /** An IANA time zone name, e.g. `America/New_York`. */
  timeZone: string;
}

/**
 * The SLO's window. Rolling windows use a fixed-length duration (m, h, d, w); calendar
 * windows (isRolling false or omitted, with `calendar`) use w, M, Q or Y.
 *
 * @public
 */
export interface OpenSloTimeWindow {
  duration: string;
  isRolling?: boolean;
  calendar?: OpenSloCalendar;
}

/** @public */
export interface OpenSloObjective {
  displayName?: string;
  op?: OpenSloOperator;
  value?: number;
  /** A fraction in (0, 1); exactly one of `target` or `targetPercent` is set. */
  target?: number;
  /** A percentage in (0, 100). */
  targetPercent?: number;
  /** Timeslices only: the fraction of good events that makes a slice good, in (0, 1]. */
  timeSliceTarget?: number;
  /** Timeslices and RatioTimeslices: a duration (`1m`, `30s`) or a number of minutes. */
  timeSliceWindow?: string | number;
  /** Composite SLOs name the indicator per objective instead of on the SLO. */
  indicator?: OpenSloInlineIndicator;
  indicatorRef?: string;
  /** Composite SLOs: the objective's weight, greater than 0. */
  compositeWeight?: number;
}

/** @public */
export interface OpenSloAlertPolicyRef {
  alertPolicyRef: string;
}

/** @public */
export interface OpenSloInlineAlertPolicy {
  kind: 'AlertPolicy';
  metadata: OpenSloMetadata;
  spec: OpenSloAlertPolicySpec;
}

/** @public */
export interface OpenSloSloSpec {
  description?: string;
  /**
   * A Backstage entity reference (`checkout`, `component:default/checkout`,
   * `system:payments`); the kind defaults to Component and the namespace to default.
   */
  service: string;
  /** Exactly one of `indicator` or `indicatorRef`, unless every objective names its own. */
  indicator?: OpenSloInlineIndicator;
  indicatorRef?: string;
  /** Exactly one item. */
  timeWindow: [OpenSloTimeWindow];
  budgetingMethod: OpenSloBudgetingMethod;
  objectives: OpenSloObjective[];
  alertPolicies?: Array<OpenSloAlertPolicyRef | OpenSloInlineAlertPolicy>;
}

/** @public */
export interface OpenSloDataSourceSpec {
  description?: string;
  /** The source type, e.g. Prometheus, Datadog, CloudWatch. */
  type: string;
  /**
   * Free-form connection settings of the source type: the spec allows any YAML here. The
   * suite's metric sources read theirs (url, headers...) from a map.
   */
  connectionDetails: unknown;
}

/** @public */
export interface OpenSloAlertConditionSpec {
  description?: string;
  severity: string;
  condition: {
    /** Only `burnrate` exists in v1 (and is the default). */
    kind?: 'burnrate';
    op?: OpenSloOperator;
    threshold: number;
    lookbackWindow: string;
    alertAfter?: string;
  };
}

/** @public */
export interface OpenSloInlineAlertCondition {
  kind: 'AlertCondition';
  metadata: OpenSloMetadata;
  spec: OpenSloAlertConditionSpec;
}

/** @public */
export interface OpenSloAlertNotificationTargetSpec {
  description?: string;
  /** Where notifications go, e.g. slack, email, a web hook. */
  target: string;
}

/** @public */
export interface OpenSloInlineAlertNotificationTarget {
  kind: 'AlertNotificationTarget';
  metadata: OpenSloMetadata;
  spec: OpenSloAlertNotificationTargetSpec;
}

/** @public */
export interface OpenSloAlertPolicySpec {
  description?: string;
  alertWhenNoData?: boolean;
  alertWhenResolved?: boolean;
  alertWhenBreaching?: boolean;
  /** Exactly one condition in v1 (an array for future versions). */
  conditions: Array<{ conditionRef: string } | OpenSloInlineAlertCondition>;
  notificationTargets: Array<
    { targetRef: string } | OpenSloInlineAlertNotificationTarget
  >;
}

/** @public */
export interface OpenSloServiceSpec {
  description?: string;
}

/** The envelope every OpenSLO document shares. @public */
export interface OpenSloDocumentOf<K extends OpenSloKind, S> {
  apiVersion: typeof OPENSLO_API_VERSION;
  kind: K;
  metadata: OpenSloMetadata;
  spec: S;
}

/** @public */
export type OpenSloSlo = OpenSloDocumentOf<'SLO', OpenSloSloSpec>;
/** @public */
export type OpenSloSli = OpenSloDocumentOf<'SLI', OpenSloSliSpec>;
/** @public */
export type OpenSloDataSource = OpenSloDocumentOf<
  'DataSource',
  OpenSloDataSourceSpec
>;
/** @public */
export type OpenSloAlertPolicy = OpenSloDocumentOf<
  'AlertPolicy',
  OpenSloAlertPolicySpec
>;
/** @public */
export type OpenSloAlertCondition = OpenSloDocumentOf<
  'AlertCondition',
  OpenSloAlertConditionSpec
>;
/** @public */
export type OpenSloAlertNotificationTarget = OpenSloDocumentOf<
  'AlertNotificationTarget',
  OpenSloAlertNotificationTargetSpec
>;
/** A Service's spec is optional: it only carries a description. @public */
export type OpenSloService = Omit<
  OpenSloDocumentOf<'Service', OpenSloServiceSpec>,
  'spec'
> & { spec?: OpenSloServiceSpec };

/** @public */
export type OpenSloDocument =
  | OpenSloSlo
  | OpenSloSli
  | OpenSloDataSource
  | OpenSloAlertPolicy
  | OpenSloAlertCondition
  | OpenSloAlertNotificationTarget
  | OpenSloService;

/**
 * One problem found in a document: `path` is the field (`spec.objectives[1].target`, or
 * `''` for the document itself) and `message` the reason and what is expected.
 *
 * @public
 */
export interface OpenSloValidationError {
  path: string;
  message: string;
}
