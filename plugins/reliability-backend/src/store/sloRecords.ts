import type { SloDefinition } from '@reliability-suite/plugin-reliability-common';
import type { SloRecord, SloRefinement, SloRevision } from './SloStore';

/**
 * Pure mapping of the SLO tables' rows: SLOs and revisions as the store answers them, the
 * indicator a revision keeps, and when two revisions define the same SLO.
 */

export interface SloRow {
  slo_ref: string;
  service_ref: string;
  title: string;
  definition: string;
  owner_ref: string | null;
  system_ref: string | null;
  definition_hash: string;
  synced_at: string | number;
  spec: string | null;
  tags: string | null;
  revised_at?: string | number | null;
}

/**
 * The indicator of an OpenSLO spec, as revisions keep it: what the SLI measures is part of
 * the SLO's definition, though the engine does not need it.
 */
export function indicatorOf(
  spec: Record<string, unknown> | undefined,
): unknown {
  if (!spec) return null;
  if (spec.indicator !== undefined) return spec.indicator;
  return spec.indicatorRef !== undefined ? { ref: spec.indicatorRef } : null;
}

/**
 * Whether two revisions define the same SLO: the same definition and indicator. An unknown
 * indicator (null: kept before indicators were) matches any.
 */
export const sameRevision = (
  a: { definition: string; indicator: string | null },
  b: { definition: string; indicator: string | null },
) =>
  a.definition === b.definition &&
  (a.indicator === null || b.indicator === null || a.indicator === b.indicator);

export function toRevision(r: any): SloRevision {
  return {
    sloRef: r.slo_ref,
    revision: Number(r.revision),
    definition: JSON.parse(r.definition),
    effectiveFrom: Number(r.effective_from),
    sourceLocation: r.source_location,
    sourceUrl: r.source_url,
    imported: Boolean(r.imported),
    deliveredAt:
      r.delivered_at === null || r.delivered_at === undefined
        ? null
        : Number(r.delivered_at),
    indicator: r.indicator ? JSON.parse(r.indicator) : null,
  };
}

export function toRecord(row: SloRow): SloRecord {
  return {
    sloRef: row.slo_ref,
    serviceRef: row.service_ref,
    title: row.title,
    definition: JSON.parse(row.definition),
    ownerRef: row.owner_ref ?? undefined,
    systemRef: row.system_ref ?? undefined,
    definitionHash: row.definition_hash,
    spec: row.spec ? JSON.parse(row.spec) : undefined,
    tags: row.tags ? JSON.parse(row.tags) : [],
    ...(row.revised_at !== null && row.revised_at !== undefined
      ? { revisedAt: Number(row.revised_at) }
      : {}),
  };
}

/** The revisions paired with the definition each replaced (`previous`: by ref and revision). */
export function refinementsOf(
  rows: any[],
  previous: Map<string, { definition: string; indicator: string | null }>,
): SloRefinement[] {
  return rows.flatMap(r => {
    const before = previous.get(`${r.slo_ref}\u0000${Number(r.revision) - 1}`);
    return before
      ? [
          {
            ...toRevision(r),
            previous: JSON.parse(before.definition) as SloDefinition,
            previousIndicator: before.indicator
              ? JSON.parse(before.indicator)
              : null,
          },
        ]
      : [];
  });
}
