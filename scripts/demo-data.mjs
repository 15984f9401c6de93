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
 * Cart web a draft with two attestations and failing checks, Search API handed back; and
 * one leadership decision (Cart web's loosened SLO) for /reliability/decisions.
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
  // Budget exhausted: a day of failing writes five days ago on a 99.99% SLO, about 3.5 times
  // its 28-day budget whatever the time of day the demo starts (a two-hour outage at 10% was
  // exhausted at the afternoon's peak and within budget in the night's trough: the traffic is
  // diurnal). Its System's policy (strict-payments) enacts a release freeze by itself.
  'ledger-availability': {
    rpm: 300,
    errorRate: 0.00002,
    incidents: [[-5 * DAY, 24 * HOUR, 0.01]],
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
    let res;
    try {
      res = await call('/v1/sli/events', {
        method: 'POST',
        body: JSON.stringify({ items }),
      });
    } catch (e) {
      // The backend restarting (the dev server reloads on a code change): wait for it.
      if (attempt >= 90) throw e;
      await sleep(2000);
      continue;
    }
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

/** A call as the guest: `path` under the guest's component, or `fullPath` under the API. */
async function asGuest(userToken, path, body, fullPath) {
  const url = fullPath
    ? `${baseUrl}${fullPath}`
    : `${baseUrl}/v1/entities/component/default/${path}`;
  path = fullPath ?? path;
  const res = await fetch(url, {
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

/**
 * Runs `fn` with a fresh guest token until it succeeds: right after start the catalog may
 * not have read the demo's teams yet, and the backend may still be evaluating. 12 attempts,
 * 15 s apart; never throws.
 */
async function withGuestRetries(what, fn) {
  const attempts = 12;
  const delay = 15_000;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await fn(await guestToken());
    } catch (e) {
      console.error(
        `[demo-data] ${what}, attempt ${attempt}/${attempts}: ${e.message}${
          attempt < attempts ? `; again in ${delay / 1000} s` : '; giving up'
        }`,
      );
      if (attempt < attempts) await sleep(delay);
    }
  }
  return undefined;
}

async function seedReviews() {
  let pending;
  await withGuestRetries('seeding the readiness reviews', async userToken => {
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
        `[demo-data] review seeded, ${await seedReview(userToken, pending[0])}`,
      );
      pending.shift();
    }
  });
}

/*
 * Postmortems, once (only while the demo has none): the team's archive of September and
 * October imported with the CLI, as a team with an existing archive would
 * (examples/postmortems-archive.csv), and two postmortems of the incidents above, placed
 * like them relative to when the demo started:
 * - Checkout API's 90-minute error spike nine days ago: published, with its action items
 *   (one done, one overdue, one due next month).
 * - Search API's day of errors five days ago: in review. It spent far more than the
 *   standard policy's 20% share of the budget, so it is flagged until it is published.
 * Search API's slow burn of the last day (a page-tier episode) is left without one, so it is
 * listed as needing a postmortem.
 */
async function seedPostmortems() {
  await withGuestRetries('seeding the postmortems', async userToken => {
    const existing = await asGuest(
      userToken,
      null,
      undefined,
      '/v1/postmortems?limit=1',
    );
    if (existing.totalCount > 0) {
      console.log('[demo-data] postmortems: some exist already, not seeded');
      return;
    }
    await importArchive(userToken);
    const iso = offset => new Date(anchor + offset).toISOString();
    const checkout = -9 * DAY;
    const search = -5 * DAY;
    const records = [
      {
        externalId: 'DEMO-CHECKOUT-5XX',
        title: 'Checkout API 5xx during the payment-provider failover',
        severity: 'sev2',
        status: 'published',
        blamelessReviewHeld: true,
        documentUrl: 'https://wiki.example.com/postmortems/checkout-failover',
        summary:
          'A failover of the payment provider left stale TLS sessions in the checkout connection pool; about 2% of checkouts failed for 90 minutes until the pool was recycled.',
        startedAt: iso(checkout),
        detectedAt: iso(checkout + 12 * MIN),
        mitigatedAt: iso(checkout + 70 * MIN),
        resolvedAt: iso(checkout + 90 * MIN),
        entityRefs: ['component:default/checkout-api'],
        actionItems: [
          {
            title: 'Recycle pooled connections on provider failover',
            ownerRef: 'group:default/team-checkout',
            dueAt: iso(-2 * DAY),
            priority: 'p1',
            status: 'done',
          },
          {
            title: 'Page on TLS handshake errors to the provider',
            ownerRef: 'group:default/sre-core',
            dueAt: iso(-1 * DAY),
            priority: 'p1',
            status: 'open',
          },
          {
            title: 'Game day: provider failover in staging',
            ownerRef: 'group:default/team-checkout',
            dueAt: iso(30 * DAY),
            priority: 'p2',
            status: 'open',
          },
        ],
      },
      {
        externalId: 'DEMO-SEARCH-DAY',
        title: 'Search API errors after the index shard rebalance',
        severity: 'sev1',
        status: 'in-review',
        blamelessReviewHeld: false,
        documentUrl: 'https://wiki.example.com/postmortems/search-rebalance',
        summary:
          'A shard rebalance left two replicas without a primary; about 7% of queries failed for a day.',
        startedAt: iso(search),
        detectedAt: iso(search + 45 * MIN),
        mitigatedAt: iso(search + 20 * HOUR),
        resolvedAt: iso(search + 24 * HOUR),
        entityRefs: ['component:default/search-api'],
        actionItems: [
          {
            title: 'Block rebalances that leave a shard without a primary',
            ownerRef: 'group:default/team-search',
            dueAt: iso(10 * DAY),
            priority: 'p0',
            status: 'in-progress',
          },
        ],
      },
    ];
    const result = await asGuest(
      userToken,
      null,
      { items: records },
      '/v1/postmortems/import',
    );
    console.log(
      `[demo-data] postmortems seeded: ${result.created} created, ${result.updated} updated`,
    );
  });
}

/*
 * The SRE time budget: SRE Core (two members: 280 hours a month) carried a growing load of
 * Checkout API incidents over the five months before this one — 12, 22, 34, 44 and 56
 * incident hours, at 3 engineer-hours each — so its operational share rises from about 13%
 * to 60% of its time, over the 50% cap in the last complete month (and SRE Core is over
 * capacity in the SRE load). Its toil-reduction work was closed in the early months and
 * is left open as the pages took over. SRE Platform (one member) has no such incidents and
 * stays under its cap. Imported on every start: records are keyed by their calendar month
 * (externalId DEMO-SRE-TIME-<YYYY-MM>-<n>), so a restart in the same month changes nothing,
 * and one in a later month moves the story along with it.
 */
const TIME_BUDGET_HOURS = { 5: 12, 4: 22, 3: 34, 2: 44, 1: 56 };
const TIME_BUDGET_STORIES = [
  ['Checkout API timeouts from the payment provider', 'provider timeouts'],
  ['Checkout API 5xx after a database failover', 'database failover'],
  ['Checkout API queueing under the evening peak', 'peak queueing'],
  ['Checkout API errors after a certificate rotation', 'certificate rotation'],
  ['Checkout API stuck on a poisoned cache entry', 'cache poisoning'],
];

function timeBudgetRecords(now) {
  const d = new Date(now);
  const records = [];
  for (const [back, hours] of Object.entries(TIME_BUDGET_HOURS)) {
    const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1);
    const month = new Date(monthStart).toISOString().slice(0, 7);
    const [title, topic] = TIME_BUDGET_STORIES[back - 1];
    const iso = ms => new Date(ms).toISOString();
    // Two incidents a month: 40% of the hours on day 4, 60% on day 17.
    [
      [3, 0.4],
      [16, 0.6],
    ].forEach(([day, part], n) => {
      const startedAt = monthStart + day * DAY + 9 * HOUR;
      const lasting = Math.round(hours * part * 10) / 10;
      const toilClosed = back >= 3;
      records.push({
        externalId: `DEMO-SRE-TIME-${month}-${n + 1}`,
        title: `${title}${n ? ' (again)' : ''}`,
        severity: lasting > 15 ? 'sev1' : 'sev2',
        status: 'published',
        blamelessReviewHeld: true,
        summary: `SRE Core spent ${lasting} hours restoring Checkout API (${topic}).`,
        startedAt: iso(startedAt),
        detectedAt: iso(startedAt + 10 * MIN),
        mitigatedAt: iso(startedAt + Math.round(lasting * 0.8 * HOUR)),
        resolvedAt: iso(startedAt + Math.round(lasting * HOUR)),
        entityRefs: ['component:default/checkout-api'],
        actionItems: [
          {
            title: `Automate the ${topic} runbook`,
            ownerRef: 'group:default/sre-core',
            priority: 'p1',
            labels: ['automation', 'toil-reduction'],
            ...(toilClosed
              ? { status: 'done', closedAt: iso(monthStart + 24 * DAY) }
              : { status: 'open' }),
          },
          {
            title: `Alert earlier on ${topic}`,
            ownerRef: 'group:default/sre-core',
            priority: 'p2',
            labels: ['reliability'],
            ...(back >= 2
              ? { status: 'done', closedAt: iso(monthStart + 25 * DAY) }
              : { status: 'in-progress' }),
          },
        ],
      });
    });
  }
  return records;
}

