import { startBackend } from './backend';
import { auditCatalogEntities, catalogEntities, entitySlos } from './data';
import { benchAudit } from './scenarios/audit';
import { DatabaseKind, openDatabase } from './databases';
import { cpuShares, formatCpuShares, readCpuTimes } from './machineCpu';
import { heapAfterGc, startRssSampler } from './memory';
import { databaseScenarios, ScenarioName, SCENARIOS } from './scenarioNames';
import type { ScenarioContext } from './scenarios/context';
import { benchDetailRatio } from './scenarios/detail';
import { benchEvaluation } from './scenarios/evaluation';
import { benchGate } from './scenarios/gate';
import { benchIngest } from './scenarios/ingest';
import { benchOverview } from './scenarios/overview';
import { benchPrometheusSync } from './scenarios/prometheusSync';
import { benchSummary } from './scenarios/summary';
import { benchSustained } from './scenarios/sustained';
import { createStores, progress, seedEntity, seedOrg } from './seed';
import { atMost, count, figure, ms, Row } from './table';
import type { Volumes } from './volumes';

const RSS_TARGET_MB = 600;

/**
 * Everything measured against one database, in one process: a fresh database, the plugin
 * on it, the seed data the chosen scenarios need, then the scenarios in run order (the
 * reads with all data present, the pushes last as they add data). The database is removed
 * again whatever happens. The peak memory rows are always there: they hold for any run.
 */
export async function benchDatabase(
  kind: DatabaseKind,
  volumes: Volumes,
  scenarios: ScenarioName[],
): Promise<Row[]> {
  const db = await openDatabase(kind);
  progress(`${db.label}: fresh database`);
  const rss = startRssSampler();
  const cpuAtStart = readCpuTimes();
  const rows: Row[] = [];
  const runs = (s: ScenarioName) => scenarios.includes(s);
  let retainedHeap: number | undefined;
  try {
    const stores = createStores(db.knex);
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
      const ctx: ScenarioContext = { backend, db, stores, volumes };
      // The entity with 10 SLOs of 1-minute data, for the summary and the detail.
      let seeded: { buckets: number } | undefined;
      if (runs('summary') || runs('detail')) {
        const entity = await seedEntity(stores, slos, volumes);
        seeded = entity;
        rows.push({
          what: 'evaluation: SloEvaluator.evaluateAndStore, mean per SLO (read buckets + engine + store)',
          database: db.label,
          volume: `${slos.length} SLOs x ${count(entity.buckets)} buckets`,
          measured: ms(entity.evaluationMsPerSlo),
          target: '-',
          figures: [
            figure('entity.evaluationPerSlo', entity.evaluationMsPerSlo, 'ms'),
          ],
        });
      }
      // The org's SLOs and statuses: what the overview lists, the audit and gate look at.
      let org: { slos: number } | undefined;
      if (runs('overview') || runs('audit') || runs('gate')) {
        org = await seedOrg(stores, volumes);
      }

      if (seeded && runs('summary')) {
        progress(`${db.label}: entity summary`);
        rows.push(...(await benchSummary(ctx, slos.length, seeded.buckets)));
      }
      if (seeded && runs('detail')) {
        progress(`${db.label}: SLO detail vs SQL`);
        rows.push(
          ...(await benchDetailRatio(ctx, slos[0].sloRef, seeded.buckets)),
        );
      }
      if (org && runs('overview')) {
        progress(`${db.label}: org overview`);
        rows.push(...(await benchOverview(ctx, org.slos)));
      }
      if (runs('audit')) {
        progress(`${db.label}: ownership audit`);
        rows.push(...(await benchAudit(ctx, volumes.audit.entities)));
      }
      if (runs('gate')) {
        progress(`${db.label}: deploy gate`);
        rows.push(...(await benchGate(ctx, volumes.org.entities)));
      }
      if (runs('evaluation')) {
        progress(`${db.label}: evaluation per objective by window`);
        rows.push(...(await benchEvaluation(ctx)));
      }
      if (runs('ingest')) {
        progress(`${db.label}: push ingestion`);
        rows.push(...(await benchIngest(ctx)));
      }
      // PostgreSQL only (see databaseScenarios): the design's sync target is for the
      // production database.
      if (runs('prometheusSync') && kind === 'pg') {
        rows.push(...(await benchPrometheusSync(ctx)));
      }
      retainedHeap = heapAfterGc();
    } finally {
      await backend.stop();
    }
    // Stopped first: its evaluation worker would otherwise take a share of the replicas'
    // queue, one more replica than the scenario says (and its memory this process's).
    if (runs('sustained') && kind === 'pg') {
      progress(`${db.label}: sustained pushes at scale`);
      rows.push(...(await benchSustained({ db, stores, volumes })));
    }
    progress(`${db.label}: scenarios done`);
  } finally {
    await db.dispose();
  }
  const machineCpu = cpuShares(cpuAtStart, readCpuTimes());
  rows.push({
    what: "the machine's CPU time over this database's run, all cores (/proc/stat): busy, stolen by the hypervisor, idle",
    database: db.label,
    volume: 'the benchmark, its database and anything else running',
    measured: formatCpuShares(machineCpu),
    target: '-',
    figures: machineCpu
      ? [figure('machine.cpuStolen', machineCpu.steal, '%')]
      : [],
  });
  const { peakBytes, samples } = rss.stop();
  const peakMb = peakBytes / 1024 / 1024;
  rows.push({
    what: 'peak RSS of the process running the backend (and the load generator): its high-water mark (VmHWM)',
    database: db.label,
    volume: `${count(samples)} samples over this database's run${
      scenarios.length < databaseScenarios(kind, SCENARIOS).length
        ? ` (only ${scenarios.join(', ')})`
        : ''
    }`,
    measured: `${peakMb.toFixed(0)} MB`,
    target: `<= ${RSS_TARGET_MB} MB`,
    figures: [figure('memory.peakRss', peakMb, 'MB', atMost(RSS_TARGET_MB))],
  });
  if (retainedHeap !== undefined) {
    rows.push({
      what: 'JS heap in use after a full GC, all data loaded, before the backend stops (and the sustained scenario, without it)',
      database: db.label,
      volume: 'at the end of the run',
      measured: `${(retainedHeap / 1048576).toFixed(0)} MB`,
      target: '-',
      figures: [figure('memory.heapAfterGc', retainedHeap / 1048576, 'MB')],
    });
  }
  return rows;
}
