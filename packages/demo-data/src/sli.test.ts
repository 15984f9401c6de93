import { ResponseError } from '@backstage/errors';
import type {
  ReliabilityApi,
  SliEventBatch,
} from '@reliability-suite/plugin-reliability-common';
import { backfill, liveItems, push } from './sli';
import { DAY } from './time';

const refused = (status: number, body: unknown) =>
  ResponseError.fromResponse(Response.json(body, { status }));

/** The backend's refusals are in Backstage's error format (service/errorHandler.ts). */
const NO_SLO = {
  error: { name: 'InputError', message: '1 of 1 items rejected' },
  items: [
    {
      index: 0,
      field: 'slo',
      message: 'no SLO slo:default/ledger-availability in the catalog',
    },
  ],
  request: { method: 'POST', url: '/api/reliability/v1/sli/events' },
  response: { statusCode: 400 },
};

/** A client whose pushes answer in turn what `answers` gives, recording the batches. */
function fakeClient(
  answers: Array<() => Promise<unknown>>,
  slo?: () => Promise<unknown>,
) {
  const batches: SliEventBatch[] = [];
  const client = {
    pushSliEvents: jest.fn(async (batch: SliEventBatch) => {
      batches.push(batch);
      const next = answers.shift();
      return next
        ? next()
        : { accepted: batch.items.length, buckets: 1, duplicate: false };
    }),
    // No SLO detail yet (a 404): the SLO has no data.
    getSlo: jest.fn(
      slo ??
        (async () =>
          Promise.reject(
            await refused(404, {
              error: { name: 'NotFoundError', message: 'no data' },
              response: { statusCode: 404 },
            }),
          )),
    ),
  } as unknown as ReliabilityApi;
  return { client, batches };
}

const items = liveItems(Date.UTC(2026, 11, 5), Date.UTC(2026, 11, 5));

describe('push', () => {
  jest.spyOn(console, 'log').mockImplementation(() => {});

  it('retries while the catalog has not ingested the SLOs, and while the backend fails', async () => {
    const { client, batches } = fakeClient([
      async () => Promise.reject(await refused(400, NO_SLO)),
      async () =>
        Promise.reject(
          await refused(503, {
            error: { name: 'ServiceUnavailableError', message: 'retry' },
            response: { statusCode: 503 },
          }),
        ),
      async () => Promise.reject(new TypeError('fetch failed')),
    ]);
    await expect(push(client, items, 0)).resolves.toMatchObject({
      accepted: items.length,
    });
    expect(batches).toHaveLength(4);
    // Replace, the API's default, as the old script's bare { items } asked for.
    expect(batches[0]).toEqual({ mode: 'replace', items });
  });

  it('fails at once, with the status and body, on any other refusal', async () => {
    const body = {
      error: { name: 'NotAllowedError', message: 'refused' },
      request: { method: 'POST', url: '/api/reliability/v1/sli/events' },
      response: { statusCode: 403 },
    };
    const { client, batches } = fakeClient([
      async () => Promise.reject(await refused(403, body)),
    ]);
    // The old script's message: the status and the body as the backend sent it.
    await expect(push(client, items, 0)).rejects.toThrow(
      `push failed with 403: ${JSON.stringify(body)}`,
    );
    expect(batches).toHaveLength(1);
  });

  it('gives up after 90 retries', async () => {
    const { client, batches } = fakeClient(
      Array.from(
        { length: 200 },
        () => async () => Promise.reject(new TypeError('fetch failed')),
      ),
    );
    await expect(push(client, items, 0)).rejects.toThrow('fetch failed');
    expect(batches).toHaveLength(91);
  });
});

describe('backfill', () => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => {});
  const anchor = Date.UTC(2026, 11, 5, 10, 49);

  it('pushes every minute of the days asked, 5000 items a batch, for each SLO', async () => {
    const { client, batches } = fakeClient([]);
    await backfill(client, anchor, 4);
    const minutes = 4 * 24 * 60 + 1;
    // Six SLOs of two batches each (5000 + 761).
    expect(batches.map(b => b.items.length)).toEqual(
      Array(6)
        .fill([5000, minutes - 5000])
        .flat(),
    );
    expect(batches[0].items[0].timestamp).toBe(
      new Date(anchor - 4 * DAY).toISOString(),
    );
    expect(batches[1].items.at(-1)!.timestamp).toBe(
      new Date(anchor).toISOString(),
    );
    expect(log).toHaveBeenCalledWith(
      `[demo-data] checkout-api-availability: ${minutes} minutes of data pushed`,
    );
  });

  it('leaves an SLO that has data as it is', async () => {
    const { client, batches } = fakeClient([], async () => ({
      series: [{ points: [{ total: 3 }] }],
    }));
    await backfill(client, anchor, 1);
    expect(batches).toHaveLength(0);
    expect(log).toHaveBeenCalledWith(
      '[demo-data] ledger-availability: has data already, not refilled',
    );
  });
});

describe('liveItems', () => {
  it('the previous and the current minute of each SLO', () => {
    const now = Date.UTC(2026, 11, 5, 10, 49, 31);
    const live = liveItems(Date.UTC(2026, 11, 5), now);
    expect(live).toHaveLength(12);
    expect(live.slice(0, 2).map(i => i.timestamp)).toEqual([
      '2026-12-05T10:48:00.000Z',
      '2026-12-05T10:49:00.000Z',
    ]);
    expect(new Set(live.map(i => i.slo)).size).toBe(6);
  });
});
