import type { SloDefinition } from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { pushTo } from '../lib/pushTo';
import {
  indicatorOf,
  refinementsOf,
  sameRevision,
  SloRow,
  toRecord,
  toRevision,
} from './sloRecords';
import { planHistoryImport } from './sloHistoryImport';
import { VisibleRefs, whereVisible } from './visibleRefs';
import { LIMIT_IN_TEXT } from '../database/limitInText';

const TABLE = 'reliability_slos';
const REVISIONS = 'reliability_slo_revisions';

/** An SLO entity as the backend keeps it between catalog syncs. */
export interface SloRecord {
  sloRef: string;
  serviceRef: string;
  title: string;
  definition: SloDefinition;
  ownerRef?: string;
  systemRef?: string;
  definitionHash: string;
  /** The OpenSLO `spec` as written, for what the definition leaves out (SLI queries). */
  spec?: Record<string, unknown>;
  /** The SLO entity's `metadata.tags`; policies may count only tagged SLOs. */
  tags?: string[];
  /** Where the catalog read the entity from, when it says. */
  source?: { location?: string; url?: string };
  /** When the definition last changed; absent until it first changes. */
  revisedAt?: number;
}

/** One definition of an SLO, in force from when the catalog delivered it. */
export interface SloRevision {
  sloRef: string;
  revision: number;
  definition: SloDefinition;
  effectiveFrom: number;
  sourceLocation: string | null;
  sourceUrl: string | null;
  /** Imported history from before the catalog delivered the SLO. */
  imported: boolean;
  /** When the catalog delivered it; null for imported history. */
  deliveredAt: number | null;
  /** The SLO's indicator then (OpenSLO `spec.indicator`, or `{ref}` for an indicatorRef). */
  indicator: unknown;
}

/** An earlier definition to import, from before the catalog delivered the SLO. */
export interface SloHistoryItem {
  effectiveFrom: number;
  definition: SloDefinition;
  indicator: unknown;
  sourceLocation: string | null;
  sourceUrl: string | null;
}

/** A revision that changed an SLO, with the definition it replaced. */
export interface SloRefinement extends SloRevision {
  previous: SloDefinition;
  previousIndicator: unknown;
}

/** The SLO definitions the backend evaluates, synced from the catalog. */
export class SloStore {
  constructor(private readonly db: Knex) {}

  async get(sloRef: string): Promise<SloRecord | undefined> {
    const row = await this.db<SloRow>(TABLE)
      .where('slo_ref', sloRef)
      .first()
      .limit(1, LIMIT_IN_TEXT);
    return row ? toRecord(row) : undefined;
  }

  /**
   * The SLOs of these refs that exist, by ref, in one query per 500 refs: for list routes and
   * batches that would otherwise read them one by one.
   */
  async getMany(sloRefs: Iterable<string>): Promise<Map<string, SloRecord>> {
    const refs = [...new Set(sloRefs)];
    const out = new Map<string, SloRecord>();
    for (let i = 0; i < refs.length; i += 500) {
      const rows = await this.db<SloRow>(TABLE).whereIn(
        'slo_ref',
        refs.slice(i, i + 500),
      );
      for (const row of rows) out.set(row.slo_ref, toRecord(row));
    }
    return out;
  }

  async list(): Promise<SloRecord[]> {
    return (await this.db<SloRow>(TABLE).orderBy('slo_ref')).map(toRecord);
  }

  async listByService(serviceRef: string): Promise<SloRecord[]> {
    return (await this.listByServices([serviceRef])).get(serviceRef) ?? [];
  }

  /**
   * The SLOs of these services by service (in `slo_ref` order; a service without SLOs has no
   * entry), in one query per 500 services: a batch's policy evaluation reads them together.
   */
  async listByServices(
    serviceRefs: Iterable<string>,
  ): Promise<Map<string, SloRecord[]>> {
    const refs = [...new Set(serviceRefs)];
    const out = new Map<string, SloRecord[]>();
    for (let i = 0; i < refs.length; i += 500) {
      const rows = await this.db<SloRow>(TABLE)
        .whereIn('service_ref', refs.slice(i, i + 500))
        .orderBy('slo_ref');
      for (const row of rows) pushTo(out, row.service_ref, toRecord(row));
    }
    return out;
  }

