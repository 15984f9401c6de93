/*
 * A postmortem author: opens the write dialog from a deep link to Checkout API's postmortems
 * section, writes a postmortem with an action item owned by a group picked from the catalog,
 * lands on the postmortem's page (timeline, budget spent, the owner by name), then finds it on
 * the organisation's Postmortems tab with filters that survive a reload.
 */
import path from 'node:path';
import { test } from '../fixtures';
import {
  visit,
  waitFor,
  watchReliabilityRequests,
  expectCleanPage,
  appUrl,
  artifacts,
} from '../helpers';

/** A time as a datetime-local field takes it, in this process's (and the browser's) zone. */
function localInput(ms: number) {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(
    d.getHours(),
  )}:${pad(d.getMinutes())}`;
}

test('postmortem author: write from a deep link, land on its page, find it on the org tab after a reload', async ({
  page,
}) => {
  const requests = watchReliabilityRequests(page);
  try {
    // A second run against the same portal adds another one: the newest is listed first.
    const title = 'Checkout API card declines after a token rotation';
    const entityUrl = `${appUrl}/catalog/default/component/checkout-api/reliability/postmortems`;

    // 1. The deep link opens the write dialog for Checkout API.
    await waitFor(
      'the write dialog from ?write=1',
      async () => {
        await visit(page, `${entityUrl}?write=1`);
        await page
          .getByRole('dialog')
          .getByText('Add a postmortem for Checkout API')
          .waitFor({ timeout: 20_000 });
        return true;
      },
      180_000,
    );
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('postmortem-title').fill(title);
    await dialog.getByRole('button', { name: /Severity/ }).click();
    await page.getByRole('option', { name: /^SEV3/ }).click();
    // Inside the demo's ongoing fast burn of Checkout API availability (from 75 min before
    // the demo started), so that the incident spent some of its error budget.
    const startedAt = Math.floor((Date.now() - 60 * 60_000) / 60_000) * 60_000;
    await dialog
      .getByTestId('postmortem-startedAt')
      .fill(localInput(startedAt));
    await dialog
      .getByTestId('postmortem-detectedAt')
      .fill(localInput(startedAt + 10 * 60_000));
    await dialog
      .getByTestId('postmortem-mitigatedAt')
      .fill(localInput(startedAt + 40 * 60_000));
    await dialog
      .getByTestId('postmortem-resolvedAt')
      .fill(localInput(startedAt + 50 * 60_000));
    await dialog
      .getByLabel('Summary')
      .fill(
        'Rotating the payment-provider token left one region with the old one; card payments there were declined.',
      );

    // 2. An action item whose owner is picked from the catalog's groups by name.
    await dialog.getByRole('button', { name: 'Add action item' }).click();
    const item = dialog.getByRole('group', { name: 'Action item 1' });
    await item
      .getByLabel('Action item', { exact: false })
      .first()
      .fill('Rotate provider tokens in every region at once');
    await item.getByLabel('Owner').fill('Checkout');
    await page.getByRole('option', { name: /^Checkout team/ }).click();
    await item.getByText('group:default/team-checkout').waitFor();
    await dialog.getByRole('button', { name: 'Save postmortem' }).click();

    // 3. Saving opens the postmortem's page.
    await page.waitForURL(/\/reliability\/postmortems\/\d+$/, {
      timeout: 30_000,
    });
    const pageUrl = page.url();
    await page.getByRole('heading', { name: title }).waitFor();
    const timeline = page.getByRole('list', {
      name: `Incident timeline of ${title}`,
    });
    await timeline.waitFor();
    // Local times with their zone.
    const steps = await timeline.getByRole('listitem').allInnerTexts();
    if (!steps.some(s => /Detected[\s\S]*(GMT|UTC)/.test(s))) {
      throw new Error(`the timeline shows no zoned times: ${steps}`);
    }
    await page.getByTestId('figure-resolve').getByText('50 min').waitFor();
    await page.getByTestId('figure-detect').getByText('10 min').waitFor();
    const items = page.getByRole('table', {
      name: `Action items of ${title}`,
    });
    const row = items.getByRole('row', {
      name: /Rotate provider tokens in every region at once/,
    });
    await row.getByRole('link', { name: 'Checkout team' }).waitFor();
    // The affected entity by name, linked to its Reliability tab's postmortems.
    const entity = page.getByTestId('postmortem-entities').getByRole('link', {
      name: /Postmortems of component:default\/checkout-api/,
    });
    await entity.getByText('Checkout API').waitFor();
    if (
      !((await entity.getAttribute('href')) ?? '').endsWith(
        '/catalog/default/component/checkout-api/reliability/postmortems',
      )
    ) {
      throw new Error(
        `the entity links to ${await entity.getAttribute('href')}`,
      );
    }
    const spent = await page.getByTestId('figure-budget').innerText();
    if (!/[1-9]/.test(spent)) {
      throw new Error(`no error budget spent during the fast burn: ${spent}`);
    }
    await page.getByRole('button', { name: 'Edit postmortem' }).waitFor();
    // The "saved" message fades; the screenshot is of the page.
    await page
      .getByText(`Postmortem “${title}” saved`)
      .waitFor({ state: 'detached', timeout: 30_000 });
    await expectCleanPage(page, requests, 'the postmortem page');
    await page.screenshot({
      path: path.join(artifacts, 'postmortem-page.png'),
      fullPage: true,
    });

    // 4. The entity's table links the new postmortem to its page.
    await visit(page, entityUrl);
    const link = page.getByRole('link', { name: title }).first();
    await link.waitFor({ timeout: 60_000 });
    if (!pageUrl.endsWith((await link.getAttribute('href')) ?? '\u0000')) {
      throw new Error(
        `the entity's table links to ${await link.getAttribute('href')}`,
      );
    }
    await expectCleanPage(page, requests, "Checkout API's postmortems");

    // 5. The org tab, filtered by team and severity and searched: the filters live in the
    // URL and survive a reload.
    await visit(page, `${appUrl}/reliability/postmortems`);
    await page.getByLabel('Team').click();
    await page.getByRole('option', { name: 'Checkout team' }).click();
    await page.getByLabel('Severity').click();
    await page.getByRole('option', { name: 'SEV3' }).click();
    await page.getByLabel('Search', { exact: true }).fill('token rotation');
    await page.waitForURL(
      u =>
        u.searchParams.get('q') === 'token rotation' &&
        u.searchParams.get('severity') === 'sev3' &&
        u.searchParams.get('team') === 'group:default/team-checkout',
      { timeout: 30_000 },
    );
    await page.reload();
    await page
      .getByRole('link', { name: title })
      .first()
      .waitFor({ timeout: 60_000 });
    if (
      (await page.getByLabel('Search', { exact: true }).inputValue()) !==
      'token rotation'
    ) {
      throw new Error('the search did not survive the reload');
    }
    await page.getByLabel('Team').getByText('Checkout team').waitFor();
    await page.getByLabel('Severity').getByText('SEV3').waitFor();
    // Only what matches: no SEV1 of the search team.
    if (
      await page
        .getByText('Search API errors after the index shard rebalance')
        .count()
    ) {
      throw new Error('the filtered list shows a postmortem it should not');
    }
    await page.getByRole('link', { name: title }).first().click();
    await page.waitForURL(pageUrl, { timeout: 30_000 });
    await page.getByRole('heading', { name: title }).waitFor();
    await expectCleanPage(page, requests, 'the org Postmortems tab');
  } finally {
    requests.stop();
  }
});