async function seedTimeBudget() {
  await withGuestRetries('seeding the SRE time budget', async userToken => {
    const result = await asGuest(
      userToken,
      null,
      { items: timeBudgetRecords(Date.now()) },
      '/v1/postmortems/import',
    );
    console.log(
      `[demo-data] SRE time budget incidents: ${result.created} created, ${result.updated} updated`,
    );
  });
}

/** The archive, through the CLI as a team would import it (the guest's token as its own). */
async function importArchive(userToken) {
  const { execFile } = await import('node:child_process');
  const file = new URL('../examples/postmortems-archive.csv', import.meta.url)
    .pathname;
  const cli = new URL('../packages/cli/bin/reliability', import.meta.url)
    .pathname;
  await new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [cli, 'postmortems', 'import', file, '--url', origin],
      { env: { ...process.env, RELIABILITY_TOKEN: userToken } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${stdout}${stderr}`.trim()));
        else {
          console.log(`[demo-data] archive: ${stdout.trim()}`);
          resolve();
        }
      },
    ),
  );
}

/*
 * SLO refinement history, once (while Cart pages availability has no imported history): its
 * definitions from git before the catalog delivered it — 99.5% from 45 days ago, loosened
 * to today's 99% three days ago, mid-window of its 7-day window — imported as a team would
 * import its SLO file's git history. The entity page then shows the window judged per
 * period and the change on the SLO's timeline; /reliability/enactments lists it.
 */
async function seedSloHistory() {
  const slo = 'cart-web-availability';
  await withGuestRetries('importing the SLO history', async userToken => {
    const revisions = await asGuest(
      userToken,
      null,
      undefined,
      `/v1/slos/default/${slo}/revisions?limit=100`,
    );
    if (revisions.items.some(r => r.imported)) {
      console.log('[demo-data] SLO history: imported already, not seeded');
      return;
    }
    const res = await fetch(
      `${origin}/api/catalog/entities/by-name/slo/default/${slo}`,
      { headers: { Authorization: `Bearer ${userToken}` } },
    );
    if (!res.ok) throw new Error(`catalog answered ${res.status} for ${slo}`);
    const { spec } = await res.json();
    const withTarget = target => ({
      ...spec,
      objectives: spec.objectives.map(o => ({ ...o, target })),
    });
    const commit = sha =>
      `https://git.example.com/shop/cart-web/-/commit/${sha}`;
    const result = await asGuest(
      userToken,
      null,
      {
        items: [
          {
            effectiveFrom: new Date(anchor - 45 * DAY).toISOString(),
            spec: withTarget(0.995),
            sourceUrl: commit('3f2a91c'),
            sourceLocation: 'cart-web/slos.yaml@3f2a91c',
          },
          {
            // Today's definition, in force since this commit.
            effectiveFrom: new Date(anchor - 3 * DAY).toISOString(),
            spec,
            sourceUrl: commit('8b0c4de'),
          },
        ],
      },
      `/v1/slos/default/${slo}/revisions/import`,
    );
    console.log(
      `[demo-data] SLO history: imported ${result.imported} earlier definition(s) of ${slo}`,
    );
  });
}

