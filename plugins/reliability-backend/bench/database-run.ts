import { startBackend } from './backend';
import { auditCatalogEntities, catalogEntities, entitySlos } from './data';
import { benchAudit } from './scenarios/audit';
import { DatabaseKind, openDatabase } from './databases';
import { heapAfterGc, startRssSampler } from './memory';
import { benchDetailRatio } from './scenarios/detail';
import { benchGate } from './scenarios/gate';
import { benchIngest } from './scenarios/ingest';
import { benchOverview } from './scenarios/overview';
import { benchPrometheusSync } from './scenarios/prometheusSync';
import { benchSummary } from './scenarios/summary';
import { createStores, progress, seedEntity, seedOrg } from './seed';
import { count, ms, Row } from './table';
import type { Volumes } from './volumes';

const RSS_TARGET_MB = 600;

/**
 * Everything measured against one database, in one process: a fresh database, the plugin
 * on it, the seed data, then the reads (with all data present) and the pushes last (they
 * add data). The database is removed again whatever happens.
 */
export async function benchDatabase(
  kind: DatabaseKind,
  volumes: Volumes,
): Promise<Row[]> {
  const db = await openDatabase(kind);
  progress(`${db.label}: fresh database`);
  const rss = startRssSampler();
  const rows: Row[] = [];
  let retainedHeap: number | undefined;
  try {
    const slos = entitySlos(volumes.entity.slos);
    const backend = await startBackend({
      knex: db.knex,
      entities: [
        ...catalogEntities(slos),
        ...auditCatalogEntities({
          entities: volumes.audit.entities,
          teams: volumes.org.teams,
        }),
      ],
    });
    try {
      const stores = createStores(db.knex);
      const ctx = { backend, db, stores, volumes };
      const seeded = await seedEntity(stores, slos, volumes);
      rows.push({
        what: 'evaluation: SloEvaluator.evaluateAndStore, mean per SLO (read buckets + engine + store)',
        database: db.label,
        volume: `${slos.length} SLOs x ${count(seeded.buckets)} buckets`,
        measured: ms(seeded.evaluationMsPerSlo),
        target: '-',
      });
      const org = await seedOrg(stores, volumes);

      progress(`${db.label}: entity summary`);
      rows.push(...(await benchSummary(ctx, slos.length, seeded.buckets)));
      progress(`${db.label}: SLO detail vs SQL`);
      rows.push(
        ...(await benchDetailRatio(ctx, slos[0].sloRef, seeded.buckets)),
      );
      progress(`${db.label}: org overview`);
      rows.push(...(await benchOverview(ctx, org.slos)));
      progress(`${db.label}: ownership audit`);
      rows.push(...(await benchAudit(ctx, volumes.audit.entities)));
      progress(`${db.label}: deploy gate`);
      rows.push(...(await benchGate(ctx, volumes.org.entities)));
      progress(`${db.label}: push ingestion`);
      rows.push(...(await benchIngest(ctx)));
      // The design's sync target is for the production database.
      if (kind === 'pg') {
        rows.push(...(await benchPrometheusSync(ctx)));
      }
      retainedHeap = heapAfterGc();
    } finally {
      await backend.stop();
    }
  } finally {
    await db.dispose();
  }
  const { peakBytes, samples } = rss.stop();
  const peakMb = peakBytes / 1024 / 1024;
  rows.push({
    what: 'peak RSS of the process running the backend (and the load generator), 100 ms samples',
    database: db.label,
    volume: `${count(samples)} samples over this database's run`,
    measured: `${peakMb.toFixed(0)} MB`,
    target: `<= ${RSS_TARGET_MB} MB`,
    pass: peakMb <= RSS_TARGET_MB,
  });
  if (retainedHeap !== undefined) {
    rows.push({
      what: 'JS heap in use after a full GC, all data loaded and all steps run',
      database: db.label,
      volume: 'at the end of the run',
      measured: `${(retainedHeap / 1048576).toFixed(0)} MB`,
      target: '-',
    });
  }
  return rows;
}
