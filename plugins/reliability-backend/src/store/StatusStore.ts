import {
  sloUrgencyRank,
  type SloState,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { pushTo } from '../lib/pushTo';
import { isPostgres } from '../database/isPostgres';
import { VisibleRefs, whereVisible } from './visibleRefs';
import {
  SLI_SYNC_TABLE,
  type SyncRecord,
  type SyncRow,
  toSyncRecord,
} from './SliSyncStore';
import { LIMIT_IN_TEXT } from '../database/limitInText';

const TABLE = 'reliability_slo_status';
const SLOS = 'reliability_slos';
const POLICY = 'reliability_policy_status';
const FREEZES = 'reliability_freezes';

/** The columns of a sync record, as `toSyncRecord` reads them. */
const SYNC_COLUMNS = [
  'slo_ref',
  'objective',
  'source_type',
  'watermark',
  'state',
  'error_kind',
  'reason',
  'last_attempt_at',
  'last_success_at',
] as const;

/**
 * The state an objective is in (the API's SloState), worst first: out of budget, a
 * page-tier burn-rate alert firing, a ticket-tier alert firing, fine, or nothing to judge by.
 */
export type { SloState };

export interface StatusRecord<TStatus = unknown> {
  sloRef: string;
  objective: string;
  serviceRef: string;
  state: SloState;
  /** Budget remaining (fraction), null without data. */
  remaining: number | null;
  status: TStatus;
  evaluatedAt: number;
}

interface StatusRow {
  slo_ref: string;
  objective: string;
  service_ref: string;
  state: SloState;
  remaining: number | null;
  status: string;
  evaluated_at: string | number;
}

function toRecord<T>(row: StatusRow): StatusRecord<T> {
  return {
    sloRef: row.slo_ref,
    objective: row.objective,
    serviceRef: row.service_ref,
    state: row.state,
    remaining: row.remaining === null ? null : Number(row.remaining),
    status: JSON.parse(row.status),
    evaluatedAt: Number(row.evaluated_at),
  };
}

export interface StatusQuery {
  /**
   * Words that must each appear (case-insensitive) in the SLO's reference, title or an
   * objective's name, its service's reference or its owner's.
   */
  terms?: string[];
  ownerRef?: string;
  /** Only these services (e.g. those of one tier); an empty list matches nothing. */
  serviceRefs?: string[];
  systemRef?: string;
  state?: SloState;
  serviceRef?: string;
  /** Only services under this policy. */
  policyRef?: string;
  /** Only services with (true) or without (false) a freeze in force. */
  frozen?: boolean;
  /** Only SLOs the caller may see, of services the caller may see (all without a set). */
  visible?: VisibleRefs;
  limit: number;
  offset: number;
}

/** Worst first; no data ranks below the alert states but above healthy. */
const STATE_RANK: Record<SloState, number> = {
  exhausted: 0,
  critical: 1,
  warning: 2,
  'no-data': 3,
  healthy: 4,
};

export type ServiceStatusSummary = {
  objectives: number;
  noData: number;
  worstState: SloState | null;
  minRemaining: number | null;
};

/** What the org-wide list shows of an objective's SLO. */
export type ListedSlo = {
  title: string;
  ownerRef: string | null;
  systemRef: string | null;
};

/** The policy of an objective's service, for the org-wide list. */
export type ServicePolicy = {
  ref: string;
  state: string | null;
  /** Counted objectives with data for only part of their window so far. */
  partial: number;
  frozen: boolean;
};

/** The burn-rate alerts of a stored status, which the store otherwise treats as opaque. */
function alertsOf(
  status: unknown,
): Array<{ severity: string; firing: boolean }> | undefined {
  const alerts = (status as { alerts?: unknown } | null)?.alerts;
  return Array.isArray(alerts) ? alerts : undefined;
}

/** LIKE's wildcards taken literally: a search for "100%" finds "100%", not everything. */
const likeLiteral = (term: string) =>
  `%${term.toLocaleLowerCase('en-US').replace(/[\\%_]/g, c => `\\${c}`)}%`;

/** The evaluated status snapshot of every objective; reads never rescan SLI data. */
export class StatusStore {
  constructor(private readonly db: Knex) {}

  /**
   * Stores the records, each only over an older or equally old evaluation of its objective.
   * Evaluations overlap (the scheduled pass, the one after a push, another replica's): one
   * that read the buckets before a push has an earlier `evaluatedAt` than the evaluation
   * that push triggers, and must not overwrite it when it happens to finish last.
   */
  async upsert(records: StatusRecord[]): Promise<void> {
    const rows = this.toRows(records);
    for (let i = 0; i < rows.length; i += 200) {
      await this.upsertQuery(rows.slice(i, i + 200));
    }
  }

  /**
   * Stores an evaluation's records and deletes the statuses of objectives its SLOs no
   * longer have ({@link StatusStore.deleteObjectivesExcept}, {@link StatusStore.upsert}).
   * On PostgreSQL a batch of up to 200 records is one statement (the deletion a CTE): the
   * evaluation of a batch is a handful of round trips, each one counts.
   */
  async store(
    slos: Array<{ sloRef: string; keep: string[] }>,
    records: StatusRecord[],
  ): Promise<void> {
    const pg = isPostgres(this.db);
    if (!pg || slos.length === 0 || slos.length > 500 || records.length > 200) {
      await this.deleteObjectivesExcept(slos);
      await this.upsert(records);
      return;
    }
    const gone = this.deleteExceptQuery(slos);
    if (records.length === 0) {
      await gone;
      return;
    }
    // The deleted rows (objectives not kept) and the upserted ones (kept) are disjoint.
    await this.upsertQuery(this.toRows(records)).with('gone', gone);
  }

  private toRows(records: StatusRecord[]) {
    return records.map(r => ({
      slo_ref: r.sloRef,
      objective: r.objective,
      service_ref: r.serviceRef,
      state: r.state,
      remaining: r.remaining,
      status: JSON.stringify(r.status),
      evaluated_at: r.evaluatedAt,
      // Stored so that the org-wide list sorts, and pages, by urgency in the database.
      urgency: sloUrgencyRank({
        state: r.state,
        remaining: r.remaining,
        alerts: alertsOf(r.status),
      }),
    }));
  }

  private upsertQuery(rows: ReturnType<StatusStore['toRows']>) {
    return this.db(TABLE)
      .insert(rows)
      .onConflict(['slo_ref', 'objective'])
      .merge()
      .whereRaw('?? <= excluded.evaluated_at', [`${TABLE}.evaluated_at`]);
  }

  async listBySlo<T>(sloRef: string): Promise<StatusRecord<T>[]> {
    return (
      await this.db<StatusRow>(TABLE)
        .where('slo_ref', sloRef)
        .orderBy('objective')
    ).map(r => toRecord<T>(r));
  }

  async listByService<T>(serviceRef: string): Promise<StatusRecord<T>[]> {
    return (await this.listByServices<T>([serviceRef])).get(serviceRef) ?? [];
  }

  /**
   * The statuses of these services' objectives by service (in `slo_ref`, `objective` order;
   * a service without any has no entry), in one query per 500 services.
   */
  async listByServices<T>(
    serviceRefs: Iterable<string>,
  ): Promise<Map<string, StatusRecord<T>[]>> {
    const refs = [...new Set(serviceRefs)];
    const out = new Map<string, StatusRecord<T>[]>();
    for (let i = 0; i < refs.length; i += 500) {
      const rows = await this.db<StatusRow>(TABLE)
        .whereIn('service_ref', refs.slice(i, i + 500))
        .orderBy(['slo_ref', 'objective']);
      for (const row of rows) pushTo(out, row.service_ref, toRecord<T>(row));
    }
    return out;
  }

  /**
   * The service's statuses and the sync records of their pulled objectives (the entity
   * summary's read), in one statement: the same rows as `listByService` and, for those,
   * what `SliSyncStore.listBySlos` would add — one trip to the database instead of two.
   */
  async listByServiceWithSyncs<T>(
    serviceRef: string,
  ): Promise<{ statuses: StatusRecord<T>[]; syncs: SyncRecord[] }> {
    const rows = await this.db<StatusRow>(TABLE)
      .leftJoin(`${SLI_SYNC_TABLE} as sy`, function onSync() {
        this.on('sy.slo_ref', '=', `${TABLE}.slo_ref`).andOn(
          'sy.objective',
          '=',
          `${TABLE}.objective`,
        );
      })
      .where(`${TABLE}.service_ref`, serviceRef)
      .select(`${TABLE}.*`, ...SYNC_COLUMNS.map(c => `sy.${c} as sy__${c}`))
      .orderBy([`${TABLE}.slo_ref`, `${TABLE}.objective`]);
    const syncs: SyncRecord[] = [];
    for (const r of rows as Array<Record<string, any>>) {
      if (r.sy__slo_ref === null || r.sy__slo_ref === undefined) continue;
      const sync: Record<string, unknown> = {};
      for (const c of SYNC_COLUMNS) sync[c] = r[`sy__${c}`];
      syncs.push(toSyncRecord(sync as unknown as SyncRow));
    }
    return { statuses: rows.map(r => toRecord<T>(r)), syncs };
  }

  /**
   * One page of the org-wide list, most urgent first (sloUrgencyRank: paging, exhausted,
   * ticket, at risk, healthy, no data), then least budget left, with the total count.
   */
  async query<T>(q: StatusQuery): Promise<{
    items: (StatusRecord<T> & {
      policy: ServicePolicy | null;
      slo: ListedSlo;
    })[];
    totalCount: number;
  }> {
    const base = this.db<StatusRow>(TABLE).join(
      SLOS,
      `${SLOS}.slo_ref`,
      `${TABLE}.slo_ref`,
    );
    // The policy state and the active freeze are joined to choose the rows only when a
    // filter asks about them: each service has at most one of each (primary key, unique
    // active freeze), so the left joins never change which rows match or how many.
    if (q.policyRef) {
      base
        .join(POLICY, `${POLICY}.entity_ref`, `${TABLE}.service_ref`)
        .where(`${POLICY}.policy_ref`, q.policyRef);
    }
    if (q.frozen !== undefined) {
      base.leftJoin(FREEZES, function onActiveFreeze() {
        this.on(`${FREEZES}.entity_ref`, '=', `${TABLE}.service_ref`).andOnNull(
          `${FREEZES}.lifted_at`,
        );
      });
      if (q.frozen) base.whereNotNull(`${FREEZES}.id`);
      else base.whereNull(`${FREEZES}.id`);
    }
    if (q.ownerRef) base.where(`${SLOS}.owner_ref`, q.ownerRef);
    if (q.systemRef) base.where(`${SLOS}.system_ref`, q.systemRef);
    if (q.serviceRef) base.where(`${TABLE}.service_ref`, q.serviceRef);
    if (q.state) base.where(`${TABLE}.state`, q.state);
    if (q.serviceRefs) base.whereIn(`${TABLE}.service_ref`, q.serviceRefs);
    whereVisible(this.db, base, `${TABLE}.slo_ref`, q.visible);
    whereVisible(this.db, base, `${TABLE}.service_ref`, q.visible);
    for (const term of q.terms ?? []) {
      const pattern = likeLiteral(term);
      base.where(function anyField() {
        for (const column of [
          `${TABLE}.slo_ref`,
          `${TABLE}.objective`,
          `${SLOS}.title`,
          `${TABLE}.service_ref`,
          `${SLOS}.owner_ref`,
        ]) {
          this.orWhereRaw(`lower(??) like ? escape '\\'`, [column, pattern]);
        }
      });
    }
    const [{ count }] = await base.clone().count({ count: '*' });
    // Most urgent first, then least budget left (none last), then a stable tie-break so
    // that pages neither repeat nor skip a row. The index reliability_slo_status_list_order_idx
    // (migration 20261205110000) holds these expressions, so that a page is read in order
    // without sorting every match: change both together (a test reads the plan).
    const order = `${TABLE}.urgency asc, case when ${TABLE}.remaining is null then 1 else 0 end, ${TABLE}.remaining asc, ${TABLE}.slo_ref, ${TABLE}.objective`;
    // The page's keys are chosen by sorting the keys alone; only the page's rows are then
    // read whole. Sorting the whole rows carried every status document (kilobytes each)
    // through the sort: ~19 ms of SQLite on Node's thread for 4,000 objectives under load.
    const page = base
      .clone()
      .select(`${TABLE}.slo_ref`, `${TABLE}.objective`)
      .orderByRaw(order)
      .limit(q.limit, LIMIT_IN_TEXT)
      .offset(q.offset);
    const rows = await this.db<StatusRow>(TABLE)
      .join(SLOS, `${SLOS}.slo_ref`, `${TABLE}.slo_ref`)
      .leftJoin(POLICY, `${POLICY}.entity_ref`, `${TABLE}.service_ref`)
      .leftJoin(FREEZES, function onActiveFreeze() {
        this.on(`${FREEZES}.entity_ref`, '=', `${TABLE}.service_ref`).andOnNull(
          `${FREEZES}.lifted_at`,
        );
      })
      .whereIn([`${TABLE}.slo_ref`, `${TABLE}.objective`], page)
      .select(
        `${TABLE}.*`,
        // What the list shows of the SLO, from the row joined anyway: no second read, and
        // no definition parsed for a page of 50.
        `${SLOS}.title as slo_title`,
        `${SLOS}.owner_ref as slo_owner_ref`,
        `${SLOS}.system_ref as slo_system_ref`,
        `${POLICY}.policy_ref as policy_ref`,
        `${POLICY}.state as policy_state`,
        `${POLICY}.partial as policy_partial`,
        `${FREEZES}.id as freeze_id`,
      )
      .orderByRaw(order);
    return {
      items: rows.map(r => {
        const row = r as StatusRow & {
          slo_title: string;
          slo_owner_ref: string | null;
          slo_system_ref: string | null;
          policy_ref: string | null;
          policy_state: string | null;
          policy_partial: number | string | null;
          freeze_id: unknown;
        };
        return {
          ...toRecord<T>(row),
          slo: {
            title: row.slo_title,
            ownerRef: row.slo_owner_ref,
            systemRef: row.slo_system_ref,
          },
          policy: row.policy_ref
            ? {
                ref: row.policy_ref,
                state: row.policy_state,
                partial: Number(row.policy_partial ?? 0),
                frozen: row.freeze_id !== null && row.freeze_id !== undefined,
              }
            : null,
        };
      }),
      totalCount: Number(count),
    };
  }

  /**
   * Per service: how many objectives, how many without data, the worst state and the least
   * budget remaining — for team pages and the ownership audit, in one read.
   */
  async serviceSummaries(): Promise<Map<string, ServiceStatusSummary>> {
    const rows: Array<Pick<StatusRow, 'service_ref' | 'state' | 'remaining'>> =
      await this.db(TABLE).select('service_ref', 'state', 'remaining');
    const out = new Map<string, ServiceStatusSummary>();
    for (const row of rows) {
      const s = out.get(row.service_ref) ?? {
        objectives: 0,
        noData: 0,
        worstState: null,
        minRemaining: null,
      };
      s.objectives += 1;
      if (row.state === 'no-data') s.noData += 1;
      if (
        s.worstState === null ||
        STATE_RANK[row.state] < STATE_RANK[s.worstState]
      ) {
        s.worstState = row.state;
      }
      if (row.remaining !== null) {
        const r = Number(row.remaining);
        s.minRemaining =
          s.minRemaining === null ? r : Math.min(s.minRemaining, r);
      }
      out.set(row.service_ref, s);
    }
    return out;
  }

  async deleteForSlos(sloRefs: string[]): Promise<void> {
    for (let i = 0; i < sloRefs.length; i += 200) {
      await this.db(TABLE)
        .whereIn('slo_ref', sloRefs.slice(i, i + 200))
        .delete();
    }
  }

  /** Deletes the statuses of objectives the SLOs no longer have. */
  async deleteObjectivesExcept(
    slos: Array<{ sloRef: string; keep: string[] }>,
  ): Promise<void> {
    // In chunks: SQLite binds at most 32,766 values per statement.
    for (let i = 0; i < slos.length; i += 500) {
      await this.deleteExceptQuery(slos.slice(i, i + 500));
    }
  }

  private deleteExceptQuery(slos: Array<{ sloRef: string; keep: string[] }>) {
    return this.db(TABLE)
      .whereIn(
        'slo_ref',
        slos.map(s => s.sloRef),
      )
      .whereNotIn(
        ['slo_ref', 'objective'],
        slos.flatMap(s => s.keep.map(objective => [s.sloRef, objective])),
      )
      .delete();
  }
}
