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
 *
 * After the back-fill it also seeds three production-readiness reviews, once (only for an
 * entity whose review is still null, so a restart adds nothing): Checkout API approved,
 * Cart web a draft with two attestations and failing checks, Search API handed back.
 * Reviews need a user (the demo permission policy refuses service principals), so this
 * part signs in as the demo's guest, who is in the owning teams and in sre-core.
 */
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const origin = arg('url', 'http://localhost:7007');
const baseUrl = `${origin}/api/reliability`;
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
  // Ticket tier: a slow burn over the last day, after a day of errors five days ago, so the
  // error-budget policy puts it "at risk".
  'search-api-availability': {
    rpm: 2000,
    errorRate: 0.001,
    incidents: [
      // A whole day, so its share of the budget does not depend on the time of day the
      // demo starts (the traffic is diurnal): about 84% of the budget spent at start.
      [-5 * DAY, 24 * HOUR, 0.07],
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

/*
 * Production-readiness reviews, made as a user would make them: the guest signs in through
 * the guest provider and acts as the owning team (attest, submit) and as the SRE team
 * (approve, hand back). In the demo the guest is a member of both; see examples/org.yaml.
 */
const ATTESTATIONS = {
  'dependencies-documented': {
    statement:
      'Upstream and downstream dependencies are listed with their failure modes and how the service degrades without each.',
    path: 'architecture/dependencies',
  },
  'alerts-actionable': {
    statement:
      'Every paging alert links to a runbook entry and routes to the on-call; noisy alerts were removed in the last review.',
    path: 'monitoring/alerts',
  },
  'load-tested': {
    statement:
      'Load tested at 2x the expected peak; the first bottleneck (database connections) has 40% headroom.',
    path: 'capacity/load-test',
  },
  'progressive-rollout': {
    statement:
      'Releases go out as 5% canaries with automatic rollback; a rollback was rehearsed this quarter in 4 minutes.',
    path: 'delivery/rollout',
  },
  'toil-inventory': {
    statement:
      'Recurring manual tasks are inventoried with their frequency; the two largest have automation planned.',
    path: 'operations/toil',
  },
  'postmortem-practice': {
    statement:
      'Incidents get blameless postmortems from the team template; action items are tracked to closure.',
    path: 'postmortems',
  },
};

const REVIEW_PLANS = [
  {
    name: 'checkout-api',
    attest: 'all',
    actions: [
      { action: 'submit' },
      {
        action: 'approve',
        comment:
          'Checklist complete, on-call and runbooks verified; sre-core takes on Checkout API as supported.',
      },
    ],
  },
  {
    name: 'cart-web',
    // Two attestations only: a review in progress. Its on-call and runbook checks fail, so
    // it cannot be submitted yet.
    attest: ['dependencies-documented', 'progressive-rollout'],
    actions: [],
  },
  {
    name: 'search-api',
    attest: 'all',
    actions: [
      { action: 'submit' },
      {
        action: 'approve',
        comment: 'Readiness checklist complete; approved for SRE support.',
      },
      {
        action: 'hand-back',
        comment:
          'The error budget has been at risk for weeks; handing back until the search index rebuild lands',
      },
    ],
  },
];

/** The state each action leaves a review in. */
const ACTION_TO = {
  submit: 'submitted',
  approve: 'approved',
  'request-changes': 'changes-requested',
  'hand-back': 'handed-back',
  reopen: 'draft',
};

async function guestToken() {
  const res = await fetch(`${origin}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const body = await res.json().catch(() => ({}));
  const userToken = body?.backstageIdentity?.token;
  if (!res.ok || !userToken) {
    throw new Error(
      `guest sign-in failed with ${res.status}: ${JSON.stringify(body)}`,
    );
  }
  // Until the catalog has read examples/org.yaml the guest owns nothing but itself and the
  // reviews would be refused, so wait for its teams.
  const refs = body.backstageIdentity.identity?.ownershipEntityRefs ?? [];
  const teams = ['group:default/team-checkout', 'group:default/team-search'];
  const missing = teams.filter(t => !refs.includes(t));
  if (missing.length) {
    throw new Error(
      `the guest is not (yet) a member of ${missing.join(', ')} (it holds ${
        refs.join(', ') || 'nothing'
      })`,
    );
  }
  return userToken;
}

async function asGuest(userToken, path, body) {
  const res = await fetch(`${baseUrl}/v1/entities/component/default/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      Authorization: `Bearer ${userToken}`,
      'Content-Type': 'application/json',
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const resBody = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error(
      `${body ? 'POST' : 'GET'} ${path} answered ${res.status}: ${
        resBody?.error?.message ?? JSON.stringify(resBody)
      }`,
    );
  }
  return resBody;
}

/** Brings one entity's review to its plan; every step is skipped when already done. */
async function seedReview(userToken, plan) {
  const readiness = await asGuest(userToken, `${plan.name}/readiness`);
  const items = readiness.sections.flatMap(s => s.items);
  const toAttest = items.filter(
    i =>
      i.kind === 'attestation' &&
      (plan.attest === 'all' || plan.attest.includes(i.id)) &&
      i.state !== 'passing',
  );
  for (const item of toAttest) {
    const a = ATTESTATIONS[item.id] ?? {
      statement: `${item.title}: reviewed by the team.`,
      path: item.id,
    };
    await asGuest(userToken, `${plan.name}/readiness/attestations`, {
      itemId: item.id,
      statement: a.statement,
      evidenceUrl: `https://docs.example.com/${plan.name}/${a.path}`,
    });
  }
  let state = readiness.review?.state ?? 'draft';
  // The actions still to take: those after the one that led to the current state.
  const done = plan.actions.findIndex(a => ACTION_TO[a.action] === state);
  for (const step of plan.actions.slice(done + 1)) {
    const review = await asGuest(userToken, `${plan.name}/readiness/review`, {
      ...step,
      expectedState: state,
    });
    state = review.state;
  }
  const failing = items
    .filter(i => i.kind === 'check' && i.required && i.state !== 'passing')
    .map(i => i.id);
  return `${plan.name}: ${state}${
    toAttest.length ? `, ${toAttest.length} item(s) attested` : ''
  }${failing.length ? `, failing checks: ${failing.join(', ')}` : ''}`;
}

async function seedReviews() {
  const attempts = 12;
  const delay = 15_000;
  let pending;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const userToken = await guestToken();
      if (!pending) {
        // Only entities without a review: a restart adds nothing.
        pending = [];
        for (const plan of REVIEW_PLANS) {
          const r = await asGuest(userToken, `${plan.name}/readiness`);
          if (r.review === null) pending.push(plan);
          else {
            console.log(
              `[demo-data] review of ${plan.name}: exists already (${r.review.state}), not seeded`,
            );
          }
        }
      }
      while (pending.length) {
        console.log(
          `[demo-data] review seeded, ${await seedReview(
            userToken,
            pending[0],
          )}`,
        );
        pending.shift();
      }
      return;
    } catch (e) {
      console.error(
        `[demo-data] seeding the readiness reviews, attempt ${attempt}/${attempts}: ${
          e.message
        }${
          attempt < attempts ? `; again in ${delay / 1000} s` : '; giving up'
        }`,
      );
      if (attempt < attempts) await sleep(delay);
    }
  }
}

await waitForBackend();
for (const [name, profile] of Object.entries(PROFILES)) {
  await backfill(name, profile);
}
// Beside the live data, so that retries (the SLOs' state may still be being evaluated)
// do not hold it up; never throws.
const seeding = seedReviews().catch(e =>
  console.error(`[demo-data] seeding the readiness reviews: ${e.message}`),
);
if (once) await seeding;
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
