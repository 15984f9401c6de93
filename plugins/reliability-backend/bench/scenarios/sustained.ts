import { mockCredentials } from '@backstage/backend-test-utils';
import type { ChildProcess } from 'node:child_process';
import { peakRssOf } from '../memory';
import { performance } from 'node:perf_hooks';
import type {
  ReplicaMessage,
  ReplicaOptions,
} from '../../src/__testUtils__/replicas/child';
import {
  forkReplica,
  stopReplicas,
} from '../../src/__testUtils__/replicas/fork';
import type { SloRecord } from '../../src/store/SloStore';
import { currentMinute, MINUTE, sloRecord } from '../data';
import { progress } from '../progress';
import { percentile } from '../stats';
import { atMost, count, figure, ms, Row } from '../table';
import type { ScenarioContext } from './context';

/** Issue [12]: a push's status is stored within a minute of the push being accepted. */
const LAG_TARGET_S = 60;
const RSS_TARGET_MB = 600;
const PUSH = '/v1/sli/events';
const STATUS = 'reliability_slo_status';
/** Events in each push of an objective-minute (the observer counts pushes by them). */
const EVENTS_PER_PUSH = 1000;
/** How often the observer looks for newly stored statuses: the lag's resolution. */
const POLL_MS = 500;

const sleep = (millis: number) =>
  new Promise(resolve => setTimeout(resolve, millis));

const sloName = (service: number, slo: number) =>
  `sustained-${service}-slo-${slo}`;

interface Replica {
  name: string;
  child: ChildProcess;
  base: string;
}

/**
 * `n` replicas of the backend: node processes of their own (the replica tests' child, see
 * src/__testUtils__/replicas), each with the plugin on the scenario's PostgreSQL database.
 * Their scheduled tasks are held back (a day's initial delay): the catalog mock of a
 * replica does not hold the scenario's SLOs, which the catalog sync would retire, and the
 * statuses are to come from the evaluation after the pushes alone.
 */
async function startReplicas(connection: string, n: number) {
  const replicas: Replica[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const options: ReplicaOptions = {
        name: `replica-${i + 1}`,
        waitForGo: false,
        connection,
        reliability: {},
        initialDelay: { hours: 24 },
        frequencies: {},
      };
      const child = forkReplica(options);
      const port = await new Promise<number>((resolve, reject) => {
        child.on('message', (m: ReplicaMessage) => {
          if ('port' in m) resolve(m.port);
        });
        child.once('exit', code =>
          reject(
            new Error(`${options.name} exited (${code}) before listening`),
          ),
        );
      });
      replicas.push({
        name: options.name,
        child,
        base: `http://127.0.0.1:${port}/api/reliability`,
      });
    }
  } catch (e) {
    await stopReplicas(replicas.map(r => r.child));
    throw e;
  }
  return replicas;
}

const service = mockCredentials.service.header();

