import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  OpenSloOperator,
  OpenSloSliSpec,
} from '@reliability-suite/plugin-reliability-common';

/**
 * Counts of one bucket as a source reports them: good and total events (or, for threshold
 * SLIs, good and total timeslices) in `[start, start + bucketMs)`. A bucket the source has
 * no data for is left out: missing data is neither good nor bad.
 *
 * @public
 */
export interface SliBucketCounts {
  /** Epoch milliseconds, a multiple of the request's bucketMs. */
  start: number;
  good: number;
  total: number;
}

/**
 * A data source named by an SLI's `metricSourceRef`: an OpenSLO `DataSource` entity or an
 * entry of `reliability.dataSources` in app-config, resolved by the backend.
 *
 * @public
 */
export interface ResolvedDataSource {
  name: string;
  type: string;
  connectionDetails: Record<string, unknown>;
}

/** @public */
export interface SliSourceRequest {
  /** The SLO entity and objective being synced, for logs and error messages. */
  sloRef: string;
  objective: string;
  /** The SLI (OpenSLO `indicator.spec`): `ratioMetric` or `thresholdMetric`. */
  indicator: OpenSloSliSpec;
  /** For `thresholdMetric`: a slice is good when `value op threshold` holds. */
  threshold?: { op: OpenSloOperator; value: number };
  /** The data source the SLI's metric sources name, when they name one. */
  dataSource?: ResolvedDataSource;
  /** `[from, to)`, both multiples of bucketMs. */
  from: number;
  to: number;
  bucketMs: number;
  signal?: AbortSignal;
}

/**
 * Why a source could not deliver data. The backend shows the kind and message on the SLO
 * (stale or in error) and treats the range as missing, never as good or bad.
 *
 * @public
 */
export type SliSourceErrorKind =
  | 'unreachable'
  | 'query-error'
  | 'empty-result'
  | 'ambiguous-result'
  | 'configuration';

/** @public */
export class SliSourceError extends Error {
  readonly kind: SliSourceErrorKind;

  constructor(kind: SliSourceErrorKind, message: string) {
    super(message);
    this.name = 'SliSourceError';
    this.kind = kind;
  }
}

/**
 * Asks a source whether the alerts generated from an SLO (by
 * `reliability generate prometheus-rules`, or the backend's `/v1/prometheus-rules`) fire
 * there now.
 *
 * @public
 */
export interface SliAlertStateRequest {
  /** The SLO entity, for logs and error messages. */
  sloRef: string;
  /**
   * One entry per objective: its name and the `sloth_id` label the generated rules give its
   * series and alerts (`<spec.service>-<metadata.name>[-<objective>]`).
   */
  objectives: Array<{ name: string; slothId: string }>;
  /** The SLI, so the source knows which server to ask (its metric sources). */
  indicator: OpenSloSliSpec;
  /** The data source the SLI's metric sources name, when they name one. */
  dataSource?: ResolvedDataSource;
  signal?: AbortSignal;
}

/** One generated alert of an objective that is pending or firing. @public */
export interface SliActiveAlert {
  /** e.g. `ReliabilitySloPageBurn`, `ReliabilitySloTicketBurn`, `ReliabilitySloNoData`. */
  alertName: string;
  /** The alert's `sloth_severity` label (`page`, `ticket`), when it has one. */
  severity?: string;
  state: 'pending' | 'firing';
}

/** @public */
export interface SliObjectiveAlertState {
  name: string;
  slothId: string;
  /**
   * Whether the source holds the generated rules' series for this objective at all (its
   * metadata recording rules); false means the rules are not loaded there, so an absence of
   * alerts says nothing.
   */
  rulesLoaded: boolean;
  /** The objective's generated alerts that are pending or firing now; empty when none. */
  alerts: SliActiveAlert[];
}

/**
 * A pull-based SLI source, named after the OpenSLO `metricSource.type` /
 * `DataSource.spec.type` it serves (for example `Prometheus`).
 *
 * @public
 */
export interface SliSource {
  type: string;
  /** Counts per bucket for the request's range; throws {@link SliSourceError} on faults. */
  fetchBuckets(request: SliSourceRequest): Promise<SliBucketCounts[]>;
  /**
   * Optional: the state, in the source, of the alerts generated from the SLO's objectives,
   * so the portal can show it beside its own verdict. Throws {@link SliSourceError} on
   * faults; the backend shows them as the state and caches the answer briefly.
   */
  alertState?(request: SliAlertStateRequest): Promise<SliObjectiveAlertState[]>;
}

/** @public */
export interface ReliabilitySliSourcesExtensionPoint {
  addSliSource(source: SliSource): void;
}

/**
 * Registers SLI sources with the reliability backend.
 *
 * @public
 */
export const reliabilitySliSourcesExtensionPoint =
  createExtensionPoint<ReliabilitySliSourcesExtensionPoint>({
    id: 'reliability.sli-sources',
  });
