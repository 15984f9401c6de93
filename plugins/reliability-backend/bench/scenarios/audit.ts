import { sample, summarize } from '../stats';
import { atMost, count, figure, ms, Row } from '../table';
import type { ScenarioContext } from './context';

const TARGET_MS = 2000;

/**
 * The ownership audit through the API, each request cold (the backend reads the whole
 * catalog and the SLO status again, as after its cache expires): the first page, a filtered
 * page and the CSV export of everything.
 */
export async function benchAudit(
  ctx: ScenarioContext,
  entities: number,
): Promise<Row[]> {
  const { backend, db } = ctx;
  const first = JSON.parse(await backend.get('/v1/audit?limit=100'));
  if (first.entitiesAudited < entities || first.totalCount === 0) {
    throw new Error(
      `the audit covered ${first.entitiesAudited} entities with ${first.totalCount} findings; expected at least ${entities} and some findings`,
    );
  }
  const runs = ctx.volumes.mode === 'full' ? 10 : 3;
  const rows: Row[] = [];
  for (const [key, what, path] of [
    [
      'firstPage',
      'GET /v1/audit?limit=100, cold (catalog read + status + findings)',
      '/v1/audit?limit=100',
    ],
    [
      'filtered',
      'GET /v1/audit?severity=error&tier=1, cold',
      '/v1/audit?severity=error&tier=1',
    ],
    [
      'csv',
      'GET /v1/audit/export.csv, every finding, cold',
      '/v1/audit/export.csv',
    ],
  ] as const) {
    const stats = summarize(
      await sample(() => backend.get(path), { warmup: 1, runs }),
    );
    rows.push({
      what: `${what} (p50 / max)`,
      database: db.label,
      volume: `${count(first.entitiesAudited)} entities, ${count(
        first.totalCount,
      )} findings, ${stats.n} requests`,
      measured: `${ms(stats.p50)} / ${ms(stats.max)}`,
      target: `<= ${TARGET_MS} ms`,
      figures: [
        figure(`audit.${key}.p50`, stats.p50, 'ms'),
        figure(`audit.${key}.max`, stats.max, 'ms', atMost(TARGET_MS)),
      ],
    });
  }
  return rows;
}
