import { Knex } from 'knex';
import { LIMIT_IN_TEXT } from '../database/limitInText';

const EPISODES = 'reliability_alert_episodes';
const CURSORS = 'reliability_alert_episode_cursors';

export type AlertSeverity = 'page' | 'ticket';

/** A burn-rate alert episode of one objective, as kept. */
export type AlertEpisodeRecord = {
  sloRef: string;
  objective: string;
  severity: AlertSeverity;
  serviceRef: string;
  start: number;
  firedAt: number;
  /** Null while it still fires. */
  end: number | null;
  peakBurnRate: number;
};

type Row = Record<string, any>;

const toRecord = (r: Row): AlertEpisodeRecord => ({
  sloRef: r.slo_ref,
  objective: r.objective,
  severity: r.severity,
  serviceRef: r.service_ref,
  start: Number(r.start_at),
  firedAt: Number(r.fired_at),
  end: r.end_at === null ? null : Number(r.end_at),
  peakBurnRate: Number(r.peak_burn_rate),
});

/**
 * Burn-rate alert episodes replayed from SLI data, kept after the data are gone, with the
 * replay cursor of each objective. Episodes are keyed by (SLO, objective, severity, start):
 * writing one twice updates it.
 */
export class AlertEpisodeStore {
  constructor(private readonly db: Knex) {}

  /** Where the last replay of an objective stopped; undefined before the first. */
  async cursor(sloRef: string, objective: string): Promise<number | undefined> {
    const row = await this.db(CURSORS)
      .where({ slo_ref: sloRef, objective })
      .first('replayed_until')
      .limit(1, LIMIT_IN_TEXT);
    return row ? Number(row.replayed_until) : undefined;
  }

  /**
   * Replaces what a replay from `from` found for an objective (both severities): episodes
   * that fired at or after `from` are deleted and the new ones written, and the cursor
   * moves to `replayedUntil`, all in one transaction. Data pushed late can make an
   * episode shorter or go away; a replay is the truth for the span it covers.
   */
  async replace(
    sloRef: string,
    objective: string,
    from: number,
    episodes: AlertEpisodeRecord[],
    replayedUntil: number,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(EPISODES)
        .where({ slo_ref: sloRef, objective })
        .andWhere('fired_at', '>=', from)
        .delete();
      for (let i = 0; i < episodes.length; i += 200) {
        await tx(EPISODES)
          .insert(
            episodes.slice(i, i + 200).map(e => ({
              slo_ref: e.sloRef,
              objective: e.objective,
              severity: e.severity,
              service_ref: e.serviceRef,
              start_at: e.start,
              fired_at: e.firedAt,
              end_at: e.end,
              peak_burn_rate: e.peakBurnRate,
            })),
          )
          // An episode that fired before `from` is found again when its replay resumes
          // at its first step: same key, updated end and peak.
          .onConflict(['slo_ref', 'objective', 'severity', 'start_at'])
          .merge(['fired_at', 'end_at', 'peak_burn_rate', 'service_ref']);
      }
      await tx(CURSORS)
        .insert({ slo_ref: sloRef, objective, replayed_until: replayedUntil })
        .onConflict(['slo_ref', 'objective'])
        .merge(['replayed_until']);
    });
  }

  /** Episodes of these services that fired in `[from, to)`, oldest first. */
  async listByServices(
    serviceRefs: string[],
    from: number,
    to: number,
  ): Promise<AlertEpisodeRecord[]> {
    const out: AlertEpisodeRecord[] = [];
    for (let i = 0; i < serviceRefs.length; i += 500) {
      const rows: Row[] = await this.db(EPISODES)
        .whereIn('service_ref', serviceRefs.slice(i, i + 500))
        .andWhere('fired_at', '>=', from)
        .andWhere('fired_at', '<', to)
        .orderBy([
          { column: 'fired_at', order: 'asc' },
          { column: 'slo_ref', order: 'asc' },
          { column: 'objective', order: 'asc' },
          { column: 'severity', order: 'asc' },
        ]);
      out.push(...rows.map(toRecord));
    }
    return out.sort((a, b) => a.firedAt - b.firedAt);
  }

  /** Deletes episodes that fired before `cutoff` (kept far longer than SLI data). */
  async deleteOlderThan(cutoff: number): Promise<number> {
    return this.db(EPISODES).where('fired_at', '<', cutoff).delete();
  }

  /** Forgets the cursors (not the episodes) of SLOs no longer in the catalog. */
  async deleteCursorsExcept(sloRefs: Set<string>): Promise<void> {
    const rows: Row[] = await this.db(CURSORS).distinct('slo_ref');
    const gone = rows.map(r => r.slo_ref).filter(r => !sloRefs.has(r));
    for (let i = 0; i < gone.length; i += 500) {
      await this.db(CURSORS)
        .whereIn('slo_ref', gone.slice(i, i + 500))
        .delete();
    }
  }
}
