import { teamRef } from '../data';
import { sample, summarize } from '../stats';
import { atMost, count, figure, ms, Row } from '../table';
import type { ScenarioContext } from './context';

const TARGET_P95_MS = 500;

/** The org overview as the page uses it: first page, a deep page, and the filters. */
function variants(orgSlos: number) {
  const owner = encodeURIComponent(teamRef(7));
  const deep = Math.floor(orgSlos / 2 / 50) * 50;
  return [
    { key: 'firstPage', label: 'first page', query: 'limit=50' },
    {
      key: 'deepPage',
      label: `offset ${count(deep)}`,
      query: `limit=50&offset=${deep}`,
    },
    { key: 'owner', label: 'owner filter', query: `limit=50&owner=${owner}` },
    {
      key: 'state',
      label: 'state filter (critical)',
      query: 'limit=50&state=critical',
    },
    {
      key: 'ownerState',
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
      figures: [
        figure(`overview.${v.key}.p50`, s.p50, 'ms'),
        figure(`overview.${v.key}.p95`, s.p95, 'ms', atMost(TARGET_P95_MS)),
      ],
    });
  }
  return rows;
}
