/*
 * Leadership: /reliability/decisions lists what waits on leadership (the demo's Ledger, its
 * budget spent with no decision), counts by domain and the decisions taken with their
 * follow-up (the demo's loosened Cart pages SLO); a decision recorded from a row moves it to
 * the decisions taken, and stays there after a reload.
 *
 * The guest may not decide for the Ledger (its policy belongs to team-payments and escalates
 * to engineering leadership), so the journey first spends Cart web's budget, which the
 * guest's team owns: it pushes a failed minute into each of the last 30 five-minute slices
 * of Cart pages availability (99% of 5-minute slices over 7 days allows 20 bad ones). The
 * decision it records answers that out-of-budget period, so a second run needs a fresh
 * portal.
 */
import path from 'node:path';
import { test } from '../fixtures';
import {
  visit,
  assertHealthy,
  waitFor,
  watchReliabilityRequests,
  expectCleanPage,
  appUrl,
  backendUrl,
  artifacts,
  token,
} from '../helpers';

const MIN = 60_000;

test('leadership sees what waits on it, records a decision from the Decisions view, and sees it taken', async ({
  page,
}) => {
  const now = Math.floor(Date.now() / (5 * MIN)) * (5 * MIN);
  const items = Array.from({ length: 30 }, (_, i) => ({
    slo: 'cart-web-availability',
    // The second minute of each slice: clear of the live data the demo pushes now.
    timestamp: new Date(now - (i + 2) * 5 * MIN + MIN).toISOString(),
    good: 0,
    total: 100_000,
  }));
  const pushed = await fetch(`${backendUrl}/api/reliability/v1/sli/events`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ items }),
  });
  if (!pushed.ok) {
    throw new Error(
      `pushing Cart web's failures answered ${
        pushed.status
      }: ${await pushed.text()}`,
    );
  }

  const requests = watchReliabilityRequests(page);
  const url = `${appUrl}/reliability/decisions`;
  const pending = page.getByRole('table', { name: 'Waiting on leadership' });
  const row = (name: string) =>
    pending.getByTestId('pending-decision').filter({
      has: page.getByRole('link', { name, exact: true }),
    });
  // Evaluation follows the push; the policy's evaluation follows the SLO's.
  await waitFor(
    'the Ledger and Cart web waiting on leadership',
    async () => {
      await visit(page, url);
      await row('Ledger').waitFor({ timeout: 30_000 });
      await row('Cart web').waitFor({ timeout: 5_000 });
      return true;
    },
    240_000,
  );

  // The Ledger: budget spent, no decision, its budget in words, its name linking to the
  // policy section of its Reliability tab; the guest may not decide for it.
  const ledger = row('Ledger');
  await ledger.getByText(/over budget/).waitFor();
  await ledger
    .getByText(
      /^(Escalation overdue|Escalation due|Budget spent, no decision)$/,
    )
    .waitFor();
  const href = await ledger
    .getByRole('link', { name: 'Ledger', exact: true })
    .getAttribute('href');
  if (!href?.endsWith('/catalog/default/component/ledger/reliability/policy')) {
    throw new Error(`the Ledger links to ${href}, not its policy section`);
  }
  if (
    await ledger
      .getByRole('button', { name: 'Record decision for Ledger' })
      .isEnabled()
  ) {
    throw new Error('the guest may record a decision for the Ledger');
  }

  // Counts by domain: both wait in Commerce.
  const byDomain = page.getByRole('table', { name: 'Decisions by domain' });
  const commerce = byDomain.getByRole('row').filter({ hasText: 'Commerce' });
  const waiting = Number(await commerce.getByRole('cell').nth(1).innerText());
  if (!(waiting >= 2)) {
    throw new Error(`Commerce counts ${waiting} waiting, not 2 or more`);
  }

  // Taken already: the demo's loosened Cart pages SLO, with its follow-up.
  const taken = page.getByRole('table', { name: 'Decisions taken' });
  await taken
    .getByTestId('taken-decision')
    .filter({ hasText: 'Loosen the SLO' })
    .getByText(/Done: Cart pages availability 99\.5% → 99%/)
    .waitFor();
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.screenshot({ path: path.join(artifacts, 'decisions.png') });

  // Record leadership's decision for Cart web from its row.
  await row('Cart web')
    .getByRole('button', { name: 'Record decision for Cart web' })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByText('Record the leadership decision for Cart web')
    .waitFor();
  await dialog.getByLabel('Decision').click();
  await page.getByRole('option', { name: 'Fund reliability work' }).click();
  await dialog
    .getByLabel('Reason')
    .fill('e2e: two engineers on cart reliability for a quarter');
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 });

  const fundedCart = taken.getByTestId('taken-decision').filter({
    hasText: 'e2e: two engineers on cart reliability for a quarter',
  });
  await fundedCart.waitFor({ timeout: 30_000 });
  await fundedCart.getByText('Fund reliability work').waitFor();
  await row('Cart web').waitFor({ state: 'detached', timeout: 30_000 });

  // After a reload: still taken, not waiting, and the page is clean.
  await visit(page, url);
  await fundedCart.waitFor({ timeout: 60_000 });
  await row('Ledger').waitFor();
  if (await row('Cart web').count()) {
    throw new Error('Cart web waits on leadership again after the reload');
  }
  await assertHealthy(page);
  await expectCleanPage(page, requests, 'the Decisions view');
  requests.stop();
});