/*
 * A leadership decision, once (while Cart web has none): Cart web's availability target
 * was loosened from 99.5% to 99% three days ago (seedSloHistory), and leadership records the
 * decision it carried out, so /reliability/decisions shows a decision taken with its
 * follow-up (the loosened target). The Ledger's spent budget, with no decision, is what
 * waits on leadership there.
 */
async function seedDecisions() {
  await withGuestRetries(
    'recording the leadership decision',
    async userToken => {
      const policy = await asGuest(userToken, 'cart-web/policy');
      if (policy.escalation?.decision) {
        console.log(
          '[demo-data] leadership decision: recorded already, not seeded',
        );
        return;
      }
      await asGuest(userToken, 'cart-web/policy/decisions', {
        decision: 'loosen-slo',
        reason:
          'Cart pages at 99.5% cost a freeze a month; 99% is what customers notice. Loosened in cart-web/slos.yaml@8b0c4de.',
        link: 'https://git.example.com/shop/cart-web/-/commit/8b0c4de',
      });
      console.log(
        '[demo-data] leadership decision recorded for cart-web (loosen-slo)',
      );
    },
  );
}

await waitForBackend();
for (const [name, profile] of Object.entries(PROFILES)) {
  await backfill(name, profile);
}
// Beside the live data, so that retries (the SLOs' state may still be being evaluated)
// do not hold it up; never throws.
const seeding = Promise.all([
  seedReviews().catch(e =>
    console.error(`[demo-data] seeding the readiness reviews: ${e.message}`),
  ),
  // After the postmortems: those are seeded only while there are none.
  seedPostmortems()
    .catch(e =>
      console.error(`[demo-data] seeding the postmortems: ${e.message}`),
    )
    .then(() => seedTimeBudget()),
  seedSloHistory().catch(e =>
    console.error(`[demo-data] importing the SLO history: ${e.message}`),
  ),
  seedDecisions().catch(e =>
    console.error(
      `[demo-data] recording the leadership decision: ${e.message}`,
    ),
  ),
]);
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
