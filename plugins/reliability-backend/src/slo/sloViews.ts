import type { ObjectiveStatus } from '../evaluation/objectiveStatus';
import { windowLabel } from '../evaluation/windowLabel';
import { iso } from '../lib/iso';
import type { SliSyncStore, SyncRecord } from '../store/SliSyncStore';
import type { SloRecord } from '../store/SloStore';
import type { StatusRecord } from '../store/StatusStore';

/** Adds the health of a pulled SLI's source to its objective's status. */
export async function withSources<S extends StatusRecord<ObjectiveStatus>>(
  syncStore: Pick<SliSyncStore, 'listBySlos'>,
  statuses: S[],
): Promise<S[]> {
  const syncs = await syncStore.listBySlos([
    ...new Set(statuses.map(s => s.sloRef)),
  ]);
  return withSyncs(statuses, syncs);
}

/** As `withSources`, with the sync records already read (e.g. joined to the statuses). */
export function withSyncs<S extends StatusRecord<ObjectiveStatus>>(
  statuses: S[],
  syncs: SyncRecord[],
): S[] {
  if (syncs.length === 0) return statuses;
  const byKey = new Map<string, SyncRecord>(
    syncs.map(x => [`${x.sloRef}\u0000${x.objective}`, x]),
  );
  return statuses.map(s => {
    const sync = byKey.get(`${s.sloRef}\u0000${s.objective}`);
    if (!sync) return s;
    return {
      ...s,
      status: {
        ...s.status,
        source: {
          type: sync.sourceType,
          state: sync.state,
          errorKind: sync.errorKind,
          reason: sync.reason,
          dataUntil: iso(sync.watermark),
          lastSuccessAt: iso(sync.lastSuccessAt),
        },
      },
    };
  });
}

/** An SLO as the entity summary and the SLO page show it: its objectives' statuses. */
export function sloSummary(
  slo: SloRecord,
  statuses: StatusRecord<ObjectiveStatus>[],
) {
  const name = slo.sloRef.slice(slo.sloRef.indexOf('/') + 1);
  return {
    sloRef: slo.sloRef,
    name,
    title: slo.title,
    budgetingMethod: slo.definition.budgetingMethod,
    window: windowLabel(slo.definition.window),
    // Objectives not evaluated yet are left out until the first evaluation lands.
    objectives: slo.definition.objectives.flatMap(o => {
      const s = statuses.find(
        x => x.sloRef === slo.sloRef && x.objective === o.name,
      );
      return s ? [s.status] : [];
    }),
  };
}
