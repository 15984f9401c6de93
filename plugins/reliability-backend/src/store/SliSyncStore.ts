import type { SliSourceErrorKind } from '@reliability-suite/plugin-reliability-node';
import { Knex } from 'knex';
import { LIMIT_IN_TEXT } from '../database/limitInText';

export const SLI_SYNC_TABLE = 'reliability_sli_sync';
const TABLE = SLI_SYNC_TABLE;

/**
 * ok: data is current; stale: the source could not be reached, data stops at the
 * watermark; error: the source answered but the SLI cannot be read (bad query, no or
 * several series, configuration).
 */
export type SyncState = 'ok' | 'stale' | 'error';

export interface SyncRecord {
  sloRef: string;
  objective: string;
  sourceType: string;
  watermark: number | null;
  state: SyncState;
  errorKind: SliSourceErrorKind | null;
  reason: string | null;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
}

export interface SyncRow {
  slo_ref: string;
  objective: string;
  source_type: string;
  watermark: string | number | null;
  state: SyncState;
  error_kind: SliSourceErrorKind | null;
  reason: string | null;
  last_attempt_at: string | number | null;
  last_success_at: string | number | null;
}

const num = (v: string | number | null) => (v === null ? null : Number(v));

/** A row of the table as a record (also for reads that join the table, e.g. StatusStore's). */
export function toSyncRecord(row: SyncRow): SyncRecord {
  return {
    sloRef: row.slo_ref,
    objective: row.objective,
    sourceType: row.source_type,
    watermark: num(row.watermark),
    state: row.state,
    errorKind: row.error_kind,
    reason: row.reason,
    lastAttemptAt: num(row.last_attempt_at),
    lastSuccessAt: num(row.last_success_at),
  };
}

/** How far each pulled objective's data reaches, and the health of its source. */
export class SliSyncStore {
  constructor(private readonly db: Knex) {}

  async get(
    sloRef: string,
    objective: string,
  ): Promise<SyncRecord | undefined> {
    const row = await this.db<SyncRow>(TABLE)
      .where({ slo_ref: sloRef, objective })
      .first()
      .limit(1, LIMIT_IN_TEXT);
    return row ? toSyncRecord(row) : undefined;
  }

  async listBySlos(sloRefs: string[]): Promise<SyncRecord[]> {
    if (sloRefs.length === 0) return [];
    const rows: SyncRow[] = [];
    for (let i = 0; i < sloRefs.length; i += 200) {
      rows.push(
        ...(await this.db<SyncRow>(TABLE).whereIn(
          'slo_ref',
          sloRefs.slice(i, i + 200),
        )),
      );
    }
    return rows.map(toSyncRecord);
  }

  async put(record: SyncRecord): Promise<void> {
    await this.db(TABLE)
      .insert({
        slo_ref: record.sloRef,
        objective: record.objective,
        source_type: record.sourceType,
        watermark: record.watermark,
        state: record.state,
        error_kind: record.errorKind,
        reason: record.reason,
        last_attempt_at: record.lastAttemptAt,
        last_success_at: record.lastSuccessAt,
      })
      .onConflict(['slo_ref', 'objective'])
      .merge();
  }

  async deleteForSlos(sloRefs: string[]): Promise<void> {
    for (let i = 0; i < sloRefs.length; i += 200) {
      await this.db(TABLE)
        .whereIn('slo_ref', sloRefs.slice(i, i + 200))
        .delete();
    }
  }
}
