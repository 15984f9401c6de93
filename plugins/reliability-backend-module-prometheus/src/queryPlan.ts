// The queries of an SLI: which roles its indicator needs (good/bad/total, raw or
// threshold), each query rendered for the bucket and given a client for its server.
import { stringifyError } from '@backstage/errors';
import type { OpenSloMetricSpec } from '@reliability-suite/plugin-reliability-common';
import {
  SliSourceError,
  SliSourceRequest,
} from '@reliability-suite/plugin-reliability-node';
import { PrometheusConnection, resolveConnection } from './options';
import { PrometheusClient } from './PrometheusClient';
import { renderQuery } from './queryTemplate';

/** The role a query plays in an SLI, named after its field in the OpenSLO spec. */
export type QueryRole = 'good' | 'bad' | 'total' | 'raw' | 'threshold';

export const FIELDS: Record<QueryRole, string> = {
  good: 'ratioMetric.good',
  bad: 'ratioMetric.bad',
  total: 'ratioMetric.total',
  raw: 'ratioMetric.raw',
  threshold: 'thresholdMetric',
};

export interface PlannedQuery {
  role: QueryRole;
  query: string;
  client: PrometheusClient;
}

/**
 * Which queries the indicator needs, rendered and with a client for their server;
 * `clientFor` makes the client of a connection (queries on one server share one).
 */
export function planQueries(
  request: SliSourceRequest,
  context: string,
  clientFor: (connection: PrometheusConnection) => PrometheusClient,
): PlannedQuery[] {
  const { indicator } = request;
  const roles: Array<[QueryRole, OpenSloMetricSpec | undefined]> = [];
  if (indicator.ratioMetric) {
    const ratio = indicator.ratioMetric;
    if (ratio.raw) {
      if (ratio.rawType !== 'success' && ratio.rawType !== 'failure') {
        throw new SliSourceError(
          'configuration',
          `${context}: ratioMetric.raw needs rawType 'success' or 'failure'`,
        );
      }
      roles.push(['raw', ratio.raw]);
    } else {
      if (!ratio.good && !ratio.bad) {
        throw new SliSourceError(
          'configuration',
          `${context}: ratioMetric needs good or bad (with total), or raw`,
        );
      }
      if (!ratio.total) {
        throw new SliSourceError(
          'configuration',
          `${context}: ratioMetric.total is missing`,
        );
      }
      roles.push(ratio.good ? ['good', ratio.good] : ['bad', ratio.bad]);
      roles.push(['total', ratio.total]);
    }
  } else if (indicator.thresholdMetric) {
    if (!request.threshold) {
      throw new SliSourceError(
        'configuration',
        `${context}: a thresholdMetric needs the objective's op and value`,
      );
    }
    roles.push(['threshold', indicator.thresholdMetric]);
  } else {
    throw new SliSourceError(
      'configuration',
      `${context}: the indicator has neither ratioMetric nor thresholdMetric`,
    );
  }

  const clients = new Map<string, PrometheusClient>();
  return roles.map(([role, spec]) => {
    const field = FIELDS[role];
    const metricSource = spec?.metricSource;
    if (!metricSource || typeof metricSource !== 'object') {
      throw new SliSourceError(
        'configuration',
        `${context}: ${field}.metricSource is missing`,
      );
    }
    const rawQuery = metricSource.spec?.query ?? metricSource.spec?.promql;
    if (typeof rawQuery !== 'string' || !rawQuery.trim()) {
      throw new SliSourceError(
        'configuration',
        `${context}: ${field}.metricSource.spec.query (or promql) must be a non-empty PromQL string`,
      );
    }
    let query: string;
    try {
      query = renderQuery(rawQuery.trim(), { bucketMs: request.bucketMs });
    } catch (e) {
      throw new SliSourceError(
        'configuration',
        `${context}: ${field}.metricSource.spec.query: ${
          e instanceof Error ? e.message : stringifyError(e)
        }`,
      );
    }
    let connection;
    let client: PrometheusClient;
    try {
      connection = resolveConnection(request.dataSource, metricSource, field);
      const key = JSON.stringify(connection);
      client = clients.get(key) ?? clientFor(connection);
      clients.set(key, client);
    } catch (e) {
      if (e instanceof SliSourceError) {
        throw new SliSourceError(e.kind, `${context}: ${e.message}`);
      }
      throw e;
    }
    return { role, query, client };
  });
}
