// The postmortems the demo imports, as data (pure functions of the time, so tests pin them).
import type { PostmortemInput } from '@reliability-suite/plugin-reliability-common';
import { DAY, HOUR, MIN, iso } from './time';

/**
 * Two postmortems of the incidents in profiles.ts, placed like them relative to `anchor`:
 * - Checkout API's 90-minute error spike nine days ago: published, with its action items
 *   (one done, one overdue, one due next month).
 * - Search API's day of errors five days ago: in review. It spent far more than the
 *   standard policy's 20% share of the budget, so it is flagged until it is published.
 * Search API's slow burn of the last day (a page-tier episode) is left without one, so it is
 * listed as needing a postmortem.
 */
export function incidentPostmortems(anchor: number): PostmortemInput[] {
  const at = (offset: number) => iso(anchor + offset);
  const checkout = -9 * DAY;
  const search = -5 * DAY;
  return [
    {
      externalId: 'DEMO-CHECKOUT-5XX',
      title: 'Checkout API 5xx during the payment-provider failover',
      severity: 'sev2',
      status: 'published',
      blamelessReviewHeld: true,
      documentUrl: 'https://wiki.example.com/postmortems/checkout-failover',
      summary:
        'A failover of the payment provider left stale TLS sessions in the checkout connection pool; about 2% of checkouts failed for 90 minutes until the pool was recycled.',
      startedAt: at(checkout),
      detectedAt: at(checkout + 12 * MIN),
      mitigatedAt: at(checkout + 70 * MIN),
      resolvedAt: at(checkout + 90 * MIN),
      entityRefs: ['component:default/checkout-api'],
      actionItems: [
        {
          title: 'Recycle pooled connections on provider failover',
          ownerRef: 'group:default/team-checkout',
          dueAt: at(-2 * DAY),
          priority: 'p1',
          status: 'done',
        },
        {
          title: 'Page on TLS handshake errors to the provider',
          ownerRef: 'group:default/sre-core',
          dueAt: at(-1 * DAY),
          priority: 'p1',
          status: 'open',
        },
        {
          title: 'Game day: provider failover in staging',
          ownerRef: 'group:default/team-checkout',
          dueAt: at(30 * DAY),
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
      startedAt: at(search),
      detectedAt: at(search + 45 * MIN),
      mitigatedAt: at(search + 20 * HOUR),
      resolvedAt: at(search + 24 * HOUR),
      entityRefs: ['component:default/search-api'],
      actionItems: [
        {
          title: 'Block rebalances that leave a shard without a primary',
          ownerRef: 'group:default/team-search',
          dueAt: at(10 * DAY),
          priority: 'p0',
          status: 'in-progress',
        },
      ],
    },
  ];
}

/*
 * The SRE time budget: SRE Core (two members: 280 hours a month) carried a growing load of
 * Checkout API incidents over the five months before this one — 12, 22, 34, 44 and 56
 * incident hours, at 3 engineer-hours each — so its operational share rises from about 13%
 * to 60% of its time, over the 50% cap in the last complete month (and SRE Core is over
 * capacity in the SRE load). Its toil-reduction work was closed in the early months and
 * is left open as the pages took over. SRE Platform (one member) has no such incidents and
 * stays under its cap. Records are keyed by their calendar month (externalId
 * DEMO-SRE-TIME-<YYYY-MM>-<n>), so a re-import in the same month changes nothing, and one
 * in a later month moves the story along with it.
 */

/** Incident hours of each of the five months before this one, by months back. */
const TIME_BUDGET_HOURS: Record<number, number> = {
  5: 12,
  4: 22,
  3: 34,
  2: 44,
  1: 56,
};
/** Title and topic of the incidents, by months back - 1. */
const TIME_BUDGET_STORIES: [string, string][] = [
  ['Checkout API timeouts from the payment provider', 'provider timeouts'],
  ['Checkout API 5xx after a database failover', 'database failover'],
  ['Checkout API queueing under the evening peak', 'peak queueing'],
  ['Checkout API errors after a certificate rotation', 'certificate rotation'],
  ['Checkout API stuck on a poisoned cache entry', 'cache poisoning'],
];

/** SRE Core's incidents of the five months before the month of `now`, latest month first. */
export function timeBudgetRecords(now: number): PostmortemInput[] {
  const d = new Date(now);
  const records: PostmortemInput[] = [];
  for (const [key, hours] of Object.entries(TIME_BUDGET_HOURS)) {
    const back = Number(key);
    const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1);
    const month = iso(monthStart).slice(0, 7);
    const [title, topic] = TIME_BUDGET_STORIES[back - 1];
    // Two incidents a month: 40% of the hours on day 4, 60% on day 17.
    const incidents: [number, number][] = [
      [3, 0.4],
      [16, 0.6],
    ];
    incidents.forEach(([day, part], n) => {
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
