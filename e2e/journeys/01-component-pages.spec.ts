/*
 * Journeys of a component's pages: its Reliability tab and overview card, a component
 * without SLOs or SRE team, and the sidebar's way to /reliability.
 */
import path from 'node:path';
import { test } from '../fixtures';
import { appUrl, artifacts, SHOWN_WITHIN, waitFor, visit } from '../helpers';

test("a component's Reliability tab shows its SLO cards with charts and responsibility", async ({
  page,
}) => {
  // The catalog ingests the example entities and the demo data arrives shortly after start.
  // The SLO cards are the SLOs section of the tab.
  const url = `${appUrl}/catalog/default/component/checkout-api/reliability/slos`;
  // Until the back-fill has reached the demo's ongoing incident, the card says it is
  // collecting data (of a partial window) and no alert fires: each attempt reloads the page
  // until the incident is in, which a loaded machine takes minutes to push.
  await waitFor(
    "the checkout-api SLO cards with the incident's data",
    async () => {
      await visit(page, url);
      await page
        .getByText('Error budget remaining')
        .first()
        .waitFor({ timeout: SHOWN_WITHIN });
      // The demo's ongoing incident burns the availability budget fast: the page tier fires.
      await page
        .getByText('Page: fast burn')
        .first()
        .waitFor({ timeout: 10_000 });
      return true;
    },
    300_000,
  );
  await page.getByText('Checkout API availability').first().waitFor();
  await page.getByText('Checkout API latency').first().waitFor();
  const chart = page
    .getByRole('img', { name: 'Error budget burn-down chart' })
    .first();
  await chart.waitFor({ timeout: 30_000 });
  await chart
    .locator('.recharts-area-area')
    .first()
    .waitFor({ timeout: 30_000 });
  await page.getByRole('table', { name: 'Burn rates' }).first().waitFor();
  await page.screenshot({
    path: path.join(artifacts, 'reliability-tab.png'),
    fullPage: true,
  });
  await visit(
    page,
    `${appUrl}/catalog/default/component/checkout-api/reliability/ownership`,
  );
  const responsibility = page.getByRole('table', {
    name: 'Responsibility',
    exact: true,
  });
  await responsibility.getByText('supported').waitFor();
  await responsibility
    .getByText('https://oncall.example.com/schedules/checkout')
    .waitFor({ timeout: 60_000 });
});

test("a component's overview shows the reliability card", async ({ page }) => {
  // The demo back-fills 35 days of data per SLO, the Ledger's after four others, oldest
  // first: until its outage five days ago is in, its window is partly covered and the card
  // says it is collecting data. A user reloads until the data are in; at no point may the
  // card call the Ledger healthy with its whole budget left.
  const card = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'Ledger write availability' })
    .first();
  const seen = new Set<string>();
  let text = '';
  await waitFor(
    "the Ledger's back-fill to be in",
    async () => {
      await visit(page, `${appUrl}/catalog/default/component/ledger`);
      await page
        .getByText('Ledger write availability')
        .waitFor({ timeout: 60_000 });
      // The policy line loads beside the objectives (not the verdict's "by the policy:").
      await card.getByText(/^Policy:/).waitFor({ timeout: 30_000 });
      text = await card.innerText();
      if (text.includes('Collecting data') && !seen.has('Collecting data')) {
        await page.screenshot({
          path: path.join(artifacts, 'ledger-card-collecting.png'),
        });
      }
      for (const state of ['No data', 'Collecting data', 'Budget exhausted']) {
        if (text.includes(state)) seen.add(state);
      }
      if (/\bHealthy\b|100% budget left/.test(text)) {
        seen.add(`healthy: ${text.replace(/\s+/g, ' ')}`);
      }
      // The policy is evaluated just after the objective, and its automatic freeze follows:
      // the card's verdict is the freeze once both are in; until then, reload again.
      if (
        text.includes('Budget exhausted') &&
        text.includes('Release freeze since')
      ) {
        return true;
      }
      await new Promise(r => setTimeout(r, 4000));
      return false;
    },
    300_000,
  );
  const healthy = [...seen].filter(s => s.startsWith('healthy: '));
  if (healthy.length > 0) {
    throw new Error(`the Ledger's card read healthy: ${healthy.join(' | ')}`);
  }
  // "87.3% budget left", or past exhaustion (the demo's Ledger) "3.54× over budget".
  if (!/[\d,.]+% budget left|[\d,.]+× over budget/.test(text)) {
    throw new Error(`no budget left on the Ledger's card: ${text}`);
  }
  console.log(`  the Ledger's card read: ${[...seen].join(', ')}`);
  await page.screenshot({
    path: path.join(artifacts, 'ledger-card.png'),
    fullPage: true,
  });
});

test('a component without SLOs explains how to add one', async ({ page }) => {
  await visit(
    page,
    `${appUrl}/catalog/default/component/recommendations/reliability/slos`,
  );
  await page
    .getByText('No SLOs for Recommendations yet')
    .waitFor({ timeout: 60_000 });
  await visit(
    page,
    `${appUrl}/catalog/default/component/recommendations/reliability/audit`,
  );
  await page
    .getByText('No state changes recorded yet', { exact: false })
    .waitFor();
});

test('a component without an SRE team says so', async ({ page }) => {
  // docs-site: neither it, its System (internal-tools) nor a Domain names an SRE team.
  await visit(
    page,
    `${appUrl}/catalog/default/component/docs-site/reliability/ownership`,
  );
  const responsibility = page.getByRole('table', {
    name: 'Responsibility',
    exact: true,
  });
  await responsibility.waitFor({ timeout: 60_000 });
  const sreRow = responsibility.getByRole('row', { name: /SRE team/ });
  await sreRow.getByText('not set').waitFor();
});

test('the sidebar leads to /reliability, the organisation overview', async ({
  page,
}) => {
  await visit(page, `${appUrl}/`);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Reliability' })
    .click({ timeout: 60_000 });
  await page.waitForURL(`${appUrl}/reliability`);
  await page.getByRole('tab', { name: 'SLOs' }).waitFor({ timeout: 60_000 });
  await page
    .getByText(/Service level objectives \(\d+\)/)
    .waitFor({ timeout: 30_000 });
  // Worst first: the demo's exhausted ledger budget tops the list.
  await page.getByText('Ledger write availability').waitFor();
  await page.getByText('Budget exhausted').first().waitFor();
  // Names, not references: the owners' and the policies' titles, once they have loaded.
  await page.getByRole('link', { name: 'Payments team' }).first().waitFor();
  await page.getByText('Strict policy for payments').first().waitFor();
  await page.screenshot({
    path: path.join(artifacts, 'reliability-page.png'),
    fullPage: true,
  });
});
