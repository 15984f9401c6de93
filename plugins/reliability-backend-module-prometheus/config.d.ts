import { HumanDuration } from '@backstage/types';

export interface Config {
  reliability?: {
    /** Options of the Prometheus SLI source (`@reliability-suite/plugin-reliability-backend-module-prometheus`). */
    prometheus?: {
      /**
       * Timeout of one HTTP request to Prometheus, unless the data source sets `timeout`.
       * @default { seconds: 30 }
       */
      timeout?: HumanDuration | string;
      /**
       * Retries of a request after a network error, a timeout, HTTP 5xx or HTTP 429.
       * @default 2
       */
      retries?: number;
      /**
       * Delay before the first retry; doubled for each further retry (at most 30 s).
       * @default { seconds: 1 }
       */
      retryBackoff?: HumanDuration | string;
      /**
       * Range queries one sync of one objective runs at the same time.
       * @default 2
       */
      maxConcurrency?: number;
      /**
       * Points (buckets) per range query; longer ranges are split into several queries.
       * At most 11000 (Prometheus' limit per series).
       * @default 10000
       */
      maxPointsPerQuery?: number;
    };
    // `reliability.dataSources.<name>` (url, headers, bearerToken, timeout) is declared by
    // the reliability backend plugin, which resolves data sources for every SLI source.
  };
}
