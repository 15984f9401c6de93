import {
  SliBucket,
  sliceRecomputation,
  sliceTotalsOf,
  sliceVariantKey,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { unionAllRows } from './unionAllRows';
import { isPostgres } from '../database/isPostgres';
import { TABLE } from './sliBucketSql';
import {
  BucketRow,
  NO_LATER_THAN,
  bucketOf,
  insertRebuiltSliceTotals,
} from './sliceRebuildPaged';
import {
  SLICES,
  SLICE_COLUMNS,
  SliceRow,
  VARIANTS,
  VariantKey,
  floorOf,
  insertSliceTotals,
  keyOf,
  toTotal,
} from './sliceTotalsRows';

/**
 * The rebuild of a batch's stale slice variants (see `settleSliceTotals`) in one
 * transaction and a number of statements that does not grow with the batch: lock the
 * marks, read the rows around them, read the buckets since, delete and insert the rows,
 * clear the marks. A variant in a group of its own (a long history) reads its buckets a
 * page at a time (`insertRebuiltSliceTotals`).
 *
 * Locks: the marks are taken with SKIP LOCKED on PostgreSQL, so the batch never waits for
 * a variant's lock while holding others (a push locks its variants in its own order, and
 * one waiting for a lock the batch holds while the batch waited for one it holds would be
 * a deadlock). It then touches only the rows of the variants it holds. A variant it skips
 * (a push or another replica holds it) is left to the caller, which rebuilds it alone.
 */

/** Variants per SQLite statement: SQLite caps a compound SELECT at 500 terms. */
const TERMS_PER_STATEMENT = 200;
/** Variants per delete and per clearing of marks (four parameters each). */
const VARIANTS_PER_STATEMENT = 100;
/**
 * The span of buckets (in minutes, the ingest resolution) one group of variants reads at
 * once: a batch must not hold many variants' long histories in memory together (a new
 * variant reads every bucket of its objective: a group of its own, read a page at a time).
 */
const GROUP_MINUTES = 20_000;

/** A variant locked for its rebuild. */
interface Locked {
  n: number;
  k: VariantKey;
  since: number;
  version: number;
}

const variantText = (k: VariantKey) => sliceVariantKey(k.variant);

/**
 * Rebuilds the variants from their marks on; returns the ones it did not lock (another
 * transaction held them, or a rebuild already cleared their mark), for the caller to
 * settle alone.
 */
export async function rebuildMany(
  db: Knex,
  keys: readonly VariantKey[],
): Promise<VariantKey[]> {
  if (keys.length === 0) return [];
  return db.transaction(async tx => {
    const locked = await lockMarks(tx, keys);
    const held = new Set(locked.map(l => l.n));
    const around = await readAround(tx, locked);
    const plans = locked.map(l => {
      const rows = around.get(l.n) ?? { rows: [], newest: undefined };
      return {
        ...l,
        floor: floorOf(l.k.variant, l.since),
        newest: rows.newest,
        ...sliceRecomputation(rows.rows.map(toTotal), l.k.variant, l.since),
      };
    });
    // Groups of at most GROUP_MINUTES of buckets (one longer is a group of its own).
    const groups: Array<typeof plans> = [[]];
    let minutes = 0;
    for (const p of plans) {
      const span =
        p.newest === undefined
          ? 0
          : Math.max(0, (p.newest - p.readFrom) / 60_000);
      if (
        groups[groups.length - 1].length > 0 &&
        minutes + span > GROUP_MINUTES
      ) {
        groups.push([]);
        minutes = 0;
      }
      groups[groups.length - 1].push(p);
      minutes += span;
    }
    for (const group of groups) {
      if (group.length === 0) continue;
      for (let i = 0; i < group.length; i += VARIANTS_PER_STATEMENT) {
        await deleteRebuiltRows(tx, group.slice(i, i + VARIANTS_PER_STATEMENT));
      }
      if (group.length === 1) {
        // Maybe a long history (a new variant's): read a page at a time.
        const [p] = group;
        await insertRebuiltSliceTotals(tx, p.k, p.readFrom, p.base);
      } else {
        const buckets = await readBucketsSince(tx, group);
        await insertSliceTotals(
          tx,
          group.map(p => ({
            key: keyOf(p.k),
            totals: sliceTotalsOf(buckets.get(p.n) ?? [], p.k.variant, p.base),
          })),
        );
      }
      for (let i = 0; i < group.length; i += VARIANTS_PER_STATEMENT) {
        // Held, so at the version read; the check stays as the single rebuild's.
        await tx(VARIANTS)
          .whereIn(
            ['slo_ref', 'objective', 'variant', 'version'],
            group
              .slice(i, i + VARIANTS_PER_STATEMENT)
              .map(p => [
                p.k.sloRef,
                p.k.objective,
                variantText(p.k),
                p.version,
              ]),
          )
          .update({ stale_since: null });
      }
    }
    return keys.filter((_, n) => !held.has(n));
  });
}

/** The variants' marks, locked (skipping those another transaction holds). */
async function lockMarks(
  tx: Knex,
  keys: readonly VariantKey[],
): Promise<Locked[]> {
  const index = new Map(
    keys.map((k, n) => [
      JSON.stringify([k.sloRef, k.objective, variantText(k)]),
      n,
    ]),
  );
  const rows: Array<{
    slo_ref: string;
    objective: string;
    variant: string;
    stale_since: string | number;
    version: string | number;
  }> = [];
  for (let i = 0; i < keys.length; i += TERMS_PER_STATEMENT) {
    const chunk = keys.slice(i, i + TERMS_PER_STATEMENT);
    let q = tx(VARIANTS)
      .whereIn(
        ['slo_ref', 'objective', 'variant'],
        chunk.map(k => [k.sloRef, k.objective, variantText(k)]),
      )
      .whereNotNull('stale_since')
      .select('slo_ref', 'objective', 'variant', 'stale_since', 'version');
    if (isPostgres(tx)) q = q.forUpdate().skipLocked();
    rows.push(...(await q));
  }
  return rows.map(r => {
    const n = index.get(JSON.stringify([r.slo_ref, r.objective, r.variant]))!;
    return {
      n,
      k: keys[n],
      since: Number(r.stale_since),
      version: Number(r.version),
    };
  });
}

type AroundRow = SliceRow & {
  n: string | number;
  kept: string | number | null;
  newest: string | number | null;
};

/**
 * Per variant the rows around its mark's slice (the last that stays, `kept`, and the
 * first that goes: ordered by the column compared, a seek in the end index) and the start
 * of its objective's newest bucket (what bounds the buckets its rebuild reads).
 */
async function readAround(
  tx: Knex,
  locked: readonly Locked[],
): Promise<Map<number, { rows: SliceRow[]; newest: number | undefined }>> {
  const found = isPostgres(tx)
    ? await readAroundPostgres(tx, locked)
    : await readAroundUnion(tx, locked);
  const byVariant = new Map<
    number,
    { kept: SliceRow[]; first: SliceRow[]; newest: number | undefined }
  >();
  for (const l of locked) {
    byVariant.set(l.n, { kept: [], first: [], newest: undefined });
  }
  for (const r of found) {
    const v = byVariant.get(Number(r.n))!;
    if (r.kept === null) {
      v.newest = r.newest === null ? undefined : Number(r.newest);
    } else if (Number(r.kept) === 1) v.kept.push(r);
    else v.first.push(r);
  }
  // The pure rule takes the last kept row, then the first rebuilt.
  return new Map(
    [...byVariant].map(([n, v]) => [
      n,
      { rows: [...v.kept, ...v.first], newest: v.newest },
    ]),
  );
}

/**
 * PostgreSQL: the variants as array parameters, one lateral index seek per side, in one
 * statement whose plan does not depend on how many variants are asked (a UNION ALL of
 * three subqueries per variant was planned anew each time: 60 of them for 20 variants).
 */
async function readAroundPostgres(
  tx: Knex,
  locked: readonly Locked[],
): Promise<AroundRow[]> {
  const keys = locked.map(l => keyOf(l.k));
  const side = (kept: boolean) =>
    `select d.n, ${kept ? 1 : 0} as kept, null::bigint as newest, x.*
     from d cross join lateral (select ${SLICE_COLUMNS} from ${SLICES}
       where slo_ref = d.slo_ref and objective = d.objective and variant = d.variant
         and slice_end ${kept ? '<=' : '>'} d.floor
       order by slice_end ${kept ? 'desc' : 'asc'} limit 1) x`;
  const result = await tx.raw(
    `with d as (select * from unnest(?::integer[], ?::text[], ?::text[], ?::text[],
       ?::bigint[]) as d(n, slo_ref, objective, variant, floor))
     ${side(true)}
     union all ${side(false)}
     union all select d.n, null, (select max(bucket_start) from ${TABLE} b
         where b.slo_ref = d.slo_ref and b.objective = d.objective),
       null, null, null, null, null, null
     from d`,
    [
      locked.map(l => l.n),
      keys.map(k => k.slo_ref),
      keys.map(k => k.objective),
      keys.map(k => k.variant),
      locked.map(l => floorOf(l.k.variant, l.since)),
    ],
  );
  return result.rows;
}

/** SQLite: single-row index scans joined by UNION ALL, TERMS_PER_STATEMENT a statement. */
function readAroundUnion(
  tx: Knex,
  locked: readonly Locked[],
): Promise<AroundRow[]> {
  const terms = locked.flatMap(l => {
    const key = keyOf(l.k);
    const floor = floorOf(l.k.variant, l.since);
    const around = (kept: boolean) => ({
      sql: `select * from (select ${l.n} as n, ${kept ? 1 : 0} as kept,
           cast(null as bigint) as newest, ${SLICE_COLUMNS}
         from ${SLICES} where slo_ref = ? and objective = ? and variant = ?
           and slice_end ${kept ? '<=' : '>'} ?
         order by slice_end ${kept ? 'desc' : 'asc'} limit 1) as x`,
      bindings: [key.slo_ref, key.objective, key.variant, floor],
    });
    return [
      around(true),
      around(false),
      {
        sql: `select ${l.n} as n, null as kept, (select max(bucket_start) from ${TABLE}
             where slo_ref = ? and objective = ?) as newest, null as slice_start,
           null as slice_end, null as weight, null as credit, null as cum_weight,
           null as cum_credit`,
        bindings: [key.slo_ref, key.objective],
      },
    ];
  });
  return unionAllRows<AroundRow>(tx, terms, TERMS_PER_STATEMENT);
}

/**
 * Each variant's rows after its kept ones (ending after its `floor`): the ones its rebuild
 * writes again.
 */
async function deleteRebuiltRows(
  tx: Knex,
  variants: ReadonlyArray<{ k: VariantKey; floor: number }>,
): Promise<void> {
  if (isPostgres(tx)) {
    // One index range scan per variant (lateral). An OR of the variants' conditions was
    // planned as a scan of the whole table: 50 ms for 20 variants, a third of a batch.
    const keys = variants.map(p => keyOf(p.k));
    await tx.raw(
      `delete from ${SLICES} where ctid in (
         select t.ctid from unnest(?::text[], ?::text[], ?::text[], ?::bigint[])
           as d(slo_ref, objective, variant, floor)
         cross join lateral (select ctid from ${SLICES}
           where slo_ref = d.slo_ref and objective = d.objective
             and variant = d.variant and slice_end > d.floor) t)`,
      [
        keys.map(k => k.slo_ref),
        keys.map(k => k.objective),
        keys.map(k => k.variant),
        variants.map(p => p.floor),
      ],
    );
    return;
  }
  await tx(SLICES)
    .where(q => {
      for (const p of variants) {
        q.orWhere(w => w.where(keyOf(p.k)).andWhere('slice_end', '>', p.floor));
      }
    })
    .delete();
}

/**
 * Each variant's buckets from its `readFrom` on, oldest first, by variant (`n`). A UNION
 * ALL on PostgreSQL too: each term is planned with its own bounds; the lateral form over
 * array parameters (as `readAroundPostgres`) took 35-40 ms per statement in the evaluation
 * scenario's smoke run, ten times as long.
 */
async function readBucketsSince(
  tx: Knex,
  plans: ReadonlyArray<{ n: number; k: VariantKey; readFrom: number }>,
): Promise<Map<number, SliBucket[]>> {
  const terms = plans.map(p => ({
    sql: `select ${p.n} as n, bucket_start, resolution_ms, good, total from ${TABLE}
       where slo_ref = ? and objective = ? and bucket_start >= ?
         and bucket_start < ${NO_LATER_THAN}`,
    bindings: [p.k.sloRef, p.k.objective, p.readFrom],
  }));
  const rows = await unionAllRows<BucketRow & { n: string | number }>(
    tx,
    terms,
    TERMS_PER_STATEMENT,
    ' order by n, bucket_start, resolution_ms',
  );
  const buckets = new Map<number, SliBucket[]>();
  for (const r of rows) {
    const n = Number(r.n);
    const seen = buckets.get(n);
    if (seen) seen.push(bucketOf(r));
    else buckets.set(n, [bucketOf(r)]);
  }
  return buckets;
}
