import type { BenchBackend } from '../backend';
import type { BenchDatabase } from '../databases';
import type { Stores } from '../seed';
import type { Volumes } from '../volumes';

/** What every database scenario gets: the running plugin, its database and stores. */
export interface ScenarioContext {
  backend: BenchBackend;
  db: BenchDatabase;
  stores: Stores;
  volumes: Volumes;
}