  /** Inserts or updates the given SLOs; returns the refs whose definition changed. */
  async upsert(records: SloRecord[], now = Date.now()): Promise<string[]> {
    if (records.length === 0) return [];
    const existing = new Map(
      (
        await this.db<SloRow>(TABLE)
          .select('slo_ref', 'definition_hash')
          .whereIn(
            'slo_ref',
            records.map(r => r.sloRef),
          )
      ).map(r => [r.slo_ref, r.definition_hash]),
    );
    const rows = records.map(r => ({
      slo_ref: r.sloRef,
      service_ref: r.serviceRef,
      title: r.title,
      definition: JSON.stringify(r.definition),
      owner_ref: r.ownerRef ?? null,
      system_ref: r.systemRef ?? null,
      definition_hash: r.definitionHash,
      synced_at: now,
      spec: r.spec ? JSON.stringify(r.spec) : null,
      tags: JSON.stringify(r.tags ?? []),
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await this.db(TABLE)
        .insert(rows.slice(i, i + 200))
        .onConflict('slo_ref')
        .merge();
    }
    const changed = records.filter(
      r => existing.get(r.sloRef) !== r.definitionHash,
    );
    await this.recordRevisions(changed, now);
    return changed.map(r => r.sloRef);
  }

  /**
   * Keeps a revision for each SLO whose definition differs from its latest revision (the
   * hash also covers the title and the service, which are not refinements of the SLO).
   */
  private async recordRevisions(records: SloRecord[], now: number) {
    for (let i = 0; i < records.length; i += 200) {
      const chunk = records.slice(i, i + 200);
      const latest = new Map<
        string,
        { revision: number; definition: string; indicator: string | null }
      >();
      const rows = await this.db(REVISIONS)
        .select('slo_ref', 'revision', 'definition', 'indicator')
        .whereIn(
          'slo_ref',
          chunk.map(r => r.sloRef),
        )
        .orderBy('revision', 'asc');
      for (const row of rows) latest.set(row.slo_ref, row);
      const inserts = chunk.flatMap(r => {
        const definition = JSON.stringify(r.definition);
        const found = indicatorOf(r.spec);
        const indicator = found === null ? null : JSON.stringify(found);
        const last = latest.get(r.sloRef);
        if (last && sameRevision(last, { definition, indicator })) return [];
        return [
          {
            slo_ref: r.sloRef,
            revision: (last?.revision ?? 0) + 1,
            definition,
            indicator,
            effective_from: now,
            delivered_at: now,
            source_location: r.source?.location ?? null,
            source_url: r.source?.url ?? null,
          },
        ];
      });
      if (inserts.length > 0) {
        // Two replicas syncing the same change at once: the unique revision number lets
        // one of them record it.
        await this.db(REVISIONS)
          .insert(inserts)
          .onConflict(['slo_ref', 'revision'])
          .ignore();
      }
      const revised = inserts.filter(r => r.revision > 1).map(r => r.slo_ref);
      if (revised.length > 0) {
        await this.db(TABLE)
          .whereIn('slo_ref', revised)
          .update({ revised_at: now });
      }
    }
  }

  /** The definitions the SLO has had, oldest first. */
  async revisions(sloRef: string): Promise<SloRevision[]> {
    const rows = await this.db(REVISIONS)
      .where('slo_ref', sloRef)
      .orderBy('revision', 'asc');
    return rows.map(toRevision);
  }

  /**
   * Replaces the SLO's imported history (its definitions before the catalog delivered it,
   * e.g. from git) with `items`, oldest first, all in one transaction. Every item must
   * precede the first delivery; the last may say since when the first delivered
   * definition has been in force, by being equal to it. Returns the revisions kept.
   */
  async importHistory(
    sloRef: string,
    items: SloHistoryItem[],
  ): Promise<{ imported: number; merged: boolean; totalCount: number }> {
    return this.db.transaction(async tx => {
      const rows = await tx(REVISIONS)
        .where('slo_ref', sloRef)
        .orderBy('revision', 'asc');
      const delivered = rows.filter(r => !r.imported);
      const { merged, stored, last } = planHistoryImport(
        sloRef,
        items,
        delivered,
      );

      await tx(REVISIONS)
        .where('slo_ref', sloRef)
        .andWhere('imported', true)
        .delete();
      // Renumber the delivered revisions after the imported ones, through negative numbers
      // so that no step collides with the unique (slo_ref, revision).
      for (const r of delivered) {
        await tx(REVISIONS)
          .where('id', r.id)
          .update({ revision: -Number(r.id) });
      }
      for (const [i, r] of delivered.entries()) {
        await tx(REVISIONS)
          .where('id', r.id)
          .update({
            revision: stored.length + i + 1,
            effective_from:
              i === 0 && merged
                ? last.effectiveFrom
                : Number(r.delivered_at ?? r.effective_from),
          });
      }
      if (stored.length > 0) {
        await tx(REVISIONS).insert(
          stored.map((item, i) => ({
            slo_ref: sloRef,
            revision: i + 1,
            definition: JSON.stringify(item.definition),
            indicator:
              item.indicator === null ? null : JSON.stringify(item.indicator),
            effective_from: item.effectiveFrom,
            delivered_at: null,
            imported: true,
            source_location: item.sourceLocation,
            source_url: item.sourceUrl,
          })),
        );
      }
      const totalCount = stored.length + delivered.length;
      const latest = await tx(REVISIONS)
        .where('slo_ref', sloRef)
        .max({ at: 'effective_from' })
        .first()
        .limit(1, LIMIT_IN_TEXT);
      await tx(TABLE)
        .where('slo_ref', sloRef)
        .update({ revised_at: totalCount > 1 ? Number(latest?.at) : null });
      return { imported: stored.length, merged, totalCount };
    });
  }

  /**
   * The changes of definition across all SLOs (revisions after the first), newest first,
   * each with the definition it replaced.
   */
  async refinements(options: {
    since?: number;
    /** Only SLOs the caller may see, of services the caller may see (all without a set). */
    visible?: VisibleRefs;
    limit: number;
    offset: number;
  }): Promise<{ items: SloRefinement[]; totalCount: number }> {
    const base = () => {
      const q = this.db(REVISIONS).where('revision', '>', 1);
      if (options.since !== undefined) {
        q.andWhere('effective_from', '>=', options.since);
      }
      if (options.visible) {
        q.whereIn(
          'slo_ref',
          whereVisible(
            this.db,
            whereVisible(
              this.db,
              this.db(TABLE).select('slo_ref'),
              'slo_ref',
              options.visible,
            ),
            'service_ref',
            options.visible,
          ),
        );
      }
      return q;
    };
    const [{ count }] = await base().count({ count: '*' });
    const rows = await base()
      .orderBy([
        { column: 'effective_from', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit, LIMIT_IN_TEXT)
      .offset(options.offset);
    const previous = new Map<
      string,
      { definition: string; indicator: string | null }
    >();
    if (rows.length > 0) {
      const prev = await this.db(REVISIONS)
        .select('slo_ref', 'revision', 'definition', 'indicator')
        .where(q => {
          for (const r of rows) {
            q.orWhere(w =>
              w
                .where('slo_ref', r.slo_ref)
                .andWhere('revision', Number(r.revision) - 1),
            );
          }
        });
      for (const p of prev) {
        previous.set(`${p.slo_ref}\u0000${p.revision}`, p);
      }
    }
    return {
      totalCount: Number(count),
      items: refinementsOf(rows, previous),
    };
  }

  /** Deletes the SLOs not in `keep`; returns the deleted refs. */
  async deleteAllExcept(keep: Set<string>): Promise<string[]> {
    const all = await this.db<SloRow>(TABLE).select('slo_ref');
    const gone = all.map(r => r.slo_ref).filter(ref => !keep.has(ref));
    for (let i = 0; i < gone.length; i += 200) {
      await this.db(TABLE)
        .whereIn('slo_ref', gone.slice(i, i + 200))
        .delete();
    }
    return gone;
  }
}
