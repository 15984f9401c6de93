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
 * A pull-based SLI source, named after the OpenSLO `metricSource.type` /
 * `DataSource.spec.type` it serves (for example `Prometheus`).
 *
 * @public
 */
export interface SliSource {
  type: string;
  /** Counts per bucket for the request's range; throws {@link SliSourceError} on faults. */
  fetchBuckets(request: SliSourceRequest): Promise<SliBucketCounts[]>;
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
