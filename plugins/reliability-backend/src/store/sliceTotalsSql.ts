import {
  SliBucket,
  SliceVariant,
  sliceRecomputation,
  sliceTotalsOf,
  sliceVariantKey,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { mapConcurrently } from '../lib/mapConcurrently';
import { isPostgres } from '../database/isPostgres';
import { STALE_TOTALS, TABLE } from './sliBucketSql';
import { rebuildMany } from './sliceRebuildMany';
import { bucketOf, insertRebuiltSliceTotals } from './sliceRebuildPaged';
import {
  SLICES,
  SLICE_COLUMNS,
  SliceRow,
  VARIANTS,
  VariantKey,
  floorOf,
  keyOf,
  toTotal,
} from './sliceTotalsRows';
import { LIMIT_IN_TEXT } from '../database/limitInText';

export { SLICES, VARIANTS } from './sliceTotalsRows';
export type { VariantKey } from './sliceTotalsRows';

/**
 * The store's part of slice totals (see `sliceTotals.ts` of -common and the README's
 * "Slice totals"): marking variants stale, rebuilding them from the mark, retention.
 *
 * Locks: a writer marks the variants of its objectives after its stale marks of the
 * events' totals (which already order writers per objective), one objective at a time
 * in key order, as the roll-up does; a rebuild holds one variant's row lock at a time.
 * So no two of them wait on each other in a cycle.
 */

/**
 * "Stale from the beginning of time": a new variant is built from every bucket. 2^50, not
 * 2^53: the slice grid's arithmetic on it stays exact.
 */
const ALL = -(2 ** 50);
/** Variants rebuilt at once by one settle. */
const REBUILDS_AT_ONCE = 4;
/** Objectives per read of the registry (two parameters each). */
const OBJECTIVES_PER_READ = 200;

const byKey = (
  a: { sloRef: string; objective: string },
  b: { sloRef: string; objective: string },
) =>
  a.sloRef === b.sloRef
    ? a.objective.localeCompare(b.objective)
    : a.sloRef.localeCompare(b.sloRef);

/**
 * Marks every variant of the objectives stale from `since` on, in the transaction of the
 * write or roll-up that changed their buckets. An objective without variants (any
 * Occurrences one) costs one update of no row.
 */
export async function markSliceTotalsStale(
  tx: Knex,
  changes: ReadonlyArray<{ sloRef: string; objective: string; since: number }>,
): Promise<void> {
  const least = isPostgres(tx) ? 'least' : 'min';
  const earliest = new Map<string, (typeof changes)[number]>();
  for (const c of changes) {
    const k = JSON.stringify([c.sloRef, c.objective]);
    const seen = earliest.get(k);
    if (!seen || c.since < seen.since) earliest.set(k, c);
  }
  // Only objectives with variants: a plain read first, so that a push of Occurrences
  // objectives adds one statement and no lock to its transaction, which holds its stale
  // marks of the events' totals meanwhile (a longer hold made the batch recomputation's
  // deletion of settled marks deadlock with pushes).
  const refs = [...new Set(changes.map(c => c.sloRef))];
  const withVariants = new Set<string>();
  for (let i = 0; i < refs.length; i += 500) {
    const rows: Array<{ slo_ref: string; objective: string }> = await tx(
      VARIANTS,
    )
      .whereIn('slo_ref', refs.slice(i, i + 500))
      .distinct('slo_ref', 'objective');
    for (const r of rows)
      withVariants.add(JSON.stringify([r.slo_ref, r.objective]));
  }
  if (withVariants.size === 0) return;
  for (const c of [...earliest.values()].sort(byKey)) {
    if (!withVariants.has(JSON.stringify([c.sloRef, c.objective]))) continue;
    await tx(VARIANTS)
      .where({ slo_ref: c.sloRef, objective: c.objective })
      .update({
        stale_since: tx.raw(`${least}(coalesce(??, ?), ?)`, [
          'stale_since',
          c.since,
          c.since,
        ]),
        version: tx.raw('?? + 1', ['version']),
      });
  }
}

/**
 * Registers the variants an evaluation asks for; a new one is stale from the start.
 *
 * A push marks only the variants it sees, so one in flight while a variant is registered
 * must not go unseen by both: the registration first takes the objective's stale mark of
 * the events' totals, as a push does (a mark "from the end of time", which changes
 * nothing), so it waits for a push holding it, whose buckets the build then reads, or a
 * later push waits for it and then sees the variant.
 */
async function register(db: Knex, keys: readonly VariantKey[]): Promise<void> {
  for (const k of keys) {
    await db.transaction(async tx => {
      await tx(STALE_TOTALS)
        .insert({
          slo_ref: k.sloRef,
          objective: k.objective,
          since: Number.MAX_SAFE_INTEGER,
          version: 1,
        })
        .onConflict(['slo_ref', 'objective'])
        .merge({ version: tx.raw('??.??', [STALE_TOTALS, 'version']) });
      await tx(VARIANTS)
        .insert({
          ...keyOf(k),
          method: k.variant.method,
          slice_ms: k.variant.sliceMs,
          slice_origin: k.variant.sliceOrigin,
          time_slice_target: k.variant.timeSliceTarget,
          stale_since: ALL,
          version: 1,
        })
        .onConflict(['slo_ref', 'objective', 'variant'])
        .ignore();
    });
  }
}

/**
 * Rebuilds each stale variant from its mark on (`sliceRecomputation`) in a transaction
 * holding its registry row: two replicas never rebuild one variant at once, and a write
 * waits to mark it until the rebuild, which read the buckets before that write, has
 * committed. The mark is cleared only if no write came meanwhile. A batch's variants are
 * rebuilt together (`rebuildMany`), but for those another transaction holds.
 */
export async function settleSliceTotals(
  db: Knex,
  keys: readonly VariantKey[],
): Promise<void> {
  const unique = [
    ...new Map(
      keys.map(k => [
        JSON.stringify([k.sloRef, k.objective, sliceVariantKey(k.variant)]),
        k,
      ]),
    ).values(),
  ];
  // One read per OBJECTIVES_PER_READ objectives says which variants exist and which are
  // stale: the usual evaluation batch, of fresh variants, opens no transaction.
  const objectives = [
    ...new Map(
      unique.map(k => [JSON.stringify([k.sloRef, k.objective]), k]),
    ).values(),
  ];
  const state = new Map<string, boolean>();
  for (let i = 0; i < objectives.length; i += OBJECTIVES_PER_READ) {
    const rows: Array<{
      slo_ref: string;
      objective: string;
      variant: string;
      stale_since: unknown;
    }> = await db(VARIANTS)
      .whereIn(
        ['slo_ref', 'objective'],
        objectives
          .slice(i, i + OBJECTIVES_PER_READ)
          .map(o => [o.sloRef, o.objective]),
      )
      .select('slo_ref', 'objective', 'variant', 'stale_since');
    for (const r of rows) {
      state.set(
        JSON.stringify([r.slo_ref, r.objective, r.variant]),
        r.stale_since !== null,
      );
    }
  }
  const stateOf = (k: VariantKey) =>
    state.get(
      JSON.stringify([k.sloRef, k.objective, sliceVariantKey(k.variant)]),
    );
  await register(
    db,
    unique.filter(k => stateOf(k) === undefined),
  );
  // All at once in one transaction (`rebuildMany`); a variant it did not lock (held by a
  // push or another replica) alone, waiting for it, a few at a time: each of those
  // transactions holds one variant's lock, so they never wait on each other.
  const left = await rebuildMany(
    db,
    unique.filter(k => stateOf(k) !== false),
  );
  await mapConcurrently(left, REBUILDS_AT_ONCE, k => rebuild(db, k));
}

/** Rebuilds one variant from its mark on, if it still has one (see settleSliceTotals). */
function rebuild(db: Knex, k: VariantKey): Promise<void> {
  const key = keyOf(k);
  return db.transaction(async tx => {
    let q = tx(VARIANTS)
      .where(key)
      .first('stale_since', 'version')
      .limit(1, LIMIT_IN_TEXT);
    if (isPostgres(tx)) q = q.forUpdate();
    const mark = await q;
    if (!mark || mark.stale_since === null) return;
    const since = Number(mark.stale_since);
    const floor = floorOf(k.variant, since);
    // The rows around the mark's slice, in one statement: the last that stays (`kept`)
    // and the first that goes. Ordered by the column compared (rows do not overlap, so
    // both orders agree): a seek in the end index, where ordering by start walked the
    // variant's rows from the oldest up to the mark, a cost growing with the history.
    const around = (kept: boolean) =>
      `select * from (select ${SLICE_COLUMNS}, ${kept ? 1 : 0} as kept
       from ${SLICES} where slo_ref = ? and objective = ? and variant = ?
         and slice_end ${kept ? '<=' : '>'} ? order by slice_end ${
        kept ? 'desc' : 'asc'
      } limit 1) ${kept ? 'k' : 'e'}`;
    const bindings = [key.slo_ref, key.objective, key.variant, floor];
    const result = await tx.raw(`${around(true)} union all ${around(false)}`, [
      ...bindings,
      ...bindings,
    ]);
    const found: Array<SliceRow & { kept: number | boolean }> = isPostgres(tx)
      ? result.rows
      : result;
    // The pure rule over the rows that decide it: the last kept, the first rebuilt
    // (without a kept row, the oldest, whose origin the rebuild continues).
    const plan = sliceRecomputation(
      [
        ...found.filter(r => Number(r.kept) === 1),
        ...found.filter(r => Number(r.kept) !== 1),
      ].map(toTotal),
      k.variant,
      since,
    );
    await tx(SLICES).where(key).andWhere('slice_end', '>', floor).delete();
    await insertRebuiltSliceTotals(tx, k, plan.readFrom, plan.base);
    await tx(VARIANTS)
      .where({ ...key, version: mark.version })
      .update({ stale_since: null });
  });
}

async function readBuckets(
  tx: Knex,
  k: { sloRef: string; objective: string },
  from: number,
  to: number = Number.MAX_SAFE_INTEGER,
): Promise<SliBucket[]> {
  const rows = await tx(TABLE)
    .select('bucket_start', 'resolution_ms', 'good', 'total')
    .where({ slo_ref: k.sloRef, objective: k.objective })
    .andWhere('bucket_start', '>=', from)
    .andWhere('bucket_start', '<', to)
    .orderBy('bucket_start', 'asc');
  return rows.map(bucketOf);
}

/**
 * After retention deleted the buckets before `cutoff`: rows ended by it go; the slice it
 * cuts keeps its running sums and is re-judged by its buckets left (`retainSliceTotals`).
 */
export async function retainSliceTotals(
  db: Knex,
  cutoff: number,
): Promise<void> {
  await db(SLICES).where('slice_end', '<=', cutoff).delete();
  const cut: Array<SliceRow & Record<string, string | number>> = await db(
    SLICES,
  )
    .join(VARIANTS, function on() {
      this.on(`${SLICES}.slo_ref`, `${VARIANTS}.slo_ref`)
        .andOn(`${SLICES}.objective`, `${VARIANTS}.objective`)
        .andOn(`${SLICES}.variant`, `${VARIANTS}.variant`);
    })
    .where(`${SLICES}.slice_start`, '<', cutoff)
    .select(
      `${SLICES}.*`,
      'method',
      'slice_ms',
      'slice_origin',
      'time_slice_target',
    );
  for (const c of cut) {
    const variant: SliceVariant = {
      method: c.method as SliceVariant['method'],
      sliceMs: Number(c.slice_ms),
      sliceOrigin: Number(c.slice_origin),
      timeSliceTarget: Number(c.time_slice_target),
    };
    const k = { sloRef: String(c.slo_ref), objective: String(c.objective) };
    const key = { ...keyOf({ ...k, variant }), slice_start: c.slice_start };
    await db.transaction(async tx => {
      let q = tx(VARIANTS)
        .where(keyOf({ ...k, variant }))
        .first('version')
        .limit(1, LIMIT_IN_TEXT);
      if (isPostgres(tx)) q = q.forUpdate();
      await q;
      const buckets = await readBuckets(tx, k, cutoff, Number(c.slice_end));
      const [remnant] = sliceTotalsOf(buckets, variant);
      if (!remnant) {
        await tx(SLICES).where(key).delete();
      } else {
        await tx(SLICES)
          .where(key)
          .update({ weight: remnant.weight, credit: remnant.credit });
      }
    });
  }
}
