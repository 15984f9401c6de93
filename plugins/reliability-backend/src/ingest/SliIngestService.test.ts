import { ItemsRejectedError } from '../lib/ItemsRejectedError';
import type { SloRecord } from '../store/SloStore';
import { SliIngestService } from './SliIngestService';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const MIN = 60_000;

function slo(ref: string): SloRecord {
  return {
    sloRef: ref,
    serviceRef: 'component:default/checkout-api',
    title: ref,
    definitionHash: 'h',
    definition: {
      budgetingMethod: 'Occurrences',
      window: { kind: 'rolling', durationMs: 28 * 86_400_000 },
      objectives: [{ name: 'only', target: 0.999 }],
    },
  };
}

/** The service over in-memory stores: `stored` SLOs, `inCatalog` ones the sync finds. */
function service(stored: string[], inCatalog: string[] = []) {
  const writes: unknown[] = [];
  const dirty: string[] = [];
  const synced: string[] = [];
  const ingest = new SliIngestService({
    slos: {
      getMany: async refs =>
        new Map(
          [...refs].filter(r => stored.includes(r)).map(r => [r, slo(r)]),
        ),
    },
    sync: {
      syncOne: async ref => {
        synced.push(ref);
        return inCatalog.includes(ref) ? slo(ref) : undefined;
      },
    },
    buckets: {
      write: async (w, options) => {
        writes.push({ w, options });
        return { buckets: w.length, duplicate: false };
      },
    },
    evaluations: { markDirty: async refs => void dirty.push(...refs) },
    limits: { maxAgeMs: 86_400_000, maxFutureSkewMs: MIN, bucketMs: MIN },
    now: () => NOW,
  });
  return { ingest, writes, dirty, synced };
}

const item = (sloName: string, good = 9) => ({
  slo: sloName,
  objective: 'only',
  timestamp: NOW - 2 * MIN,
  good,
  total: 10,
});

describe('SliIngestService', () => {
  it('writes a batch and queues its SLOs, syncing an SLO the store lacks', async () => {
    const { ingest, writes, dirty, synced } = service(
      ['slo:default/one'],
      ['slo:default/two'],
    );
    await expect(
      ingest.push({ items: [item('one'), item('two'), item('two')] }),
    ).resolves.toEqual({ accepted: 3, buckets: 3, duplicate: false });
    expect(synced).toEqual(['slo:default/two']);
    expect(writes).toHaveLength(1);
    expect(dirty.sort()).toEqual(['slo:default/one', 'slo:default/two']);
  });

  it('rejects the whole batch with every bad item, writing nothing', async () => {
    const { ingest, writes, dirty } = service(['slo:default/one']);
    const error = await ingest
      .push({ items: [item('one'), item('one', 11), item('missing')] })
      .catch(e => e);
    expect(error).toBeInstanceOf(ItemsRejectedError);
    expect(error.items.map((i: { index: number }) => i.index)).toEqual([1, 2]);
    expect(error.message).toMatch(
      /^2 of 3 items rejected; nothing was written\. First: items\[1\]\.good: /,
    );
    expect(writes).toEqual([]);
    expect(dirty).toEqual([]);
  });

  it('needs a NUL-free batch id, and one in add mode', async () => {
    const { ingest, writes } = service(['slo:default/one']);
    await expect(
      ingest.push({ items: [item('one')], mode: 'add' }),
    ).rejects.toThrow(/^batchId: required in add mode/);
    await expect(
      ingest.push({ items: [item('one')], batchId: 'a\u0000b' }),
    ).rejects.toThrow(/^batchId: must not contain a NUL/);
    expect(writes).toEqual([]);
  });
});
