import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * One bucket of SLI data as a source reports it: counts of good and total events in
 * `[start, start + bucket length)`.
 *
 * @public
 */
export interface SliBucketCounts {
  start: Date;
  good: number;
  total: number;
}

/**
 * A pull-based SLI source, named after the OpenSLO `metricSource.type` /
 * `DataSource.spec.type` it serves (for example `Prometheus`).
 *
 * @public
 */
export interface SliSource {
  type: string;
  /** Counts per bucket for `[from, to)`, aligned to `bucketSeconds`. */
  fetchBuckets(request: {
    sloRef: string;
    indicator: unknown;
    from: Date;
    to: Date;
    bucketSeconds: number;
    signal?: AbortSignal;
  }): Promise<SliBucketCounts[]>;
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
