import {
  SliceTotal,
  SliceVariant,
  sliceVariantKey,
} from '@reliability-suite/plugin-reliability-common';

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
