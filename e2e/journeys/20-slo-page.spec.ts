/**
 * The SLO page: one SLO's verdict, charts, alerts, budget and data at
 * /reliability/slos/:namespace/:name, with a time range that survives a reload, and the
 * same content on the SLO's catalog entity page.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test } from '../fixtures';
import {
  visit,
  assertHealthy,
  waitFor,
  watchReliabilityRequests,
  expectCleanPage,
  appUrl,
  artifacts,
} from '../helpers';

/** The page's charts, its alert table with the paging tier, and its budget. */
async function expectSloContent(page: Page) {
  await page
    .getByRole('img', { name: 'SLI over time against the target' })
    .first()
    .waitFor({ timeout: 60_000 });
  await page
    .getByRole('img', { name: 'Error budget burn-down chart' })
    .first()
    .waitFor();
  const alerts = page.getByRole('table', { name: 'Burn-rate alerts' }).first();
  await alerts.waitFor();
  const paging = alerts.getByRole('row').filter({ hasText: 'Page' }).first();
  await paging.getByText('1h and 5m').waitFor();
  // Checkout API latency counts minutes: its budget is bad time, not events.
  await page
    .getByTestId('slo-budget')
    .first()
    .getByText('Bad time allowed')
    .waitFor();
  await page
    .getByTestId('slo-freshness')
    .first()
    .getByText(/Last data received: \w/)
    .waitFor();
}

test('the SLO page: charts, alert table, a time range that survives a reload, and the same on the catalog page', async ({
  page,
}) => {
  const requests = watchReliabilityRequests(page);
  try {
    const url = `${appUrl}/reliability/slos/default/checkout-api-latency`;
    // The demo data may still be arriving when run alone: wait for the evaluated SLO.
    await waitFor(
      'the checkout-api-latency SLO page with its charts',
      async () => {
        await visit(page, url);
        await expectSloContent(page);
        return true;
      },
      240_000,
    );
    await page
      .getByRole('heading', { name: 'Checkout API latency' })
      .first()
      .waitFor();
    // The service by name, linked to its Reliability tab.
    const service = page
      .getByRole('link', { name: 'Checkout API', exact: true })
      .first();
    await service.waitFor();
    const href = await service.getAttribute('href');
    if (
      !href?.startsWith('/catalog/default/component/checkout-api/reliability')
    ) {
      throw new Error(`the service links to ${href}`);
    }

    // The last 7 days: asked of the backend, kept in the URL, still there after a reload.
    const asked = page.waitForResponse(
      r =>
        r
          .url()
          .includes('/api/reliability/v1/slos/default/checkout-api-latency') &&
        new URL(r.url()).searchParams.get('range') === '7d',
      { timeout: 30_000 },
    );
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    if ((await asked).status() !== 200) throw new Error('the 7d series failed');
    await page.waitForURL(/[?&]range=7d/);
    await page.reload();
    const week = page.getByRole('button', { name: 'Last 7 days' });
    await waitFor(
      'the 7-day range selected after the reload',
      async () => (await week.getAttribute('aria-pressed')) === 'true',
      30_000,
    );
    await expectSloContent(page);
    await assertHealthy(page);
    await expectCleanPage(page, requests, 'the SLO page');

    // The first screen, at the range a reader opens it with.
    await page.getByRole('button', { name: 'Whole window' }).click();
    await page.waitForURL(u => !new URL(u).searchParams.has('range'));
    await expectSloContent(page);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(artifacts, 'slo-page.png') });

    // The SLO's catalog page shows the same content, linking to the SLO page.
    await visit(page, `${appUrl}/catalog/default/slo/checkout-api-latency`);
    await expectSloContent(page);
    const open = page.getByRole('link', {
      name: 'Open as a page in Reliability',
    });
    if (
      (await open.getAttribute('href')) !==
      '/reliability/slos/default/checkout-api-latency'
    ) {
      throw new Error(
        `the catalog page links to ${await open.getAttribute('href')}`,
      );
    }
    await assertHealthy(page);
    await expectCleanPage(page, requests, "the SLO's catalog page");
  } finally {
    requests.stop();
  }
});
