import {
  EvaluationSpec,
  RunningTotalReadings,
  SliBucket,
  SliceReadings,
  SliceTotal,
  SliceTotalQueries,
  SliceTotalReadings,
  resolveWindow,
  sliceEdgeRanges,
  sliceTotalQueries,
  sliceVariantKey,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { unionAllRows } from './unionAllRows';
import type { RunningTotalsRequest } from './runningTotalLookups';
import type { ObjectiveKey } from './runningTotals';
import { isPostgres } from '../database/isPostgres';
import { TABLE } from './sliBucketSql';
import {
  SLICES,
  SLICE_COLUMNS,
  SliceRow,
  VARIANTS,
  VariantKey,
  keyOf,
  originOf,
  toTotal,
} from './sliceTotalsRows';
import { settleSliceTotals } from './sliceTotalsSql';

/** The store's events' running totals, read and settled for a batch. */
export interface EventTotals {
  readRunningTotalsMany(
    requests: readonly RunningTotalsRequest[],
  ): Promise<RunningTotalReadings[]>;
  settleRunningTotals(keys: readonly ObjectiveKey[]): Promise<void>;
}

/** A sliced objective's evaluation to read for. */
export interface SliceReadingsRequest {
  sloRef: string;
  spec: EvaluationSpec;
}

/**
 * Terms per SQLite statement: SQLite caps a compound SELECT at 500 terms. PostgreSQL takes
 * the lookups as array parameters, one statement whatever their number.
 */
const TERMS_PER_STATEMENT = 200;
/** Reads per objective at most: a write landing during each leaves a mark again. */
const ROUNDS = 4;

/** One variant's lookups for request `j`; `g` numbers them across the batch. */
interface VariantLookups {
  g: number;
  key: VariantKey;
  queries: Pick<SliceTotalQueries, 'startingBefore' | 'endedBy'>;
}

/** A bucket range `[from, to)` of request `j`'s objective; `r` numbers them. */
interface EdgeRange {
  r: number;
  sloRef: string;
  objective: string;
  from: number;
  to: number;
}

/**
 * What `evaluateFromSliceTotals` reads for a batch of sliced objectives (see the README's
 * "Slice totals"), in a number of statements that does not grow with the batch: per round,
 * the variants' registry, their lookups, the events' running totals, and the edge slices'
 * buckets together with the marks left meanwhile.
 *
 * The readings of each request, in the requests' order. A request whose objective is still
 * marked after its read (a write landed meanwhile) is settled and read again, up to
 * ROUNDS reads; the others keep their answers. `events` is the store's batch read and
 * settle of the events' running totals.
 */
export async function readSliceReadingsMany(
  db: Knex,
  requests: readonly SliceReadingsRequest[],
  events: EventTotals,
): Promise<SliceReadings[]> {
  const plans = requests.map(({ sloRef, spec }) => ({
    sloRef,
    spec,
    objective: spec.objective.name,
    q: sliceTotalQueries(spec),
    windowStart: resolveWindow(spec.window, spec.at).start,
  }));
  const answers = new Array<SliceReadings>(requests.length);
  let pending = plans.map((_, j) => j);
  for (let round = 0; pending.length > 0 && round < ROUNDS; round++) {
    const lookups: Array<VariantLookups & { j: number }> = pending.flatMap(j =>
      plans[j].q.variants.map(variant => ({
        j,
        g: 0,
        key: {
          sloRef: plans[j].sloRef,
          objective: plans[j].objective,
          variant,
        },
        queries: plans[j].q,
      })),
    );
    lookups.forEach((l, g) => (l.g = g));
    const objectives = pending.map(j => ({
      sloRef: plans[j].sloRef,
      objective: plans[j].objective,
      queries: plans[j].q.events,
    }));
    // Independent work side by side, overlapping on PostgreSQL's connections: the events'
    // totals and the variants touch other tables and neither waits for a lock the other
    // holds. Then the lookups of both.
    await Promise.all([
      settleSliceTotals(
        db,
        lookups.map(l => l.key),
      ),
      round === 0 ? events.settleRunningTotals(objectives) : undefined,
    ]);
    const [found, eventReadings] = await Promise.all([
      lookUpSliceTotals(db, lookups),
      events.readRunningTotalsMany(objectives),
    ]);
    const slices = new Map<number, Map<string, SliceTotalReadings>>();
    for (const l of lookups) {
      let byVariant = slices.get(l.j);
      if (!byVariant) slices.set(l.j, (byVariant = new Map()));
      byVariant.set(sliceVariantKey(l.key.variant), found[l.g]);
    }
    const ranges = new Map<number, EdgeRange[]>();
    for (const j of pending) {
      const { sloRef, objective, spec, q, windowStart } = plans[j];
      const current = slices.get(j)!.get(sliceVariantKey(q.variants[0]))!;
      ranges.set(
        j,
        sliceEdgeRanges(
          spec,
          current.startingBefore.get(windowStart),
          current.endedBy.get(spec.at),
        ).map(range => ({ r: 0, sloRef, objective, ...range })),
      );
    }
    const allRanges = [...ranges.values()].flat();
    allRanges.forEach((range, r) => (range.r = r));
    const { buckets, marked } = await readEdgesAndMarks(
      db,
      allRanges,
      pending.map(j => ({ j, ...plans[j] })),
    );
    pending.forEach((j, k) => {
      answers[j] = {
        slices: slices.get(j)!,
        edgeBuckets: ranges
          .get(j)!
          .flatMap(range => buckets.get(range.r) ?? []),
        events: eventReadings[k],
      };
    });
    pending = pending.filter(j => marked.has(j));
  }
  return answers;
}

type FoundRow = SliceRow & {
  g: string | number;
  kind: string;
  t: string | number | null;
};

/**
 * Every variant's lookups: per time the last row starting before it (`s`) and the last
 * ended by it (`e`), and its oldest row (`o`, whose sums before it are the origin). One
 * index lookup each; answers by `g`.
 */
async function lookUpSliceTotals(
  db: Knex,
  lookups: readonly VariantLookups[],
): Promise<SliceTotalReadings[]> {
  const rows = isPostgres(db)
    ? await lookUpPostgres(db, lookups)
    : await lookUpUnion(db, lookups);
  const byLookup = new Map<number, FoundRow[]>();
  for (const row of rows) {
    const g = Number(row.g);
    const seen = byLookup.get(g);
    if (seen) seen.push(row);
    else byLookup.set(g, [row]);
  }
  return lookups.map(l => {
    const startingBefore = new Map<number, SliceTotal | undefined>(
      l.queries.startingBefore.map(t => [t, undefined]),
    );
    const endedBy = new Map<number, SliceTotal | undefined>(
      l.queries.endedBy.map(t => [t, undefined]),
    );
    let oldest: SliceTotal | undefined;
    for (const row of byLookup.get(l.g) ?? []) {
      const total = toTotal(row);
      if (row.kind === 's') startingBefore.set(Number(row.t), total);
      else if (row.kind === 'e') endedBy.set(Number(row.t), total);
      else oldest = total;
    }
    return {
      startingBefore,
      endedBy,
      origin: oldest ? originOf(oldest) : undefined,
    };
  });
}

/**
 * PostgreSQL: the lookups as array parameters, one lateral index scan per lookup, in one
 * statement whose plan does not depend on how many are asked.
 */
async function lookUpPostgres(
  db: Knex,
  lookups: readonly VariantLookups[],
): Promise<FoundRow[]> {
  const timed = (kind: 's' | 'e') =>
    lookups.flatMap(l =>
      (kind === 's' ? l.queries.startingBefore : l.queries.endedBy).map(t => ({
        l,
        t,
      })),
    );
  const columns = (
    items: ReadonlyArray<{ l: VariantLookups; t?: number }>,
    withTime: boolean,
  ) => [
    items.map(i => i.l.g),
    items.map(i => i.l.key.sloRef),
    items.map(i => i.l.key.objective),
    items.map(i => sliceVariantKey(i.l.key.variant)),
    ...(withTime ? [items.map(i => i.t!)] : []),
  ];
  const part = (kind: string, where: string, order: string, withTime = true) =>
    `select q.g, '${kind}' as kind, ${
      withTime ? 'q.t' : 'null::bigint'
    } as t, x.*
     from unnest(?::integer[], ?::text[], ?::text[], ?::text[]${
       withTime ? ', ?::bigint[]' : ''
     }) as q(g, slo_ref, objective, variant${withTime ? ', t' : ''})
     cross join lateral (select ${SLICE_COLUMNS} from ${SLICES}
       where slo_ref = q.slo_ref and objective = q.objective and variant = q.variant${where}
       order by ${order} limit 1) x`;
  const result = await db.raw(
    [
      part('s', ' and slice_start < q.t', 'slice_start desc'),
      part('e', ' and slice_end <= q.t', 'slice_end desc'),
      part('o', '', 'slice_start asc', false),
    ].join(' union all '),
    [
      ...columns(timed('s'), true),
      ...columns(timed('e'), true),
      ...columns(
        lookups.map(l => ({ l })),
        false,
      ),
    ],
  );
  return result.rows;
}

/** SQLite: single-row index scans joined by UNION ALL, TERMS_PER_STATEMENT a statement. */
async function lookUpUnion(
  db: Knex,
  lookups: readonly VariantLookups[],
): Promise<FoundRow[]> {
  const terms = lookups.flatMap(l => {
    const key = keyOf(l.key);
    const term = (kind: string, t: number, where: string, order: string) => ({
      // g and kind are numbers and letters of ours: inlined, they spare parameters.
      sql: `select ${l.g} as g, '${kind}' as kind, ? as t, x.* from (select ${SLICE_COLUMNS}
         from ${SLICES} where slo_ref = ? and objective = ? and variant = ?${where}
         order by ${order} limit 1) x`,
      bindings: [
        t,
        key.slo_ref,
        key.objective,
        key.variant,
        ...(where ? [t] : []),
      ],
    });
    return [
      ...l.queries.startingBefore.map(t =>
        term('s', t, ' and slice_start < ?', 'slice_start desc'),
      ),
      ...l.queries.endedBy.map(t =>
        term('e', t, ' and slice_end <= ?', 'slice_end desc'),
      ),
      term('o', 0, '', 'slice_start asc'),
    ];
  });
  return unionAllRows<FoundRow>(db, terms, TERMS_PER_STATEMENT);
}

interface EdgeRow {
  n: string | number;
  mark: boolean | number;
  bucket_start: string | number;
  resolution_ms: string | number;
  good: string | number;
  total: string | number;
  covered_ms: string | number;
}

/**
 * The buckets of the edge ranges (by `r`) and which requests' objectives carry a stale
 * mark of any variant (by `j`), in one statement: read last, it sees a mark left by any
 * write that committed before it, so an answer read from rows a write changed meanwhile
 * is read again.
 */
async function readEdgesAndMarks(
  db: Knex,
  ranges: readonly EdgeRange[],
  objectives: ReadonlyArray<{ j: number; sloRef: string; objective: string }>,
): Promise<{ buckets: Map<number, SliBucket[]>; marked: Set<number> }> {
  // A UNION ALL on PostgreSQL too: each range is planned with its own bounds. A lateral
  // range scan over array parameters was planned blind to them and, once other SLOs' data
  // filled the bucket table, took 390 ms for a batch of 20 (the full benchmark's Timeslices
  // figure: 15.7 ms per 28-day objective against 1.2 ms in the scenario alone).
  const rows = await edgesAndMarksUnion(db, ranges, objectives);
  const buckets = new Map<number, SliBucket[]>();
  const marked = new Set<number>();
  for (const row of rows) {
    const n = Number(row.n);
    if (row.mark === true || Number(row.mark) === 1) {
      marked.add(n);
      continue;
    }
    const durationMs = Number(row.resolution_ms);
    const covered = Number(row.covered_ms);
    const bucket: SliBucket = {
      start: Number(row.bucket_start),
      durationMs,
      good: Number(row.good),
      total: Number(row.total),
      // Only a roll-up of an hour with minutes missing says so (as SliBucketStore.read).
      ...(covered !== durationMs ? { coveredMs: covered } : {}),
    };
    const seen = buckets.get(n);
    if (seen) seen.push(bucket);
    else buckets.set(n, [bucket]);
  }
  // In the order of `read` (the primary key's): an hour and a late minute at its start
  // tie on the start.
  for (const list of buckets.values()) {
    list.sort((a, b) => a.start - b.start || a.durationMs - b.durationMs);
  }
  return { buckets, marked };
}

const BUCKET_COLUMNS = 'bucket_start, resolution_ms, good, total, covered_ms';

async function edgesAndMarksUnion(
  db: Knex,
  ranges: readonly EdgeRange[],
  objectives: ReadonlyArray<{ j: number; sloRef: string; objective: string }>,
): Promise<EdgeRow[]> {
  const terms = [
    ...ranges.map(r => ({
      sql: `select ${r.r} as n, 0 as mark, ${BUCKET_COLUMNS} from ${TABLE}
         where slo_ref = ? and objective = ? and bucket_start >= ? and bucket_start < ?`,
      bindings: [r.sloRef, r.objective, r.from, r.to],
    })),
    ...objectives.map(o => ({
      // Named: a term may be the first of its statement, which names the columns.
      sql: `select ${o.j} as n, 1 as mark, 0 as bucket_start, 0 as resolution_ms,
           0 as good, 0 as total, 0 as covered_ms
         where exists (select 1 from ${VARIANTS} where slo_ref = ? and objective = ?
           and stale_since is not null)`,
      bindings: [o.sloRef, o.objective],
    })),
  ];
  return unionAllRows<EdgeRow>(db, terms, TERMS_PER_STATEMENT);
}
