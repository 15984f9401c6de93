import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { AddressInfo } from 'node:net';
import type { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { reliabilityPlugin } from '../src/plugin';
import { indexedCatalogFactory } from './indexedCatalog';

export interface BenchBackend {
  /** GET under /api/reliability; resolves once the whole body is read, throws unless 200. */
  get(path: string): Promise<string>;
  /**
   * POST JSON (already serialised) under /api/reliability; throws unless 200. `idempotent`:
   * the request may be sent again when its kept-alive connection turns out closed.
   */
  post(
    path: string,
    body: string,
    options?: { idempotent?: boolean },
  ): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The plugin in Backstage's test backend, on the given knex, with the catalog mock (indexed by ref, bench/indexedCatalog.ts) holding
 * `entities`. Auth is the test backend's mock auth (mock user/service tokens, permissions
 * allow all). The test backend's mock scheduler never runs tasks that have an initial delay
 * (all of this plugin's do), so no catalog sync or scheduled evaluation pass runs behind the
 * benchmark's back: the benchmark evaluates explicitly, before it reads. The evaluation
 * queue's worker does run, as deployed: it evaluates what pushes to this backend queue.
 */
export async function startBackend(options: {
  knex: Knex;
  entities: Entity[];
  /** The plugin's configuration; by default the responsibility cache is off (cold reads). */
  config?: JsonObject;
}): Promise<BenchBackend & { port: number }> {
  const backend = await startTestBackend({
    features: [
      reliabilityPlugin,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      // Every audit request reads the catalog afresh: the benchmark measures the cold path.
      mockServices.rootConfig.factory({
        data: options.config ?? {
          reliability: { responsibility: { cacheFor: { seconds: 0 } } },
        },
      }),
      indexedCatalogFactory(options.entities),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  // Loopback only; Node's fetch keeps the connection alive between requests.
  const base = `http://127.0.0.1:${port}/api/reliability`;
  const user = mockCredentials.user.header();
  const service = mockCredentials.service.header();

  async function call(
    path: string,
    init: RequestInit,
    idempotent = false,
  ): Promise<string> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, init);
    } catch (e) {
      // A kept-alive connection the server closed while the benchmark was seeding (Node's
      // keep-alive timeout is 5 s) fails the next request on it. A GET is safe to repeat,
      // and so is a POST its caller says is (a replace-mode push writes the same counts
      // again if the first attempt did reach the server).
      if (init.method !== 'GET' && !idempotent) throw e;
      res = await fetch(`${base}${path}`, init);
    }
    const text = await res.text();
    if (res.status !== 200) {
      throw new Error(
        `${init.method} ${path}: HTTP ${res.status}: ${text.slice(0, 300)}`,
      );
    }
    return text;
  }

  return {
    port,
    get: path =>
      call(path, { method: 'GET', headers: { authorization: user } }),
    post: (path, body, postOptions) =>
      call(
        path,
        {
          method: 'POST',
          headers: {
            authorization: service,
            'content-type': 'application/json',
          },
          body,
        },
        postOptions?.idempotent,
      ),
    stop: () => backend.stop(),
  };
}
