import { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import { MINUTE, OBJECTIVE, WINDOW_MS } from '../data';
import { summarize } from '../stats';
import { atMost, count, figure, ms, Row } from '../table';
import type { ScenarioContext } from './context';

const RATIO_TARGET = 3;
// The engine's defaults, which the route uses: 500 burn-down points on the minute grid.
const MAX_POINTS = 500;

interface Point {
  t: string;
  good: number;
  total: number;
}

/**
 * The chart grid of the burn-down (see reliability-common's burnDown): the window start,
 * then every `stride` from the first minute boundary after it, then `at`. A bucket counts
 * towards the first point after its start, so its point is a plain integer division.
 */
function grid(windowStart: number, at: number) {
  const stride =
    MINUTE *
    Math.max(1, Math.ceil((at - windowStart) / (MINUTE * (MAX_POINTS - 2))));
  let first = Math.ceil(windowStart / MINUTE) * MINUTE;
  if (first === windowStart) first += stride;
  return { first, stride };
}

/**
 * The bare SQL answer to "good and total per chart point" of one objective: one
 * group-by over the same buckets the route reads. Slot k is chart point k + 1.
 */
function seriesSql(
  knex: Knex,
  sloRef: string,
  windowStart: number,
  at: number,
) {
  const { first, stride } = grid(windowStart, at);
  return knex.raw(
    // The cast keeps the division whole on SQLite, which binds JS numbers as reals.
    `select case when bucket_start < ? then 0
       else 1 + cast((bucket_start - ?) / ? as integer) end as slot,
       sum(good) as good, sum(total) as total
     from reliability_sli_buckets
     where slo_ref = ? and objective = ? and bucket_start >= ? and bucket_start < ?
     group by slot order by slot`,
    [first, first, stride, sloRef, OBJECTIVE, windowStart, at],
  );
}

const rowsOf = (result: any): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : result.rows;

/**
 * Proves that the SQL is an answer to the same question: run with the route's own window,
 * it must give every chart point's good and total exactly.
 */
async function checkSameAnswer(knex: Knex, sloRef: string, points: Point[]) {
  const windowStart = Date.parse(points[0].t);
  const at = Date.parse(points[points.length - 1].t);
  const expected = points.map(() => ({ good: 0, total: 0 }));
  for (const r of rowsOf(await seriesSql(knex, sloRef, windowStart, at))) {
    expected[Number(r.slot) + 1] = {
      good: Number(r.good),
      total: Number(r.total),
    };
  }
  const differing = points.findIndex(
    (p, i) => p.good !== expected[i].good || p.total !== expected[i].total,
  );
  if (differing !== -1) {
    throw new Error(
      `the SQL baseline does not reproduce the SLO detail series at point ${differing}: API ${JSON.stringify(
        points[differing],
      )}, SQL ${JSON.stringify(expected[differing])}`,
    );
  }
}

/**
 * GET /v1/slos/{ns}/{name} (status, evaluation of the window with its burn-down, chart
 * series) against the bare SQL aggregate of the same buckets; requests and queries
 * alternate so that both see the same conditions.
 */
export async function benchDetailRatio(
  ctx: ScenarioContext,
  sloRef: string,
  bucketsPerSlo: number,
): Promise<Row[]> {
  const { backend, db, volumes } = ctx;
  const path = `/v1/slos/default/${sloRef.slice('slo:default/'.length)}`;

  const detail = JSON.parse(await backend.get(path));
  await checkSameAnswer(db.knex, sloRef, detail.series[0].points);

  const apiSamples: number[] = [];
  const sqlSamples: number[] = [];
  const { warmup, runs } = volumes.detail;
  for (let i = 0; i < warmup + runs; i++) {
    let started = performance.now();
    await backend.get(path);
    const apiMs = performance.now() - started;
    started = performance.now();
    const at = Date.now();
    await seriesSql(db.knex, sloRef, at - WINDOW_MS, at);
    const sqlMs = performance.now() - started;
    if (i >= warmup) {
      apiSamples.push(apiMs);
      sqlSamples.push(sqlMs);
    }
  }
  const api = summarize(apiSamples);
  const sql = summarize(sqlSamples);
  const volume = `1 SLO x ${count(bucketsPerSlo)} buckets, ${api.n} pairs`;
  return [
    {
      what: 'GET SLO detail (evaluation + 500-point series), client-measured (p50 / p95)',
      database: db.label,
      volume,
      measured: `${ms(api.p50)} / ${ms(api.p95)}`,
      target: '-',
      figures: [
        figure('detail.p50', api.p50, 'ms'),
        figure('detail.p95', api.p95, 'ms'),
      ],
    },
    {
      what: 'ratio: SLO detail p50 / bare SQL p50 (sum(good), sum(total) group by chart point)',
      database: db.label,
      volume,
      measured: `${ms(api.p50)} / ${ms(sql.p50)} = ${(
        api.p50 / sql.p50
      ).toFixed(1)}x`,
      target: `<= ${RATIO_TARGET}x`,
      figures: [
        figure('detail.sqlP50', sql.p50, 'ms'),
        figure('detail.ratio', api.p50 / sql.p50, 'x', atMost(RATIO_TARGET)),
      ],
    },
  ];
}
