import {
  SliceTotal,
  SliceVariant,
  sliceVariantKey,
} from '@reliability-suite/plugin-reliability-common';
import type { Knex } from 'knex';

/**
 * The slice totals' tables and rows, shared by their upkeep (`sliceTotalsSql.ts`), the
 * batch rebuild (`sliceRebuildMany.ts`) and the batch read (`sliceReadingsMany.ts`).
 */

export const VARIANTS = 'reliability_slice_variants';
export const SLICES = 'reliability_slice_totals';

/** An objective's variant. */
export interface VariantKey {
  sloRef: string;
  objective: string;
  variant: SliceVariant;
}

export interface SliceRow {
  slice_start: string | number;
  slice_end: string | number;
  weight: string | number;
  credit: string | number;
  cum_weight: string | number;
  cum_credit: string | number;
}

export const SLICE_COLUMNS =
  'slice_start, slice_end, weight, credit, cum_weight, cum_credit';

export const toTotal = (r: SliceRow): SliceTotal => ({
  start: Number(r.slice_start),
  end: Number(r.slice_end),
  weight: Number(r.weight),
  credit: Number(r.credit),
  cumWeight: Number(r.cum_weight),
  cumCredit: Number(r.cum_credit),
});

export const keyOf = (k: VariantKey) => ({
  slo_ref: k.sloRef,
  objective: k.objective,
  variant: sliceVariantKey(k.variant),
});

export function floorOf(v: SliceVariant, t: number): number {
  return (
    v.sliceOrigin + Math.floor((t - v.sliceOrigin) / v.sliceMs) * v.sliceMs
  );
}

export function originOf(oldest: SliceTotal) {
  return {
    cumWeight: oldest.cumWeight - oldest.weight,
    cumCredit: oldest.cumCredit - oldest.credit,
  };
}

/** Rows per insert of slice totals: 9 parameters each stays under SQLite's 999. */
export const ROWS_PER_INSERT = 100;
const INSERT_COLUMNS = `slo_ref, objective, variant, ${SLICE_COLUMNS}`;
/** The statement text by number of rows (every chunk but the last is full). */
const insertText = new Map<number, string>();

function insertStatement(rows: number): string {
  let text = insertText.get(rows);
  if (!text) {
    text = `insert into ${SLICES} (${INSERT_COLUMNS}) values ${Array.from(
      { length: rows },
      () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).join(', ')}`;
    insertText.set(rows, text);
  }
  return text;
}

/**
 * Inserts variants' slice totals, ROWS_PER_INSERT a statement across the variants (so a batch
 * of small variants is one statement), straight from the totals. Why not knex's insert
 * builder: it made an object per row and compiled every statement anew, about half of the
 * ~800 MB a first build of 40 objectives' 28-day slice totals allocated (docs/benchmark.md,
 * "session 8").
 */
export async function insertSliceTotals(
  tx: Knex,
  parts: ReadonlyArray<{
    key: ReturnType<typeof keyOf>;
    totals: readonly SliceTotal[];
  }>,
): Promise<void> {
  let bindings: Array<string | number> = [];
  let rows = 0;
  const flush = async () => {
    if (rows === 0) return;
    await tx.raw(insertStatement(rows), bindings);
    bindings = [];
    rows = 0;
  };
  for (const { key, totals } of parts) {
    for (const t of totals) {
      bindings.push(
        key.slo_ref,
        key.objective,
        key.variant,
        t.start,
        t.end,
        t.weight,
        t.credit,
        t.cumWeight,
        t.cumCredit,
      );
      if (++rows === ROWS_PER_INSERT) await flush();
    }
  }
  await flush();
}
