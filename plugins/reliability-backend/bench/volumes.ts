/**
 * How much data and how many measurements each mode uses. `full` is what the targets of
 * the product design speak about; `smoke` only proves in CI that every step still runs
 * (its figures are printed against the same targets but say little).
 */
export interface Volumes {
  mode: 'full' | 'smoke';
  engine: { warmup: number; runs: number };
  /** The entity whose summary is read: SLOs and days of 1-minute data per SLO. */
  entity: { slos: number; days: number };
  summary: { warmup: number; runs: number };
  /** SLO detail endpoint against the bare SQL aggregate (interleaved pairs). */
  detail: { warmup: number; runs: number };
  /** The org overview: services, two SLOs each. */
  org: { entities: number; slosPerEntity: number; teams: number };
  overview: { warmup: number; runs: number };
  ingest: { clients: number; batchesPerClient: number; batchSize: number };
  /** Catalog entities (components) of the ownership audit. */
  audit: { entities: number };
  /**
   * The evaluation by window length: Occurrences and Timeslices SLOs with a rolling 1d, 28d and 90d window,
   * `objectives` of each; `warmup` untimed rounds, then `runs` timed ones (each round adds
   * one minute of data to every objective and evaluates them all).
   */
  evaluation: { objectives: number; warmup: number; runs: number };
  /**
   * Sustained pushes (PostgreSQL): `services` x `slosPerService` objectives, one push each
   * per simulated minute for `minutes`, by `clients` clients in batches of `batchSize`; the
   * statuses may take `drainSeconds` after the last push before a push counts as unseen;
   * once per entry of `replicas`.
   */
  sustained: {
    services: number;
    slosPerService: number;
    minutes: number;
    batchSize: number;
    clients: number;
    drainSeconds: number;
    /** Run once per entry, with this many backend processes on the one database. */
    replicas: number[];
  };
  /** SLOs pulled from a real Prometheus, and the days each back-fills (PostgreSQL only). */
  prometheusSync: { slos: number; days: number };
}

export const FULL: Volumes = {
  mode: 'full',
  engine: { warmup: 100, runs: 1000 },
  entity: { slos: 10, days: 28 },
  summary: { warmup: 30, runs: 300 },
  detail: { warmup: 5, runs: 60 },
  org: { entities: 2000, slosPerEntity: 2, teams: 50 },
  overview: { warmup: 10, runs: 200 },
  ingest: { clients: 4, batchesPerClient: 25, batchSize: 1000 },
  audit: { entities: 5000 },
  evaluation: { objectives: 20, warmup: 2, runs: 10 },
  sustained: {
    services: 10_000,
    slosPerService: 2,
    minutes: 30,
    batchSize: 500,
    clients: 4,
    drainSeconds: 300,
    replicas: [1, 2],
  },
  prometheusSync: { slos: 500, days: 28 },
};

export const SMOKE: Volumes = {
  mode: 'smoke',
  engine: { warmup: 100, runs: 200 },
  entity: { slos: 10, days: 1 },
  summary: { warmup: 10, runs: 200 },
  detail: { warmup: 2, runs: 10 },
  org: { entities: 200, slosPerEntity: 2, teams: 10 },
  overview: { warmup: 2, runs: 20 },
  ingest: { clients: 4, batchesPerClient: 2, batchSize: 1000 },
  audit: { entities: 500 },
  evaluation: { objectives: 2, warmup: 1, runs: 3 },
  sustained: {
    services: 100,
    slosPerService: 2,
    minutes: 3,
    batchSize: 100,
    clients: 4,
    drainSeconds: 60,
    replicas: [1, 2],
  },
  prometheusSync: { slos: 10, days: 1 },
};

export const volumesFor = (smoke: boolean): Volumes => (smoke ? SMOKE : FULL);