/** POSTs a replace-mode push batch; sent again once if its kept-alive connection was closed. */
async function push(base: string, body: string): Promise<void> {
  const init = {
    method: 'POST',
    headers: { authorization: service, 'content-type': 'application/json' },
    body,
  };
  let res: Response;
  try {
    res = await fetch(`${base}${PUSH}`, init);
  } catch {
    res = await fetch(`${base}${PUSH}`, init);
  }
  const text = await res.text();
  if (res.status !== 200) {
    throw new Error(`POST ${PUSH}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  }
}

/**
 * The organisation at scale, pushing: `services` services with `slosPerService` SLOs each
 * (28-day rolling, Occurrences), every objective receiving one push per simulated minute for
 * `minutes` simulated minutes, minute after minute, sent by `clients` concurrent clients in
 * replace-mode batches of `batchSize` items as fast as the backend accepts them, batch by
 * batch to each replica in turn. The backend evaluates after pushes by its own means
 * (the evaluation queue every replica works on: a push queues its SLOs, a replica claims
 * them a debounce later); nothing here evaluates. Run with each replica count of
 * `replicas` (1: one backend process; 2: two on the one database). The benchmark's own
 * backend is stopped before (database-run.ts), so the replicas are the queue's only workers.
 *
 * The status lag of a push is the time from its batch's HTTP answer (the data is committed)
 * to the moment an observer polling the status table (every POLL_MS) first sees a status of
 * its objective that covers it: one evaluated at or after that answer, or one evaluated
 * between the batch's sending and its answer that counted its events (a replica can claim
 * the objective as soon as the push has queued it, a moment before the client reads the
 * answer; every push carries 1,000 events and an objective's pushes are never in flight
 * together, so a status that counted (m + 1) x 1,000 events covers minute m). It
 * over-states the lag by up to one poll.
 * A push whose status is not stored within `drainSeconds` after the last push counts with
 * the lag it had reached then (a lower bound), and the figure MISSes.
 *
 * The objectives hold only the pushed minutes, not 28 days of history: seeding 20,000
 * windows would take hours. So this measures the pipeline (ingest, dirty tracking, the
 * evaluation pass, the status store) at scale; what an evaluation costs for a full window is
 * the evaluation scenario's figure.
 */
export async function benchSustained(
  ctx: Omit<ScenarioContext, 'backend'>,
): Promise<Row[]> {
  const { db, stores, volumes } = ctx;
  const { services, slosPerService, replicas } = volumes.sustained;
  if (!db.connection) {
    throw new Error('the sustained scenario runs on PostgreSQL only');
  }
  const records: SloRecord[] = [];
  for (let e = 0; e < services; e++) {
    for (let s = 0; s < slosPerService; s++) {
      records.push(
        sloRecord({
          name: sloName(e, s),
          serviceRef: `component:default/sustained-${e}`,
          target: 0.999,
        }),
      );
    }
  }
  // In slices: one statement's parameters for 20,000 records would pass PostgreSQL's limit.
  for (let i = 0; i < records.length; i += 2000) {
    await stores.slos.upsert(records.slice(i, i + 2000));
  }
  progress(`${db.label}: ${count(records.length)} objectives registered`);
  const rows: Row[] = [];
  for (const n of replicas) {
    progress(`${db.label}: sustained pushes, ${n} replica(s)`);
    const started = await startReplicas(db.connection, n);
    try {
      rows.push(
        ...(await runForm(
          ctx,
          records.map(r => r.sloRef),
          started,
        )),
      );
    } finally {
      await stopReplicas(started.map(r => r.child));
    }
  }
  return rows;
}

async function runForm(
  ctx: Omit<ScenarioContext, 'backend'>,
  refs: string[],
  replicas: Replica[],
): Promise<Row[]> {
  const { db, volumes } = ctx;
  const { services, slosPerService, minutes, batchSize, clients } =
    volumes.sustained;
  const objectives = refs.length;
  const index = new Map(refs.map((ref, i) => [ref, i]));
  progress(`${db.label}: ${count(objectives)} objectives registered`);

  // accepted[o * minutes + m]: wall time (ms) the push of objective o for minute m was
  // accepted (sentAt[...]: was sent); lag[...] once its status was seen. next[o]: its first
  // push not yet seen.
  const sentAt = new Float64Array(objectives * minutes);
  const accepted = new Float64Array(objectives * minutes);
  const lag = new Float64Array(objectives * minutes).fill(NaN);
  const next = new Int32Array(objectives);
  const firstMinute = currentMinute() - minutes * MINUTE;

  // The batches in send order: minute after minute, each minute's objectives in turn.
  const perMinute = Math.ceil(objectives / batchSize);
  const batches = minutes * perMinute;
  let taken = 0;
  const started = performance.now();
  const startedAt = Date.now();
  let lastAcceptedAt = startedAt;
  let sent = 0;
  const client = async () => {
    for (;;) {
      const b = taken++;
      if (b >= batches) return;
      const m = Math.floor(b / perMinute);
      const from = (b % perMinute) * batchSize;
      const to = Math.min(objectives, from + batchSize);
      const items = [];
      for (let o = from; o < to; o++) {
        // Mid-minute timestamps; a constant count keeps the work the same every minute.
        items.push({
          slo: refs[o],
          timestamp: firstMinute + m * MINUTE + 30_000,
          good: EVENTS_PER_PUSH - 1,
          total: EVENTS_PER_PUSH,
        });
      }
      const body = JSON.stringify({ mode: 'replace', items });
      const sendingAt = Date.now();
      for (let o = from; o < to; o++) sentAt[o * minutes + m] = sendingAt;
      await push(replicas[b % replicas.length].base, body);
      const at = Date.now();
      for (let o = from; o < to; o++) accepted[o * minutes + m] = at;
      lastAcceptedAt = Math.max(lastAcceptedAt, at);
      sent += to - from;
    }
  };

  // The observer: statuses evaluated after the oldest push not yet seen was sent.
  let pushing = true;
  let unseen = objectives * minutes;
  let byCounts = 0;
  const see = (o: number, seenAt: number) => {
    lag[o * minutes + next[o]] = seenAt - accepted[o * minutes + next[o]];
    next[o]++;
    unseen--;
  };
  const observe = async () => {
    let oldest = Infinity;
    for (let o = 0; o < objectives; o++) {
      if (next[o] < minutes && accepted[o * minutes + next[o]] > 0) {
        oldest = Math.min(oldest, sentAt[o * minutes + next[o]]);
      }
    }
    if (oldest === Infinity) return;
    const rows: Array<{ slo_ref: string; evaluated_at: string | number }> =
      await db
        .knex(STATUS)
        .select('slo_ref', 'evaluated_at')
        .where('evaluated_at', '>=', oldest)
        .andWhere('slo_ref', 'like', 'slo:default/sustained-%');
    const seenAt = Date.now();
    // Evaluated while a push was between its sending and its answer: its counts tell.
    const undecided: string[] = [];
    for (const row of rows) {
      const o = index.get(row.slo_ref);
      if (o === undefined) continue;
      const evaluatedAt = Number(row.evaluated_at);
      while (next[o] < minutes) {
        const k = o * minutes + next[o];
        // Not pushed (or answered) yet: not covered by this status.
        if (!(accepted[k] > 0)) break;
        if (accepted[k] > evaluatedAt) {
          if (sentAt[k] <= evaluatedAt) undecided.push(row.slo_ref);
          break;
        }
        see(o, seenAt);
      }
    }
    if (undecided.length === 0) return;
    const counted: Array<{ slo_ref: string; status: string }> = await db
      .knex(STATUS)
      .select('slo_ref', 'status')
      .whereIn('slo_ref', undecided);
    for (const row of counted) {
      const o = index.get(row.slo_ref)!;
      const events = Number(JSON.parse(row.status).totalEvents);
      while (
        next[o] < minutes &&
        accepted[o * minutes + next[o]] > 0 &&
        events >= (next[o] + 1) * EVENTS_PER_PUSH
      ) {
        byCounts++;
        see(o, seenAt);
      }
    }
  };
  const observer = (async () => {
    while (pushing) {
      await observe();
      await sleep(POLL_MS);
    }
  })();

  await Promise.all(Array.from({ length: clients }, client));
  const pushSeconds = (performance.now() - started) / 1000;
  pushing = false;
  await observer;
  progress(
    `${db.label}: ${count(sent)} pushes in ${pushSeconds.toFixed(
      1,
    )} s; waiting for their statuses`,
  );
  const deadline = lastAcceptedAt + volumes.sustained.drainSeconds * 1000;
  while (unseen > 0 && Date.now() < deadline) {
    await observe();
    if (unseen > 0) await sleep(POLL_MS);
  }
  const peaks = replicas.map(r => peakRssOf(r.child.pid));
  const drainedAt = Date.now();
  const lags: number[] = [];
  for (let k = 0; k < lag.length; k++) {
    lags.push(Number.isNaN(lag[k]) ? drainedAt - accepted[k] : lag[k]);
  }
  lags.sort((a, b) => a - b);
  const p50 = percentile(lags, 50) / 1000;
  const p95 = percentile(lags, 95) / 1000;
  const max = lags[lags.length - 1] / 1000;
  const rate = sent / pushSeconds;
  const peakMb = peaks.every(p => p !== undefined)
    ? Math.max(...(peaks as number[])) / 1048576
    : undefined;

  // `sustained.<figure>` for one replica, `sustained.twoReplicas.<figure>` for two.
  const id = (name: string) =>
    replicas.length === 1
      ? `sustained.${name}`
      : `sustained.${
          replicas.length === 2 ? 'two' : replicas.length
        }Replicas.${name}`;
  const on = `${replicas.length} replica${replicas.length > 1 ? 's' : ''}`;
  const volume = `${on}; ${count(
    services,
  )} services x ${slosPerService} SLOs = ${count(
    objectives,
  )} objectives x ${minutes} simulated minutes, ${clients} clients, batches of ${count(
    batchSize,
  )}; no history before the pushes`;
  const countsNote =
    byCounts > 0
      ? `; ${count(
          byCounts,
        )} pushes covered by a status evaluated between their sending and their answer`
      : '';
  const unseenNote =
    unseen > 0
      ? `; ${count(unseen)} pushes without a stored status after ${
          volumes.sustained.drainSeconds
        } s (counted at that lag)`
      : '';
  const rows: Row[] = [
    {
      what: `sustained, ${on}: push accepted -> its status stored by the plugin (p50 / p95 / max)`,
      database: db.label,
      volume: `${volume}${countsNote}${unseenNote}`,
      measured: `${p50.toFixed(1)} / ${p95.toFixed(1)} / ${max.toFixed(1)} s`,
      target: `p95 <= ${LAG_TARGET_S} s`,
      figures: [
        figure(id('statusLagP50'), p50, 's'),
        figure(id('statusLagP95'), p95, 's', atMost(LAG_TARGET_S)),
        figure(id('statusLagMax'), max, 's'),
        figure(id('pushesWithoutStatus'), unseen, 'pushes'),
      ],
    },
    {
      what: `sustained, ${on}: pushes accepted per second over HTTP (one objective-minute each)`,
      database: db.label,
      volume,
      measured: `${count(rate)}/s (${count(sent)} in ${ms(
        pushSeconds * 1000,
      )})`,
      target: '-',
      figures: [figure(id('pushesPerSecond'), rate, 'pushes/s')],
    },
  ];
  if (peakMb !== undefined) {
    rows.push({
      what: `sustained, ${on}: peak RSS of the backend process (the largest replica's; Linux VmHWM, over its whole life)`,
      database: db.label,
      volume,
      measured: `${peakMb.toFixed(0)} MB`,
      target: `<= ${RSS_TARGET_MB} MB`,
      figures: [figure(id('peakRss'), peakMb, 'MB', atMost(RSS_TARGET_MB))],
    });
  }
  return rows;
}
