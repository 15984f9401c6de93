/**
 * Journey of a service owner: the Reliability tab of their service answers on its first
 * screen (1440×1000) "are we OK, and what must we do now?" — the verdict, the next actions
 * and one row per objective — and each section has a URL that survives a reload.
 */
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test } from '../fixtures';
import {
  visit,
  waitFor,
  watchReliabilityRequests,
  expectCleanPage,
  appUrl,
  artifacts,
} from '../helpers';

const VIEWPORT_HEIGHT = 1000;

/** The element's box lies within the first screen (the page not scrolled). */
async function onFirstScreen(locator: Locator, what: string) {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${what}: not rendered`);
  const scrolled = await locator.evaluate(() => window.scrollY);
  if (box.y + scrolled + box.height > VIEWPORT_HEIGHT) {
    throw new Error(
      `${what}: ends at ${Math.round(
        box.y + scrolled + box.height,
      )} px, below the first screen (${VIEWPORT_HEIGHT} px)`,
    );
  }
}

const tab = (name: string) =>
  `${appUrl}/catalog/default/component/${name}/reliability`;

/** Opens the tab until `headline` is the verdict; checks the first screen. */
async function firstScreen(
  page: Page,
  name: string,
  headline: RegExp,
  what: string,
) {
  await waitFor(
    `${what}: the verdict ${headline}`,
    async () => {
      await visit(page, tab(name));
      const verdict = page.getByTestId('verdict');
      await verdict.waitFor({ timeout: 60_000 });
      if (headline.test(await verdict.innerText())) return true;
      await new Promise(r => setTimeout(r, 3000));
      return false;
    },
    240_000,
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  const verdict = page.getByTestId('verdict');
  await onFirstScreen(verdict, `${what}: the verdict`);
  const actions = page.getByRole('list', { name: 'Next actions' });
  await actions.waitFor({ timeout: 30_000 });
  await onFirstScreen(actions, `${what}: the next actions`);
  const objectives = page.getByRole('table', { name: 'Objectives' });
  await objectives.waitFor({ timeout: 30_000 });
  const rows = objectives.getByRole('row');
  const count = await rows.count();
  if (count < 2) throw new Error(`${what}: no objective rows`);
  await onFirstScreen(rows.last(), `${what}: the last objective row`);
  return { verdict, actions, objectives };
}

test("a service owner: Checkout API's Reliability tab says it is paging, what to do, and how each objective stands, on the first screen", async ({
  page,
}) => {
  const requests = watchReliabilityRequests(page);
  try {
    const { verdict, actions, objectives } = await firstScreen(
      page,
      'checkout-api',
      /^Paging: .+ burning [\d.]+×/,
      'Checkout API',
    );
    const text = await verdict.innerText();
    console.log(`  Checkout API: ${text.split('\n')[0]}`);
    // The paging SLO's row says so, with its burn, linked to the SLO's page.
    const availability = objectives
      .getByRole('row')
      .filter({ hasText: 'Checkout API availability' });
    await availability.getByText('Page: fast burn').waitFor();
    const href = await availability
      .getByRole('link', { name: 'Checkout API availability' })
      .getAttribute('href');
    if (!/^\/reliability\/slos\/default\//.test(href ?? '')) {
      throw new Error(`the objective links to ${href}, not its SLO page`);
    }
    // Every next action links into a section of this tab.
    const links = actions.getByRole('link');
    for (let i = 0; i < (await links.count()); i++) {
      const to = await links.nth(i).getAttribute('href');
      if (
        !to?.startsWith('/catalog/default/component/checkout-api/reliability/')
      ) {
        throw new Error(`a next action links to ${to}`);
      }
    }
    if (await page.getByText(/Release as usual/).count()) {
      throw new Error('the overview says to release as usual while paging');
    }
    await expectCleanPage(page, requests, 'Checkout API, Reliability overview');
    await page.screenshot({
      path: path.join(artifacts, 'entity-overview-checkout.png'),
    });
  } finally {
    requests.stop();
  }
});

test("a service owner: the Ledger's first screen says releases are frozen (or the budget is gone) and what to do", async ({
  page,
}) => {
  const requests = watchReliabilityRequests(page);
  try {
    const { verdict } = await firstScreen(
      page,
      'ledger',
      /^(Release freeze since .+: |Budget exhausted: )/,
      'Ledger',
    );
    const text = await verdict.innerText();
    console.log(`  Ledger: ${text.split('\n')[0]}`);
    if (/\bHealthy\b/.test(text)) {
      throw new Error(`the Ledger's verdict reads healthy: ${text}`);
    }
    await expectCleanPage(page, requests, 'Ledger, Reliability overview');
    await page.screenshot({
      path: path.join(artifacts, 'entity-overview-ledger.png'),
    });
  } finally {
    requests.stop();
  }
});

test('a service owner: a section of the Reliability tab has its own URL, survives a reload and an unknown one says so', async ({
  page,
}) => {
  const requests = watchReliabilityRequests(page);
  try {
    await visit(page, tab('checkout-api'));
    await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await page
      .getByRole('tablist', { name: 'Reliability sections' })
      .getByRole('tab', { name: 'Readiness' })
      .click();
    await page.waitForURL(`${tab('checkout-api')}/readiness`);
    await page
      .getByText('Readiness review')
      .first()
      .waitFor({ timeout: 60_000 });
    await page.reload();
    await page
      .getByText('Readiness review')
      .first()
      .waitFor({ timeout: 60_000 });
    const selected = await page
      .getByRole('tab', { name: 'Readiness' })
      .getAttribute('aria-selected');
    if (selected !== 'true') {
      throw new Error('after a reload the Readiness tab is not selected');
    }
    if (await page.getByTestId('verdict').count()) {
      throw new Error('the Readiness section shows the overview too');
    }
    await expectCleanPage(page, requests, 'Checkout API, Readiness section');

    for (const [section, shows] of [
      ['slos', 'Error budget remaining'],
      ['policy', 'Policy history'],
      ['ownership', 'Responsibility matrix'],
      ['postmortems', 'Postmortems'],
      ['audit', 'Audit trail'],
    ]) {
      await visit(page, `${tab('checkout-api')}/${section}`);
      await page.getByText(shows).first().waitFor({ timeout: 60_000 });
      await expectCleanPage(page, requests, `Checkout API, ${section}`);
    }
    await page.screenshot({
      path: path.join(artifacts, 'entity-section-audit.png'),
    });

    await visit(page, `${tab('checkout-api')}/nonsense`);
    await page
      .getByText('No section “nonsense” on the Reliability tab')
      .waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await expectCleanPage(page, requests, 'Checkout API, overview again');
  } finally {
    requests.stop();
  }
});
