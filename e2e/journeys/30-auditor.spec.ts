// The auditor's journey through the organisation's lists: the SLO list sorted by urgency,
// searched and filtered, the filters in the URL (a reload keeps them, so a view can be
// shared), services leading to their Reliability tab, the audit's filters surviving a
// reload too, and names rather than raw references in every table.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test } from '../fixtures';
import {
  visit,
  assertHealthy,
  filterBy,
  expectResults,
  waitFor,
  wordsBrokenInTables,
  appUrl,
  artifacts,
} from '../helpers';

/** References that must never stand where a name belongs. */
const RAW_REFERENCES = [
  'user:default/guest',
  'default/checkout-api-latency',
  'default/checkout-api-availability',
  'component:default/',
  'group:default/',
];

/** The visible text of the page's tables holds none of the raw references. */
async function expectNamesNotReferences(page: Page, where: string) {
  const text = (
    await page
      .locator('table')
      .evaluateAll(tables => tables.map(t => (t as HTMLElement).innerText))
  ).join('\n');
  const found = RAW_REFERENCES.filter(r => text.includes(r));
  if (found.length) {
    throw new Error(`${where}: raw references in a table: ${found.join(', ')}`);
  }
}

/** Waits for the page's next request to `route` whose query matches `check`. */
function nextRequest(
  page: Page,
  route: string,
  check: (query: URLSearchParams) => boolean,
) {
  return page.waitForResponse(
    r => {
      const url = new URL(r.url());
      return (
        url.pathname === `/api/reliability${route}` && check(url.searchParams)
      );
    },
    // Generous: the machines these run on are often loaded.
    { timeout: 180_000 },
  );
}

const SLO_TITLE = /^Service level objectives \((\d+)\)$/;

/** The rows of the org SLO list (not the audit trail below it). */
const sloRows = (page: Page) =>
  page
    .getByText(SLO_TITLE)
    .first()
    .locator('xpath=ancestor::*[.//table][1]')
    .locator('tbody tr');

