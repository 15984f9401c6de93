// The SLI data: wait for the backend, back-fill each SLO that has none, then push the
// current minute every 30 s so burn-rate alerts stay live.
import { ResponseError } from '@backstage/errors';
import type {
  ReliabilityApi,
  SliEvent,
  SliPushResult,
} from '@reliability-suite/plugin-reliability-common';
import { log, logError, sleep } from './log';
import { PROFILES } from './profiles';
import { itemFor } from './series';
import { DAY, MIN, minuteOf } from './time';

/** Tries of a push before giving up: 90 × 2 s covers a backend restart or a slow catalog. */
const PUSH_ATTEMPTS = 90;
const RETRY_DELAY = 2000;
/** Items a push carries in the back-fill. */
const BATCH = 5000;

/** Waits, without limit, until the plugin answers its health check. */
export async function waitForBackend(client: ReliabilityApi): Promise<void> {
  for (;;) {
    try {
      await client.getHealth();
      return;
    } catch {
      // not up yet
    }
    await sleep(RETRY_DELAY);
  }
}

/**
 * Whether a refused push is worth another try: the backend is failing or restarting (5xx),
 * or the catalog has not ingested the SLOs yet (the item errors say "no SLO …").
 */
export function isTransient(e: ResponseError): boolean {
  return e.statusCode >= 500 || /no SLO/.test(JSON.stringify(e.body));
}

/** Pushes `items` (replacing their minutes), retrying while the backend is not ready. */
export async function push(
  client: ReliabilityApi,
  items: SliEvent[],
  delay = RETRY_DELAY,
): Promise<SliPushResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.pushSliEvents({ mode: 'replace', items });
    } catch (e) {
      if (!ResponseError.is(e)) {
        // The backend restarting (the dev server reloads on a code change): wait for it.
        if (attempt >= PUSH_ATTEMPTS) throw e;
      } else if (attempt >= PUSH_ATTEMPTS || !isTransient(e)) {
        throw new Error(
          `push failed with ${e.statusCode}: ${JSON.stringify(e.body)}`,
        );
      }
      await sleep(delay);
    }
  }
}

/** Whether the SLO has any event in its current window (so a restart adds nothing). */
async function hasData(client: ReliabilityApi, name: string): Promise<boolean> {
  try {
    const slo = await client.getSlo({ namespace: 'default', name });
    return slo.series.some(s => s.points.some(p => p.total > 0));
  } catch (e) {
    if (ResponseError.is(e)) return false;
    throw e;
  }
}

/** Fills `days` of per-minute data up to `anchor` for each SLO that has none yet. */
export async function backfill(
  client: ReliabilityApi,
  anchor: number,
  days: number,
): Promise<void> {
  for (const [name, profile] of Object.entries(PROFILES)) {
    if (await hasData(client, name)) {
      log(`${name}: has data already, not refilled`);
      continue;
    }
    let batch: SliEvent[] = [];
    let pushed = 0;
    for (let t = anchor - days * DAY; t <= anchor; t += MIN) {
      batch.push(itemFor(name, profile, anchor, t));
      if (batch.length === BATCH) {
        pushed += (await push(client, batch)).accepted;
        batch = [];
      }
    }
    if (batch.length) pushed += (await push(client, batch)).accepted;
    log(`${name}: ${pushed} minutes of data pushed`);
  }
}

/** The items of the live push at `now`: the previous and the current minute of each SLO. */
export function liveItems(anchor: number, now: number): SliEvent[] {
  const minute = minuteOf(now);
  return Object.entries(PROFILES).flatMap(([name, profile]) => [
    itemFor(name, profile, anchor, minute - MIN),
    itemFor(name, profile, anchor, minute),
  ]);
}

/** Pushes the current minute every 30 s, for ever; a failed push is logged, not fatal. */
export async function streamLive(
  client: ReliabilityApi,
  anchor: number,
): Promise<never> {
  log('streaming live data every 30 s');
  for (;;) {
    await push(client, liveItems(anchor, Date.now())).catch(e =>
      logError(e instanceof Error ? e.message : String(e)),
    );
    await sleep(30_000);
  }
}
