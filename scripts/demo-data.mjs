#!/usr/bin/env node
/*
 * Demo SLI data for the example SLOs, through the public push API (as any pusher would).
 *
 *   node scripts/demo-data.mjs [--url http://localhost:7007] [--days 35] [--once]
 *
 * Waits for the backend and the SLOs, fills `--days` of per-minute data for each SLO that
 * has none yet (so a second run adds nothing), then, unless --once, keeps pushing the
 * current minute every 30 s so burn-rate alerts stay live. The data is deterministic per
 * minute; incidents are placed relative to when the demo started so that every alert tier
 * and an exhausted budget are on show. Authenticates with RELIABILITY_DEMO_TOKEN, the
 * static external-access token app-config.yaml declares for the demo.
 */
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const baseUrl = `${arg('url', 'http://localhost:7007')}/api/reliability`;
const days = Number(arg('days', '35'));
const once = args.includes('--once');
const token = process.env.RELIABILITY_DEMO_TOKEN;
if (!token) {
  console.error('[demo-data] RELIABILITY_DEMO_TOKEN is not set');
  process.exit(2);
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const anchor = Math.floor(Date.now() / MIN) * MIN;

/*
 * Each SLO: requests per minute at peak, the usual error rate, and incidents
 * [start relative to the anchor, duration (null: ongoing), error rate].
 */
const PROFILES = {
  // Page tier: a fast burn still going on.
  'checkout-api-availability': {
    rpm: 1200,
    errorRate: 0.0002,
    incidents: [
      [-9 * DAY, 90 * MIN, 0.02],
      [-75 * MIN, null, 0.025],
    ],
  },
  // Timeslices: good = the minute met the latency threshold (1/1), bad = it did not (0/1).
  'checkout-api-latency': {
    slices: true,
    errorRate: 0.002,
    incidents: [[-3 * DAY, 45 * MIN, 1]],
  },
  // Calendar month in Europe/Berlin: healthy with a short incident.
  'payments-gateway-availability': {
    rpm: 600,
    errorRate: 0.0001,
    bad: true,
    incidents: [[-2 * DAY, 20 * MIN, 0.01]],
  },
  // Ticket tier: a slow burn over the last day, after an outage four days ago that spent
  // almost half the budget, so the error-budget policy puts it "at risk".
  'search-api-availability': {
    rpm: 2000,
    errorRate: 0.001,
    incidents: [
      [-4 * DAY, 6 * HOUR, 0.25],
      [-26 * HOUR, null, 0.02],
    ],
  },
  // Budget exhausted: a long outage five days ago on a 99.99% SLO. Its System's policy
  // (strict-payments) enacts a release freeze by itself.
  'ledger-availability': {
    rpm: 300,
    errorRate: 0.00002,
    incidents: [[-5 * DAY, 2 * HOUR, 0.1]],
  },
  // RatioTimeslices over 5-minute slices.
  'cart-web-availability': {
    rpm: 800,
    errorRate: 0.003,
    incidents: [[-30 * HOUR, 30 * MIN, 0.08]],
  },
};

/** A deterministic pseudo-random number in [0, 1) for a string. */
function rand(seed) {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

function errorRateAt(profile, t) {
  let rate = profile.errorRate;
  for (const [start, duration, r] of profile.incidents) {
    const from = anchor + start;
    if (t >= from && (duration === null || t < from + duration)) {
      rate = Math.max(rate, r);
    }
  }
  return rate;
}

function itemFor(name, profile, t) {
  const timestamp = new Date(t).toISOString();
  const slo = `slo:default/${name}`;
  if (profile.slices) {
    const good = rand(`${name}${t}`) >= errorRateAt(profile, t) ? 1 : 0;
    return { slo, timestamp, good, total: 1 };
  }
  // Diurnal traffic: a trough at 04:00 UTC, a peak at 16:00.
  const hour = new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60;
  const load = 0.55 + 0.45 * Math.sin(((hour - 10) / 24) * 2 * Math.PI);
  const total = Math.max(
    1,
    Math.round(profile.rpm * load * (0.9 + 0.2 * rand(`${name}${t}n`))),
  );
  const p = errorRateAt(profile, t) * (0.5 + rand(`${name}${t}e`));
  const bad = Math.min(total, Math.round(total * p));
  return profile.bad
    ? { slo, timestamp, bad, total }
    : { slo, timestamp, good: total - bad, total };
}

async function call(path, init = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
  const body = await res.json().catch(() => ({}));
  return { status: res.status, body };
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function waitForBackend() {
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(2000);
  }
}

async function push(items) {
  for (let attempt = 0; ; attempt++) {
    const res = await call('/v1/sli/events', {
      method: 'POST',
      body: JSON.stringify({ items }),
    });
    if (res.status === 200) return res.body;
    // The catalog may not have ingested the SLOs yet: wait and retry.
    if (
      attempt < 90 &&
      (res.status >= 500 || /no SLO/.test(JSON.stringify(res.body)))
    ) {
      await sleep(2000);
      continue;
    }
    throw new Error(
      `push failed with ${res.status}: ${JSON.stringify(res.body)}`,
    );
  }
}

async function hasData(name) {
  const res = await call(`/v1/slos/default/${name}`);
  if (res.status !== 200) return false;
  return res.body.series.some(s => s.points.some(p => p.total > 0));
}

async function backfill(name, profile) {
  if (await hasData(name)) {
    console.log(`[demo-data] ${name}: has data already, not refilled`);
    return;
  }
  const start = anchor - days * DAY;
  let batch = [];
  let pushed = 0;
  for (let t = start; t <= anchor; t += MIN) {
    batch.push(itemFor(name, profile, t));
    if (batch.length === 5000) {
      pushed += (await push(batch)).accepted;
      batch = [];
    }
  }
  if (batch.length) pushed += (await push(batch)).accepted;
  console.log(`[demo-data] ${name}: ${pushed} minutes of data pushed`);
}

await waitForBackend();
for (const [name, profile] of Object.entries(PROFILES)) {
  await backfill(name, profile);
}
if (!once) {
  console.log('[demo-data] streaming live data every 30 s');
  for (;;) {
    const now = Math.floor(Date.now() / MIN) * MIN;
    const items = Object.entries(PROFILES).flatMap(([name, profile]) => [
      itemFor(name, profile, now - MIN),
      itemFor(name, profile, now),
    ]);
    await push(items).catch(e => console.error(`[demo-data] ${e.message}`));
    await sleep(30_000);
  }
}