test('auditor: the org SLO list puts the paging SLO first, searches and filters by owner, and a reload keeps it', async ({
  page,
}) => {
  // The demo's Checkout API availability pages (a fast burn firing) while the Ledger's
  // budget is exhausted: paging is the more urgent, and leads.
  await waitFor(
    'the paging Checkout API availability at the top of the org list',
    async () => {
      await visit(page, `${appUrl}/reliability`);
      await page.getByText(SLO_TITLE).first().waitFor({ timeout: 60_000 });
      const first = await sloRows(page).first().innerText();
      if (!first.includes('Checkout API availability')) {
        throw new Error(`first row: ${first.replace(/\s+/g, ' ')}`);
      }
      if (!first.includes('Page: fast burn')) {
        throw new Error(`first row not paging: ${first.replace(/\s+/g, ' ')}`);
      }
      return true;
    },
    240_000,
  );
  const order = await sloRows(page).allInnerTexts();
  const at = (text: string) => order.findIndex(r => r.includes(text));
  if (!(at('Ledger write availability') > 0)) {
    throw new Error('the exhausted Ledger is not below the paging SLO');
  }
  const noData = at('No data');
  if (noData >= 0 && noData < at('Ledger write availability')) {
    throw new Error('an SLO without data sorts above an exhausted budget');
  }
  await expectNamesNotReferences(page, 'the org SLO list');
  const broken = await wordsBrokenInTables(page);
  if (broken.length) {
    throw new Error(`words broken mid-word: ${broken.join(', ')}`);
  }
  await page.screenshot({
    path: path.join(artifacts, 'org-slos.png'),
    fullPage: false,
  });

  // A search with a space: both of Checkout API's SLOs, nothing else.
  await filterBy(page, 'Search SLOs', 'checkout api', '/v1/slos', 'q');
  await expectResults(page, SLO_TITLE, {
    shown: ['Checkout API availability', 'Checkout API latency'],
    hidden: ['Ledger write availability', 'Search API availability'],
  });

  // The owner filter, by the team's name.
  const byOwner = nextRequest(
    page,
    '/v1/slos',
    q => q.get('owner') === 'group:default/team-checkout',
  );
  await page.getByLabel('Owner', { exact: true }).click();
  await page.getByRole('option', { name: 'Checkout team' }).click();
  await byOwner;
  await expectResults(page, SLO_TITLE, {
    shown: ['Checkout API availability'],
    hidden: ['Ledger write availability'],
  });
  const url = new URL(page.url());
  if (
    url.searchParams.get('q') !== 'checkout api' ||
    url.searchParams.get('owner') !== 'group:default/team-checkout'
  ) {
    throw new Error(`the filters are not in the URL: ${page.url()}`);
  }

  // A reload (or the link sent to a colleague) shows the same list.
  const reloaded = nextRequest(
    page,
    '/v1/slos',
    q =>
      q.get('q') === 'checkout api' &&
      q.get('owner') === 'group:default/team-checkout',
  );
  await page.reload();
  await reloaded;
  await expectResults(page, SLO_TITLE, {
    shown: ['Checkout API availability', 'Checkout API latency'],
    hidden: ['Ledger write availability', 'Payments gateway availability'],
  });
  const search = await page
    .getByLabel('Search SLOs', { exact: true })
    .inputValue();
  if (search !== 'checkout api') {
    throw new Error(`the search box reads '${search}' after the reload`);
  }
  await page
    .getByLabel('Owner', { exact: true })
    .filter({ hasText: 'Checkout team' })
    .waitFor({ timeout: 30_000 });
  await expectNamesNotReferences(page, 'the filtered org SLO list');

  // The service opens its Reliability tab, not the entity's Overview.
  await sloRows(page)
    .filter({ hasText: 'Checkout API availability' })
    .first()
    .getByRole('link', { name: 'Checkout API', exact: true })
    .click();
  await page.waitForURL(
    /\/catalog\/default\/component\/checkout-api\/reliability$/,
    {
      timeout: 60_000,
    },
  );
  await assertHealthy(page);
});

test('auditor: the audit tab keeps its filters through a reload, and every /reliability table shows names', async ({
  page,
}) => {
  await visit(page, `${appUrl}/reliability/audit`);
  await page.getByText('Ownership audit').first().waitFor({ timeout: 60_000 });
  await page
    .getByText(/^Findings \(\d+\)$/)
    .first()
    .waitFor({ timeout: 60_000 });
  const byTier = nextRequest(page, '/v1/audit', q => q.get('tier') === '1');
  await page.getByLabel('Tier', { exact: true }).click();
  await page.getByRole('option', { name: 'Tier 1' }).click();
  await byTier;
  await assertHealthy(page);
  if (new URL(page.url()).searchParams.get('tier') !== '1') {
    throw new Error(`the tier is not in the URL: ${page.url()}`);
  }
  const reloaded = nextRequest(page, '/v1/audit', q => q.get('tier') === '1');
  await page.reload();
  await reloaded;
  await page
    .getByLabel('Tier', { exact: true })
    .filter({ hasText: 'Tier 1' })
    .waitFor({ timeout: 30_000 });
  await page
    .getByText(/^Findings \(\d+\)$/)
    .first()
    .waitFor({ timeout: 60_000 });
  await expectNamesNotReferences(page, 'the audit');
  await assertHealthy(page);

  // The other tabs' tables: names with the reference on hover, never the reference.
  for (const [tab, ready] of [
    ['policies', /^Error-budget policies \(\d+\)$/],
    ['enactments', 'Policy enactments across the organisation'],
    ['sre-teams', /SRE teams/],
  ]) {
    await visit(page, `${appUrl}/reliability/${tab}`);
    await page.getByText(ready).first().waitFor({ timeout: 60_000 });
    await page.locator('table').first().waitFor({ timeout: 60_000 });
    await expectNamesNotReferences(page, `/reliability/${tab}`);
  }
  await assertHealthy(page);
});
