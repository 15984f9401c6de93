import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Reliability Suite backend plugin. */
  reliability?: {
    ingest?: {
      /**
       * Oldest timestamp the push API accepts, counted back from now. Must not exceed
       * `storage.rollupAfter`: older minutes have already been folded into hours.
       * @default { days: 36 }
       */
      maxAge?: HumanDuration | string;
      /**
       * How far ahead of the server clock a pushed timestamp may be.
       * @default { minutes: 5 }
       */
      maxFutureSkew?: HumanDuration | string;
    };
    storage?: {
      /**
       * Age after which minute buckets are rolled up into hourly buckets.
       * @default { days: 36 }
       */
      rollupAfter?: HumanDuration | string;
      /**
       * Age after which SLI data is deleted; the default covers a quarter-year calendar
       * window with room to spare.
       * @default { days: 100 }
       */
      retention?: HumanDuration | string;
    };
    evaluation?: {
      /**
       * How often every SLO is evaluated (pushes also trigger evaluation of their SLOs).
       * @default { minutes: 5 }
       */
      frequency?: HumanDuration | string;
    };
    catalogSync?: {
      /**
       * How often SLO definitions are re-read from the catalog.
       * @default { minutes: 1 }
       */
      frequency?: HumanDuration | string;
    };
  };
}
