/**
 * The backend of the load run (`yarn bench:load`), forked by load.ts so that its resident
 * memory is measured apart from the load generator's. Arguments: <sqlite|pg> <full|smoke>.
 *
 * Over IPC: sends `ready` once the plugin runs on a fresh, seeded database; on `measure` it
 * starts the load window of its memory figure; on `stop` it stops the backend, removes the
 * database and answers `done` with its memory figures. If load.ts goes away, it cleans up
 * and exits.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { PostmortemStore } from '../src/store/PostmortemStore';
import { startBackend } from './backend';
import { auditCatalogEntities, DAY } from './data';
import { DatabaseKind, openDatabase } from './databases';
import { EvaluationQueue } from '../src/evaluation/EvaluationQueue';
import { startRssSampler } from './memory';
import { seedPolicyStates } from './scenarios/gate';
import { createStores, progress, seedOrg } from './seed';
import { loadVolumesFor } from './load-volumes';

export type ToBackend =
  | { type: 'measure' }
  | { type: 'stop' }
  /** The process's CPU time so far (load-probe.ts: CPU per request of one route). */
  | { type: 'cpu' }
  /** How far behind the evaluation is now (EvaluationQueue.backlog). */
  | { type: 'backlog' };

export type FromBackend =
  | {
      type: 'ready';
      port: number;
      label: string;
      /** The mock auth's headers: a user for the reads, a service for the pushes. */
      userAuth: string;
      serviceAuth: string;
      seeded: {
        entities: number;
        slos: number;
        frozen: number;
        postmortems: number;
      };
      rssBytes: number;
    }
  | { type: 'cpu'; micros: number }
  | { type: 'backlog'; queued: number; overdueMs: number }
  | {
      type: 'done';
      /** Peak over the load window (from `measure` to `stop`). */
      loadPeakBytes: number;
      loadSamples: number;
      /** Peak over the whole process: start-up, seeding, the load and the shutdown. */
      processPeakBytes: number;
    };

const send = (message: FromBackend) =>
  new Promise<void>(resolve => process.send!(message, () => resolve()));

/** Postmortems on every `every`-th service (offset by 5 from the frozen ones), some with two. */
async function seedPostmortems(
  store: PostmortemStore,
  entities: number,
  every: number,
): Promise<number> {
  const now = Date.now();
  let created = 0;
  for (let e = 5; e < entities; e += every) {
    const copies = e % (2 * every) === 5 ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      const startedAt = now - (3 + 9 * c + (e % 7)) * DAY;
      await store.create(
        {
          title: `svc-${e} incident ${c + 1} (bench)`,
          documentUrl: null,
          severity: c === 0 ? 'sev2' : 'sev3',
          status: c === 0 ? 'published' : 'draft',
          blamelessReviewHeld: c === 0,
          summary: 'Synthetic incident of the load run.',
          startedAt,
          detectedAt: startedAt + 5 * 60_000,
          mitigatedAt: startedAt + 40 * 60_000,
          resolvedAt: startedAt + 90 * 60_000,
          entityRefs: [`component:default/svc-${e}`],
          actionItems: [
            {
              title: 'Add an alert on the saturation signal',
              link: null,
              ownerRef: `group:default/team-${e % 10}`,
              dueAt: now + 14 * DAY,
              priority: 'p2',
              status: 'open',
              labels: [],
              closedAt: null,
            },
          ],
          createdBy: 'user:default/bench',
          externalId: null,
        },
        now,
      );
      created++;
    }
  }
  return created;
}

/**
 * Waits until the database pool has been idle for a moment (at most 15 s): requests the load
 * generator gave up on at its end still run in the backend, as may an evaluation the pushes
 * caused; stopping under them would fail them with 'aborted' in the log.
 */
async function settle(knex: Knex): Promise<void> {
  const pool = knex.client.pool as
    | { numUsed(): number; numPendingAcquires(): number }
    | undefined;
  if (!pool) return;
  const deadline = Date.now() + 15_000;
  let idleSince = Date.now();
  while (Date.now() < deadline) {
    if (pool.numUsed() + pool.numPendingAcquires() > 0) idleSince = Date.now();
    else if (Date.now() - idleSince >= 500) return;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

async function main() {
  const [kind, mode] = process.argv.slice(2) as [DatabaseKind, string];
  const volumes = loadVolumesFor(mode === 'smoke');
  const processRss = startRssSampler();
  let loadRss: ReturnType<typeof startRssSampler> | undefined;
  let load = { peakBytes: 0, samples: 0 };
  const db = await openDatabase(kind);
  let stopping = false;
  try {
    progress(`${db.label}: fresh database`);
    const backend = await startBackend({
      knex: db.knex,
      entities: auditCatalogEntities({
        entities: volumes.org.entities,
        teams: volumes.org.teams,
      }),
      // The plugin's defaults, as deployed: the org snapshot (catalog) is cached for 30 s.
      config: {},
    });
    try {
      const stores = createStores(db.knex);
      const queue = new EvaluationQueue(db.knex);
      const org = await seedOrg(stores, volumes);
      const refs = Array.from(
        { length: volumes.org.entities },
        (_, e) => `component:default/svc-${e}`,
      );
      const { frozen } = await seedPolicyStates(db.knex, refs);
      const postmortems = await seedPostmortems(
        new PostmortemStore(db.knex),
        volumes.org.entities,
        volumes.postmortemEvery,
      );
      progress(
        `${db.label}: seeded ${frozen} freezes and ${postmortems} postmortems; backend on port ${backend.port}`,
      );

      const stopped = new Promise<void>(resolve => {
        process.on('message', (message: ToBackend) => {
          if (message.type === 'measure') loadRss = startRssSampler();
          if (message.type === 'backlog') {
            void queue
              .backlog(Date.now())
              .then(b => send({ type: 'backlog', ...b }));
          }
          if (message.type === 'cpu') {
            const { user, system } = process.cpuUsage();
            void send({ type: 'cpu', micros: user + system });
          }
          if (message.type === 'stop') {
            if (loadRss) load = loadRss.stop();
            resolve();
          }
        });
        // load.ts ended without asking: clean up all the same.
        process.on('disconnect', () => {
          stopping = true;
          resolve();
        });
      });
      await send({
        type: 'ready',
        port: backend.port,
        label: db.label,
        userAuth: mockCredentials.user.header(),
        serviceAuth: mockCredentials.service.header(),
        seeded: {
          entities: volumes.org.entities,
          slos: org.slos,
          frozen,
          postmortems,
        },
        rssBytes: process.memoryUsage().rss,
      });
      await stopped;
      await settle(db.knex);
    } finally {
      await backend.stop();
    }
  } finally {
    await db.dispose();
  }
  const whole = processRss.stop();
  if (!stopping) {
    await send({
      type: 'done',
      loadPeakBytes: load.peakBytes,
      loadSamples: load.samples,
      processPeakBytes: whole.peakBytes,
    });
  }
  process.exit(0);
}

main().catch(error => {
  process.stderr.write(
    `[bench] load backend failed: ${error?.stack ?? error}\n`,
  );
  process.exit(1);
});
