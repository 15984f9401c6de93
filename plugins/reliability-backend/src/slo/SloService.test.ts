import type { ObjectiveStatus } from '../evaluation/objectiveStatus';
import type { SloEvaluator } from '../evaluation/SloEvaluator';
import type { SliSyncStore, SyncRecord } from '../store/SliSyncStore';
import type { SloRecord, SloStore } from '../store/SloStore';
import type { StatusRecord, StatusStore } from '../store/StatusStore';
import { SloService } from './SloService';

const SERVICE = 'component:default/fraud-scoring';
const SLO = 'slo:default/fraud-scoring-availability';

function service(syncs: SyncRecord[]) {
  const slo = {
    sloRef: SLO,
    serviceRef: SERVICE,
    title: 'Fraud scoring availability',
    definition: {
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 28 * 86_400_000 },
      objectives: [{ name: 'scores-answered', target: 0.999 }],
    },
  } as unknown as SloRecord;
  const status: StatusRecord<ObjectiveStatus> = {
    sloRef: SLO,
    objective: 'scores-answered',
    serviceRef: SERVICE,
    state: 'no-data',
    remaining: null,
    status: {
      name: 'scores-answered',
      dataQuality: 'no-data',
    } as unknown as ObjectiveStatus,
    evaluatedAt: 0,
  };
  return new SloService({
    contexts: { entity: async () => ({ kind: 'Component' } as any) },
    slos: { listByService: async () => [slo] } as unknown as SloStore,
    statuses: {
      listByService: async () => [status],
      // The store joins the sync records of the service's statuses to them.
      listByServiceWithSyncs: async () => ({
        statuses: [status],
        syncs: syncs.filter(
          s => s.sloRef === status.sloRef && s.objective === status.objective,
        ),
      }),
    } as unknown as StatusStore,
    syncs: {
      listBySlos: async (refs: string[]) =>
        syncs.filter(s => refs.includes(s.sloRef)),
    } as Pick<SliSyncStore, 'listBySlos'>,
    evaluator: {} as SloEvaluator,
    responsibility: {
      components: async () => undefined,
      entityRefsOfTier: async () => [],
    } as any,
  });
}

describe('SloService.entitySummary', () => {
  it("carries a pulled objective's source state, as the list and the SLO page do", async () => {
    const summary = await service([
      {
        sloRef: SLO,
        objective: 'scores-answered',
        sourceType: 'Prometheus',
        watermark: Date.parse('2026-12-05T06:00:00Z'),
        state: 'error',
        errorKind: 'empty-result',
        reason: 'ratioMetric.total: the query returned no series',
        lastAttemptAt: Date.parse('2026-12-05T06:01:00Z'),
        lastSuccessAt: null,
      },
    ]).entitySummary(SERVICE);
    expect(summary.slos[0].objectives[0].source).toEqual({
      type: 'Prometheus',
      state: 'error',
      errorKind: 'empty-result',
      reason: 'ratioMetric.total: the query returned no series',
      dataUntil: '2026-12-05T06:00:00.000Z',
      lastSuccessAt: null,
    });
  });

  it('leaves a pushed objective without a source', async () => {
    const summary = await service([]).entitySummary(SERVICE);
    expect(summary.slos[0].objectives[0].source).toBeUndefined();
  });
});
