import { teamRef } from '../data';
import { sample, summarize } from '../stats';
import { count, ms, Row } from '../table';
import type { ScenarioContext } from './context';

const TARGET_P95_MS = 500;

/** The org overview as the page uses it: first page, a deep page, and the filters. */
function variants(orgSlos: number) {
  const owner = encodeURIComponent(teamRef(7));
  const deep = Math.floor(orgSlos / 2 / 50) * 50;
  return [
    { label: 'first page', query: 'limit=50' },
    { label: `offset ${count(deep)}`, query: `limit=50&offset=${deep}` },
    { label: 'owner filter', query: `limit=50&owner=${owner}` },
    { label: 'state filter (critical)', query: 'limit=50&state=critical' },
    {
      label: 'owner + state (healthy)',
      query: `limit=50&owner=${owner}&state=healthy`,
    },
  ];
}

export async function benchOverview(
  ctx: ScenarioContext,
  orgSlos: number,
): Promise<Row[]> {
  const { backend, db, volumes } = ctx;
  const rows: Row[] = [];
  for (const v of variants(orgSlos)) {
    const path = `/v1/slos?${v.query}`;
    const page = JSON.parse(await backend.get(path));
    if (page.items.length === 0) {
      throw new Error(`the org overview '${v.label}' returned no items`);
    }
    const s = summarize(
      await sample(() => backend.get(path), volumes.overview),
    );
    rows.push({
      what: `GET /v1/slos?limit=50, ${v.label} (p50 / p95)`,
      database: db.label,
      volume: `${count(volumes.org.entities)} entities, ${count(
        orgSlos,
      )} SLOs; ${count(page.totalCount)} match; ${s.n} requests`,
      measured: `${ms(s.p50)} / ${ms(s.p95)}`,
      target: `p95 <= ${TARGET_P95_MS} ms`,
      pass: s.p95 <= TARGET_P95_MS,
    });
  }
  return rows;
}
