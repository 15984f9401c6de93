/**
 * How big and how long the load run is. `full` is the documented load (docs/load.md);
 * `smoke` proves in CI that the whole mix answers without an error, in well under a minute.
 */
export interface LoadVolumes {
  mode: 'full' | 'smoke';
  /** The org, seeded like the org overview of the benchmark: services, two SLOs each. */
  org: { entities: number; slosPerEntity: number; teams: number };
  /** Every `postmortemEvery`-th service has a postmortem (every other of them two). */
  postmortemEvery: number;
  /** Concurrent keep-alive connections, each replaying the session of load-mix.ts. */
  connections: number;
  /** Seconds at the start whose latencies are not counted (errors are). */
  warmupSeconds: number;
  /** Seconds measured after the warm-up. */
  seconds: number;
  /** Current-minute buckets per push (one per SLO). */
  pushBatch: number;
  /**
   * The second phase (load-steady.ts): the same mix at a steady rate, this fraction of the
   * throughput the first phase measured, for a warm-up and then `seconds`.
   */
  steady: { fraction: number; warmupSeconds: number; seconds: number };
}

export const LOAD_FULL: LoadVolumes = {
  mode: 'full',
  org: { entities: 2000, slosPerEntity: 2, teams: 50 },
  postmortemEvery: 10,
  connections: 20,
  warmupSeconds: 5,
  seconds: 60,
  pushBatch: 10,
  steady: { fraction: 0.5, warmupSeconds: 5, seconds: 30 },
};

export const LOAD_SMOKE: LoadVolumes = {
  mode: 'smoke',
  org: { entities: 200, slosPerEntity: 2, teams: 10 },
  postmortemEvery: 10,
  connections: 10,
  warmupSeconds: 2,
  seconds: 10,
  pushBatch: 10,
  steady: { fraction: 0.5, warmupSeconds: 1, seconds: 4 },
};

export const loadVolumesFor = (smoke: boolean): LoadVolumes =>
  smoke ? LOAD_SMOKE : LOAD_FULL;
