import type { SloDefinition } from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';

const TABLE = 'reliability_slos';

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
}

interface SloRow {
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
}

function toRecord(row: SloRow): SloRecord {
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
  };
}

/** The SLO definitions the backend evaluates, synced from the catalog. */
export class SloStore {
  constructor(private readonly db: Knex) {}

  async get(sloRef: string): Promise<SloRecord | undefined> {
    const row = await this.db<SloRow>(TABLE).where('slo_ref', sloRef).first();
    return row ? toRecord(row) : undefined;
  }

  async list(): Promise<SloRecord[]> {
    return (await this.db<SloRow>(TABLE).orderBy('slo_ref')).map(toRecord);
  }

  async listByService(serviceRef: string): Promise<SloRecord[]> {
    return (
      await this.db<SloRow>(TABLE)
        .where('service_ref', serviceRef)
        .orderBy('slo_ref')
    ).map(toRecord);
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
    return records
      .filter(r => existing.get(r.sloRef) !== r.definitionHash)
      .map(r => r.sloRef);
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
